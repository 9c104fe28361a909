//! Releases: what changed between consecutive releases of the shared corpus,
//! checked against counts made outside lqa.

mod common;

use std::collections::BTreeMap;

use assert_cmd::Command;

fn scan_releases() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    common::scan_shared("releases", out.path());
    out
}

#[test]
fn the_2018_flip_is_relabel_only_and_the_2019_one_a_retranslation() {
    let out = scan_releases();
    let changes = common::read_csv(&out.path().join("changes.csv"));
    // (from, to) → (aligned, targets changed, relabel-only docs, revised docs)
    let mut by_pair: BTreeMap<(String, String), (usize, usize, usize, usize)> = BTreeMap::new();
    for row in &changes {
        let e = by_pair.entry((row["from_release"].clone(), row["to_release"].clone())).or_default();
        e.0 += row["aligned"].parse::<usize>().unwrap();
        e.1 += row["targets_changed"].parse::<usize>().unwrap();
        e.2 += usize::from(row["status"] == "relabel-only");
        e.3 += usize::from(row["status"] == "revised");
    }
    // Counted in Python over the same files: spans normalised (entities, escapes, NFC,
    // whitespace), each source's k-th occurrence aligned with its k-th occurrence.
    // SOURCES.md counts distinct sources instead: 92 of 3,591 changed.
    let flip = by_pair[&("2018-08-01".to_string(), "2019-01-01".to_string())];
    assert_eq!(flip, (3_672, 96, 112, 62));
    let retranslation = by_pair[&("2019-01-01".to_string(), "2019-07-01".to_string())];
    assert!(retranslation.1 * 2 > retranslation.0, "over half the targets changed: {retranslation:?}");
    assert_eq!(retranslation.2 + retranslation.3, 174, "29 documents in 6 locales");
    // Every relabel-only document changed its label and none of its aligned targets.
    for row in changes.iter().filter(|r| r["status"] == "relabel-only") {
        assert_ne!(row["old_origin"], row["new_origin"]);
        assert_eq!(row["targets_changed"], "0");
    }
}

#[test]
fn releases_csv_sums_the_changes_per_locale_and_release() {
    let out = scan_releases();
    let releases = common::read_csv(&out.path().join("releases.csv"));
    let changes = common::read_csv(&out.path().join("changes.csv"));
    for row in releases.iter().filter(|r| r["origin"] == "all") {
        let of_release: Vec<_> =
            changes.iter().filter(|c| c["locale"] == row["locale"] && c["to_release"] == row["release"]).collect();
        let relabels = of_release.iter().filter(|c| c["status"] == "relabel-only").count();
        let changed: usize = of_release.iter().map(|c| c["targets_changed"].parse::<usize>().unwrap()).sum();
        assert_eq!(row["relabel_only_documents"], relabels.to_string(), "{row:?}");
        assert_eq!(row["targets_changed"], changed.to_string(), "{row:?}");
    }
    // Four releases of six locales, each with its all row.
    assert_eq!(releases.iter().filter(|r| r["origin"] == "all").count(), 24);
    // The release verdicts: the 2018 flip relabels every document of every locale and
    // changes at most 7.3% of a locale's aligned targets (ja-JP: 44 of 602), the later ones far more.
    for row in releases.iter().filter(|r| r["origin"] == "all") {
        let relabelled = changes
            .iter()
            .filter(|c| c["locale"] == row["locale"] && c["to_release"] == row["release"])
            .filter(|c| !c["old_origin"].is_empty() && c["old_origin"] != c["new_origin"])
            .count();
        assert_eq!(row["relabelled_documents"], relabelled.to_string(), "{row:?}");
        let want = match row["release"].as_str() {
            "2018-08-01" => "first",
            "2019-01-01" => "relabel-only",
            _ => "relabelled-and-revised",
        };
        assert_eq!(row["transition"], want, "{row:?}");
    }
}

#[test]
fn the_summary_names_each_release_transition() {
    let out = tempfile::tempdir().unwrap();
    let assert = Command::cargo_bin("lqa")
        .unwrap()
        .arg("scan")
        .arg(common::shared_corpus().join("releases"))
        .args(["--releases", "--quiet", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        stdout.contains("release 2018-08-01 -> 2019-01-01: relabel-only (174 of 174 documents relabelled, 112 relabel-only; 96 of 3672 aligned targets changed, 2.6%; 6 locales)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("release 2019-01-01 -> 2019-07-01: relabelled-and-revised (173 of 174 documents relabelled"),
        "{stdout}"
    );
}

#[test]
fn one_release_gives_no_changes() {
    let out = tempfile::tempdir().unwrap();
    Command::cargo_bin("lqa")
        .unwrap()
        .args(["scan", "data/sample/seeds", "--quiet", "--out"])
        .arg(out.path())
        .current_dir(common::root())
        .assert()
        .success();
    let changes = std::fs::read_to_string(out.path().join("changes.csv")).unwrap();
    assert_eq!(changes.lines().count(), 1, "header only");
    assert!(changes.starts_with("locale,from_release,to_release,path,status"));
}
