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

#[test]
fn ctrl_c_exits_130_and_leaves_the_previous_reports_whole() {
    let out = tempfile::tempdir().unwrap();
    let previous = out.path().join("locales.csv");
    std::fs::write(&previous, "a report from an earlier run\n").unwrap();
    // The whole shared corpus takes seconds in a test build; interrupt it after 300 ms.
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("lqa"))
        .args(["scan", "--quiet", "--out"])
        .arg(out.path())
        .arg(common::shared_corpus())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let killed = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("lqa: interrupted"));
    let left: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, ["locales.csv"], "no temporary or half-new reports");
    assert_eq!(std::fs::read_to_string(&previous).unwrap(), "a report from an earlier run\n");
}
