//! `lqa score` end to end: the sacreBLEU goldens scored through the command
//! line, sentence and corpus level, and its errors.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn lqa() -> Command {
    Command::cargo_bin("lqa").expect("lqa binary built")
}

fn golden(name: &str) -> std::path::PathBuf {
    common::root().join("tests/golden/metrics").join(name)
}

fn golden_rows(name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new().delimiter(b'\t').from_path(golden(name)).unwrap();
    reader.deserialize().map(|r| r.unwrap()).collect()
}

#[test]
fn sentence_scores_through_the_cli_equal_sacrebleu() {
    for file in ["sentence_ru-ru.tsv", "sentence_edge.tsv", "sentence_zh-cn.tsv"] {
        let output = lqa()
            .args(["score", "-m", "ter", "chrf", "chrf++", "bleu", "--sentence", "--format", "csv", "--pairs"])
            .arg(golden(file))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
        assert_eq!(reader.headers().unwrap(), vec!["ter", "chrf", "chrf++", "bleu"]);
        let ours: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let want = golden_rows(file);
        assert_eq!(ours.len(), want.len());
        for (row, w) in ours.iter().zip(&want) {
            for (i, column) in ["ter_score", "chrf_score", "chrf++_score", "bleu_13a_score"].iter().enumerate() {
                let got: f64 = row[i].parse().unwrap();
                let expected: f64 = w[*column].parse().unwrap();
                assert!((got - expected).abs() <= 1e-9, "{file} {} {column}: {got} vs {expected}", w["id"]);
            }
        }
    }
}

#[test]
fn corpus_scores_and_signatures_through_the_cli_equal_sacrebleu() {
    // corpus.tsv's "edge" group is the corpus score of sentence_edge.tsv's pairs.
    let corpus = golden_rows("corpus.tsv");
    let output = lqa()
        .args(["score", "-m", "ter", "chrf", "bleu", "--tokenize", "zh", "--format", "json", "--pairs"])
        .arg(golden("sentence_edge.tsv"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for (i, metric) in ["ter", "chrf", "bleu_zh"].iter().enumerate() {
        let want = corpus.iter().find(|r| r["group"] == "edge" && r["metric"] == *metric).unwrap();
        let got = json[i]["score"].as_f64().unwrap();
        let expected: f64 = want["score"].parse().unwrap();
        assert!((got - expected).abs() <= 1e-9, "{metric}: {got} vs {expected}");
        let stats: Vec<u64> = want["stats"].split(' ').map(|s| s.parse().unwrap()).collect();
        assert_eq!(json[i]["stats"], serde_json::json!(stats), "{metric}");
        // sacreBLEU prints the signature without the metric prefix in corpus.tsv.
        assert!(json[i]["signature"].as_str().unwrap().ends_with(&want["signature"]), "{metric}");
    }
}

#[test]
fn ter_options_through_the_cli_equal_sacrebleu() {
    // sacreBLEU's TER(normalized=True, asian_support=True) and TER(no_punct=True) on the ja-JP golden pairs.
    let corpus = golden_rows("corpus.tsv");
    for (flags, metric) in
        [(&["--ter-normalized", "--ter-asian-support"][..], "ter_norm_asian"), (&["--ter-no-punct"][..], "ter_nopunct")]
    {
        let output = lqa()
            .args(["score", "-m", "ter", "--format", "json"])
            .args(flags)
            .arg("--pairs")
            .arg(golden("sentence_ja-jp.tsv"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let want = corpus.iter().find(|r| r["group"] == "ja-jp" && r["metric"] == metric).unwrap();
        let stats: Vec<u64> = want["stats"].split(' ').map(|s| s.parse().unwrap()).collect();
        assert_eq!(json[0]["stats"], serde_json::json!(stats), "{metric}");
        assert_eq!(json[0]["score"].as_f64().unwrap(), want["score"].parse::<f64>().unwrap(), "{metric}");
        assert!(json[0]["signature"].as_str().unwrap().ends_with(&want["signature"]), "{metric}");
    }
}

#[test]
fn line_files_differing_in_length_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("h.txt"), "a\nb\n").unwrap();
    std::fs::write(dir.path().join("r.txt"), "a\n").unwrap();
    lqa()
        .current_dir(dir.path())
        .args(["score", "--hyp", "h.txt", "--ref", "r.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("h.txt: 2 lines, but the reference r.txt has 1"));
}

#[test]
fn unknown_metric_and_unreadable_file_exit_2() {
    lqa()
        .args(["score", "--pairs", "x.tsv", "-m", "meteor"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'meteor'"));
    lqa().args(["score", "--pairs", "no/such.tsv"]).assert().code(2).stderr(predicate::str::contains("no/such.tsv"));
}

#[test]
fn text_output_carries_signature_and_lqa_version() {
    let dir = tempfile::tempdir().unwrap();
    // sacreBLEU 2.6.0: TER().corpus_score(["Select Customers."], [["Then select Customers."]]).score == 33.33333333333333
    std::fs::write(dir.path().join("h.txt"), "Select Customers.\n").unwrap();
    std::fs::write(dir.path().join("r.txt"), "Then select Customers.\n").unwrap();
    lqa()
        .current_dir(dir.path())
        .args(["score", "--hyp", "h.txt", "--ref", "r.txt", "-m", "ter"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^ter  33\.33333333333333  TER\|nrefs:1\|case:lc\|tok:tercom\|norm:no\|punct:yes\|asian:no\|version:2\.6\.0  \(lqa 0\.1\.0\)\n$").unwrap());
}
