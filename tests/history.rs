//! `--history` and `lqa trend`: runs appended to SQLite give back the figures
//! of releases.csv, the latest run wins, and runs of other metric settings are refused.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn lqa() -> Command {
    Command::cargo_bin("lqa").expect("lqa binary built")
}

#[test]
fn trend_gives_back_each_release_from_the_latest_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite");
    let releases = common::shared_corpus().join("releases");
    for run in ["r1", "r2"] {
        lqa()
            .arg("scan")
            .arg(&releases)
            .args(["--releases", "--quiet", "--out"])
            .arg(dir.path().join(run))
            .arg("--history")
            .arg(&db)
            .assert()
            .success()
            .stderr(predicate::str::contains(format!("run {} appended", &run[1..])));
    }
    lqa().arg("trend").arg(&db).arg("--out").arg(dir.path().join("t")).assert().success();
    let trend = common::read_csv(&dir.path().join("t/trend.csv"));
    let releases_csv = common::read_csv(&dir.path().join("r2/releases.csv"));
    assert_eq!(trend.len(), releases_csv.len(), "one point per release row");
    for row in &releases_csv {
        let point = trend
            .iter()
            .find(|t| t["locale"] == row["locale"] && t["release"] == row["release"] && t["origin"] == row["origin"])
            .unwrap_or_else(|| panic!("{row:?} missing"));
        assert_eq!(point["run"], "2", "the latest run wins");
        let close = |a: &str, b: &str| match (a.parse::<f64>(), b.parse::<f64>()) {
            (Ok(x), Ok(y)) => (x - y).abs() < 1e-9,
            _ => a == b,
        };
        for column in ["quality_score", "ter", "chrf"] {
            assert!(close(&point[column], &row[column]), "{column}: {point:?} vs {row:?}");
        }
    }
    assert!(dir.path().join("t/trend.png").is_file() && dir.path().join("t/trend.svg").is_file());
}

#[test]
fn runs_of_other_metric_settings_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite");
    lqa()
        .args(["scan", "data/sample/seeds", "--quiet", "--out"])
        .arg(dir.path().join("r"))
        .arg("--history")
        .arg(&db)
        .current_dir(common::root())
        .assert()
        .success();
    // A run recorded by a build with other metric settings.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO runs (lqa_version, signatures, inputs) VALUES ('0.0.9', 'TER|tok:other | chrF2|other', 'x')",
        [],
    )
    .unwrap();
    drop(conn);
    lqa().arg("trend").arg(&db).assert().code(2).stderr(predicate::str::contains("not comparable"));
    lqa()
        .args(["scan", "data/sample/seeds", "--quiet", "--out"])
        .arg(dir.path().join("r2"))
        .arg("--history")
        .arg(&db)
        .current_dir(common::root())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("other metric settings"));
}
