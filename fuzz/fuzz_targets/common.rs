//! What the per-reader targets share: read the bytes as a file of one name
//! (and so one reader), then run the per-segment QA checks on what was read.

use lqa::intern::TextInterner;
use lqa::read::{parse_documents, FormatConfig, Source};

/// Parses `bytes` as a file called `name`; never panics, and every document
/// read has a locale (a BCP 47 tag or `und`) and segments with a line.
pub fn read_as(name: &str, bytes: &[u8]) {
    let source = Source { release: "current".into(), display: name.into(), relative: name.into() };
    let texts = TextInterner::default();
    let config = FormatConfig::default();
    let Ok(docs) = parse_documents(std::path::Path::new(name), bytes, &source, &config, &texts) else { return };
    for doc in &docs {
        assert!(!doc.locale.as_str().is_empty(), "empty locale");
        for segment in &doc.segments {
            let _ = lqa::checks::check_segment(&doc.locale, segment);
        }
    }
}
