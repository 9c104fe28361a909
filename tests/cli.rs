//! The `lqa` binary end to end, as a user runs it: on the shipped sample, on
//! the shared corpus's releases, and on folders with damaged files mixed in.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn lqa() -> Command {
    Command::cargo_bin("lqa").expect("lqa binary built")
}

fn pair_locales(out: &Path) -> BTreeSet<String> {
    common::read_csv(&out.join("pairs.csv")).into_iter().map(|r| r["locale"].clone()).collect()
}

#[test]
fn scan_of_shipped_sample_pairs_six_locales_and_writes_every_report() {
    let out = tempfile::tempdir().unwrap();
    lqa()
        .args(["scan", "data/sample", "--quiet", "--out"])
        .arg(out.path())
        .current_dir(common::root())
        .assert()
        .success()
        .stdout(predicate::str::contains("files read 298, skipped 0"));
    for (name, _) in lqa::report::REPORTS {
        assert!(out.path().join(name).is_file(), "{name} missing");
    }
    let want: BTreeSet<String> = ["de-DE", "fr-FR", "ja-JP", "ko-KR", "ru-RU", "zh-CN"].map(String::from).into();
    assert_eq!(pair_locales(out.path()), want);
    // Every segment read shows up once: the shipped manifest's rows plus the five
    // seeds, counted as MANIFEST counts (occurrences of `data-ttu-id=`).
    let manifest: usize = common::manifest(&common::root().join("data/MANIFEST.tsv")).iter().map(|r| r.segments).sum();
    let seeds: usize = std::fs::read_dir(common::root().join("data/sample/seeds"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap().matches("data-ttu-id=").count())
        .sum();
    assert_eq!(seeds, 47, "python count of the five seed files");
    let segments = common::read_csv(&out.path().join("segments.csv"));
    assert_eq!(segments.len(), manifest + seeds);

    // checks.csv: the ru-RU target of b2e55-122 (customer-accounts.md, 2019-07-01) reads
    // "Клиенты вы занимаетесь с с помощью других порталов…": a repeated word.
    let checks = common::read_csv(&out.path().join("checks.csv"));
    assert!(checks.iter().any(|r| r["id"] == "b2e55-122"
        && r["locale"] == "ru-RU"
        && r["check"] == "repeated-word"
        && r["category"] == "fluency"
        && r["severity"] == "minor"
        && r["target"].contains("с с помощью")));
}

#[test]
fn releases_scan_pairs_all_six_microsoft_docs_locales_across_releases() {
    let corpus = common::shared_corpus();
    let out = tempfile::tempdir().unwrap();
    lqa().args(["scan", "--releases", "-q", "--out"]).arg(out.path()).arg(corpus.join("releases")).assert().success();
    let want: BTreeSet<String> = ["de-DE", "fr-FR", "ja-JP", "ko-KR", "ru-RU", "zh-CN"].map(String::from).into();
    assert_eq!(pair_locales(out.path()), want);

    let segments = common::read_csv(&out.path().join("segments.csv"));
    let manifest = common::manifest(&corpus.join("MANIFEST.tsv"));
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for row in manifest.iter().filter(|r| r.set.starts_with("releases/")) {
        *expected.entry(row.set["releases/".len()..].to_string()).or_default() += row.segments;
    }
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    for row in &segments {
        *got.entry(row["release"].clone()).or_default() += 1;
    }
    assert_eq!(got, expected, "segments per release = MANIFEST");

    // The 2018-08-01 files are HT and the 2019-01-01 ones MT (the relabel flip):
    // pairs must join an MT target of one release to an HT target of another.
    let pairs = common::read_csv(&out.path().join("pairs.csv"));
    assert!(pairs.iter().any(|p| p["mt_release"] == "2019-01-01" && p["ht_release"] == "2018-08-01"));
}

/// A folder with three real files, a binary file, a truncated file and a
/// file with invalid UTF-8; returns the segment count of the three good files.
fn damaged_folder(dir: &Path) -> usize {
    let sample = common::root().join("data/sample/snapshot/partner-center-pr.ru-ru/partner-center");
    let mut good = 0;
    for name in ["billing.md", "mfa-for-users.md", "chip-earnings.md"] {
        let text = std::fs::read_to_string(sample.join(name)).unwrap();
        good += text.matches("data-ttu-id=").count();
        std::fs::write(dir.join(name), text).unwrap();
    }
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    std::fs::write(dir.join("image.md"), png).unwrap();
    let text = std::fs::read_to_string(sample.join("service-principal.md")).unwrap();
    let cut = text.find("data-stu-id").unwrap() + 5;
    std::fs::write(dir.join("truncated.md"), &text[..cut]).unwrap();
    std::fs::write(dir.join("latin1.md"), b"---\nms.translationtype: HT\n---\nCaf\xe9\n").unwrap();
    good
}

#[test]
fn damaged_files_are_listed_in_skipped_csv_and_the_rest_is_read() {
    let input = tempfile::tempdir().unwrap();
    let good = damaged_folder(input.path());
    let out = tempfile::tempdir().unwrap();
    lqa()
        .args(["scan", "-q", "--out"])
        .arg(out.path())
        .arg(input.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("files read 3, skipped 3"))
        .stderr(predicate::str::contains("image.md: binary file"));
    let skipped = common::read_csv(&out.path().join("skipped.csv"));
    let reasons: Vec<(String, String, String)> = skipped
        .iter()
        .map(|r| {
            let name = Path::new(&r["path"]).file_name().unwrap().to_string_lossy().into_owned();
            (name, r["line"].clone(), r["reason"].clone())
        })
        .collect();
    assert_eq!(reasons[0], ("image.md".into(), "0".into(), "binary file (NUL byte at byte 8)".into()));
    assert_eq!(reasons[1], ("latin1.md".into(), "4".into(), "invalid UTF-8".into()));
    assert_eq!(reasons[2].0, "truncated.md");
    assert!(reasons[2].2.contains("English source"), "{:?}", reasons[2]);
    assert_eq!(common::read_csv(&out.path().join("segments.csv")).len(), good);
}

#[test]
fn strict_turns_a_skipped_file_into_exit_2() {
    let input = tempfile::tempdir().unwrap();
    damaged_folder(input.path());
    let out = tempfile::tempdir().unwrap();
    lqa()
        .args(["scan", "-q", "--strict", "--out"])
        .arg(out.path())
        .arg(input.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--strict: 3 file(s) skipped"));
}

#[test]
fn reports_are_byte_identical_whatever_the_thread_count() {
    let names: Vec<&str> = lqa::report::REPORTS.iter().map(|(name, _)| *name).collect();
    let runs = ["1", "2"].map(|jobs| common::reports_with_jobs(&["data/sample".as_ref()], jobs, &names));
    assert!(runs[0][1].len() > 10_000, "pairs.csv holds pairs");
    assert!(runs[0] == runs[1], "--jobs 1 and --jobs 2 differ");
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    lqa().args(["scan", "-q", "no/such/folder"]).assert().code(2).stderr(predicate::str::contains("no/such/folder"));
}

#[test]
fn help_shows_examples() {
    lqa().args(["scan", "--help"]).assert().success().stdout(predicate::str::contains("lqa scan data/sample"));
    lqa().arg("--help").assert().success().stdout(predicate::str::contains("Examples:"));
}

#[cfg(unix)]
#[test]
fn a_directory_loop_is_reported_not_followed_forever() {
    let input = tempfile::tempdir().unwrap();
    let inner = input.path().join("docs");
    std::fs::create_dir(&inner).unwrap();
    let sample = common::root().join("data/sample/seeds/000_b2fc58ba778e2edc.md");
    std::fs::copy(sample, inner.join("seed.md")).unwrap();
    std::os::unix::fs::symlink(input.path(), inner.join("loop")).unwrap();
    let out = tempfile::tempdir().unwrap();
    lqa()
        .args(["scan", "-q", "--out"])
        .arg(out.path())
        .arg(input.path())
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success()
        .stdout(predicate::str::contains("files read 1, skipped 1"));
    let skipped = common::read_csv(&out.path().join("skipped.csv"));
    assert!(skipped[0]["reason"].starts_with("directory loop back to"), "{:?}", skipped[0]);
}

#[test]
fn locale_corpus_scores_equal_lqa_score_over_that_locales_pairs() {
    // locales.csv's corpus TER/chrF/chrF++/BLEU come from summed statistics; rescoring
    // the locale's rows of pairs.csv with `lqa score` (corpus level) must give the same numbers.
    let out = tempfile::tempdir().unwrap();
    lqa().args(["scan", "data/sample", "-q", "--out"]).arg(out.path()).current_dir(common::root()).assert().success();
    let locales = common::read_csv(&out.path().join("locales.csv"));
    let pairs = common::read_csv(&out.path().join("pairs.csv"));
    // The scan's settings per locale: BLEU's tokenizer, and TER normalized + asian for ja and zh.
    let asian = ["--ter-normalized", "--ter-asian-support"];
    for (locale, tokenize, ter) in
        [("ru-RU", "13a", &[][..]), ("ja-JP", "char", &asian[..]), ("zh-CN", "zh", &asian[..])]
    {
        let tsv = out.path().join(format!("{locale}.tsv"));
        let mut writer = csv::WriterBuilder::new().delimiter(b'\t').from_path(&tsv).unwrap();
        writer.write_record(["hypothesis", "reference"]).unwrap();
        for p in pairs.iter().filter(|p| p["locale"] == locale) {
            writer.write_record([&p["hypothesis"], &p["reference"]]).unwrap();
        }
        writer.flush().unwrap();
        let output = lqa()
            .args(["score", "-m", "ter", "chrf", "chrf++", "bleu", "--format", "csv", "--tokenize", tokenize])
            .args(ter)
            .arg("--pairs")
            .arg(&tsv)
            .output()
            .unwrap();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        let scores: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
        let row = locales.iter().find(|r| r["locale"] == locale && r["origin"] == "all").unwrap();
        assert_eq!(scores, [&row["ter"], &row["chrf"], &row["chrf++"], &row["bleu"]].map(String::as_str), "{locale}");
    }
}
