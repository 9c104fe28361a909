//! The XLIFF, TMX, PO and CSV readers on arbitrary bytes: the first byte picks
//! the file name (and so the reader), the rest is the file. Never panics; the
//! per-segment QA checks run on whatever was read.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 7] = ["input.xlf", "input.xliff", "input.tmx", "input.po", "input.csv", "input.tsv", "input.xml"];

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    let source = lqa::read::Source { release: "current".into(), display: name.into(), relative: name.into() };
    let texts = lqa::intern::TextInterner::default();
    let config = lqa::read::FormatConfig::default();
    if let Ok(docs) = lqa::read::parse_documents(std::path::Path::new(name), rest, &source, &config, &texts) {
        for doc in &docs {
            for segment in &doc.segments {
                let _ = lqa::checks::check_segment(&doc.locale, segment);
            }
        }
    }
});
