//! XLIFF 1.2 and 2.x, with no I/O.
//!
//! One part per `<file>`; its target locale from `target-language` (1.2) or
//! the root's `trgLang` (2.x).
//! - 1.2: a `<trans-unit>` is one segment, or one per `<mrk mtype="seg">` of
//!   its `<seg-source>` paired by `mid` with the target's. Inline `<g>`,
//!   `<x/>`, `<bx/>`, `<ex/>`, `<ph>`, `<bpt>`/`<ept>`, `<it>`, `<mrk>` are
//!   kept as tags. Origin markers: `state-qualifier`, an `<alt-trans>` whose
//!   target equals the unit's (`mt-match` when its origin names MT;
//!   `alt-trans.origin` for rules), SDL's `<sdl:seg origin>`, ITS
//!   attributes, then `state`. Units marked `translate="no"`, units with
//!   no `<target>`, and untranslated ones (an empty target, SDL's empty
//!   `<mrk mtype="seg"/>`, whose state is absent or new, initial,
//!   needs-translation…) are not read (a warning counts them).
//! - 2.x: each `<segment>` of a `<unit>` is a segment (`<ignorable>` is not);
//!   inline `<pc>`, `<ph/>`, `<sc/>`/`<ec/>`, `<mrk>`, `<sm/>`/`<em/>` kept as
//!   tags, `<cp hex>` decoded. Origin markers: `<mtc:match>` candidates of
//!   `type="mt"` (or an MT origin) whose target equals the segment's, ITS
//!   provenance and MT confidence, `subState`, then `state`.

use std::io::BufRead;
use std::path::Path;

use super::origin::{word, Markers};
use super::xml::{inline, Element, Item, XmlStream};
use super::{locale_code, Convert, Part, Unit};
use crate::error::Result;
use crate::model::Origin;

/// Parses an XLIFF file's text (`path` names it in errors).
pub fn parse(text: &str, path: &Path) -> Result<Vec<Part>> {
    parse_stream(&mut XmlStream::new(text, path), None)
}

/// Parses XLIFF from a stream (a large file is read as it goes); with `convert`, each unit is
/// turned into a segment as soon as it is read.
pub fn parse_stream<R: BufRead>(stream: &mut XmlStream<R>, convert: Option<&Convert>) -> Result<Vec<Part>> {
    let path = stream.path();
    let mut parts = Vec::new();
    let mut part: Option<Part> = None;
    // 2.x gives the languages on the root.
    let mut root_target: Option<String> = None;
    // Units passed over in the current <file>, and the line of the first.
    let mut untranslated = (0usize, 0usize);
    loop {
        match stream.next_item()? {
            Item::Start(e, empty) => match e.name.as_str() {
                "xliff" => {
                    root_target = e.attr("trgLang").map(|v| locale_code(v, "trgLang", path, e.line)).transpose()?;
                }
                "file" => {
                    if let Some(done) = part.take() {
                        parts.push(close(done, &mut untranslated));
                    }
                    let locale = e.attr("target-language").map(|v| locale_code(v, "target-language", path, e.line));
                    let locale = locale.transpose()?.or_else(|| root_target.clone());
                    let name = e.attr("original").or_else(|| e.attr("id")).map(str::to_string);
                    part = Some(Part { name: name.clone(), locale, title: name, ..Part::default() });
                    if empty {
                        parts.extend(part.take().map(|p| close(p, &mut untranslated)));
                    }
                }
                "trans-unit" | "unit" => {
                    let unit = stream.subtree(e, empty)?;
                    let part = part.get_or_insert_with(|| Part { locale: root_target.clone(), ..Part::default() });
                    let before = part.units.len();
                    let skipped = if unit.name == "unit" { units_2(&unit, part) } else { units_1(&unit, part) };
                    if skipped && part.units.len() == before {
                        untranslated.0 += 1;
                        if untranslated.1 == 0 {
                            untranslated.1 = unit.line;
                        }
                    }
                    if let Some(convert) = convert {
                        convert.drain(part);
                    }
                }
                _ => {
                    // Skip what is not a unit (headers, notes, binary units) whole.
                    if matches!(e.name.as_str(), "header" | "bin-unit" | "notes" | "skeleton") {
                        stream.subtree(e, empty)?;
                    }
                }
            },
            Item::End(name) if name == "file" => parts.extend(part.take().map(|p| close(p, &mut untranslated))),
            Item::End(_) | Item::Text(_) => {}
            Item::Eof => break,
        }
    }
    parts.extend(part.map(|p| close(p, &mut untranslated)));
    Ok(parts)
}

/// A finished part, with a warning counting the units it passed over.
fn close(mut part: Part, untranslated: &mut (usize, usize)) -> Part {
    let (count, line) = std::mem::take(untranslated);
    if count > 0 {
        part.warnings
            .push((line, format!("{count} unit(s) with no translation (no <target>, an empty one not marked translated, or translate=\"no\") not read")));
    }
    part
}

/// Inline content as segment text (1.2 and 2.x): every inline element kept as a tag, `<cp hex>` as its character.
fn content(e: &Element) -> String {
    let mut out = String::new();
    inline(&e.children, &code_point, &mut out);
    out
}

/// The character a 2.x `<cp hex="…"/>` stands for (nothing when the code is no character).
fn code_point(e: &Element) -> Option<String> {
    (e.name == "cp").then(|| {
        let ch = e.attr("hex").and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32);
        ch.map(String::from).unwrap_or_default()
    })
}

/// ITS attributes on an element, as markers (revision by a person outranks MT confidence).
fn its_markers(e: &Element, markers: &mut Markers) {
    for (key, value) in &e.attrs {
        let key = key.to_ascii_lowercase();
        let local = key.rsplit(':').next().unwrap_or(&key);
        let field = match local {
            "revperson" | "revpersonref" => "its:revperson",
            "person" | "personref" => "its:person",
            "mtconfidence" => "its:mtconfidence",
            "annotatorsref" if value.to_ascii_lowercase().contains("mt-confidence") => "its:mtconfidence",
            _ => continue,
        };
        markers.push((field.to_string(), value.clone()));
    }
}

/// Whether an MT candidate's origin attributes say machine.
fn names_mt(e: &Element) -> bool {
    let by_type = e.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("mt"))
        || e.attr("alttranstype").is_some_and(|t| t.eq_ignore_ascii_case("mt"));
    let by_origin = e.attr("origin").is_some_and(|o| {
        let o = o.to_ascii_lowercase();
        word(&o) == Some(Origin::Machine)
            || o.contains("machine")
            || o.split(|c: char| !crate::charclass::is_alphanumeric(c)).any(|w| w == "mt" || w == "nmt")
    });
    let by_qualifier = e
        .child("target")
        .and_then(|t| t.attr("state-qualifier"))
        .is_some_and(|q| q.eq_ignore_ascii_case("mt-suggestion") || q.eq_ignore_ascii_case("leveraged-mt"));
    by_type || by_origin || by_qualifier
}

/// Markers of a candidate (`<alt-trans>`, `<mtc:match>`) whose target the unit took:
/// `mt-match` when it names MT, and its origin under `field` for rules.
fn candidate_markers(candidate: &Element, field: &str, markers: &mut Markers) {
    if names_mt(candidate) {
        markers.push(("mt-match".into(), candidate.attr("origin").unwrap_or("mt").into()));
    }
    if let Some(o) = candidate.attr("origin") {
        markers.push((field.into(), o.into()));
    }
}

/// Whether a unit with an empty target is simply not translated yet: its state
/// (XLIFF 1.2 `state`, 2.x `state`/`subState`, SDL `conf`) is absent or says so
/// (new, initial, needs-translation, draft…). An empty target a translator marked
/// done (translated, reviewed, final, signed-off) is a defect and stays a segment.
fn untranslated(text: &str, states: &[Option<&str>]) -> bool {
    if !text.trim().is_empty() {
        return false;
    }
    let done = |s: &str| {
        let s = s.to_ascii_lowercase();
        matches!(
            s.as_str(),
            "translated" | "reviewed" | "final" | "signed-off" | "approvedtranslation" | "approvedsignoff"
        ) || s.starts_with("needs-review")
    };
    !states.iter().flatten().any(|s| done(s))
}

/// Reads an XLIFF 1.2 `<trans-unit>`; returns true when it was passed over for having no translation.
fn units_1(tu: &Element, part: &mut Part) -> bool {
    if tu.attr("translate").is_some_and(|t| t.eq_ignore_ascii_case("no")) {
        return true;
    }
    let id = tu.attr("id").unwrap_or_default().to_string();
    let (Some(source), Some(target)) = (tu.child("source"), tu.child("target")) else { return true };
    // Candidates whose text the target took.
    let alt: Vec<&Element> = tu.elements().filter(|e| e.name == "alt-trans").collect();
    let markers_for = |target_el: &Element, target_text: &str, seg_origin: Option<&str>| -> Markers {
        let mut m = Markers::new();
        if let Some(o) = seg_origin {
            m.push(("origin".into(), o.into()));
        }
        if let Some(q) = target_el.attr("state-qualifier").or_else(|| target.attr("state-qualifier")) {
            m.push(("state-qualifier".into(), q.into()));
        }
        for a in &alt {
            if a.child("target").is_some_and(|t| content(t) == target_text) {
                candidate_markers(a, "alt-trans.origin", &mut m);
            }
        }
        its_markers(tu, &mut m);
        its_markers(target, &mut m);
        if !std::ptr::eq(target_el, target) {
            its_markers(target_el, &mut m);
        }
        if let Some(p) = target.attr("phase-name") {
            m.push(("phase".into(), p.into()));
        }
        if let Some(s) = target_el.attr("state").or_else(|| target.attr("state")) {
            m.push(("state".into(), s.into()));
        }
        m
    };
    // SDL Trados: <sdl:seg-defs><sdl:seg id="1" origin="mt"/> per segment mid.
    let sdl_segs: Vec<&Element> =
        tu.elements().filter(|e| e.name == "seg-defs").flat_map(|d| d.elements()).filter(|s| s.name == "seg").collect();
    let sdl: Vec<(String, String)> =
        sdl_segs.iter().filter_map(|s| Some((s.attr("id")?.to_string(), s.attr("origin")?.to_string()))).collect();
    let sdl_origin = |mid: &str| sdl.iter().find(|(i, _)| i == mid).map(|(_, o)| o.as_str());
    let seg_marks = |e| {
        let mut found = Vec::new();
        collect_seg_mrk(e, &mut found);
        found
    };
    let source_segs = tu.child("seg-source").map(seg_marks).unwrap_or_default();
    if !source_segs.is_empty() {
        let target_segs = seg_marks(target);
        let mut passed_over = false;
        for s in &source_segs {
            let mid = s.attr("mid").unwrap_or_default();
            let Some(t) = target_segs.iter().find(|t| t.attr("mid") == Some(mid)) else { continue };
            let target_text = content(t);
            // SDL's empty `<mrk mtype="seg"/>`: a segment nobody translated yet.
            let conf = sdl_segs.iter().find(|e| e.attr("id") == Some(mid)).and_then(|e| e.attr("conf"));
            if untranslated(&target_text, &[t.attr("state"), target.attr("state"), conf]) {
                passed_over = true;
                continue;
            }
            let markers = markers_for(t, &target_text, sdl_origin(mid));
            part.units.push(Unit {
                id: format!("{id}/{mid}"),
                line: t.line,
                source: content(s),
                target: target_text,
                markers,
            });
        }
        return passed_over;
    }
    let target_text = content(target);
    if untranslated(&target_text, &[target.attr("state")]) {
        return true;
    }
    let only_sdl = if sdl.len() == 1 { Some(sdl[0].1.as_str()) } else { None };
    let markers = markers_for(target, &target_text, only_sdl);
    part.units.push(Unit { id, line: tu.line, source: content(source), target: target_text, markers });
    false
}

/// The `<mrk mtype="seg">` elements below `e`, in order.
fn collect_seg_mrk<'e>(e: &'e Element, out: &mut Vec<&'e Element>) {
    for c in e.elements() {
        if c.name == "mrk" && c.attr("mtype").is_some_and(|m| m.eq_ignore_ascii_case("seg")) {
            out.push(c);
        } else {
            collect_seg_mrk(c, out);
        }
    }
}

/// Reads an XLIFF 2.x `<unit>`; returns true when a segment was passed over for having no translation.
fn units_2(unit: &Element, part: &mut Part) -> bool {
    if unit.attr("translate").is_some_and(|t| t.eq_ignore_ascii_case("no")) {
        return true;
    }
    let id = unit.attr("id").unwrap_or_default();
    let matches: Vec<&Element> = unit
        .elements()
        .filter(|e| e.name == "matches")
        .flat_map(|m| m.elements())
        .filter(|m| m.name == "match")
        .collect();
    let mut skipped = false;
    let single = unit.elements().filter(|e| e.name == "segment").count() == 1;
    for (k, segment) in unit.elements().filter(|e| e.name == "segment").enumerate() {
        let (Some(source), Some(target)) = (segment.child("source"), segment.child("target")) else {
            skipped = true;
            continue;
        };
        let seg_id = segment.attr("id").map_or_else(|| (k + 1).to_string(), str::to_string);
        let target_text = content(target);
        if untranslated(&target_text, &[segment.attr("state"), segment.attr("subState")]) {
            skipped = true;
            continue;
        }
        let mut m = Markers::new();
        for candidate in &matches {
            let refers =
                candidate.attr("ref").is_none_or(|r| r.trim_start_matches('#').rsplit('=').next() == Some(&seg_id));
            let same = candidate.child("target").is_some_and(|t| content(t) == target_text);
            if refers && same {
                candidate_markers(candidate, "mtc.origin", &mut m);
            }
        }
        its_markers(unit, &mut m);
        its_markers(segment, &mut m);
        its_markers(target, &mut m);
        if let Some(s) = segment.attr("subState") {
            m.push(("substate".into(), s.into()));
        }
        if let Some(s) = segment.attr("state") {
            m.push(("state".into(), s.into()));
        }
        part.units.push(Unit {
            // A unit of one segment with no id of its own is known by the unit's id.
            id: if single && segment.attr("id").is_none() { id.to_string() } else { format!("{id}/{seg_id}") },
            line: segment.line,
            source: content(source),
            target: target_text,
            markers: m,
        });
    }
    skipped
}
