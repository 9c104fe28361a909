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
    let edits = std::fs::read_to_string(out.path().join("segment_changes.csv")).unwrap();
    assert_eq!(edits, "locale,from_release,to_release,path,kind,old_position,new_position,old_line,new_line,old_source,new_source,old_target,new_target,old_origin,new_origin,source_similarity\n");
}

/// Rows of segment_changes.csv of one (locale, from release, path).
fn edits_of<'a>(
    rows: &'a [std::collections::HashMap<String, String>],
    from: &str,
    path_end: &str,
) -> Vec<&'a std::collections::HashMap<String, String>> {
    rows.iter().filter(|r| r["from_release"] == from && r["path"].ends_with(path_end)).collect()
}

#[test]
fn the_seed_names_the_edit_to_update_rename_as_one_source_change() {
    let out = tempfile::tempdir().unwrap();
    common::scan_shared("seed", out.path());
    let rows = common::read_csv(&out.path().join("segment_changes.csv"));
    // ru-RU update-customer-account-info.md, 2017-07-18 → 2018-02-19: line 24 → 25 of the two files.
    let step = edits_of(&rows, "2017-07-18_fb7ce2e0", "partner-center/update-customer-account-info.md");
    assert_eq!(step.len(), 1, "{step:?}");
    let edit = step[0];
    assert_eq!(edit["kind"], "source-changed");
    assert_eq!(edit["old_source"], "From the customer menu, select **Account**, then **Edit**.");
    assert_eq!(edit["new_source"], "From the customer menu, select **Account** and then **Update**.");
    assert_eq!(edit["old_target"], "В меню клиента выберите **Учетная запись**, а затем **Изменить**.");
    assert_eq!(edit["new_target"], "В меню клиента выберите **Учетная запись**, а затем **Обновить**.");
    assert_eq!((edit["old_origin"].as_str(), edit["new_origin"].as_str()), ("HT", "HT"));
    assert_eq!((edit["old_position"].as_str(), edit["new_position"].as_str()), ("10", "10"));
    assert_eq!((edit["old_line"].as_str(), edit["new_line"].as_str()), ("24", "25"));
    // 8 character edits over the 63 of the new sentence.
    assert_eq!(edit["source_similarity"].parse::<f64>().unwrap(), 1.0 - 8.0 / 63.0);
    // changes.csv says the same: one source changed, none added or removed.
    let changes = common::read_csv(&out.path().join("changes.csv"));
    let change = changes.iter().find(|c| c["from_release"] == "2017-07-18_fb7ce2e0").unwrap();
    let counts = ["sources_changed", "sources_added", "sources_removed", "targets_changed"].map(|c| change[c].as_str());
    assert_eq!(counts, ["1", "0", "0", "0"]);
    // Every edit of the 20 versions, counted by scripts/count_segment_changes.py from the raw files
    // (11 of the added are the first labelled version after one without spans).
    let count = |kind: &str| rows.iter().filter(|r| r["kind"] == kind).count();
    let counts = ["source-changed", "added", "removed", "retranslated"].map(count);
    assert_eq!(counts, [7, 19, 8, 9]);
    // The Archive file, added in 2019-03-08 and removed in 2019-11-07, is not listed segment by segment.
    assert!(rows.iter().all(|r| !r["path"].contains("Archive/")));
}

#[test]
fn segment_changes_of_the_releases_corpus_match_an_outside_count() {
    let out = scan_releases();
    let rows = common::read_csv(&out.path().join("segment_changes.csv"));
    // scripts/count_segment_changes.py over the raw files: the same 14,971 rows, kind,
    // positions and similarity alike; the retranslated ones are the README's 96 + 3,609 + 2,275.
    let count = |kind: &str| rows.iter().filter(|r| r["kind"] == kind).count();
    let counts = ["source-changed", "added", "removed", "retranslated"].map(count);
    assert_eq!(counts, [2_330, 4_386, 2_275, 5_980]);
    // The 2018 rename of the portal, in 4 documents of each of the 6 locales.
    let renamed = rows
        .iter()
        .filter(|r| r["kind"] == "source-changed" && r["old_source"] == "Partner Dashboard")
        .filter(|r| r["new_source"] == "Partner Center" && r["from_release"] == "2018-08-01")
        .count();
    assert_eq!(renamed, 24);
    // An unrelated sentence in the place of a heading stays removed and added (similarity 0.12):
    // ru-RU transition-seat-based-services.md, 2018-08-01 line 32 → 2019-01-01 line 40.
    let doc = edits_of(&rows, "2018-08-01", "ru-ru/partner-center/transition-seat-based-services.md");
    let removed = doc.iter().find(|r| r["old_source"] == "Multi-channel support").unwrap();
    assert_eq!((removed["kind"].as_str(), removed["old_line"].as_str()), ("removed", "32"));
    let added =
        doc.iter().find(|r| r["new_source"].starts_with("You, the CSP partner, must be in the same region")).unwrap();
    assert_eq!((added["kind"].as_str(), added["new_line"].as_str()), ("added", "40"));
}

#[test]
fn changes_csv_counts_the_segment_changes_of_each_document() {
    let out = scan_releases();
    let rows = common::read_csv(&out.path().join("segment_changes.csv"));
    let changes = common::read_csv(&out.path().join("changes.csv"));
    // (locale, from, path) → edits per kind.
    let mut counted: BTreeMap<(String, String, String), BTreeMap<String, usize>> = BTreeMap::new();
    for r in &rows {
        let key = (r["locale"].clone(), r["from_release"].clone(), r["path"].clone());
        *counted.entry(key).or_default().entry(r["kind"].clone()).or_default() += 1;
    }
    let mut listed = 0;
    for c in &changes {
        let key = (c["locale"].clone(), c["from_release"].clone(), c["path"].clone());
        let kinds = counted.get(&key).cloned().unwrap_or_default();
        if matches!(c["status"].as_str(), "added" | "removed") {
            assert!(kinds.is_empty(), "{c:?}");
            continue;
        }
        listed += usize::from(!kinds.is_empty());
        let n = |kind: &str| kinds.get(kind).copied().unwrap_or(0).to_string();
        assert_eq!(c["sources_changed"], n("source-changed"), "{c:?}");
        assert_eq!(c["sources_added"], n("added"), "{c:?}");
        assert_eq!(c["sources_removed"], n("removed"), "{c:?}");
        assert_eq!(c["targets_changed"], n("retranslated"), "{c:?}");
    }
    assert_eq!(listed, counted.len(), "every listed document has a changes.csv row");
    // 2018-08-01 → 2019-01-01: the 62 revised documents and 106 of the 112 relabel-only
    // ones, whose sources changed (the other 6 only changed their label).
    let first_step = counted.keys().filter(|(_, from, _)| from == "2018-08-01").count();
    assert_eq!(first_step, 62 + 106);
}

#[test]
fn segment_changes_are_in_locale_release_path_and_document_order() {
    let out = scan_releases();
    let rows = common::read_csv(&out.path().join("segment_changes.csv"));
    let releases = ["2018-08-01", "2019-01-01", "2019-07-01"];
    let key = |r: &std::collections::HashMap<String, String>| {
        let release = releases.iter().position(|x| *x == r["from_release"]).unwrap();
        (r["locale"].clone(), release, r["path"].clone())
    };
    assert!(rows.windows(2).all(|w| key(&w[0]) <= key(&w[1])), "documents in order");
    // Within a document the segments of the new version come in order.
    for w in rows.windows(2).filter(|w| key(&w[0]) == key(&w[1])) {
        let (a, b) = (&w[0]["new_position"], &w[1]["new_position"]);
        if !a.is_empty() && !b.is_empty() {
            assert!(a.parse::<usize>().unwrap() < b.parse::<usize>().unwrap(), "{w:?}");
        }
    }
}

#[test]
fn release_reports_and_page_are_byte_identical_with_one_or_two_threads() {
    let input = common::shared_corpus().join("releases");
    let names = ["segment_changes.csv", "changes.csv", "releases.csv", "index.html"];
    let runs =
        ["1", "2"].map(|jobs| common::reports_with_jobs(&[input.as_os_str(), "--releases".as_ref()], jobs, &names));
    assert!(runs[0][0].len() > 1_000_000, "segment_changes.csv holds the edits");
    assert!(runs[0] == runs[1], "--jobs 1 and --jobs 2 differ");
}
