//! Report files as files: every report is written with its header even when it
//! has no rows, so a spreadsheet or a script always finds the columns.

mod common;

use assert_cmd::Command;

#[test]
fn empty_reports_still_have_their_header_row() {
    let out = tempfile::tempdir().unwrap();
    // One real, undamaged seed file (ko-KR HT): nothing skipped, no warnings, no pairs (one origin only).
    Command::cargo_bin("lqa")
        .unwrap()
        .args(["scan", "data/sample/seeds/001_54489462443fa535.md", "--quiet", "--out"])
        .arg(out.path())
        .current_dir(common::root())
        .assert()
        .success();
    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).unwrap();
    assert_eq!(read("skipped.csv"), "path,line,reason\n");
    assert_eq!(read("warnings.csv"), "path,line,message\n");
    assert!(read("pairs.csv").starts_with("locale,source,hypothesis,reference,"));
    assert_eq!(read("pairs.csv").lines().count(), 1);
}
