//! Ground truth: for every file of the shared corpus (and of the shipped
//! sample), the reader returns exactly MANIFEST.tsv's segment count — the
//! number of `data-ttu-id=` occurrences — and the manifest's locale and type.

mod common;

use std::path::Path;

use lqa::model::{Origin, DEFAULT_RELEASE};
use lqa::read::{read_file, Source};

fn check_manifest(base: &Path, manifest: &Path) -> usize {
    let rows = common::manifest(manifest);
    assert!(!rows.is_empty());
    let mut failures = Vec::new();
    let texts = lqa::intern::TextInterner::default();
    for row in &rows {
        let path = base.join(&row.staged_path);
        let source =
            Source { release: DEFAULT_RELEASE.into(), display: row.staged_path.clone(), relative: row.path.clone() };
        match read_file(&path, &source, &texts) {
            Ok(doc) => {
                let origin = match row.translationtype.as_str() {
                    "HT" => Origin::Human,
                    "MT" => Origin::Machine,
                    _ => Origin::Unknown,
                };
                if doc.segments.len() != row.segments
                    || doc.locale != lqa::Locale::new(&row.locale)
                    || doc.origin != origin
                {
                    failures.push(format!(
                        "{}: {} segments {} {} (manifest: {} {} {})",
                        row.staged_path,
                        doc.segments.len(),
                        doc.locale,
                        doc.origin,
                        row.segments,
                        row.locale,
                        row.translationtype
                    ));
                }
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    assert!(failures.is_empty(), "{} of {} files disagree:\n{}", failures.len(), rows.len(), failures.join("\n"));
    rows.iter().map(|r| r.segments).sum()
}

#[test]
fn every_shared_corpus_file_has_its_manifest_segment_count() {
    let corpus = common::shared_corpus();
    let total = check_manifest(&corpus, &corpus.join("MANIFEST.tsv"));
    // 1,300 files; the sum is the manifest's own, checked file by file above.
    assert_eq!(total, 65_400);
}

#[test]
fn every_shipped_sample_file_has_its_manifest_segment_count() {
    let data = common::root().join("data");
    check_manifest(&data.join("sample"), &data.join("MANIFEST.tsv"));
}
