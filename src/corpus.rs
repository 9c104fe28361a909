//! Finding the files of a scan and reading them in parallel.
//!
//! Discovery walks the given paths in name order; with releases, each direct
//! child folder of a root is one release. Reading runs on rayon's pool and
//! returns documents in a fixed order — (release, path) — whatever the number
//! of threads. A file that cannot be read becomes a [`Skipped`] entry; it never
//! stops the batch. Pairing and scoring are not done here.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::model::{Document, DEFAULT_RELEASE};
use crate::read::{self, Format, Source};

/// A file that was not read, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Skipped {
    pub path: String,
    /// 1-based line of the problem, 0 when it concerns the whole file.
    pub line: usize,
    pub reason: String,
}

impl From<&Error> for Skipped {
    fn from(e: &Error) -> Skipped {
        Skipped { path: e.path().display().to_string(), line: e.line(), reason: e.reason() }
    }
}

/// One file to read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileEntry {
    pub source: Source,
    pub path: PathBuf,
}

/// What discovery found: the files to read, the paths that failed already
/// (missing root, directory loop, permission denied) and how many files were
/// passed over because no reader takes their format.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<FileEntry>,
    pub skipped: Vec<Skipped>,
    pub ignored: usize,
}

/// Everything read: documents in (release, path) order and skipped files in path order.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
    /// Files with no reader for their format (images, YAML, …), not read.
    pub ignored: usize,
    /// Releases in order.
    pub releases: Vec<String>,
}

/// Lists the files to read under `roots`. With `releases`, every direct child
/// folder of each root is a release named after the folder; releases with the
/// same name under different roots are one release.
pub fn discover(roots: &[PathBuf], releases: bool) -> Discovery {
    let mut found = Discovery::default();
    for root in roots {
        if !releases || root.is_file() {
            walk(root, root, DEFAULT_RELEASE, &mut found);
            continue;
        }
        let children = match std::fs::read_dir(root) {
            Ok(children) => children,
            Err(e) => {
                found.skipped.push(Skipped::from(&Error::Io { path: root.clone(), source: e }));
                continue;
            }
        };
        let mut children: Vec<PathBuf> = children.filter_map(|c| c.ok().map(|c| c.path())).collect();
        children.sort();
        for child in children {
            let name = child.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            if child.is_dir() {
                walk(&child, &child, &name, &mut found);
            } else if Format::from_path(&child).is_some() {
                found.skipped.push(Skipped {
                    path: child.display().to_string(),
                    line: 0,
                    reason: "not inside a release folder (with --releases, each child folder of the root is a release)"
                        .to_string(),
                });
            } else {
                found.ignored += 1;
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    found
}

fn walk(root: &Path, base: &Path, release: &str, found: &mut Discovery) {
    // follow_links so that linked folders are read; walkdir reports loops as errors.
    let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
    let entries =
        walker.into_iter().filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.path();
                // A file named on the command line is read whatever its extension.
                if entry.depth() > 0 && Format::from_path(path).is_none() {
                    found.ignored += 1;
                    continue;
                }
                let relative = match path.strip_prefix(base) {
                    Ok(rel) if !rel.as_os_str().is_empty() => rel,
                    _ => Path::new(path.file_name().unwrap_or(path.as_os_str())),
                };
                found.files.push(FileEntry {
                    source: Source {
                        release: release.to_string(),
                        display: path.display().to_string(),
                        relative: relative.to_string_lossy().replace('\\', "/"),
                    },
                    path: path.to_path_buf(),
                });
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let message = match e.loop_ancestor() {
                    Some(ancestor) => format!("directory loop back to {}", ancestor.display()),
                    None => e.io_error().map_or_else(|| e.to_string(), ToString::to_string),
                };
                found.skipped.push(Skipped { path: path.display().to_string(), line: 0, reason: message });
            }
        }
    }
}

/// Reads every discovered file in parallel on the current rayon pool.
/// `on_file` is called once per file read (for a progress bar), from any thread.
pub fn read_all(discovery: Discovery, on_file: &(dyn Fn() + Sync)) -> Corpus {
    // Shared by all readers for the whole scan, then dropped: the documents keep the texts.
    let texts = crate::intern::TextInterner::default();
    let results: Vec<Result<Document, Error>> = discovery
        .files
        .par_iter()
        .map(|entry| {
            let result = read::read_file(&entry.path, &entry.source, &texts);
            on_file();
            result
        })
        .collect();
    let mut corpus = Corpus { skipped: discovery.skipped, ignored: discovery.ignored, ..Corpus::default() };
    for result in results {
        match result {
            Ok(doc) => corpus.documents.push(doc),
            Err(e) => corpus.skipped.push(Skipped::from(&e)),
        }
    }
    corpus.skipped.sort();
    corpus.releases = corpus.documents.iter().map(|d| d.release.clone()).collect();
    corpus.releases.dedup();
    corpus
}
