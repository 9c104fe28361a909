//! Shared by tests and benches: reader for the golden TSV files and the
//! list of real (non-edge) pairs in them.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// Reads a file written by Python's csv module with `delimiter='\t'`,
/// `quoting=QUOTE_ALL`, `lineterminator='\n'`: every field is `"..."` with
/// `""` for a quote; tabs, CR and LF inside quotes are literal.
pub fn read_tsv(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).expect("read golden file");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut field = String::new();
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(x) => field.push(x),
                        None => panic!("unterminated field in {}", path.display()),
                    }
                }
                row.push(field);
            }
            '\t' => {}
            '\n' => rows.push(std::mem::take(&mut row)),
            other => panic!("unquoted char {other:?} in {}", path.display()),
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

/// Directory of the golden files.
pub fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/metrics")
}

/// (hypothesis, reference) of every corpus pair (edge cases excluded), in
/// file order: real Microsoft Docs segments from all 7 locales.
pub fn real_pairs() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = fs::read_dir(golden_dir())
        .expect("golden dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("sentence_") && n != "sentence_edge.tsv")
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let rows = read_tsv(&f);
        let h = rows[0].iter().position(|x| x == "hypothesis").expect("column");
        let r = rows[0].iter().position(|x| x == "reference").expect("column");
        for row in &rows[1..] {
            out.push((row[h].clone(), row[r].clone()));
        }
    }
    out
}
