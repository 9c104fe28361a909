//! Hostile input that attacks the outputs (issue 16): spreadsheet formulas in
//! the CSVs, a corrupt history database, concurrent writers of one report
//! folder, a huge segment in the page, edited shard reports.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const FRONT: &str = "---\nms.contentlocale: ru-ru\nms.translationtype: MT\n---\n";

fn lqa() -> Command {
    Command::cargo_bin("lqa").expect("lqa binary built")
}

/// A Markdown segment of `target` translating `source`.
fn span(id: usize, target: &str, source: &str) -> String {
    format!(
        "<span data-ttu-id=\"a1b2c-{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-{id}\">{source}</span></span>\n"
    )
}

fn scan(input: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    lqa().arg("scan").arg(input).args(["--quiet", "--out"]).arg(out).args(extra).assert()
}

/// Writes `corpus/mt.md` and `corpus/ht.md` (ru-ru) with these bodies.
fn write_mt_and_ht(corpus: &Path, mt: &str, ht: &str) {
    std::fs::create_dir_all(corpus).unwrap();
    std::fs::write(corpus.join("mt.md"), format!("{FRONT}{mt}")).unwrap();
    std::fs::write(corpus.join("ht.md"), format!("{}{ht}", FRONT.replace("MT", "HT"))).unwrap();
}

/// Adds a de-de document to `corpus` (so that `--shard 1/2` and `2/2` each hold a locale).
fn add_german(corpus: &Path, body: &str) {
    std::fs::write(corpus.join("de.md"), format!("{}{body}", FRONT.replace("ru-ru", "de-de"))).unwrap();
}

/// A corpus whose segments start like spreadsheet formulas, in an MT and an HT
/// document (so pairs.csv and consistency.csv hold them too).
fn formula_corpus(dir: &Path) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    let body = |target: &str| {
        span(101, "=HYPERLINK(\"http://x\",\"y\")", "=HYPERLINK(\"http://x\",\"y\")")
            + &span(102, "@SUM(1)", "@SUM(1) and more words here")
            + &span(103, target, "-3 items")
    };
    write_mt_and_ht(&corpus, &body("-3 элемента"), &body("-3 штуки"));
    corpus
}

#[test]
fn spreadsheet_formula_injection_csvs_exact_by_default_and_defused_with_csv_safe() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = formula_corpus(dir.path());

    // Default: exact text, for machines.
    let exact = dir.path().join("exact");
    scan(&corpus, &exact, &[]).success();
    let segments = common::read_csv(&exact.join("segments.csv"));
    assert!(segments.iter().any(|s| s["target"] == "=HYPERLINK(\"http://x\",\"y\")"), "{segments:?}");
    assert!(segments.iter().any(|s| s["target"] == "@SUM(1)"));
    let manifest = std::fs::read_to_string(exact.join("manifest.json")).unwrap();
    assert!(!manifest.contains("csv_safe"), "the default manifest is unchanged");

    // --csv-safe: every text cell starting like a formula gets a ' in front.
    let safe = dir.path().join("safe");
    scan(&corpus, &safe, &["--csv-safe"]).success();
    let segments = common::read_csv(&safe.join("segments.csv"));
    assert_eq!(segments.len(), 6);
    for s in &segments {
        for column in ["source", "target"] {
            assert!(s[column].starts_with('\''), "{column}: {s:?}");
            assert!(!s[column].starts_with("''"));
        }
    }
    assert!(segments.iter().any(|s| s["target"] == "'=HYPERLINK(\"http://x\",\"y\")"));
    assert!(segments.iter().any(|s| s["target"] == "'@SUM(1)"));
    assert!(segments.iter().any(|s| s["target"] == "'-3 элемента"));
    let pairs = common::read_csv(&safe.join("pairs.csv"));
    assert!(!pairs.is_empty());
    for p in &pairs {
        for column in ["source", "hypothesis", "reference"] {
            assert!(p[column].starts_with('\''), "{column}: {p:?}");
        }
    }
    let consistency = common::read_csv(&safe.join("consistency.csv"));
    assert!(consistency.iter().any(|r| r["variant"] == "'-3 штуки"), "{consistency:?}");
    assert!(consistency.iter().all(|r| !r["shared"].starts_with(['=', '+', '-', '@'])));
    for name in ["checks.csv", "terms.csv", "segment_changes.csv", "documents.csv", "warnings.csv", "skipped.csv"] {
        for row in common::read_csv(&safe.join(name)) {
            assert!(row.values().all(|v| !v.starts_with(['=', '+', '@', '\t', '\r'])), "{name}: {row:?}");
        }
    }
    // Numbers are never prefixed (a negative one stays a number), nor the other cells.
    let exact_bytes = std::fs::read_to_string(exact.join("locales.csv")).unwrap();
    assert_eq!(std::fs::read_to_string(safe.join("locales.csv")).unwrap(), exact_bytes);
    assert!(std::fs::read_to_string(safe.join("manifest.json")).unwrap().contains("\"csv_safe\": true"));
}

#[test]
fn spreadsheet_formula_injection_merge_refuses_shards_of_both_modes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = formula_corpus(dir.path());
    add_german(&corpus, &span(1, "=1+1", "=1+1"));
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    scan(&corpus, &one, &["--shard", "1/2", "--csv-safe"]).success();
    scan(&corpus, &two, &["--shard", "2/2"]).success();
    lqa()
        .arg("merge")
        .arg(&one)
        .arg(&two)
        .arg("--out")
        .arg(dir.path().join("merged"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--csv-safe"));
    // Both safe: the merge is the safe whole run.
    scan(&corpus, &two, &["--shard", "2/2", "--csv-safe"]).success();
    let merged = dir.path().join("merged");
    lqa().arg("merge").arg(&one).arg(&two).arg("--out").arg(&merged).assert().success();
    let whole = dir.path().join("whole");
    scan(&corpus, &whole, &["--csv-safe"]).success();
    for name in ["segments.csv", "pairs.csv", "checks.csv", "consistency.csv", "manifest.json"] {
        assert_eq!(std::fs::read(merged.join(name)).unwrap(), std::fs::read(whole.join(name)).unwrap(), "{name}");
    }
}

/// A tiny corpus of one MT and one HT segment.
fn tiny_corpus(dir: &Path) -> std::path::PathBuf {
    let corpus = dir.join("tiny");
    let source = "Select the customer.";
    write_mt_and_ht(&corpus, &span(1, "Выберите клиента.", source), &span(1, "Выберите заказчика.", source));
    corpus
}

#[test]
fn history_appends_to_a_corrupt_sqlite_file_no_more() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = tiny_corpus(dir.path());
    let db = dir.path().join("q.sqlite");
    for _ in 0..2 {
        scan(&corpus, &dir.path().join("out"), &["--history", db.to_str().unwrap()]).success();
    }
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() >= 3 * 4096, "a history of several pages: {} bytes", bytes.len());
    // Page 2 (the runs table's b-tree) overwritten with garbage.
    for (i, b) in bytes[4096..8192].iter_mut().enumerate() {
        *b = (i * 37 % 251) as u8;
    }
    std::fs::write(&db, &bytes).unwrap();
    let shown = db.display().to_string();
    scan(&corpus, &dir.path().join("out2"), &["--history", db.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains(format!("{shown}: is not a usable lqa history (SQLite quick_check:")));
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "the damaged history is left as it was");
    assert!(!dir.path().join("out2/segments.csv").exists(), "refused before the scan");
    lqa()
        .arg("trend")
        .arg(&db)
        .arg("--out")
        .arg(dir.path().join("t"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a usable lqa history (SQLite quick_check:"));
    assert_eq!(std::fs::read(&db).unwrap(), bytes);

    // A file that is not SQLite at all is refused the same way, and kept.
    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "my notes, not a database\n").unwrap();
    scan(&corpus, &dir.path().join("out3"), &["--history", text.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("is not a usable lqa history (not an SQLite database"));
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "my notes, not a database\n");
}

/// Spawns `lqa ARGS` with stderr piped, and waits for its "waiting for another lqa" line.
fn spawn_waiting(args: &[&std::ffi::OsStr]) -> std::process::Child {
    use std::io::BufRead;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("lqa"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.starts_with("lqa: waiting for another lqa writing to "), "{line:?}");
    child
}

/// Locks the folder `out` as another lqa would, runs `args` (writing into it),
/// checks that it waits without writing, releases, and checks that it finishes.
fn waits_for_the_lock(out: &Path, args: &[&std::ffi::OsStr], written: &str) {
    std::fs::create_dir_all(out).unwrap();
    let held = std::fs::File::open(out).unwrap();
    held.lock().unwrap();
    let mut child = spawn_waiting(args);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(child.try_wait().unwrap().is_none(), "it waits while the folder is locked");
    let names: Vec<String> =
        std::fs::read_dir(out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.is_empty(), "nothing written while locked: {names:?}");
    held.unlock().unwrap();
    assert!(child.wait().unwrap().success());
    assert!(out.join(written).is_file() && out.join("index.html").is_file() && out.join("manifest.json").is_file());
}

#[test]
fn concurrent_scans_into_one_out_write_one_after_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = tiny_corpus(dir.path());
    let out = dir.path().join("out");
    waits_for_the_lock(
        &out,
        &["scan".as_ref(), corpus.as_os_str(), "--quiet".as_ref(), "--out".as_ref(), out.as_os_str()],
        "segments.csv",
    );
    assert_eq!(common::read_csv(&out.join("segments.csv")).len(), 2);
    // The lock leaves nothing behind: a second scan reads the same and writes the same.
    let listed = |out: &Path| {
        let output =
            lqa().arg("scan").arg(&corpus).args(["--quiet", "--format", "json", "--out"]).arg(out).output().unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let summary = listed(&out);
    assert!(summary.contains("segments.csv"), "{summary}");
    let fresh = dir.path().join("fresh");
    listed(&fresh);
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), std::fs::read(fresh.join("manifest.json")).unwrap());

    // lqa merge --out takes the same lock.
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    add_german(&corpus, &span(1, "Kunden wählen.", "Select the customer."));
    scan(&corpus, &one, &["--shard", "1/2"]).success();
    scan(&corpus, &two, &["--shard", "2/2"]).success();
    let merged = dir.path().join("merged");
    waits_for_the_lock(
        &merged,
        &["merge".as_ref(), one.as_os_str(), two.as_os_str(), "--out".as_ref(), merged.as_os_str()],
        "segments.csv",
    );
}

#[test]
fn a_huge_segment_makes_a_small_index_html_and_stays_whole_in_the_csvs() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    // 1 MB of target (Cyrillic, 2 bytes a character), with a double space for a finding; paired with an HT.
    let huge = "Выберите  клиента. ".repeat(31_000);
    let source = "Select the customer.";
    write_mt_and_ht(&corpus, &span(1, &huge, source), &span(1, "Выберите клиента.", source));
    let out = dir.path().join("out");
    scan(&corpus, &out, &[]).success();
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.len() < 200_000, "index.html is {} bytes", page.len());
    assert!(page.contains("more characters; the full text is in segments.csv)"), "the cut is marked");
    assert!(page.contains("more characters; the full text is in pairs.csv)"), "the worst pair is cut too");
    let segments = common::read_csv(&out.join("segments.csv"));
    assert!(segments.iter().any(|s| s["target"].trim_end() == huge.trim_end()), "segments.csv keeps the whole text");
    assert!(common::read_csv(&out.join("pairs.csv")).iter().any(|p| p["hypothesis"].len() > 1_000_000));
}

#[test]
fn merge_checks_the_integrity_of_shard_reports() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = tiny_corpus(dir.path());
    add_german(&corpus, &span(1, "Kunden wählen.", "Select the customer."));
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    scan(&corpus, &one, &["--shard", "1/2"]).success();
    scan(&corpus, &two, &["--shard", "2/2"]).success();
    let info: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(one.join("shard.json")).unwrap()).unwrap();
    assert_eq!(info["files"].as_object().unwrap().len(), lqa::report::REPORTS.len() + 1, "{info}");

    // Unedited: the merge is one run's reports.
    let merged = dir.path().join("merged");
    lqa().arg("merge").arg(&one).arg(&two).arg("--out").arg(&merged).assert().success();
    let whole = dir.path().join("whole");
    scan(&corpus, &whole, &[]).success();
    for (name, _) in lqa::report::REPORTS {
        assert_eq!(std::fs::read(merged.join(name)).unwrap(), std::fs::read(whole.join(name)).unwrap(), "{name}");
    }

    // One cell of segments.csv edited, the counts kept: refused, naming the shard's file.
    let segments = one.join("segments.csv");
    let text = std::fs::read_to_string(&segments).unwrap();
    let edited = text.replacen("Select the customer.", "Select the costumer.", 1);
    assert_ne!(edited, text);
    std::fs::write(&segments, &edited).unwrap();
    let refused = dir.path().join("refused");
    lqa()
        .arg("merge")
        .arg(&one)
        .arg(&two)
        .arg("--out")
        .arg(&refused)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}: differs from the content hash", segments.display())));
    assert!(!refused.join("segments.csv").exists());
}
