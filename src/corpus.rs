//! Finding the files of a scan and reading them in parallel.
//!
//! Discovery walks the given paths in name order; with releases, each direct
//! child folder of a root is one release. Reading runs on rayon's pool and
//! returns documents in a fixed order — (release, path) — whatever the number
//! of threads. A file that cannot be read becomes a [`Skipped`] entry; it never
//! stops the batch. Pairing and scoring are not done here.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{Document, Locale, DEFAULT_RELEASE};
use crate::read::{self, Format, Source};

/// A file that was not read, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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
    /// The file on disk; for a blob, the display path (`REPO@commit:path`) errors name.
    pub path: PathBuf,
    /// The content is this blob of the discovery's repository, not a file on disk.
    pub blob: Option<gix::ObjectId>,
}

/// What discovery found: the files to read, the paths that failed already
/// (missing root, directory loop, permission denied) and how many files were
/// passed over because no reader takes their format.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<FileEntry>,
    pub skipped: Vec<Skipped>,
    pub ignored: usize,
    /// Folders of lqa's own reports, never read (see [`report_folder`]).
    pub excluded: Vec<Skipped>,
    /// The repository the files' blobs are in (`--git`).
    pub repo: Option<gix::ThreadSafeRepository>,
}

/// One part of a sharded scan: part `index` (1-based) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    /// `K/N` with 1 ≤ K ≤ N.
    fn from_str(text: &str) -> Result<Shard, String> {
        let bad = || format!("'{text}' is not a shard K/N with 1 <= K <= N (for example 1/4)");
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let (index, count) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Which shard reads which locale. Everything lqa pairs, checks across
/// segments or aggregates is keyed by locale, so a whole locale goes to one
/// shard and every shard's figures are exact. Locales (taken from the file
/// paths) are dealt out greedily by bytes, largest first, to the least loaded
/// shard; every shard computes the same plan from the same discovery.
#[derive(Clone, Debug)]
pub struct ShardPlan {
    shard: Shard,
    assigned: std::collections::BTreeMap<Locale, usize>,
}

impl ShardPlan {
    pub fn new(files: &[FileEntry], shard: Shard) -> ShardPlan {
        let mut bytes: std::collections::BTreeMap<Locale, u64> = std::collections::BTreeMap::new();
        for file in files {
            if let Some(locale) = Locale::from_path(&file.path) {
                *bytes.entry(locale).or_default() += std::fs::metadata(&file.path).map_or(0, |m| m.len());
            }
        }
        let mut order: Vec<(Locale, u64)> = bytes.into_iter().collect();
        // Largest first; equal sizes in locale order (the sort is stable).
        order.sort_by_key(|(_, size)| std::cmp::Reverse(*size));
        let mut load = vec![0u64; shard.count];
        let mut assigned = std::collections::BTreeMap::new();
        for (locale, size) in order {
            let target = (0..shard.count).min_by_key(|&i| (load[i], i)).unwrap_or(0);
            load[target] += size;
            assigned.insert(locale, target + 1);
        }
        ShardPlan { shard, assigned }
    }

    /// The shard (1-based) that owns a locale; locales no path names go by a hash of their tag.
    pub fn owner(&self, locale: &Locale) -> usize {
        self.assigned.get(locale).copied().unwrap_or_else(|| {
            // FNV-1a: stable across runs and platforms.
            let hash = locale
                .as_str()
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
            (hash % self.shard.count as u64) as usize + 1
        })
    }

    /// Whether this shard reads `locale`.
    pub fn owns(&self, locale: &Locale) -> bool {
        self.owner(locale) == self.shard.index
    }
}

/// Everything read: documents in (release, path) order and skipped files in path order.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    /// Each document's position in the discovery's file list: the global order
    /// `lqa merge` restores from the parts of a sharded scan.
    pub order: Vec<usize>,
    pub skipped: Vec<Skipped>,
    /// Files with no reader for their format (images, YAML, …), not read.
    pub ignored: usize,
    /// Folders of lqa's own reports, not read (path and why).
    pub excluded: Vec<Skipped>,
    /// Releases in order.
    pub releases: Vec<String>,
}

impl Corpus {
    /// Files read (a TMX or XLIFF file may hold several documents).
    pub fn files_read(&self) -> usize {
        let mut files = self.order.clone();
        files.dedup();
        files.len()
    }
}

/// Why a folder is lqa's own output and must not be read as input (its
/// segments.csv has source, target and locale columns: a scan of `.` would
/// otherwise read the `reports/` of the previous run and double its
/// segments each time): it is the scan's `--out` (`own`, canonical paths), or
/// it holds a manifest.json that lqa wrote (any run's reports, shards too).
pub fn report_folder(dir: &Path, own: &[PathBuf]) -> Option<&'static str> {
    if std::fs::canonicalize(dir).is_ok_and(|d| own.contains(&d)) {
        return Some("this scan's --out folder: lqa does not read its own reports");
    }
    let manifest = dir.join("manifest.json");
    let head = std::fs::File::open(manifest).ok().and_then(|f| {
        use std::io::Read;
        let mut head = Vec::new();
        f.take(4096).read_to_end(&mut head).ok().map(|_| head)
    })?;
    let head = String::from_utf8_lossy(&head);
    (head.contains("\"lqa_version\"") && head.contains("\"sacrebleu_version_matched\""))
        .then_some("a folder of lqa reports (its manifest.json is lqa's): not read as input")
}

/// Which symbolic links discovery follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Links {
    /// Links whose target is inside one of the scanned roots (a hostile
    /// repository cannot make a CI scan read, and quote, `/etc/passwd`);
    /// a link leading elsewhere is a [`Skipped`] entry.
    #[default]
    InsideRoots,
    /// Every link (`lqa scan --follow`, like ripgrep's `-L`).
    Follow,
}

/// The reason a link that leads out of the scanned folders is not read.
pub const LINK_OUTSIDE: &str = "symbolic link leads outside the scanned folders (use --follow to read it)";

/// Where discovery may go: the scanned roots (canonical) when links are confined to them.
struct Confine {
    roots: Option<Vec<PathBuf>>,
}

impl Confine {
    fn new(roots: &[PathBuf], links: Links) -> Confine {
        let roots =
            (links == Links::InsideRoots).then(|| roots.iter().filter_map(|r| std::fs::canonicalize(r).ok()).collect());
        Confine { roots }
    }

    /// Whether the link at `path` leads outside the roots. A dangling link does
    /// not: reading it fails with the system's own reason, as before.
    fn leads_outside(&self, path: &Path) -> bool {
        let Some(roots) = &self.roots else { return false };
        std::fs::canonicalize(path).is_ok_and(|target| !roots.iter().any(|r| target.starts_with(r)))
    }

    fn skipped(path: &Path) -> Skipped {
        Skipped { path: path.display().to_string(), line: 0, reason: LINK_OUTSIDE.to_string() }
    }
}

/// Lists the files to read under `roots`, never inside `exclude` (the scan's
/// own output folder) or any other folder of lqa reports. With `releases`, every direct child
/// folder of each root is a release named after the folder; releases with the
/// same name under different roots are one release. A root itself may be a
/// link; links below the roots are followed as `links` says.
pub fn discover(roots: &[PathBuf], releases: bool, exclude: &[PathBuf], links: Links) -> Discovery {
    let mut found = Discovery::default();
    let own: Vec<PathBuf> = exclude.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
    let confine = Confine::new(roots, links);
    for root in roots {
        if root.is_dir() {
            if let Some(reason) = report_folder(root, &own) {
                found.excluded.push(Skipped { path: root.display().to_string(), line: 0, reason: reason.to_string() });
                continue;
            }
        }
        if !releases || root.is_file() {
            walk(root, root, DEFAULT_RELEASE, &own, &confine, &mut found);
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
            if child.is_symlink() && confine.leads_outside(&child) {
                found.skipped.push(Confine::skipped(&child));
                continue;
            }
            if child.is_dir() {
                walk(&child, &child, &name, &own, &confine, &mut found);
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

fn walk(root: &Path, base: &Path, release: &str, own: &[PathBuf], confine: &Confine, found: &mut Discovery) {
    // follow_links so that linked folders are read; walkdir reports loops as errors.
    let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
    let excluded = std::cell::RefCell::new(Vec::new());
    let outside = std::cell::RefCell::new(Vec::new());
    let entries = walker.into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        if e.file_name().to_string_lossy().starts_with('.') {
            return false;
        }
        if e.path_is_symlink() && confine.leads_outside(e.path()) {
            outside.borrow_mut().push(Confine::skipped(e.path()));
            return false;
        }
        if e.file_type().is_dir() {
            if let Some(reason) = report_folder(e.path(), own) {
                let path = e.path().display().to_string();
                excluded.borrow_mut().push(Skipped { path, line: 0, reason: reason.to_string() });
                return false;
            }
        }
        true
    });
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
                    blob: None,
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
    found.excluded.extend(excluded.into_inner());
    found.skipped.extend(outside.into_inner());
}

/// Reads every discovered file in parallel on the current rayon pool, telling
/// `progress` how many files there are and when each is read (from any thread).
///
/// With a shard, only the files of the locales the shard owns are read (their
/// locale from the path; files whose path names no locale are read by every
/// shard and kept by the one that owns their locale, and if unreadable,
/// listed by every shard — `lqa merge` removes the duplicates). A file (or
/// blob) larger than `max_file_size` bytes is skipped unread, with its size.
pub fn read_all(
    discovery: Discovery,
    shard: Option<Shard>,
    formats: &read::FormatConfig,
    max_file_size: u64,
    progress: &dyn crate::Progress,
) -> Corpus {
    let plan = shard.map(|shard| ShardPlan::new(&discovery.files, shard));
    let todo: Vec<(usize, &FileEntry, bool)> = discovery
        .files
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| match (&plan, Locale::from_path(&entry.path)) {
            (None, _) => Some((i, entry, false)),
            (Some(plan), Some(locale)) => plan.owns(&locale).then_some((i, entry, false)),
            (Some(_), None) => Some((i, entry, true)),
        })
        .collect();
    // Shared by all readers for the whole scan, then dropped: the documents keep the texts.
    let texts = crate::intern::TextInterner::default();
    progress.start("reading", todo.len());
    let repo = discovery.repo.as_ref();
    let results: Vec<Result<Vec<Document>, Error>> = todo
        .par_iter()
        // One repository handle per worker: gix's object caches are not shared between threads.
        .map_init(
            || repo.map(gix::ThreadSafeRepository::to_thread_local),
            |repo, (_, entry, _)| {
                let result = match (entry.blob, repo.as_ref()) {
                    (Some(id), Some(repo)) => crate::git::read_blob(repo, id, &entry.path, max_file_size)
                        .and_then(|bytes| read::parse_documents(&entry.path, &bytes, &entry.source, formats, &texts)),
                    _ => read::read_documents_within(&entry.path, &entry.source, formats, &texts, max_file_size),
                };
                progress.advance();
                result
            },
        )
        .collect();
    progress.finish();
    let mut corpus = Corpus {
        skipped: discovery.skipped,
        ignored: discovery.ignored,
        excluded: discovery.excluded,
        ..Corpus::default()
    };
    for ((index, _, unplaced), result) in todo.iter().zip(results) {
        match result {
            // Not a bilingual file after all (an .xml of another kind, a CSV without source and target).
            Ok(docs) if docs.is_empty() => corpus.ignored += 1,
            Ok(docs) => {
                for doc in docs {
                    // A file may hold several locales (TMX): each document goes to its locale's shard.
                    if *unplaced && !plan.as_ref().is_none_or(|p| p.owns(&doc.locale)) {
                        continue;
                    }
                    corpus.documents.push(doc);
                    corpus.order.push(*index);
                }
            }
            Err(e) => corpus.skipped.push(Skipped::from(&e)),
        }
    }
    corpus.skipped.sort();
    corpus.releases = corpus.documents.iter().map(|d| d.release.clone()).collect();
    corpus.releases.dedup();
    corpus
}
