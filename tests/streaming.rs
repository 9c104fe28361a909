//! Hostile-input issue, item 3: a 1 GB XLIFF was read whole (1 GB for its bytes, then 8.9
//! million units with three strings each before the first segment), and a 2 GB TBX glossary
//! too. Large XLIFF and TMX files are now parsed as they are read, each unit turned into a
//! segment at once, and TBX is always streamed. Streaming must change nothing but memory:
//! the same documents, and the same errors (line and column) for files cut anywhere.

use std::path::{Path, PathBuf};

use lqa::intern::TextInterner;
use lqa::read::{read_documents_streaming_above, FormatConfig, Source};

fn source(name: &str) -> Source {
    Source { release: "current".into(), display: name.into(), relative: name.into() }
}

/// The XLIFF 1.2, XLIFF 2.0 and TMX files of tests/formats.rs (the fuzz seeds, whose first
/// byte picks the reader), named by format.
fn seeds(dir: &Path) -> Vec<PathBuf> {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/read_formats");
    [("xliff12", "a.de-de.xlf"), ("xliff20", "b.xlf"), ("tmx", "c.tmx")]
        .iter()
        .map(|(seed, name)| {
            let path = dir.join(name);
            std::fs::write(&path, &std::fs::read(seeds.join(seed)).unwrap()[1..]).unwrap();
            path
        })
        .collect()
}

/// Whole (threshold: never stream) and streamed (threshold 0) reads of one file, as text.
fn both(path: &Path) -> (String, String) {
    let read = |above: u64| {
        let texts = TextInterner::default();
        let name = path.file_name().unwrap().to_str().unwrap();
        match read_documents_streaming_above(path, &source(name), &FormatConfig::default(), &texts, u64::MAX, above) {
            Ok(docs) => format!("{docs:#?}"),
            Err(e) => format!("error: {e}"),
        }
    };
    (read(u64::MAX), read(0))
}

#[test]
fn a_streamed_xliff_or_tmx_gives_the_same_documents_as_one_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    for path in seeds(dir.path()) {
        let (whole, streamed) = both(&path);
        assert!(whole.contains("Segment"), "{}: {whole}", path.display());
        assert_eq!(whole, streamed, "{}", path.display());
    }
}

#[test]
fn a_streamed_file_cut_anywhere_gives_the_same_error_as_one_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut errors = 0;
    for path in seeds(dir.path()) {
        let bytes = std::fs::read(&path).unwrap();
        let cut = path.with_extension(format!("cut.{}", path.extension().unwrap().to_str().unwrap()));
        for at in (1..bytes.len()).step_by(7) {
            std::fs::write(&cut, &bytes[..at]).unwrap();
            let (whole, streamed) = both(&cut);
            assert_eq!(whole, streamed, "{} cut at byte {at}", path.display());
            errors += usize::from(whole.starts_with("error: "));
        }
    }
    // Most cuts end inside an element: errors with a line and column, compared above.
    assert!(errors > 100, "{errors}");
}

#[test]
fn a_streamed_file_with_a_nul_past_the_first_bytes_is_binary() {
    let dir = tempfile::tempdir().unwrap();
    let path = &seeds(dir.path())[0];
    let mut bytes = std::fs::read(path).unwrap();
    let padding = format!("<!--{}-->", " ".repeat(10_000));
    let at = bytes.windows(7).position(|w| w == b"<xliff ").unwrap();
    bytes.splice(at..at, padding.bytes());
    let nul = bytes.len() - 20;
    bytes[nul] = 0;
    std::fs::write(path, &bytes).unwrap();
    let (whole, streamed) = both(path);
    assert_eq!(whole, streamed);
    assert!(whole.contains("binary"), "{whole}");
}

#[test]
fn a_tbx_glossary_is_streamed_with_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.tbx");
    let entry = |i: usize| {
        format!(
            "<termEntry id=\"e{i}\">\n<langSet xml:lang=\"en-US\"><tig><term>term {i}</term></tig></langSet>\n\
             <langSet xml:lang=\"de-DE\"><tig><term>Begriff {i}</term></tig></langSet>\n</termEntry>\n"
        )
    };
    let mut text = String::from("<?xml version=\"1.0\"?>\n<martif type=\"TBX\"><text><body>\n");
    for i in 0..20_000 {
        text.push_str(&entry(i));
    }
    std::fs::write(&path, format!("{text}</body></text></martif>\n")).unwrap();
    let entries = lqa::terms::glossary::read(&path, u64::MAX).unwrap();
    assert_eq!(entries.len(), 20_000);
    // Entry i starts on line 3 + 4 i.
    assert_eq!((entries[19_999].source.as_str(), entries[19_999].line), ("term 19999", 3 + 4 * 19_999));
    // Cut inside the last entry: the error names the line the file ends on.
    std::fs::write(&path, &text[..text.len() - 30]).unwrap();
    let e = lqa::terms::glossary::read(&path, u64::MAX).unwrap_err().to_string();
    assert!(e.starts_with(&format!("{}:{}: TBX:", path.display(), 1 + 4 * 20_000)), "{e}");
}
