//! Helpers shared by the integration tests: where the shared corpus is, and
//! how to read MANIFEST.tsv and the CSV reports.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus` beside the clone (CI and developer machines have it), or
/// `$LQA_SHARED_CORPUS`. A missing corpus fails the test: it is ground truth.
pub fn shared_corpus() -> PathBuf {
    let dir = std::env::var_os("LQA_SHARED_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("..").join("shared").join("corpus"));
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "shared corpus not found at {} (set LQA_SHARED_CORPUS to its folder)",
        dir.display()
    );
    dir
}

/// One row of a MANIFEST.tsv.
#[derive(Debug, serde::Deserialize)]
pub struct ManifestRow {
    pub repo: String,
    pub path: String,
    pub locale: String,
    pub translationtype: String,
    pub segments: usize,
    pub set: String,
    pub staged_path: String,
}

pub fn manifest(path: &Path) -> Vec<ManifestRow> {
    let mut reader = csv::ReaderBuilder::new().delimiter(b'\t').from_path(path).expect("MANIFEST.tsv readable");
    reader.deserialize().map(|r| r.expect("MANIFEST row")).collect()
}

/// A CSV report as header-keyed rows.
pub fn read_csv(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader.deserialize().map(|r| r.expect("CSV row")).collect()
}

/// Runs `lqa scan` on a folder of the shared corpus (with `--releases` for
/// `releases` and `seed`, whose child folders are releases), quietly, into `out`.
pub fn scan_shared(folder: &str, out: &Path) {
    let mut cmd = assert_cmd::Command::cargo_bin("lqa").expect("lqa binary built");
    cmd.arg("scan").arg(shared_corpus().join(folder));
    if matches!(folder, "releases" | "seed") {
        cmd.arg("--releases");
    }
    cmd.args(["--quiet", "--out"]).arg(out).assert().success();
}

/// Runs `lqa scan ARGS --quiet --jobs JOBS` (from the repository root) and returns the bytes of the named reports.
pub fn reports_with_jobs(args: &[&std::ffi::OsStr], jobs: &str, names: &[&str]) -> Vec<Vec<u8>> {
    let out = tempfile::tempdir().expect("temporary folder");
    let mut cmd = assert_cmd::Command::cargo_bin("lqa").expect("lqa binary built");
    cmd.arg("scan").args(args).args(["--quiet", "--jobs", jobs, "--out"]).arg(out.path());
    cmd.current_dir(root()).assert().success();
    names.iter().map(|name| std::fs::read(out.path().join(name)).expect("report written")).collect()
}
