//! `lqa scan --git`: releases read from a repository's history give the same
//! reports as the same releases as folders; sampling; errors.
//!
//! The repositories are built here with the git binary (lqa itself never runs git).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::str::contains;

/// Runs git in `dir` with a fixed identity and commit date, so commits are reproducible.
fn git(dir: &Path, args: &[&str], date: &str) {
    let output = Process::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "lqa test")
        .env("GIT_AUTHOR_EMAIL", "lqa@example.com")
        .env("GIT_COMMITTER_NAME", "lqa test")
        .env("GIT_COMMITTER_EMAIL", "lqa@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs (the tests need the git binary)");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

fn init(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"], "2000-01-01T00:00:00+0000");
}

/// Makes the work tree hold exactly the files below `release` and commits them at `date`.
fn commit_folder(repo: &Path, release: &Path, date: &str) {
    for entry in std::fs::read_dir(repo).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != ".git" {
            std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path)).unwrap();
        }
    }
    copy_tree(release, repo);
    git(repo, &["add", "-A"], date);
    git(repo, &["commit", "-q", "--allow-empty", "-m", date], date);
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A repository with one commit per release folder of ../shared/corpus/releases,
/// in name order, each dated its folder's name (`2018-08-01`) at noon UTC.
fn releases_repo() -> (tempfile::TempDir, Vec<String>) {
    let releases = common::shared_corpus().join("releases");
    let mut names: Vec<String> =
        std::fs::read_dir(&releases).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    for name in &names {
        commit_folder(dir.path(), &releases.join(name), &format!("{name}T12:00:00+0000"));
    }
    (dir, names)
}

/// A small repository: one file per commit at the given dates, each commit changing its target.
fn synthetic_repo(dates: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let folder = dir.path().join("docs.ru-ru");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, date) in dates.iter().enumerate() {
        let text = format!(
            "---\nms.translationtype: MT\nms.contentlocale: ru-RU\n---\n# <span data-ttu-id=\"a-101\">Версия {i}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-101\">Version one</span></span>\n"
        );
        std::fs::write(folder.join("a.md"), text).unwrap();
        git(dir.path(), &["add", "-A"], date);
        git(dir.path(), &["commit", "-q", "-m", date], date);
    }
    dir
}

fn lqa() -> Command {
    Command::cargo_bin("lqa").unwrap()
}

/// `lqa scan --git REPO --branch main` with `extra` arguments; returns the report folder.
fn scan_git(repo: &Path, extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    lqa()
        .args(["scan", "--git"])
        .arg(repo)
        .args(["--branch", "main", "-q", "--out"])
        .arg(out.path())
        .args(extra)
        .assert()
        .success();
    out
}

/// `lqa scan --git REPO --branch BRANCH` expected to fail with exit 2; returns stderr.
fn scan_git_fails(repo: &Path, branch: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    let assert = lqa()
        .args(["scan", "--git"])
        .arg(repo)
        .args(["--branch", branch, "-q", "--out"])
        .arg(out.path())
        .assert()
        .code(2);
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// The release labels of a scan, from releases.csv, in order of first appearance.
fn releases_of(out: &Path) -> Vec<String> {
    let mut labels: Vec<String> =
        common::read_csv(&out.join("releases.csv")).into_iter().map(|row| row["release"].clone()).collect();
    labels.dedup();
    let mut seen = std::collections::BTreeSet::new();
    labels.retain(|l| seen.insert(l.clone()));
    labels
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn git_history_gives_the_reports_of_the_release_folders() {
    let (repo, names) = releases_repo();
    let from_git = scan_git(repo.path(), &[]);
    let from_folders = tempfile::tempdir().unwrap();
    lqa()
        .arg("scan")
        .arg(common::shared_corpus().join("releases"))
        .args(["--releases", "-q", "--out"])
        .arg(from_folders.path())
        .assert()
        .success();
    for report in ["releases.csv", "changes.csv", "segment_changes.csv", "locales.csv"] {
        let (git, folders) = (read(from_git.path().join(report)), read(from_folders.path().join(report)));
        assert!(git.lines().count() > 1, "{report} has rows");
        assert!(git == folders, "{report} differs between --git and --releases");
    }
    assert_eq!(releases_of(from_git.path()), names, "labels are the commit dates, which are the folder names");
    // Documents are named by commit and path in the repository.
    let documents = common::read_csv(&from_git.path().join("documents.csv"));
    let path = &documents[0]["path"];
    assert!(path.starts_with(&format!("{}@", repo.path().display())) && path.contains(":partner-center-pr."), "{path}");
    let manifest = read(from_git.path().join("manifest.json"));
    assert!(manifest.contains("(git branch main)"), "{manifest}");
}

#[test]
fn jobs_1_and_2_give_identical_reports() {
    let (repo, _) = releases_repo();
    let one = scan_git(repo.path(), &["-j", "1"]);
    let two = scan_git(repo.path(), &["-j", "2"]);
    let reports = [
        "segments.csv",
        "pairs.csv",
        "releases.csv",
        "changes.csv",
        "segment_changes.csv",
        "locales.csv",
        "checks.csv",
    ];
    for report in reports {
        assert!(read(one.path().join(report)) == read(two.path().join(report)), "{report} differs between -j1 and -j2");
    }
}

const DATES: [&str; 5] = [
    "2020-01-05T10:00:00+0000",
    "2020-01-20T10:00:00+0000",
    "2020-02-03T10:00:00+0000",
    "2020-03-10T10:00:00+0000",
    "2020-03-11T10:00:00+0000",
];

#[test]
fn default_is_every_commit_labelled_by_date() {
    let repo = synthetic_repo(&DATES);
    let out = scan_git(repo.path(), &[]);
    assert_eq!(releases_of(out.path()), ["2020-01-05", "2020-01-20", "2020-02-03", "2020-03-10", "2020-03-11"]);
    let changes = common::read_csv(&out.path().join("changes.csv"));
    assert_eq!(changes.len(), 4, "one document, four consecutive pairs");
    assert!(changes.iter().all(|c| c["status"] == "revised" && c["path"] == "docs.ru-ru/a.md"), "{changes:?}");
}

#[test]
fn since_drops_older_commits() {
    let repo = synthetic_repo(&DATES);
    let out = scan_git(repo.path(), &["--since", "2020-02-01"]);
    assert_eq!(releases_of(out.path()), ["2020-02-03", "2020-03-10", "2020-03-11"]);
}

#[test]
fn every_n_keeps_each_nth_commit_and_the_tip() {
    let repo = synthetic_repo(&DATES);
    let out = scan_git(repo.path(), &["--every", "2"]);
    assert_eq!(releases_of(out.path()), ["2020-01-20", "2020-03-10", "2020-03-11"]);
}

#[test]
fn every_month_keeps_the_last_commit_of_each_month() {
    let repo = synthetic_repo(&DATES);
    let out = scan_git(repo.path(), &["--every", "1mo"]);
    assert_eq!(releases_of(out.path()), ["2020-01-20", "2020-02-03", "2020-03-11"]);
    let out = scan_git(repo.path(), &["--every", "2mo", "--since", "2020-01-10"]);
    assert_eq!(releases_of(out.path()), ["2020-02-03", "2020-03-11"], "Jan-Feb, Mar-Apr");
}

#[test]
fn commits_on_one_day_are_labelled_with_their_time() {
    let repo = synthetic_repo(&["2020-01-05T09:05:00+0000", "2020-01-05T17:30:00+0000", "2020-01-06T10:00:00+0000"]);
    let out = scan_git(repo.path(), &[]);
    assert_eq!(releases_of(out.path()), ["2020-01-05-0905", "2020-01-05-1730", "2020-01-06"]);
}

#[test]
fn a_folder_that_is_not_a_repository_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = scan_git_fails(dir.path(), "main");
    assert!(stderr.starts_with(&format!("lqa: error: {}: not a git repository", dir.path().display())), "{stderr}");
}

#[test]
fn an_unknown_branch_is_an_error_listing_the_branches() {
    let repo = synthetic_repo(&DATES[..1]);
    let stderr = scan_git_fails(repo.path(), "live");
    assert_eq!(stderr.trim_end(), format!("lqa: error: {}: no branch 'live' (branches: main)", repo.path().display()));
}

#[test]
fn bad_every_and_since_are_usage_errors() {
    for (flag, value, message) in [
        ("--every", "0", "'0' is not a sampling interval"),
        ("--every", "1y", "'1y' is not a sampling interval"),
        ("--since", "2019-02-30", "'2019-02-30' is not a date YYYY-MM-DD"),
    ] {
        lqa().args(["scan", "--git", ".", "--branch", "main", flag, value]).assert().code(2).stderr(contains(message));
    }
}

#[test]
fn git_excludes_paths_releases_and_shard() {
    for extra in [&["data/sample"][..], &["--releases"], &["--shard", "1/2"]] {
        lqa()
            .args(["scan", "--git", ".", "--branch", "main"])
            .args(extra)
            .assert()
            .code(2)
            .stderr(contains("cannot be used with"));
    }
    lqa().args(["scan", "--git", "."]).assert().code(2).stderr(contains("--branch"));
    lqa().args(["scan", "data/sample", "--every", "2"]).assert().code(2).stderr(contains("--git"));
}

#[test]
fn a_shallow_clone_ends_the_history_with_a_clear_error() {
    let repo = synthetic_repo(&DATES);
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git(clone.path(), &["clone", "-q", "--depth", "2", &url, "shallow"], DATES[0]);
    let shallow = clone.path().join("shallow");
    let stderr = scan_git_fails(&shallow, "main");
    assert!(
        stderr.contains("shallow clone: the history of 'main' ends at commit") && stderr.contains("(2020-03-10)"),
        "{stderr}"
    );
    // With --since after the boundary, the fetched commits are enough.
    let out = scan_git(&shallow, &["--since", "2020-03-11"]);
    assert_eq!(releases_of(out.path()), ["2020-03-11"]);
}

#[test]
fn a_missing_blob_is_a_skipped_file_and_the_scan_goes_on() {
    let repo = synthetic_repo(&DATES[..2]);
    // Add a second document in the last commit, then delete its blob from the object store.
    let folder = repo.path().join("docs.ru-ru");
    std::fs::write(folder.join("b.md"), "lost\n").unwrap();
    git(repo.path(), &["add", "-A"], DATES[2]);
    git(repo.path(), &["commit", "-q", "-m", "b"], DATES[2]);
    let output =
        Process::new("git").args(["rev-parse", "HEAD:docs.ru-ru/b.md"]).current_dir(repo.path()).output().unwrap();
    let id = String::from_utf8(output.stdout).unwrap().trim().to_string();
    std::fs::remove_file(repo.path().join(".git/objects").join(&id[..2]).join(&id[2..])).unwrap();
    let out = scan_git(repo.path(), &[]);
    let skipped = common::read_csv(&out.path().join("skipped.csv"));
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0]["path"].ends_with(":docs.ru-ru/b.md"), "{skipped:?}");
    assert!(skipped[0]["reason"].starts_with(&format!("cannot read blob {}", &id[..7])), "{skipped:?}");
    assert_eq!(common::read_csv(&out.path().join("documents.csv")).len(), 3, "a.md in three commits");
}
