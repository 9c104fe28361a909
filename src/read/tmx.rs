//! TMX 1.4 (1.1–1.4 read alike), with no I/O.
//!
//! One part per target language, in order of first appearance. In each
//! `<tu>`, the `<tuv>` in the header's `srclang` (the configured source
//! language when it says `*all*`) is the source and every other `<tuv>` a
//! target (`xml:lang`, or `lang` in TMX 1.1). Inline `<bpt>`/`<ept>`, `<ph>`,
//! `<it>`, `<hi>`, `<ut>` are kept as tags. Origin markers: the `<prop>`s of
//! the target variant and of the unit (`prop:TYPE`), then `changeid`,
//! `creationid` and `creationtool` of the variant and of the unit.

use std::io::BufRead;
use std::path::Path;

use super::origin::Markers;
use super::xml::{inline, Element, Item, XmlStream};
use super::{locale_code, Convert, Part, Unit};
use crate::error::Result;

/// Parses a TMX file's text; `source_language` is used when the header's srclang is `*all*` or missing.
pub fn parse(text: &str, path: &Path, source_language: &str) -> Result<Vec<Part>> {
    parse_stream(&mut XmlStream::new(text, path), source_language, None)
}

/// Parses TMX from a stream (a large file is read as it goes); with `convert`, each unit is
/// turned into a segment as soon as it is read.
pub fn parse_stream<R: BufRead>(
    stream: &mut XmlStream<R>,
    source_language: &str,
    convert: Option<&Convert>,
) -> Result<Vec<Part>> {
    let path = stream.path();
    let mut srclang = source_language.to_string();
    let mut parts: Vec<Part> = Vec::new();
    let (mut no_source, mut no_source_line) = (0usize, 0usize);
    loop {
        match stream.next_item()? {
            Item::Start(e, empty) if e.name == "header" => {
                if let Some(lang) = e.attr("srclang").filter(|l| !l.trim().is_empty() && *l != "*all*") {
                    locale_code(lang, "srclang", path, e.line)?;
                    srclang = lang.to_string();
                }
                stream.subtree(e, empty)?;
            }
            Item::Start(e, empty) if e.name == "tu" => {
                let tu = stream.subtree(e, empty)?;
                if !read_tu(&tu, &srclang, &mut parts, path)? {
                    no_source += 1;
                    if no_source_line == 0 {
                        no_source_line = tu.line;
                    }
                }
                if let Some(convert) = convert {
                    parts.iter_mut().for_each(|part| convert.drain(part));
                }
            }
            Item::Eof => break,
            _ => {}
        }
    }
    if no_source > 0 {
        let note = format!("{no_source} <tu>(s) with no variant in the source language {srclang} not read");
        match parts.first_mut() {
            Some(p) => p.warnings.push((no_source_line, note)),
            None => parts.push(Part { warnings: vec![(no_source_line, note)], ..Part::default() }),
        }
    }
    Ok(parts)
}

fn lang(tuv: &Element) -> Option<&str> {
    tuv.attr("xml:lang").or_else(|| tuv.attr("lang"))
}

/// Whether two tags share their primary language (`en-GB` and `en-US`): the
/// source when no variant is in srclang exactly.
fn same_language(tag: &str, srclang: &str) -> bool {
    let primary = |t: &str| t.split(['-', '_']).next().unwrap_or(t).to_ascii_lowercase();
    primary(tag) == primary(srclang)
}

fn seg_text(tuv: &Element) -> String {
    let mut out = String::new();
    if let Some(seg) = tuv.child("seg") {
        inline(&seg.children, &|_| None, &mut out);
    }
    out
}

fn props(e: &Element, markers: &mut Markers) {
    for p in e.elements().filter(|p| p.name == "prop") {
        let kind = p.attr("type").unwrap_or_default();
        markers.push((format!("prop:{kind}"), p.text()));
    }
}

/// Adds a unit's targets to their parts; false when the unit has no source variant.
fn read_tu(tu: &Element, srclang: &str, parts: &mut Vec<Part>, path: &Path) -> Result<bool> {
    let variants: Vec<&Element> = tu.elements().filter(|e| e.name == "tuv").collect();
    let source = variants
        .iter()
        .position(|v| lang(v).is_some_and(|l| l.eq_ignore_ascii_case(srclang)))
        .or_else(|| variants.iter().position(|v| lang(v).is_some_and(|l| same_language(l, srclang))));
    let Some(s) = source else { return Ok(false) };
    let source_text = seg_text(variants[s]);
    let id = tu.attr("tuid").map_or_else(|| tu.line.to_string(), str::to_string);
    for (i, tuv) in variants.iter().enumerate() {
        if i == s {
            continue;
        }
        let Some(locale) = lang(tuv) else { continue };
        let locale = &locale_code(locale, "xml:lang", path, tuv.line)?;
        let mut markers = Markers::new();
        props(tuv, &mut markers);
        props(tu, &mut markers);
        for owner in [*tuv, tu] {
            for key in ["changeid", "creationid", "creationtool"] {
                if let Some(v) = owner.attr(key) {
                    markers.push((key.to_string(), v.to_string()));
                }
            }
        }
        let slot = match parts.iter().position(|p| p.locale.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(locale)))
        {
            Some(slot) => slot,
            None => {
                parts.push(Part { locale: Some(locale.to_string()), ..Part::default() });
                parts.len() - 1
            }
        };
        parts[slot].units.push(Unit {
            id: id.clone(),
            line: tuv.line,
            source: source_text.clone(),
            target: seg_text(tuv),
            markers,
        });
    }
    Ok(true)
}
