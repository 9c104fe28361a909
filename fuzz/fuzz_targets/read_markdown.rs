//! The Markdown reader on arbitrary bytes: never panics; a parsed document's
//! segments each have an id, and their count never exceeds the span openings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("fuzz/input.md");
    let source = lqa::read::Source { release: "current".into(), display: "input.md".into(), relative: "input.md".into() };
    if let Ok(doc) = lqa::read::parse_bytes(path, bytes, &source) {
        let openings = bytes.windows(12).filter(|w| w == b"data-ttu-id=").count();
        assert!(doc.segments.len() <= openings, "{} segments from {openings} openings", doc.segments.len());
        for segment in &doc.segments {
            assert!(!segment.id.is_empty());
        }
        // The per-segment QA checks never panic on what the reader produced.
        for segment in &doc.segments {
            let _ = lqa::checks::check_segment(&doc.locale, segment);
        }
    }
});
