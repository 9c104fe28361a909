//! `lqa compare`: per-locale changes with paired-bootstrap intervals between two
//! scans; the relabelled-HT "MT" of 2019-01-01 against the real MT of 2020-01-01.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use assert_cmd::Command;

fn lqa() -> Command {
    Command::cargo_bin("lqa").expect("lqa binary built")
}

/// Scans two releases together: HT of one, MT of the other, so they pair.
fn scan_two(out: &Path, a: &str, b: &str) {
    let releases = common::shared_corpus().join("releases");
    lqa()
        .arg("scan")
        .arg(releases.join(a))
        .arg(releases.join(b))
        .args(["--quiet", "--out"])
        .arg(out)
        .assert()
        .success();
}

#[test]
fn a_run_against_itself_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    scan_two(&dir.path().join("a"), "2018-08-01", "2019-01-01");
    let csv = dir.path().join("same.csv");
    lqa()
        .arg("compare")
        .arg(dir.path().join("a"))
        .arg(dir.path().join("a"))
        .args(["--max-drop", "0", "--out"])
        .arg(&csv)
        .assert()
        .success();
    let rows = common::read_csv(&csv);
    assert_eq!(rows.len(), 18, "6 locales x 3 metrics");
    for r in &rows {
        assert_eq!((r["change"].as_str(), r["low_95"].as_str(), r["high_95"].as_str()), ("0.0", "0.0", "0.0"));
        assert_eq!(r["regression"], "false");
    }
}

#[test]
fn real_mt_scores_lower_than_relabelled_ht_and_the_gate_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    scan_two(&old, "2018-08-01", "2019-01-01");
    scan_two(&new, "2019-07-01", "2020-01-01");
    let csv = dir.path().join("compare.csv");
    lqa().arg("compare").arg(&old).arg(&new).args(["--max-drop", "5", "--out"]).arg(&csv).assert().code(1);
    lqa().arg("compare").arg(&old).arg(&new).args(["--max-drop", "50"]).assert().success();
    let rows = common::read_csv(&csv);
    for r in rows.iter().filter(|r| r["metric"] == "chrf") {
        let (change, low, high): (f64, f64, f64) =
            (r["change"].parse().unwrap(), r["low_95"].parse().unwrap(), r["high_95"].parse().unwrap());
        assert!(change < 0.0 && low <= change && change <= high, "{r:?}");
        assert_eq!(r["regression"], "true", "{r:?}");
    }
    // The old TER of a locale, recomputed from the two pairs.csv files: edits over reference
    // words, summed over the sources both runs pair.
    let pairs = |dir: &Path| common::read_csv(&dir.join("pairs.csv"));
    let (a, b) = (pairs(&old), pairs(&new));
    let key = |r: &std::collections::HashMap<String, String>| (r["locale"].clone(), r["source"].clone());
    let common_sources: BTreeSet<_> = a.iter().map(key).filter(|k| b.iter().any(|r| key(r) == *k)).collect();
    let mut ter: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for r in a.iter().filter(|r| common_sources.contains(&key(r))) {
        let n = |c: &str| r[c].parse::<f64>().unwrap();
        let e = ter.entry(r["locale"].clone()).or_default();
        e.0 += n("ter_insertions") + n("ter_deletions") + n("ter_substitutions") + n("ter_shifts");
        e.1 += n("ter_reference_words");
    }
    for r in rows.iter().filter(|r| r["metric"] == "ter") {
        let (edits, words) = ter[&r["locale"]];
        let old_ter: f64 = r["old"].parse().unwrap();
        assert!((old_ter - 100.0 * edits / words).abs() < 1e-9, "{r:?}");
    }
}
