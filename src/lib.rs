//! lqa — machine-translation quality analysis for localized documentation.
//!
//! Data flows one way: files → [`model::Document`] → segments → HT×MT pairs
//! ([`pairs`]) → scores and aggregates ([`score`]) → reports ([`report`]).
//! Nothing downstream re-reads files; nothing upstream knows about reports.
//! The library never prints and never exits: the `lqa` binary owns the terminal.

pub mod charclass;
pub mod checks;
pub mod compare;
pub mod corpus;
pub mod distinct;
pub mod edits;
pub mod error;
pub mod evaluate;
pub mod git;
pub mod history;
pub mod intern;
pub mod markup;
pub mod metrics;
pub mod model;
pub mod normalize;
pub mod pairs;
pub mod quality;
pub mod read;
pub mod releases;
pub mod report;
pub mod score;
pub mod terms;

use std::path::PathBuf;

pub use crate::corpus::{Corpus, Shard, Skipped};
pub use crate::error::{Error, Result};
pub use crate::model::{Document, Locale, Origin, Segment};

/// What to scan.
#[derive(Clone, Debug, Default)]
pub struct ScanConfig {
    /// Files and folders to read.
    pub paths: Vec<PathBuf>,
    /// Treat each direct child folder of every path as one release, in name order.
    pub releases: bool,
    /// Quality model: weights, per-check overrides, gate.
    pub quality: quality::QualityConfig,
    /// Read only this part of the corpus (whole locales; see [`corpus::ShardPlan`]).
    pub shard: Option<Shard>,
    /// Glossary files (CSV or TBX) the targets are checked against.
    pub glossaries: Vec<PathBuf>,
    /// Read releases from a git branch's history instead of `paths`.
    pub git: Option<git::GitHistory>,
    /// Folders never read: the scan's own `--out` (folders of lqa reports are never read either).
    pub exclude: Vec<PathBuf>,
    /// Follow symbolic links wherever they lead (`--follow`); by default a link
    /// that leads outside the scanned folders is listed as skipped, not read.
    pub follow_links: bool,
    /// Files (and glossaries) larger than this many bytes are not read; `None`:
    /// [`read::DEFAULT_MAX_FILE_SIZE`].
    pub max_file_size: Option<u64>,
    /// Defuse spreadsheet formulas in the CSV reports' text cells (`--csv-safe`):
    /// a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front.
    pub csv_safe: bool,
}

impl ScanConfig {
    /// The inputs as named in manifest.json, index.html and the history database.
    pub fn inputs(&self) -> Vec<String> {
        match &self.git {
            Some(history) => vec![history.describe()],
            None => self.paths.iter().map(|p| p.display().to_string()).collect(),
        }
    }

    /// The largest file read, in bytes.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size.unwrap_or(read::DEFAULT_MAX_FILE_SIZE)
    }
}

/// Hooks for progress reporting; the library calls them, the binary draws.
pub trait Progress: Sync {
    /// A stage with `total` steps starts.
    fn start(&self, stage: &str, total: usize);
    /// One step of the current stage is done (called from worker threads).
    fn advance(&self);
    /// The current stage is done.
    fn finish(&self);
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &str, _: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// A QA finding with where it is: (document index, segment index, finding).
pub type LocatedFinding = (usize, usize, checks::Finding);

/// The result of a scan: what was read, how it pairs, the scores and summaries.
#[derive(Debug, Default)]
pub struct Scan {
    /// What was asked for.
    pub config: ScanConfig,
    pub corpus: Corpus,
    pub groups: Vec<pairs::SourceGroup>,
    pub pairs: Vec<score::Pair>,
    pub locales: Vec<score::LocaleSummary>,
    /// QA findings in document and segment order.
    pub findings: Vec<LocatedFinding>,
    /// Quality tallies per document, locale × origin and release.
    pub quality: quality::QualityReport,
    /// UI labels and their renderings per locale and origin; the glossary checked.
    pub terms: terms::TermReport,
    /// What changed in each document between consecutive releases (empty with one release).
    pub changes: Vec<releases::Change>,
    /// Per locale × release × origin (and all origins) figures.
    pub releases: Vec<releases::ReleaseRow>,
    /// Wall time of each phase, in order (`lqa scan --timings`).
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

impl Scan {
    /// Number of segments read.
    pub fn segment_count(&self) -> usize {
        self.corpus.documents.iter().map(|d| d.segments.len()).sum()
    }
}

/// Runs the pipeline on the current rayon pool: discover, read in parallel,
/// group by (locale, source), score pairs in parallel, summarise.
///
/// Unreadable files are recorded in `corpus.skipped`, never fatal. The only
/// error is a path that does not exist at all, which is a usage mistake.
pub fn scan(config: &ScanConfig, progress: &dyn Progress) -> Result<Scan> {
    // A glossary that cannot be read is a usage error: fail before the long part.
    let mut glossary = Vec::new();
    for path in &config.glossaries {
        glossary.extend(terms::glossary::read(path, config.max_file_size())?);
    }
    let mut clock = Clock::default();
    let corpus = parse_only(config, progress)?;
    clock.lap("read");
    let mut index = distinct::index(&corpus.documents);
    clock.lap("index distinct segments");
    let mut findings = run_checks(&corpus.documents, &index);
    clock.lap("checks");
    let (terms, term_findings) = terms::analyse(&corpus.documents, &index, glossary);
    findings.extend(term_findings);
    // Stable: keeps catalogue order within a segment (terminology last).
    findings.sort_by_key(|(d, s, _)| (*d, *s));
    let findings = apply_overrides(findings, &config.quality);
    clock.lap("terms");
    let quality = quality::QualityReport::build(&corpus.documents, &findings);
    clock.lap("quality");
    let groups = pairs::group_index(&index);
    let renderings = releases::Renderings::new(&mut index, &groups);
    drop(index);
    let todo = score::pair_indices(&groups);
    clock.lap("pairing");
    progress.start("scoring", todo.len());
    let pairs = score::score_pairs(&groups, todo, &|| progress.advance());
    progress.finish();
    let locales = score::summarize(&corpus.documents, &groups, &pairs);
    clock.lap("scoring");
    let changes = releases::changes(&corpus.documents, &corpus.releases);
    clock.lap("release changes");
    let release_rows = releases::release_rows(&corpus, &quality, &groups, &pairs, &changes, &renderings);
    clock.lap("release rows");
    Ok(Scan {
        config: config.clone(),
        corpus,
        groups,
        pairs,
        locales,
        findings,
        quality,
        terms,
        changes,
        releases: release_rows,
        timings: clock.laps,
    })
}

/// Wall time between successive laps.
struct Clock {
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Default for Clock {
    fn default() -> Clock {
        Clock { last: std::time::Instant::now(), laps: Vec::new() }
    }
}

impl Clock {
    fn lap(&mut self, phase: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((phase, now - self.last));
        self.last = now;
    }
}

/// Only discovers and parses (no checks, pairing, scoring or reports): the
/// baseline the scan's throughput is measured against (`lqa scan --parse-only`).
pub fn parse_only(config: &ScanConfig, progress: &dyn Progress) -> Result<Corpus> {
    if let Some(history) = &config.git {
        // A folder scan's checks: --git takes no paths, and sharding is planned from file sizes on disk.
        if !config.paths.is_empty() || config.releases || config.shard.is_some() {
            return Err(Error::Git {
                path: history.repo.clone(),
                message: "a git history is scanned alone: no PATHs, --releases or --shard with it".to_string(),
            });
        }
        let repo = git::open(history)?;
        let mut discovery = git::discover(&repo, history, progress)?;
        discovery.repo = Some(repo);
        return Ok(corpus::read_all(discovery, None, &config.quality.formats, config.max_file_size(), progress));
    }
    for path in &config.paths {
        if let Err(e) = std::fs::metadata(path) {
            return Err(Error::Io { path: path.clone(), source: e });
        }
    }
    let links = if config.follow_links { corpus::Links::Follow } else { corpus::Links::InsideRoots };
    let discovery = corpus::discover(&config.paths, config.releases, &config.exclude, links);
    Ok(corpus::read_all(discovery, config.shard, &config.quality.formats, config.max_file_size(), progress))
}

/// Runs the QA checks: the per-segment ones in parallel, once per distinct
/// (locale, source, target) — a segment's checks depend on these alone, and a
/// docs history repeats most segments from one release to the next — then the
/// length-ratio check over each locale. Findings are in document order (the
/// caller sorts them with the terminology findings into segment order).
fn run_checks(documents: &[Document], index: &distinct::SegmentIndex) -> Vec<LocatedFinding> {
    use rayon::prelude::*;
    let results: Vec<(Vec<checks::Finding>, checks::ProseLengths)> = index
        .distinct
        .par_iter()
        .map(|e| {
            let (d, s) = e.first;
            checks::inspect_segment(e.locale, &documents[d].segments[s])
        })
        .collect();
    let (nested, lengths): (Vec<Vec<LocatedFinding>>, Vec<Vec<checks::ProseLengths>>) = index
        .keys
        .par_iter()
        .enumerate()
        .map(|(d, doc_keys)| {
            let mut findings = Vec::new();
            let lengths = doc_keys
                .iter()
                .enumerate()
                .map(|(s, &k)| {
                    let (found, lengths) = &results[k as usize];
                    findings.extend(found.iter().map(|f| (d, s, f.clone())));
                    *lengths
                })
                .collect();
            (findings, lengths)
        })
        .unzip();
    let mut findings: Vec<LocatedFinding> = nested.into_iter().flatten().collect();
    findings.extend(checks::length::length_outliers(documents, &lengths));
    findings
}

/// The config's per-check overrides applied (turned-off checks dropped).
fn apply_overrides(findings: Vec<LocatedFinding>, config: &quality::QualityConfig) -> Vec<LocatedFinding> {
    if config.checks.is_empty() {
        return findings;
    }
    findings.into_iter().filter_map(|(d, s, f)| config.apply(f).map(|f| (d, s, f))).collect()
}
