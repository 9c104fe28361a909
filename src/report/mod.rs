//! Report writers. Each report writes into any `Write` (see [`csv`]); this
//! module writes them to the output folder atomically — a temporary file in
//! the same folder, then a rename — so an interrupted run never leaves a
//! report that looks complete. It never re-reads input files.

pub mod charts;
pub mod csv;
pub mod html;
pub mod manifest;
pub mod merge;
pub mod page;
pub mod record;
pub mod score;
pub mod summary;
pub mod trend;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::Scan;

/// A report: its file name and how to write it into any `Write`.
pub type Render = fn(&Scan, &mut dyn Write) -> Result<()>;

/// Renders one report into memory (tests, small reports).
pub fn render_to_vec(render: Render, scan: &Scan) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    render(scan, &mut bytes)?;
    Ok(bytes)
}

/// The reports `lqa scan` writes, in the order they are written.
pub const REPORTS: [(&str, Render); 13] = [
    ("segments.csv", csv::segments),
    ("documents.csv", csv::documents),
    ("pairs.csv", csv::pairs),
    ("locales.csv", csv::locales),
    ("checks.csv", csv::checks),
    ("terms.csv", csv::terms),
    ("consistency.csv", csv::consistency),
    ("releases.csv", csv::releases),
    ("changes.csv", csv::changes),
    ("segment_changes.csv", csv::segment_changes),
    ("skipped.csv", csv::skipped),
    ("warnings.csv", csv::warnings),
    ("manifest.json", manifest::render),
];

/// Writes every report into `out` (created if missing); returns the paths written.
///
/// All reports are first rendered and written to temporary files, and only then
/// renamed into place, so an interrupted run leaves the previous run's reports
/// untouched (the binary removes the temporary files on Ctrl-C, see [`temp_suffix`]).
pub fn write_all(scan: &Scan, out: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).map_err(|e| Error::Io { path: out.to_path_buf(), source: e })?;
    use rayon::prelude::*;
    // The CSV reports side by side (segments.csv dominates), beside the page and its charts.
    let (reports, pictures) = rayon::join(
        || -> Vec<Result<(PathBuf, PathBuf)>> {
            REPORTS
                .par_iter()
                .map(|(name, render)| {
                    let path = out.join(name);
                    write_temp(&path, |w| render(scan, w)).map(|tmp| (tmp, path))
                })
                .collect()
        },
        || {
            let page = page::Page::of(scan);
            let mut staged = stage_page(&page, &manifest::Manifest::of(scan), out);
            if scan.config.shard.is_some() {
                let path = out.join(page::PAGE_FILE);
                staged.push(to_json(page::PAGE_FILE, &page).and_then(|bytes| stage_bytes(&path, &bytes)));
            }
            staged
        },
    );
    let mut staged: Vec<Result<(PathBuf, PathBuf)>> = reports.into_iter().chain(pictures).collect();
    // A shard also records its documents' global order and the hashes of its reports for `lqa merge`.
    if scan.config.shard.is_some() && staged.iter().all(Result::is_ok) {
        let files: Vec<(PathBuf, PathBuf)> = staged.iter().flatten().cloned().collect();
        let path = out.join(merge::SHARD_FILE);
        staged.push(merge::shard_json(scan, &files).and_then(|bytes| stage_bytes(&path, &bytes)));
    }
    commit(staged)
}

/// Stages index.html and the charts (SVG and PNG, into out/charts) of a page.
pub(crate) fn stage_page(
    page: &page::Page,
    manifest: &manifest::Manifest,
    out: &Path,
) -> Vec<Result<(PathBuf, PathBuf)>> {
    let index = out.join("index.html");
    let mut staged = vec![write_temp(&index, |w| html::write(page, manifest, w)).map(|tmp| (tmp, index))];
    match charts::render_all(page) {
        Ok(files) => {
            let dir = out.join("charts");
            if let Err(e) = std::fs::create_dir_all(&dir) {
                staged.push(Err(Error::Io { path: dir, source: e }));
            }
            staged.extend(files.into_iter().map(|(name, bytes)| stage_bytes(&out.join(name), &bytes)));
        }
        Err(e) => staged.push(Err(e)),
    }
    staged
}

fn stage_bytes(path: &Path, bytes: &[u8]) -> Result<(PathBuf, PathBuf)> {
    write_temp(path, |w| w.write_all(bytes).map_err(|e| Error::Io { path: path.to_path_buf(), source: e }))
        .map(|tmp| (tmp, path.to_path_buf()))
}

/// Renames staged (temporary, final) files into place when all were written;
/// otherwise removes the temporary files and returns the first error.
pub(crate) fn commit(staged: Vec<Result<(PathBuf, PathBuf)>>) -> Result<Vec<PathBuf>> {
    let (staged, errors): (Vec<_>, Vec<_>) = staged.into_iter().partition(Result::is_ok);
    if let Some(Err(e)) = errors.into_iter().next() {
        for (tmp, _) in staged.into_iter().flatten() {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    let mut written = Vec::with_capacity(staged.len());
    let mut staged = staged.into_iter().flatten();
    while let Some((tmp, path)) = staged.next() {
        if let Err(e) = std::fs::rename(&tmp, &path) {
            // Nothing of this run stays behind: this and the remaining temporaries go.
            let _ = std::fs::remove_file(&tmp);
            for (tmp, _) in staged {
                let _ = std::fs::remove_file(tmp);
            }
            return Err(Error::Io { path, source: e });
        }
        written.push(path);
    }
    Ok(written)
}

/// The lock file of a report folder where the folder itself cannot be locked ([`lock_out`]).
pub const LOCK_FILE: &str = ".lqa.lock";

/// An exclusive advisory lock on a report folder, held until dropped.
#[derive(Debug)]
pub struct OutLock {
    _file: Option<std::fs::File>,
}

/// Takes the exclusive advisory lock (`flock`) of the report folder `out`
/// (created if missing), so that two lqa runs writing into one folder (scans,
/// merges) write one after the other and the folder always holds one run's
/// complete set of reports. When another run holds it, `on_wait` is called
/// once and this one waits until it is free (an lqa killed meanwhile releases
/// it: the kernel drops the lock with the process).
///
/// The folder itself is locked (Linux and other Unix open a folder as a file),
/// so no lock file is added among the reports; where a folder cannot be opened,
/// an empty `out/.lqa.lock` is locked instead, never removed (removing it while
/// another run waits on it would let a third lock a new file beside them), and
/// never read (hidden, in a report folder). On a filesystem without locks the
/// folder is written unlocked.
pub fn lock_out(out: &Path, on_wait: impl FnOnce()) -> Result<OutLock> {
    std::fs::create_dir_all(out).map_err(|e| Error::Io { path: out.to_path_buf(), source: e })?;
    let (path, file) = match std::fs::File::open(out) {
        Ok(folder) => (out.to_path_buf(), folder),
        Err(_) => {
            let path = out.join(LOCK_FILE);
            let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path);
            let file = file.map_err(|e| Error::Io { path: path.clone(), source: e })?;
            (path, file)
        }
    };
    let io = |e| Error::Io { path: path.clone(), source: e };
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            on_wait();
            file.lock().map_err(io)?;
        }
        Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            return Ok(OutLock { _file: None });
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
    }
    Ok(OutLock { _file: Some(file) })
}

/// Removes temporary report files (`.NAME.PID.tmp`) that a process no longer
/// running left in `out` or its sub-folders (killed with SIGKILL, a power
/// cut); returns how many. Linux only (a process is alive while `/proc/PID`
/// exists); elsewhere nothing is removed.
pub fn remove_stale_temporaries(out: &Path) -> usize {
    if !cfg!(target_os = "linux") || !Path::new("/proc/self").exists() {
        return 0;
    }
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(out).max_depth(2).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        let Some(stem) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else { continue };
        let Some(pid) = stem.rsplit('.').next().and_then(|p| p.parse::<u32>().ok()) else { continue };
        if entry.file_type().is_file()
            && pid != std::process::id()
            && !Path::new(&format!("/proc/{pid}")).exists()
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// The ending of this process's temporary report files (`.NAME.PID.tmp`).
pub fn temp_suffix() -> String {
    format!(".{}.tmp", std::process::id())
}

/// Writes a temporary file beside `path` through `fill` (buffered); returns
/// the temporary path. On failure the temporary file is removed.
///
/// No fsync: the rename makes a report appear whole or not at all to anyone
/// reading while lqa runs or after it is interrupted; surviving a power cut is
/// left to the filesystem (ext4 and XFS flush a file renamed over another).
/// Syncing cost 0.7 s of a 10.5 s scan of 3 million segments (1 GB of reports).
fn write_temp(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}{}", temp_suffix()));
    let io = |e| Error::Io { path: path.to_path_buf(), source: e };
    let result = (|| {
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut buffered = std::io::BufWriter::with_capacity(1 << 20, file);
        fill(&mut buffered)?;
        buffered.into_inner().map(drop).map_err(|e| io(e.into_error()))
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

/// Pretty-printed JSON with a final newline; `name` labels a (never expected) serialisation error.
pub fn to_json<T: serde::Serialize>(name: &str, value: &T) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| Error::Input {
        path: name.into(),
        line: 0,
        message: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, then renames it over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, &mut |w| w.write_all(bytes).map_err(|e| Error::Io { path: path.to_path_buf(), source: e }))
}

/// [`write_atomic`] with the content written by `fill` (buffered).
pub fn write_atomic_with(path: &Path, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>) -> Result<()> {
    let tmp = write_temp(path, fill)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::Io { path: path.to_path_buf(), source: e }
    })
}
