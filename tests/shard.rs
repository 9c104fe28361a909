//! Sharded scans: `lqa scan --shard K/N` on every K, then `lqa merge`, gives
//! byte for byte the reports of one unsharded run; sets that are incomplete,
//! repeated or from different runs are refused.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn lqa() -> Command {
    Command::cargo_bin("lqa").expect("lqa binary built")
}

fn scan(input: &Path, out: &Path, extra: &[&str]) {
    lqa().arg("scan").arg(input).args(["--quiet", "--out"]).arg(out).args(extra).assert().success();
}

/// Scans `input` whole and in `n` shards, merges, and compares every report byte for byte.
fn shard_and_merge_equals_one_run(input: &Path, n: usize, extra: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole");
    scan(input, &whole, extra);
    let mut parts: Vec<PathBuf> = Vec::new();
    for k in 1..=n {
        let part = dir.path().join(format!("part{k}"));
        let shard = format!("{k}/{n}");
        let mut args = extra.to_vec();
        args.extend(["--shard", &shard]);
        scan(input, &part, &args);
        assert!(part.join("shard.json").is_file());
        parts.push(part);
    }
    let merged = dir.path().join("merged");
    lqa().arg("merge").args(&parts).arg("--out").arg(&merged).assert().success();
    // Every file of the whole run: the CSV and JSON reports, index.html and the charts.
    let files = |root: &Path| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
            .collect();
        files.sort();
        files
    };
    let expected = files(&whole);
    for name in lqa::report::REPORTS.iter().map(|(name, _)| *name).chain(["index.html", "charts/quality.png"]) {
        assert!(expected.contains(&PathBuf::from(name)), "the whole run wrote {name}");
    }
    assert_eq!(files(&merged), expected, "the merge wrote the files of one run");
    for name in &expected {
        let (a, b) = (std::fs::read(whole.join(name)).unwrap(), std::fs::read(merged.join(name)).unwrap());
        assert!(a == b, "{} differs after a {n}-way shard and merge", name.display());
    }
    assert!(!merged.join("shard.json").exists(), "the merged folder is a whole run's");
}

#[test]
fn three_shards_of_the_shared_corpus_merge_into_one_run() {
    shard_and_merge_equals_one_run(&common::shared_corpus(), 3, &[]);
}

#[test]
fn more_shards_than_locales_leaves_some_empty_and_still_merges() {
    // 7 locales into 9 shards: at least two shards read nothing.
    shard_and_merge_equals_one_run(&common::shared_corpus().join("sample"), 9, &[]);
}

#[test]
fn sharded_releases_scan_merges_into_one_run() {
    shard_and_merge_equals_one_run(&common::shared_corpus().join("releases"), 2, &["--releases"]);
}

#[test]
fn each_locale_is_read_by_exactly_one_shard() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::shared_corpus().join("sample");
    let mut seen: Vec<String> = Vec::new();
    for k in 1..=2 {
        let part = dir.path().join(format!("p{k}"));
        scan(&input, &part, &["--shard", &format!("{k}/2")]);
        let docs = common::read_csv(&part.join("documents.csv"));
        let mut locales: Vec<String> = docs.iter().map(|r| r["locale"].clone()).collect();
        locales.sort();
        locales.dedup();
        assert!(!locales.is_empty(), "greedy by size gives each of 2 shards some of the 7 locales");
        seen.extend(locales);
    }
    seen.sort();
    let distinct = seen.len();
    seen.dedup();
    assert_eq!(distinct, seen.len(), "no locale in two shards");
    assert_eq!(seen.len(), 7);
}

#[test]
fn incomplete_repeated_or_foreign_shard_sets_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::shared_corpus().join("releases");
    let (p1, p2, whole, other) =
        (dir.path().join("p1"), dir.path().join("p2"), dir.path().join("whole"), dir.path().join("other"));
    scan(&input, &p1, &["--releases", "--shard", "1/2"]);
    scan(&input, &p2, &["--releases", "--shard", "2/2"]);
    scan(&input, &whole, &["--releases"]);
    scan(&input, &other, &["--shard", "2/2"]); // no --releases: another run
    let merge = |dirs: &[&Path]| lqa().arg("merge").args(dirs).arg("--out").arg(dir.path().join("m")).assert();
    merge(&[&p1]).code(2).stderr(predicate::str::contains("shard 2/2 of the set is missing"));
    merge(&[&p1, &p1]).code(2).stderr(predicate::str::contains("given twice"));
    merge(&[&p1, &whole]).code(2).stderr(predicate::str::contains("not a shard's report folder"));
    merge(&[&p1, &other]).code(2).stderr(predicate::str::contains("not from the same run"));
    lqa().args(["scan", "x", "--shard", "3/2"]).assert().code(2).stderr(predicate::str::contains("1 <= K <= N"));
}
