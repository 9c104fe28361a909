//! Command-line arguments (clap derive) and their conversion to plain
//! configuration, plus the terminal progress bar. Nothing else in lqa sees clap.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const EXAMPLES: &str = "\
Examples:
  lqa scan data/sample                         scan the shipped sample, reports in ./reports
  lqa scan ../corpus/releases --releases       each child folder is one release, in name order
  lqa scan docs/ru-ru docs/ja-jp --out out/ -j 2 --strict";

const SCAN_EXAMPLES: &str = "\
Examples:
  lqa scan data/sample
  lqa scan ../shared/corpus/releases --releases --out reports/releases
  lqa scan a.md b.md --quiet --strict

Reports written to --out: segments.csv, pairs.csv, locales.csv, skipped.csv, warnings.csv.
Exit codes: 0 success, 2 error (or a skipped file with --strict).";

/// Machine-translation quality analysis for localized documentation.
///
/// lqa reads Microsoft Docs bilingual Markdown, pairs human (HT) and machine (MT)
/// translations of the same English source per locale, scores them and writes reports.
#[derive(Debug, Parser)]
#[command(name = "lqa", version, about, long_about, after_help = EXAMPLES, propagate_version = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read a corpus, pair HT and MT per locale, score the pairs, write CSV reports.
    #[command(after_help = SCAN_EXAMPLES)]
    Scan(ScanArgs),
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Files or folders to read (folders recursively; .md files).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Folder for the reports (created if missing).
    #[arg(long, short, default_value = "reports", value_name = "DIR")]
    pub out: PathBuf,
    /// Each direct child folder of every PATH is one release, in name order.
    #[arg(long)]
    pub releases: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Fail (exit 2) if any file had to be skipped.
    #[arg(long)]
    pub strict: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `lqa scan` as plain configuration.
#[derive(Debug)]
pub struct ScanRun {
    pub config: lqa::ScanConfig,
    pub out: PathBuf,
    pub jobs: Option<usize>,
    pub strict: bool,
    pub progress: bool,
}

impl From<ScanArgs> for ScanRun {
    fn from(args: ScanArgs) -> ScanRun {
        ScanRun {
            config: lqa::ScanConfig { paths: args.paths, releases: args.releases },
            out: args.out,
            jobs: args.jobs.map(usize::from),
            strict: args.strict,
            progress: !args.quiet && std::io::stderr().is_terminal(),
        }
    }
}

/// A progress bar on stderr, or nothing when hidden.
pub struct Bar(ProgressBar);

impl Bar {
    pub fn new(visible: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(
            Some(0),
            if visible { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() },
        );
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len}, {elapsed} elapsed, about {eta} left")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Bar(bar)
    }
}

impl lqa::Progress for Bar {
    fn start(&self, stage: &str, total: usize) {
        self.0.reset();
        self.0.set_length(total as u64);
        self.0.set_message(stage.to_string());
    }
    fn advance(&self) {
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
