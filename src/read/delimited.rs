//! Bilingual CSV/TSV tables, with no I/O.
//!
//! The header names the columns (configurable, matched case-insensitively;
//! see [`Columns`]): `source` and `target` are required, `locale`, `origin`,
//! `id` and `document` optional. The delimiter is a tab for `.tsv`/`.tab`;
//! for `.csv` whichever of `,` `;` tab occurs most in the header line.
//! Quoted fields may hold delimiters and newlines. Rows are grouped into one
//! part per (document, locale), in order of first appearance; the origin
//! column is the `origin` marker (HT, MT, human, machine…).

use std::path::Path;

use super::origin::{Columns, Markers};
use super::{locale_code, Part, Unit};
use crate::error::{Error, Result};

/// Parses a table; `None` when its header has no source and target column (not a bilingual file).
pub fn parse(text: &str, path: &Path, columns: &Columns) -> Result<Option<Vec<Part>>> {
    let header_line = text.lines().next().unwrap_or_default();
    let tab = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "tsv" | "tab"));
    let delimiter = if tab {
        b'\t'
    } else {
        *[b',', b';', b'\t']
            .iter()
            .max_by_key(|d| (header_line.bytes().filter(|b| b == *d).count(), d == &&b','))
            .unwrap_or(&b',')
    };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(false).from_reader(text.as_bytes());
    let input = |line: u64, message: String| Error::Input { path: path.to_path_buf(), line: line as usize, message };
    let headers = reader.headers().map_err(|e| input(1, e.to_string()))?.clone();
    let find = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(source), Some(target)) = (find(&columns.source), find(&columns.target)) else { return Ok(None) };
    let (locale, origin, id, document) =
        (find(&columns.locale), find(&columns.origin), find(&columns.id), find(&columns.document));
    let mut parts: Vec<Part> = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            input(line, format!("row {}: {}", row + 1, kind_message(&e)))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::to_string);
        let loc = get(locale).filter(|l| !l.trim().is_empty());
        let (doc, loc) = (get(document), loc.map(|l| locale_code(&l, "the locale column", path, line)).transpose()?);
        let slot = match parts.iter().position(|p| p.name == doc && p.locale == loc) {
            Some(slot) => slot,
            None => {
                parts.push(Part { name: doc.clone(), locale: loc.clone(), title: doc.clone(), ..Part::default() });
                parts.len() - 1
            }
        };
        let mut markers = Markers::new();
        if let Some(o) = get(origin).filter(|o| !o.trim().is_empty()) {
            markers.push(("origin".into(), o));
        }
        parts[slot].units.push(Unit {
            id: get(id).filter(|i| !i.is_empty()).unwrap_or_else(|| (row + 1).to_string()),
            line,
            source: get(Some(source)).unwrap_or_default(),
            target: get(Some(target)).unwrap_or_default(),
            markers,
        });
    }
    if parts.is_empty() {
        parts.push(Part::default());
    }
    Ok(Some(parts))
}

/// The message of a csv error without its position prefix.
fn kind_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
        _ => e.to_string(),
    }
}
