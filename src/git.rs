//! Releases from the history of a git repository (`lqa scan --git REPO --branch B`).
//!
//! Walks the first-parent history of a branch, samples commits (`--since`,
//! `--every`), labels each sampled commit by its commit date and lists the
//! readable files of its tree as [`FileEntry`]s whose content is a blob in the
//! object database. Everything after discovery — reading, pairing, checks,
//! reports — is the same as for release folders. Objects are read with gix
//! (pure Rust): no git binary or libgit2 at run time. This module does not
//! parse documents and never touches a work tree or the index.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use gix::ObjectId;
use rayon::prelude::*;

use crate::corpus::{Discovery, FileEntry};
use crate::error::{Error, Result};
use crate::read::{Format, Source};

/// Length of the abbreviated commit id in display paths (`REPO@1a2b3c4:path`).
const SHORT_ID: usize = 7;

/// What to read from a repository: a branch and how to sample its history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitHistory {
    /// The repository (work tree or bare `.git` folder).
    pub repo: PathBuf,
    /// Branch name (`main`, or any reference such as `origin/main`).
    pub branch: String,
    /// Drop commits dated before this day.
    pub since: Option<Date>,
    /// Which commits become releases.
    pub every: Every,
}

impl GitHistory {
    /// How the input is named in manifest.json, index.html and the history database.
    pub fn describe(&self) -> String {
        let mut text = format!("{} (git branch {}", self.repo.display(), self.branch);
        if let Some(since) = self.since {
            text.push_str(&format!(", since {since}"));
        }
        if self.every != Every::Commit {
            text.push_str(&format!(", every {}", self.every));
        }
        text.push(')');
        text
    }
}

/// A calendar day (proleptic Gregorian), as written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The day `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (`days_from_civil`).
    pub fn days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Months since January of year 0: consecutive calendar months differ by one.
    fn month_number(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

impl FromStr for Date {
    type Err = String;

    /// `YYYY-MM-DD`, a day that exists.
    fn from_str(text: &str) -> std::result::Result<Date, String> {
        let bad = || format!("'{text}' is not a date YYYY-MM-DD (for example 2019-01-31)");
        let mut parts = text.trim().splitn(3, '-');
        let mut next = |len: usize| {
            parts.next().filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).ok_or_else(bad)
        };
        let (year, month, day) = (next(4)?, next(2)?, next(2)?);
        let date = Date {
            year: year.parse().map_err(|_| bad())?,
            month: month.parse().map_err(|_| bad())?,
            day: day.parse().map_err(|_| bad())?,
        };
        // A day that does not exist (2019-02-30) does not survive the round trip.
        if Date::from_days(date.days()) != date || date.month == 0 || date.day == 0 {
            return Err(bad());
        }
        Ok(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Which commits of the history become releases. In every mode the commits
/// are taken oldest first and the **last** commit of each group is kept, so
/// the branch tip is always a release and each release shows the state at the
/// end of its period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Every {
    /// Every commit.
    #[default]
    Commit,
    /// Groups of N commits (the Nth, 2Nth, … commit and the tip).
    Commits(usize),
    /// Periods of N days (`14d`; `2w` is 14 days), counted from the `--since`
    /// day, or without it from the oldest commit's day.
    Days(u32),
    /// Periods of N calendar months (`1mo`), counted from the month of `--since`
    /// or of the oldest commit.
    Months(u32),
}

impl FromStr for Every {
    type Err = String;

    /// `N` (commits), `Nd`, `Nw`, `Nmo`, with N ≥ 1.
    fn from_str(text: &str) -> std::result::Result<Every, String> {
        let bad = || {
            format!("'{text}' is not a sampling interval: N commits, or N followed by d, w or mo (for example 10, 14d, 1w, 1mo)")
        };
        let text = text.trim();
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let (number, unit) = text.split_at(digits);
        let n: u32 = number.parse().map_err(|_| bad())?;
        if n == 0 {
            return Err(bad());
        }
        match unit {
            "" => Ok(Every::Commits(n as usize)),
            "d" => Ok(Every::Days(n)),
            "w" => n.checked_mul(7).map(Every::Days).ok_or_else(bad),
            "mo" => Ok(Every::Months(n)),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Every {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Every::Commit => f.write_str("1"),
            Every::Commits(n) => write!(f, "{n}"),
            Every::Days(n) => write!(f, "{n}d"),
            Every::Months(n) => write!(f, "{n}mo"),
        }
    }
}

/// When a commit was made, in the committer's own time zone (what `git log --date=short` shows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitTime {
    pub date: Date,
    /// Minutes since midnight.
    pub minute: u32,
}

impl CommitTime {
    /// From seconds since the epoch (UTC) and the zone's offset in seconds.
    pub fn new(seconds: i64, offset: i32) -> CommitTime {
        let local = seconds + i64::from(offset);
        CommitTime { date: Date::from_days(local.div_euclid(86_400)), minute: (local.rem_euclid(86_400) / 60) as u32 }
    }
}

/// The positions (in `times`, oldest first) of the commits to keep: those on
/// or after `since`, then the last of each group `every` forms.
pub fn sample(times: &[CommitTime], since: Option<Date>, every: Every) -> Vec<usize> {
    let kept: Vec<usize> = (0..times.len()).filter(|&i| since.is_none_or(|s| times[i].date >= s)).collect();
    let Some(&first) = kept.first() else { return Vec::new() };
    let start = since.unwrap_or(times[first].date);
    let group = |rank: usize, i: usize| -> i64 {
        let date = times[i].date;
        match every {
            Every::Commit => rank as i64,
            Every::Commits(n) => (rank / n) as i64,
            Every::Days(n) => (date.days() - start.days()).div_euclid(i64::from(n)),
            Every::Months(n) => (date.month_number() - start.month_number()).div_euclid(i64::from(n)),
        }
    };
    // A commit is the last of its group when the next kept commit is in another
    // group (commit dates can go backwards: each run of one group counts).
    (0..kept.len())
        .filter(|&rank| rank + 1 == kept.len() || group(rank, kept[rank]) != group(rank + 1, kept[rank + 1]))
        .map(|rank| kept[rank])
        .collect()
}

/// Release labels for sampled commits, oldest first: the commit date
/// `YYYY-MM-DD`; when commits share a date, `YYYY-MM-DD-HHMM`; when they also
/// share the minute, `-2`, `-3`… after the second and later ones.
pub fn labels(times: &[CommitTime]) -> Vec<String> {
    let mut labels: Vec<String> = times
        .iter()
        .map(|t| {
            let shared = times.iter().filter(|u| u.date == t.date).count() > 1;
            if shared {
                format!("{}-{:02}{:02}", t.date, t.minute / 60, t.minute % 60)
            } else {
                t.date.to_string()
            }
        })
        .collect();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for label in &mut labels {
        let count = seen.entry(label.clone()).or_default();
        *count += 1;
        if *count > 1 {
            label.push_str(&format!("-{count}"));
        }
    }
    labels
}

/// One sampled commit.
#[derive(Clone, Debug)]
pub struct Release {
    pub label: String,
    pub commit: ObjectId,
    pub tree: ObjectId,
}

/// An error about the repository as a whole.
fn repo_error(history: &GitHistory, message: impl fmt::Display) -> Error {
    Error::Git { path: history.repo.clone(), message: message.to_string() }
}

/// Opens the repository for reading objects from several threads.
pub fn open(history: &GitHistory) -> Result<gix::ThreadSafeRepository> {
    if let Err(e) = std::fs::metadata(&history.repo) {
        return Err(Error::Io { path: history.repo.clone(), source: e });
    }
    gix::ThreadSafeRepository::open(&history.repo)
        .map_err(|e| repo_error(history, format!("not a git repository ({e})")))
}

/// The branch's first-parent history, oldest first, sampled and labelled.
pub fn releases(repo: &gix::Repository, history: &GitHistory) -> Result<Vec<Release>> {
    let branch = &history.branch;
    let unknown = |detail: String| repo_error(history, format!("no branch '{branch}'{detail}"));
    // A branch first (refs/heads/B), so that a tag of the same name does not win; then any reference.
    let reference = match repo.try_find_reference(format!("refs/heads/{branch}").as_str()) {
        Ok(Some(r)) => Some(r),
        _ => repo.try_find_reference(branch.as_str()).map_err(|e| unknown(format!(" ({e})")))?,
    };
    let Some(mut reference) = reference else {
        return Err(unknown(match local_branches(repo) {
            names if names.is_empty() => " (the repository has no branches)".to_string(),
            names => format!(" (branches: {})", names.join(", ")),
        }));
    };
    let tip = reference.peel_to_commit().map_err(|e| repo_error(history, format!("branch '{branch}': {e}")))?;
    let shallow: Vec<ObjectId> =
        repo.shallow_commits().ok().flatten().map(|commits| commits.iter().copied().collect()).unwrap_or_default();
    let mut chain: Vec<(ObjectId, ObjectId, CommitTime)> = Vec::new();
    let mut commit = tip;
    loop {
        let id = commit.id;
        let short = id.to_hex_with_len(SHORT_ID);
        let bad = |e: gix::Error| repo_error(history, format!("commit {short}: {e}"));
        let time = commit.time().map_err(bad)?;
        let time = CommitTime::new(time.seconds, time.offset);
        chain.push((id, commit.tree_id().map_err(bad)?.detach(), time));
        let Some(parent) = commit.parent_ids().next().map(|p| p.detach()) else { break };
        if shallow.contains(&id) {
            // The parents were not fetched. Fine if --since drops them anyway.
            if history.since.is_some_and(|since| time.date < since) {
                break;
            }
            return Err(repo_error(
                history,
                format!(
                    "shallow clone: the history of '{branch}' ends at commit {short} ({}); \
                     fetch the rest (git fetch --unshallow) or pass a --since later than that day",
                    time.date
                ),
            ));
        }
        commit = repo.find_commit(parent).map_err(|e| {
            repo_error(history, format!("commit {}, parent of {short}: {e}", parent.to_hex_with_len(SHORT_ID)))
        })?;
    }
    chain.reverse();
    let times: Vec<CommitTime> = chain.iter().map(|c| c.2).collect();
    let kept = sample(&times, history.since, history.every);
    let labels = labels(&kept.iter().map(|&i| times[i]).collect::<Vec<_>>());
    Ok(kept.into_iter().zip(labels).map(|(i, label)| Release { label, commit: chain[i].0, tree: chain[i].1 }).collect())
}

fn local_branches(repo: &gix::Repository) -> Vec<String> {
    let Ok(references) = repo.references() else { return Vec::new() };
    let Ok(branches) = references.local_branches() else { return Vec::new() };
    branches.filter_map(|r| r.ok()).map(|r| r.name().shorten().to_string()).collect()
}

/// Lists the files of every sampled commit, in parallel: one release per
/// commit, named by its label, files at their paths in the repository.
/// Hidden folders and files (`.github/`) are passed over as in a folder walk;
/// files no reader takes, symbolic links and submodules count as not read.
pub fn discover(
    repo: &gix::ThreadSafeRepository,
    history: &GitHistory,
    progress: &dyn crate::Progress,
) -> Result<Discovery> {
    let releases = releases(&repo.to_thread_local(), history)?;
    progress.start("listing", releases.len());
    let listed: Vec<Result<(Vec<FileEntry>, usize)>> = releases
        .par_iter()
        .map_init(
            || repo.to_thread_local(),
            |repo, release| {
                let listed = list_tree(repo, history, release);
                progress.advance();
                listed
            },
        )
        .collect();
    progress.finish();
    let mut found = Discovery::default();
    for result in listed {
        let (files, ignored) = result?;
        found.files.extend(files);
        found.ignored += ignored;
    }
    // The same order a folder scan has: by release label, then path.
    found.files.sort();
    Ok(found)
}

fn list_tree(repo: &gix::Repository, history: &GitHistory, release: &Release) -> Result<(Vec<FileEntry>, usize)> {
    let short = release.commit.to_hex_with_len(SHORT_ID);
    let bad = |e: gix::Error| repo_error(history, format!("tree of commit {short}: {e}"));
    let entries = repo.find_tree(release.tree).map_err(bad)?.traverse().breadthfirst.files().map_err(bad)?;
    let (mut files, mut ignored) = (Vec::new(), 0);
    for entry in entries {
        if entry.mode.is_tree() {
            continue;
        }
        let relative = entry.filepath.to_string();
        if relative.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        if !entry.mode.is_blob() || Format::from_path(Path::new(&relative)).is_none() {
            ignored += 1;
            continue;
        }
        let display = format!("{}@{short}:{relative}", history.repo.display());
        files.push(FileEntry {
            source: Source { release: release.label.clone(), display: display.clone(), relative },
            path: PathBuf::from(display),
            blob: Some(entry.oid),
        });
    }
    Ok((files, ignored))
}

/// The content of a blob; an object that is missing or damaged is an error naming `path`.
pub fn read_blob(repo: &gix::Repository, id: ObjectId, path: &Path, max_size: u64) -> Result<Vec<u8>> {
    // The header gives the size without inflating the object.
    if let Ok(header) = repo.find_header(id) {
        if header.size() > max_size {
            return Err(Error::TooLarge { path: path.to_path_buf(), size: header.size(), limit: max_size });
        }
    }
    repo.find_blob(id).map(|mut blob| blob.take_data()).map_err(|e| Error::Git {
        path: path.to_path_buf(),
        message: format!("cannot read blob {}: {e}", id.to_hex_with_len(SHORT_ID)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn at(date: &str, minute: u32) -> CommitTime {
        CommitTime { date: day(date), minute }
    }

    #[test]
    fn dates_round_trip_and_reject_impossible_days() {
        assert_eq!(Date::from_days(0), day("1970-01-01"));
        assert_eq!(day("2000-03-01").days() - day("2000-02-28").days(), 2, "2000 is a leap year");
        assert_eq!(day("1900-03-01").days() - day("1900-02-28").days(), 1, "1900 is not");
        for text in ["2019-02-29", "2019-13-01", "2019-00-10", "2019-1-01", "19-01-01", "2019-01-01x", ""] {
            assert!(text.parse::<Date>().is_err(), "{text}");
        }
        assert_eq!(day("2020-02-29").to_string(), "2020-02-29");
    }

    #[test]
    fn commit_time_is_in_the_committers_zone() {
        // 2018-08-01 23:30 UTC is already 2018-08-02 in Moscow (+03:00).
        let utc = 1_533_166_200;
        assert_eq!(CommitTime::new(utc, 0), at("2018-08-01", 23 * 60 + 30));
        assert_eq!(CommitTime::new(utc, 3 * 3600), at("2018-08-02", 2 * 60 + 30));
        assert_eq!(CommitTime::new(utc - 86_400 * 365 * 60, -3600).date.year, 1958);
    }

    #[test]
    fn every_parses_units() {
        assert_eq!("3".parse(), Ok(Every::Commits(3)));
        assert_eq!("14d".parse(), Ok(Every::Days(14)));
        assert_eq!("2w".parse(), Ok(Every::Days(14)));
        assert_eq!("1mo".parse(), Ok(Every::Months(1)));
        for text in ["0", "0mo", "mo", "1m", "1y", "-1", "1.5", ""] {
            assert!(text.parse::<Every>().is_err(), "{text}");
        }
    }

    #[test]
    fn sampling_keeps_the_last_commit_of_each_group_and_the_tip() {
        let times =
            [at("2020-01-05", 0), at("2020-01-20", 0), at("2020-02-03", 0), at("2020-03-10", 0), at("2020-03-11", 0)];
        assert_eq!(sample(&times, None, Every::Commit), [0, 1, 2, 3, 4]);
        assert_eq!(sample(&times, None, Every::Commits(2)), [1, 3, 4]);
        assert_eq!(sample(&times, None, Every::Months(1)), [1, 2, 4]);
        assert_eq!(sample(&times, None, Every::Months(2)), [2, 4], "Jan-Feb, Mar-Apr");
        assert_eq!(
            sample(&times, None, Every::Days(14)),
            [0, 1, 2, 4],
            "from Jan 5: 5-18, 19-Feb 1, Feb 2-15, Mar 1-14"
        );
        assert_eq!(sample(&times, Some(day("2020-01-20")), Every::Commit), [1, 2, 3, 4]);
        assert_eq!(sample(&times, Some(day("2020-02-01")), Every::Months(2)), [4], "Feb-Mar");
        assert_eq!(sample(&times, Some(day("2021-01-01")), Every::Commit), Vec::<usize>::new());
    }

    #[test]
    fn labels_add_the_time_only_when_a_date_repeats() {
        let times =
            [at("2020-01-05", 0), at("2020-01-06", 9 * 60 + 5), at("2020-01-06", 14 * 60), at("2020-01-06", 14 * 60)];
        assert_eq!(labels(&times), ["2020-01-05", "2020-01-06-0905", "2020-01-06-1400", "2020-01-06-1400-2"]);
    }
}
