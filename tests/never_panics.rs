//! Property tests: the reader and the markup scanner never panic, whatever the
//! bytes, and never lose a segment they report.

use std::path::Path;

use lqa::model::DEFAULT_RELEASE;
use lqa::read::{msdocs, parse_bytes, Source};
use proptest::prelude::*;

/// Fragments of the span grammar, so random inputs hit the parser's edges far
/// more often than uniformly random bytes would.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<span data-ttu-id=\"a1-1\">".to_string()),
        Just("<span data-ttu-id=&quot;a1-2&quot;>".to_string()),
        Just("</span>".to_string()),
        Just("<span class=\"sxs-lookup\">".to_string()),
        Just("<span data-stu-id=\"a1-1\">".to_string()),
        Just("---\n".to_string()),
        Just("title: \"<span data-ttu-id=\\\"b-1\\\">".to_string()),
        Just("**".to_string()),
        Just("[x](".to_string()),
        Just("&gt;".to_string()),
        Just("\\".to_string()),
        Just("\r\n".to_string()),
        Just("\u{FEFF}".to_string()),
        "\\PC{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let source = Source { release: DEFAULT_RELEASE.into(), display: "p.md".into(), relative: "p.md".into() };
        let _ = parse_bytes(Path::new("p.md"), &bytes, &source);
    }

    #[test]
    fn span_soup_never_panics_and_counts_every_occurrence(parts in proptest::collection::vec(fragment(), 0..40)) {
        let text: String = parts.concat();
        if let Ok(parsed) = msdocs::parse(&text) {
            // A successful parse returns one segment per data-ttu-id= occurrence.
            prop_assert_eq!(parsed.segments.len(), text.matches("data-ttu-id=").count());
            for s in &parsed.segments {
                let _ = lqa::markup::extract(&s.source.raw);
            }
        }
    }

    #[test]
    fn a_well_formed_segment_round_trips(target in "[^<>&\\\\\"]{0,40}", source in "[^<>&\\\\\"]{0,40}") {
        let text = format!(
            "<span data-ttu-id=\"z9-1\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"z9-1\">{source}</span></span>"
        );
        let parsed = msdocs::parse(&text).unwrap();
        prop_assert_eq!(parsed.segments.len(), 1);
        prop_assert_eq!(&parsed.segments[0].target.raw, &target);
        prop_assert_eq!(&parsed.segments[0].source.raw, &source);
    }
}
