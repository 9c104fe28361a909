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

/// Fragments of XLIFF, TMX, PO and CSV, so random soups reach the readers' edges.
fn exchange_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<xliff version=\"1.2\">".to_string()),
        Just("<xliff version=\"2.0\" trgLang=\"de\">".to_string()),
        Just("<file target-language=\"de\">".to_string()),
        Just("<trans-unit id=\"1\">".to_string()),
        Just("<unit id=\"u\"><segment>".to_string()),
        Just("<source>".to_string()),
        Just("</source>".to_string()),
        Just("<target state-qualifier=\"leveraged-mt\">".to_string()),
        Just("</target>".to_string()),
        Just("<seg-source><mrk mtype=\"seg\" mid=\"1\">".to_string()),
        Just("<mrk mtype=\"seg\" mid=\"1\">".to_string()),
        Just("<alt-trans origin=\"MT\"><target>".to_string()),
        Just("<mtc:match ref=\"#s1\" type=\"mt\"><target>".to_string()),
        Just("<cp hex=\"D800\"/>".to_string()),
        Just("<cp hex=\"zz\"/>".to_string()),
        Just("<tmx version=\"1.4\"><header srclang=\"*all*\"/>".to_string()),
        Just("<tu><tuv xml:lang=\"en\"><seg>".to_string()),
        Just("<tuv lang=\"ru\"><prop type=\"x-origin\">MT</prop><seg>".to_string()),
        Just("</seg></tuv></tu>".to_string()),
        Just("<g id=\"1\"/>".to_string()),
        Just("&amp;&#x0;&#65;&bogus;<![CDATA[x]]>".to_string()),
        Just("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>".to_string()),
        Just("msgid \"".to_string()),
        Just("msgstr[1] \"".to_string()),
        Just("msgid_plural \"x\"\n".to_string()),
        Just("#, fuzzy\n".to_string()),
        Just("\"\\x41\\777\\".to_string()),
        Just("\n".to_string()),
        Just("\",;\t".to_string()),
        "\\PC{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn exchange_formats_never_panic(parts in proptest::collection::vec(exchange_fragment(), 0..40), ext in 0usize..6) {
        let name = ["a.xlf", "a.xliff", "a.tmx", "a.po", "a.csv", "a.xml"][ext];
        let text = parts.concat();
        let source = Source { release: DEFAULT_RELEASE.into(), display: name.into(), relative: name.into() };
        let texts = lqa::intern::TextInterner::default();
        let config = lqa::read::FormatConfig::default();
        if let Ok(docs) = lqa::read::parse_documents(Path::new(name), text.as_bytes(), &source, &config, &texts) {
            for d in &docs {
                prop_assert!(d.segments.iter().all(|s| s.line >= 1 || name == "a.csv"));
            }
        }
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        utf16.push(0x41); // an odd byte count
        let _ = lqa::read::parse_documents(Path::new(name), &utf16, &source, &config, &texts);
    }

    #[test]
    fn exchange_formats_take_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400), ext in 0usize..5) {
        let name = ["a.xlf", "a.tmx", "a.po", "a.tsv", "a.xml"][ext];
        let source = Source { release: DEFAULT_RELEASE.into(), display: name.into(), relative: name.into() };
        let texts = lqa::intern::TextInterner::default();
        let _ = lqa::read::parse_documents(Path::new(name), &bytes, &source, &lqa::read::FormatConfig::default(), &texts);
    }
}

/// Inputs cargo-fuzz found crashing a reader, kept once fixed. The first byte
/// picks the reader as in fuzz/fuzz_targets/read_formats.rs.
#[test]
fn fuzz_crashes_stay_fixed() {
    const NAMES: [&str; 7] =
        ["input.xlf", "input.xliff", "input.tmx", "input.po", "input.csv", "input.tsv", "input.xml"];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let Some((&pick, rest)) = bytes.split_first() else { continue };
        let name = NAMES[pick as usize % NAMES.len()];
        let source = Source { release: DEFAULT_RELEASE.into(), display: name.into(), relative: name.into() };
        let texts = lqa::intern::TextInterner::default();
        let _ = lqa::read::parse_documents(Path::new(name), rest, &source, &lqa::read::FormatConfig::default(), &texts);
        seen += 1;
    }
    // Found 2026-11-24: a hex escape of more than 8 digits in a PO string overflowed;
    // an XML error position inside a UTF-16-decoded character was sliced.
    assert!(seen >= 2);
}
