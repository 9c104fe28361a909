//! History across runs: `lqa scan --history FILE.sqlite` appends each run's
//! per-release, per-locale, per-origin aggregates (as additive statistics, so
//! scores can be recomputed exactly) and its metric signatures; `lqa trend`
//! reads them back into one row per release × locale × origin — the latest
//! run that scanned a release wins — so a team running lqa after every
//! release gets its quality curve without rescanning old releases.
//!
//! Runs whose metric signatures differ are never mixed: their scores are not
//! comparable. SQLite is compiled in (rusqlite, `bundled`): nothing to install.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::metrics::chrf::Chrf;
use crate::metrics::ter::Ter;
use crate::metrics::{Metric, Stats};
use crate::Scan;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    lqa_version TEXT NOT NULL,
    signatures TEXT NOT NULL,
    inputs TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS aggregates (
    run INTEGER NOT NULL REFERENCES runs(id),
    release TEXT NOT NULL,
    release_order INTEGER NOT NULL,
    locale TEXT NOT NULL,
    origin TEXT NOT NULL,
    documents INTEGER NOT NULL,
    segments INTEGER NOT NULL,
    source_words INTEGER NOT NULL,
    penalty_points REAL NOT NULL,
    findings INTEGER NOT NULL,
    pairs INTEGER NOT NULL,
    ter_stats TEXT NOT NULL,
    chrf_stats TEXT NOT NULL,
    PRIMARY KEY (run, release, locale, origin)
);";

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Input { path: path.to_path_buf(), line: 0, message: format!("history database: {e}") }
}

fn join(stats: &Stats) -> String {
    stats.0.iter().map(u64::to_string).collect::<Vec<_>>().join(" ")
}

fn split(text: &str) -> Stats {
    Stats(text.split_whitespace().filter_map(|n| n.parse().ok()).collect())
}

/// The signatures a history compares runs by.
fn signatures(scan: &Scan) -> String {
    let s = crate::report::manifest::signatures(scan);
    let ter: std::collections::BTreeSet<&str> = s.ter.values().map(String::as_str).collect();
    let ter: Vec<&str> = ter.into_iter().collect();
    format!("{} | {}", ter.join(" | "), s.chrf)
}

fn unusable(path: &Path, why: String) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        line: 0,
        message: format!("is not a usable lqa history ({why}); it was not changed"),
    }
}

/// Refuses a history file lqa must not append to or read: one that is not an
/// SQLite database at all (a text file), or one whose pages are damaged
/// (`PRAGMA quick_check` answers anything but `ok`). A missing or empty file is
/// fine (a new history). The file is only read, never changed: opened read-only.
pub fn check(path: &Path) -> Result<()> {
    let io = |e| Error::Io { path: path.to_path_buf(), source: e };
    let mut header = [0u8; 16];
    let read = match std::fs::File::open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
        Ok(mut file) => {
            use std::io::Read;
            let mut read = 0;
            while read < header.len() {
                match file.read(&mut header[read..]).map_err(io)? {
                    0 => break,
                    n => read += n,
                }
            }
            read
        }
    };
    if read == 0 {
        return Ok(());
    }
    if &header[..read] != b"SQLite format 3\0" {
        return Err(unusable(path, "not an SQLite database: its first bytes are not SQLite's header".into()));
    }
    let db = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| unusable(path, format!("SQLite: {e}")))?;
    let answers: std::result::Result<Vec<String>, rusqlite::Error> =
        db.prepare("PRAGMA quick_check").and_then(|mut q| q.query_map([], |r| r.get::<_, String>(0))?.collect());
    match answers {
        Ok(answers) if answers == ["ok"] => Ok(()),
        Ok(answers) => {
            let mut why = answers.iter().take(3).cloned().collect::<Vec<_>>().join("; ");
            if answers.len() > 3 {
                why.push_str(&format!("; and {} more", answers.len() - 3));
            }
            Err(unusable(path, format!("SQLite quick_check: {why}")))
        }
        Err(e) => Err(unusable(path, format!("SQLite quick_check: {e}"))),
    }
}

/// Appends a scan's release rows to the history database (created if missing);
/// returns the run's id. Refuses a database whose runs have other signatures,
/// and one that is not a usable history ([`check`]), without changing it.
pub fn append(path: &Path, scan: &Scan) -> Result<i64> {
    check(path)?;
    let mut db = Connection::open(path).map_err(|e| db_error(path, e))?;
    db.execute_batch(SCHEMA).map_err(|e| db_error(path, e))?;
    let signatures = signatures(scan);
    let other: Option<String> =
        db.query_row("SELECT signatures FROM runs WHERE signatures <> ?1 LIMIT 1", [&signatures], |r| r.get(0)).ok();
    if let Some(other) = other {
        return Err(Error::Input {
            path: path.to_path_buf(),
            line: 0,
            message: format!("holds runs scored with other metric settings ({other}); this run uses {signatures}: use another history file"),
        });
    }
    let tx = db.transaction().map_err(|e| db_error(path, e))?;
    let inputs = scan.config.inputs().join(", ");
    tx.execute(
        "INSERT INTO runs (lqa_version, signatures, inputs) VALUES (?1, ?2, ?3)",
        params![crate::report::score::LQA_VERSION, signatures, inputs],
    )
    .map_err(|e| db_error(path, e))?;
    let run = tx.last_insert_rowid();
    let config = &scan.config.quality;
    for row in &scan.releases {
        let order = scan.corpus.releases.iter().position(|r| *r == row.release).unwrap_or(usize::MAX) as i64;
        let empty_ter = Stats(vec![0; 2]);
        let empty_chrf = Stats(vec![0; Chrf::plain().stats_len()]);
        tx.execute(
            "INSERT INTO aggregates VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                run,
                row.release,
                order,
                row.locale.as_str(),
                row.origin.map_or("all", |o| o.label()),
                row.documents as i64,
                row.segments as i64,
                row.tally.source_words as i64,
                row.tally.points(config),
                row.tally.total_findings() as i64,
                row.pairs as i64,
                join(row.ter.as_ref().unwrap_or(&empty_ter)),
                join(row.chrf.as_ref().unwrap_or(&empty_chrf)),
            ],
        )
        .map_err(|e| db_error(path, e))?;
    }
    tx.commit().map_err(|e| db_error(path, e))?;
    Ok(run)
}

/// One point of the trend: a release × locale × origin from the latest run that scanned it.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendRow {
    pub release: String,
    pub locale: String,
    pub origin: String,
    pub run: i64,
    pub documents: i64,
    pub segments: i64,
    pub quality_score: Option<f64>,
    pub pairs: i64,
    pub ter: Option<f64>,
    pub chrf: Option<f64>,
}

/// Reads the trend: per (locale, release, origin) the latest run's figures, in
/// locale, then release, then origin order.
pub fn trend(path: &Path) -> Result<Vec<TrendRow>> {
    if !path.is_file() {
        return Err(Error::Input { path: path.to_path_buf(), line: 0, message: "no such history file".into() });
    }
    check(path)?;
    let db = Connection::open(path).map_err(|e| db_error(path, e))?;
    let kinds: i64 =
        db.query_row("SELECT COUNT(DISTINCT signatures) FROM runs", [], |r| r.get(0)).map_err(|e| db_error(path, e))?;
    if kinds > 1 {
        return Err(Error::Input {
            path: path.to_path_buf(),
            line: 0,
            message: format!("mixes runs of {kinds} different metric settings; their scores are not comparable"),
        });
    }
    let mut statement = db
        .prepare(
            "SELECT a.release, a.locale, a.origin, a.run, a.documents, a.segments, a.source_words, a.penalty_points,
                    a.pairs, a.ter_stats, a.chrf_stats
             FROM aggregates a
             WHERE a.run = (SELECT MAX(b.run) FROM aggregates b WHERE b.release = a.release AND b.locale = a.locale AND b.origin = a.origin)
             ORDER BY a.locale, a.release, CASE a.origin WHEN 'HT' THEN 0 WHEN 'MT' THEN 1 WHEN 'unknown' THEN 2 ELSE 3 END",
        )
        .map_err(|e| db_error(path, e))?;
    let rows = statement
        .query_map([], |r| {
            let words: i64 = r.get(6)?;
            let points: f64 = r.get(7)?;
            let pairs: i64 = r.get(8)?;
            let (ter, chrf): (String, String) = (r.get(9)?, r.get(10)?);
            Ok(TrendRow {
                release: r.get(0)?,
                locale: r.get(1)?,
                origin: r.get(2)?,
                run: r.get(3)?,
                documents: r.get(4)?,
                segments: r.get(5)?,
                quality_score: (words > 0).then(|| (100.0 * (1.0 - points / words as f64)).max(0.0)),
                pairs,
                ter: (pairs > 0).then(|| Ter::DEFAULT.corpus_score(&split(&ter))),
                chrf: (pairs > 0).then(|| Chrf::plain().corpus_score(&split(&chrf))),
            })
        })
        .map_err(|e| db_error(path, e))?;
    rows.collect::<std::result::Result<Vec<_>, _>>().map_err(|e| db_error(path, e))
}
