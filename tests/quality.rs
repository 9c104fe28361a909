//! The quality score and the CI gate end to end: scores recomputed from the
//! raw reports (segments.csv words, checks.csv severities) agree with
//! locales.csv and documents.csv; the gate fails exactly the locale × origin
//! rows below the threshold or with a critical finding; config files change the
//! weights; bad config files are errors naming the line.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn lqa() -> Command {
    Command::cargo_bin("lqa").expect("lqa binary built")
}

fn scan(out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    lqa().args(["scan", "data/sample", "--quiet", "--out"]).arg(out).args(extra).current_dir(common::root()).assert()
}

/// Score per (locale, origin) recomputed from segments.csv and checks.csv with
/// the given severity weights (all category weights 1), each finding weighed by
/// its check's measured precision (the recorded table), outside lqa's quality module.
fn recomputed(out: &Path, weights: [f64; 3]) -> BTreeMap<(String, String), f64> {
    let mut words: BTreeMap<(String, String), f64> = BTreeMap::new();
    for row in common::read_csv(&out.join("segments.csv")) {
        // A word is a whitespace-separated token of the English source.
        let n = row["source"].split_whitespace().count() as f64;
        *words.entry((row["locale"].clone(), row["origin"].clone())).or_default() += n;
    }
    let mut points: BTreeMap<(String, String), f64> = BTreeMap::new();
    for row in common::read_csv(&out.join("checks.csv")) {
        let w = match row["severity"].as_str() {
            "info" => 0.0,
            "minor" => weights[0],
            "major" => weights[1],
            "critical" => weights[2],
            other => panic!("severity {other}"),
        };
        let w = w * lqa::checks::precision::weight(&row["check"]);
        *points.entry((row["locale"].clone(), row["origin"].clone())).or_default() += w;
    }
    words
        .into_iter()
        .filter(|(_, w)| *w > 0.0)
        .map(|(key, w)| {
            let p = points.get(&key).copied().unwrap_or(0.0);
            (key, (100.0 * (1.0 - p / w)).max(0.0))
        })
        .collect()
}

fn reported(out: &Path) -> BTreeMap<(String, String), f64> {
    common::read_csv(&out.join("locales.csv"))
        .into_iter()
        .filter(|r| r["origin"] != "all" && !r["quality_score"].is_empty())
        .map(|r| ((r["locale"].clone(), r["origin"].clone()), r["quality_score"].parse().unwrap()))
        .collect()
}

fn assert_close(a: &BTreeMap<(String, String), f64>, b: &BTreeMap<(String, String), f64>) {
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (key, x) in a {
        // Raw text split by Python-like whitespace vs lqa's normalised text: same words in this sample.
        assert!((x - b[key]).abs() < 1e-9, "{key:?}: {x} vs {}", b[key]);
    }
}

#[test]
fn locale_scores_equal_a_recount_from_segments_and_findings() {
    let out = tempfile::tempdir().unwrap();
    scan(out.path(), &[]).success();
    let reported = reported(out.path());
    assert_eq!(reported.len(), 13, "six locales with HT and MT, tr-TR with MT only");
    assert_close(&reported, &recomputed(out.path(), [1.0, 5.0, 25.0]));

    // documents.csv sums to the locale rows: words and findings.
    let docs = common::read_csv(&out.path().join("documents.csv"));
    let segments = common::read_csv(&out.path().join("segments.csv"));
    assert_eq!(docs.len(), 298);
    let sum = |rows: &[std::collections::HashMap<String, String>], col: &str| -> u64 {
        rows.iter().map(|r| r[col].parse::<u64>().unwrap()).sum()
    };
    assert_eq!(sum(&docs, "segments"), segments.len() as u64);
    let checks = common::read_csv(&out.path().join("checks.csv"));
    let findings = sum(&docs, "findings_info")
        + sum(&docs, "findings_minor")
        + sum(&docs, "findings_major")
        + sum(&docs, "findings_critical");
    assert_eq!(findings, checks.len() as u64);
    assert_eq!(sum(&segments, "findings"), checks.len() as u64);
}

#[test]
fn config_weights_change_the_score_as_a_recount_says() {
    let out = tempfile::tempdir().unwrap();
    let config = out.path().join("lqa.toml");
    std::fs::write(&config, "[severity]\nminor = 2\nmajor = 10\ncritical = 50\n").unwrap();
    scan(&out.path().join("r"), &["--config", config.to_str().unwrap()]).success();
    assert_close(&reported(&out.path().join("r")), &recomputed(&out.path().join("r"), [2.0, 10.0, 50.0]));
    let manifest = std::fs::read_to_string(out.path().join("r/manifest.json")).unwrap();
    assert!(manifest.contains("\"major\": 10.0"), "the manifest records the model used");
}

#[test]
fn gate_fails_exactly_the_rows_below_the_threshold() {
    let out = tempfile::tempdir().unwrap();
    scan(out.path(), &[]).success();
    let scores = reported(out.path());
    let (worst_mt, worst_score) = scores
        .iter()
        .filter(|((_, origin), _)| origin == "MT")
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|((locale, _), s)| (locale.clone(), *s))
        .unwrap();
    // Just above the worst MT locale: the run fails, naming it (and any other row below).
    let threshold = worst_score + 0.001;
    let below: Vec<String> =
        scores.iter().filter(|(_, s)| **s < threshold).map(|((l, o), _)| format!("FAIL: {l} {o}:")).collect();
    let assert = scan(&out.path().join("gate"), &["--fail-under", &threshold.to_string()]).code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains(&format!("FAIL: {worst_mt} MT: score")), "{stderr}");
    assert_eq!(stderr.matches("FAIL: ").count(), below.len(), "{stderr}");
    for line in &below {
        assert!(stderr.contains(line), "{line} missing from {stderr}");
    }
    // Just below the lowest score of all: every row passes and the exit code is 0.
    let lowest = scores.values().copied().fold(f64::INFINITY, f64::min);
    scan(&out.path().join("pass"), &["--fail-under", &(lowest - 0.001).to_string()])
        .success()
        .stderr(predicate::str::contains("FAIL").not());
}

#[test]
fn fail_on_major_fails_every_row_with_a_major_finding() {
    let out = tempfile::tempdir().unwrap();
    scan(out.path(), &["--fail-under", "0", "--fail-on", "major"]).code(1);
    let checks = common::read_csv(&out.path().join("checks.csv"));
    let with_major: std::collections::BTreeSet<(String, String)> = checks
        .iter()
        .filter(|r| r["severity"] != "minor" && r["severity"] != "info")
        .map(|r| (r["locale"].clone(), r["origin"].clone()))
        .collect();
    assert!(!with_major.is_empty());
    let locales = common::read_csv(&out.path().join("locales.csv"));
    for row in locales.iter().filter(|r| r["origin"] != "all" && r["segments"] != "0") {
        let key = (row["locale"].clone(), row["origin"].clone());
        assert_eq!(row["pass"] == "false", with_major.contains(&key), "{key:?}");
    }
}

#[test]
fn json_summary_is_machine_readable_and_matches_the_gate() {
    let out = tempfile::tempdir().unwrap();
    // 99.9 falls between the sample's rows (zh-CN MT 99.56 … fr-FR HT 99.98).
    let assert = scan(out.path(), &["--format", "json", "--fail-under", "99.9"]).code(1);
    let summary: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).expect("stdout is JSON");
    assert_eq!(summary["files_read"], 298);
    assert_eq!(summary["gate_enabled"], true);
    assert_eq!(summary["passed"], false);
    let rows = summary["quality"].as_array().unwrap();
    assert_eq!(rows.len(), 13);
    let scores = reported(out.path());
    for row in rows {
        let key = (row["locale"].as_str().unwrap().to_string(), row["origin"].as_str().unwrap().to_string());
        let score = row["score"].as_f64().unwrap();
        assert!((score - scores[&key]).abs() < 1e-9, "{key:?}");
        assert_eq!(row["pass"].as_bool().unwrap(), score >= 99.9, "{key:?} (no critical findings in the sample)");
    }
}

#[test]
fn without_a_gate_flag_a_low_score_is_noted_not_enforced() {
    let out = tempfile::tempdir().unwrap();
    let config = out.path().join("strict.toml");
    std::fs::write(&config, "[gate]\nthreshold = 100\n").unwrap();
    scan(&out.path().join("r"), &["--config", config.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("below the gate (not enforced)"));
    std::fs::write(&config, "[gate]\nenabled = true\nthreshold = 100\n").unwrap();
    scan(&out.path().join("r"), &["--config", config.to_str().unwrap()]).code(1);
}

#[test]
fn a_bad_config_is_an_error_naming_file_and_line() {
    let out = tempfile::tempdir().unwrap();
    let config = out.path().join("bad.toml");
    std::fs::write(&config, "[severity]\nminor = 1\n\n[checks]\n\"no-such-check\" = { enabled = false }\n").unwrap();
    scan(&out.path().join("r"), &["--config", config.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("bad.toml:5: unknown check 'no-such-check'"));
}

#[test]
fn turning_a_check_off_removes_its_findings() {
    let out = tempfile::tempdir().unwrap();
    scan(&out.path().join("all"), &[]).success();
    let all = common::read_csv(&out.path().join("all/checks.csv"));
    let doubles = all.iter().filter(|r| r["check"] == "double-space").count();
    assert!(doubles > 0);
    let config = out.path().join("off.toml");
    std::fs::write(&config, "[checks]\n\"double-space\" = { enabled = false }\n").unwrap();
    scan(&out.path().join("off"), &["--config", config.to_str().unwrap()]).success();
    let off = common::read_csv(&out.path().join("off/checks.csv"));
    assert_eq!(off.len(), all.len() - doubles);
    assert!(off.iter().all(|r| r["check"] != "double-space"));
}

#[test]
fn config_default_prints_the_commented_defaults() {
    let assert = lqa().args(["config", "--default"]).assert().success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(text.contains("critical = 25.0"));
    assert!(text.contains("threshold = 99.0"));
    // What it prints is a valid config that changes nothing.
    let config = lqa::quality::QualityConfig::from_toml(&text, Path::new("stdout")).unwrap();
    assert_eq!(config, lqa::quality::QualityConfig::default());
}
