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
  lqa scan docs/ru-ru docs/ja-jp --out out/ -j 2 --strict
  lqa scan data/sample --fail-under 99 --fail-on critical   exit 1 when a locale fails the gate";

const SCAN_EXAMPLES: &str = "\
Examples:
  lqa scan data/sample
  lqa scan ../shared/corpus/releases --releases --out reports/releases
  lqa scan --git ../docs.ru-ru --branch live --since 2019-01-01 --every 1mo   releases from git history
  lqa scan a.md b.md --quiet --strict
  lqa scan data/sample --fail-under 99.5 --fail-on major     a CI quality gate
  lqa scan data/sample --config lqa.toml --format json       weights from a file, JSON summary

Reports written to --out: segments.csv, documents.csv, pairs.csv, locales.csv, checks.csv,
skipped.csv, warnings.csv, manifest.json.
Quality score per locale x origin: 100 * (1 - penalty points / source words); points per
finding = severity weight (minor 1, major 5, critical 25) x category weight.
Exit codes: 0 success, 1 quality gate failed (with --fail-under, --fail-on or [gate] enabled),
2 error (or a skipped file with --strict).";

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
    /// Score line-aligned hypothesis and reference texts with sacreBLEU-identical metrics.
    #[command(after_help = SCORE_EXAMPLES)]
    Score(ScoreArgs),
    /// Terminology tools: mine a glossary from the HT renderings of UI labels.
    #[command(subcommand)]
    Terms(TermsCommand),
    /// Quality across runs from a --history database: trend.csv and a trend chart.
    #[command(after_help = TREND_EXAMPLES)]
    Trend(TrendArgs),
    /// Compare the MT-vs-HT scores of two scans (report folders) per locale, with bootstrap intervals.
    #[command(after_help = COMPARE_EXAMPLES)]
    Compare(CompareArgs),
    /// Combine the report folders of a sharded scan into the reports of one run.
    #[command(after_help = MERGE_EXAMPLES)]
    Merge(MergeArgs),
    /// Print the quality model's configuration (weights, gate, per-check overrides) as TOML.
    #[command(after_help = CONFIG_EXAMPLES)]
    Config(ConfigArgs),
}

const CONFIG_EXAMPLES: &str = "\
Examples:
  lqa config --default > lqa.toml                 the defaults, with comments, to edit
  lqa scan data/sample --config lqa.toml          scan with the edited model";

#[derive(Debug, Subcommand)]
pub enum TermsCommand {
    /// Propose a glossary: each UI label's dominant HT rendering, with counts, for a reviewer to edit.
    #[command(after_help = MINE_EXAMPLES)]
    Mine(MineArgs),
}

const MINE_EXAMPLES: &str = "\
Examples:
  lqa terms mine ../shared/corpus --out glossary.csv --min-count 5
  lqa scan ../shared/corpus --glossary glossary.csv      then check MT against it

Columns: locale, source, approved (the most frequent HT rendering), forbidden (empty, to fill in),
case_sensitive, note, ht_count, ht_total, agreement (share of HT using it), mt_renderings.";

#[derive(Debug, clap::Args)]
pub struct MineArgs {
    /// Files or folders to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The glossary file to write.
    #[arg(long, short, value_name = "glossary.csv")]
    pub out: PathBuf,
    /// Only labels seen at least this many times (HT and MT together).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_count: usize,
    /// Each direct child folder of every PATH is one release.
    #[arg(long)]
    pub releases: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

const TREND_EXAMPLES: &str = "\
Examples:
  lqa scan docs/2024-06 --history quality.sqlite     after every release, in CI
  lqa trend quality.sqlite --out trend/              trend.csv, trend.svg, trend.png

Per release, locale and origin the latest run that scanned the release counts. Runs scored with
other metric settings are refused.";

#[derive(Debug, clap::Args)]
pub struct TrendArgs {
    /// The history database written by `lqa scan --history`.
    #[arg(value_name = "FILE.sqlite")]
    pub history: PathBuf,
    /// Folder for trend.csv and the chart.
    #[arg(long, short, default_value = "reports", value_name = "DIR")]
    pub out: PathBuf,
}

const COMPARE_EXAMPLES: &str = "\
Examples:
  lqa compare reports/2024-05 reports/2024-06
  lqa compare old/ new/ --max-drop 1.0 --out compare.csv     exit 1 when a score drops by more than 1 point

Units are the (locale, English source) pairs present in both runs; the interval is a 95% paired
bootstrap (1,000 resamples, fixed seed). A regression is an interval wholly on the worse side.
Exit codes: 0 success, 1 a drop beyond --max-drop, 2 error.";

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The earlier run's report folder.
    #[arg(value_name = "OLD_DIR")]
    pub old: PathBuf,
    /// The later run's report folder.
    #[arg(value_name = "NEW_DIR")]
    pub new: PathBuf,
    /// Exit 1 when a locale's chrF or BLEU falls, or its TER rises, by more than this many points.
    #[arg(long, value_name = "POINTS")]
    pub max_drop: Option<f64>,
    /// Also write the table as CSV.
    #[arg(long, value_name = "compare.csv")]
    pub out: Option<PathBuf>,
}

const MERGE_EXAMPLES: &str = "\
Examples:
  lqa scan corpus/ --shard 1/2 --out part1      on one machine
  lqa scan corpus/ --shard 2/2 --out part2      on another
  lqa merge part1 part2 --out reports           byte-identical to: lqa scan corpus/ --out reports

Shards split the corpus by whole locales, so every pair, check and aggregate is exact in its
shard; the merge restores the order of one run. Exit codes: 0 success, 2 error (a folder that
is not a shard's output, shards of different runs or settings, a missing or repeated shard).";

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Report folders of `lqa scan --shard K/N`, one per K.
    #[arg(required = true, value_name = "SHARD_DIR")]
    pub shards: Vec<PathBuf>,
    /// Folder for the merged reports (created if missing).
    #[arg(long, short, default_value = "reports", value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Print the default configuration with comments.
    #[arg(long, required = true)]
    pub default: bool,
}

const SCORE_EXAMPLES: &str = "\
Examples:
  lqa score --ref ht.txt --hyp mt.txt                  corpus TER, chrF, chrF++, BLEU and lev
  lqa score -r ht.txt --hyp mt.txt -m ter bleu --sentence --format csv
  lqa score --pairs reports/pairs.csv -m chrf --format json   rescore a scan's pairs

Text files are read as sacreBLEU reads them: UTF-8, one segment per line,
trailing whitespace stripped. A pairs file is tab-separated (comma-separated
if it ends in .csv), with a header naming `hypothesis` and `reference`
columns; quoted fields may hold tabs and newlines.
Exit codes: 0 success, 2 error (unreadable input, line counts that differ,
unknown metric).";

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["reference", "pairs"])))]
pub struct ScoreArgs {
    /// Reference (human translation) file, one segment per line.
    #[arg(long = "ref", short = 'r', value_name = "REF.txt", requires = "hypothesis")]
    pub reference: Option<PathBuf>,
    /// Hypothesis (machine translation) file, line-aligned with --ref.
    #[arg(long = "hyp", value_name = "HYP.txt", requires = "reference")]
    pub hypothesis: Option<PathBuf>,
    /// TSV (or .csv) file with `hypothesis` and `reference` columns, instead of --ref/--hyp.
    #[arg(long, value_name = "FILE.tsv", conflicts_with_all = ["reference", "hypothesis"])]
    pub pairs: Option<PathBuf>,
    /// Metrics to compute, in output order.
    #[arg(short, long = "metrics", num_args = 1.., value_name = "METRIC",
          value_parser = clap::builder::PossibleValuesParser::new(lqa::metrics::METRIC_NAMES),
          default_values_t = lqa::metrics::METRIC_NAMES.map(String::from))]
    pub metrics: Vec<String>,
    /// One score per line instead of the corpus score.
    #[arg(long)]
    pub sentence: bool,
    /// BLEU tokenizer.
    #[arg(long, value_name = "TOK", value_parser = ["13a", "intl", "char", "none", "zh"])]
    pub tokenize: Option<String>,
    /// TER: tercom's normalisation (punctuation split off, `&quot;` etc. decoded), as sacreBLEU's flag.
    #[arg(long)]
    pub ter_normalized: bool,
    /// TER: CJK ideographs and punctuation as words (with --ter-normalized; what `lqa scan` uses for zh and ja).
    #[arg(long)]
    pub ter_asian_support: bool,
    /// TER: drop the punctuation `.,?:;!"()`.
    #[arg(long)]
    pub ter_no_punct: bool,
    /// TER: do not lowercase.
    #[arg(long)]
    pub ter_case_sensitive: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Text,
    Csv,
    Json,
}

/// Where `lqa score` reads its segments.
#[derive(Debug)]
pub enum ScoreInput {
    Files { hypothesis: PathBuf, reference: PathBuf },
    Pairs(PathBuf),
}

/// `lqa score` as plain configuration.
#[derive(Debug)]
pub struct ScoreRun {
    pub input: ScoreInput,
    pub metrics: Vec<String>,
    pub options: lqa::metrics::MetricOptions,
    pub sentence: bool,
    pub format: lqa::report::score::ScoreFormat,
    pub jobs: Option<usize>,
}

impl From<ScoreArgs> for ScoreRun {
    fn from(args: ScoreArgs) -> ScoreRun {
        let input = match (args.pairs, args.hypothesis, args.reference) {
            (Some(pairs), _, _) => ScoreInput::Pairs(pairs),
            // clap's argument group guarantees either --pairs or both files.
            (None, hypothesis, reference) => ScoreInput::Files {
                hypothesis: hypothesis.unwrap_or_default(),
                reference: reference.unwrap_or_default(),
            },
        };
        ScoreRun {
            input,
            metrics: args.metrics,
            // clap's value_parser only admits names Tokenizer::from_str knows.
            options: lqa::metrics::MetricOptions {
                tokenize: args.tokenize.and_then(|t| t.parse().ok()).unwrap_or_default(),
                ter: lqa::metrics::ter::Ter {
                    normalized: args.ter_normalized,
                    no_punct: args.ter_no_punct,
                    asian_support: args.ter_asian_support,
                    case_sensitive: args.ter_case_sensitive,
                },
            },
            sentence: args.sentence,
            format: match args.format {
                FormatArg::Text => lqa::report::score::ScoreFormat::Text,
                FormatArg::Csv => lqa::report::score::ScoreFormat::Csv,
                FormatArg::Json => lqa::report::score::ScoreFormat::Json,
            },
            jobs: args.jobs.map(usize::from),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Files or folders to read (folders recursively; .md files).
    #[arg(required_unless_present = "git", conflicts_with = "git", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read releases from the history of a git repository instead of PATHs: one per sampled commit.
    #[arg(long, value_name = "REPO_DIR", requires = "branch", conflicts_with_all = ["releases", "shard"])]
    pub git: Option<PathBuf>,
    /// With --git: the branch whose first-parent history is read.
    #[arg(long, value_name = "B", requires = "git")]
    pub branch: Option<String>,
    /// With --git: drop commits dated before this day.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "git")]
    pub since: Option<lqa::git::Date>,
    /// With --git: keep every Nth commit (N) or the last commit of each period (14d, 1w, 1mo, 2mo); default every commit.
    #[arg(long, value_name = "N|PERIOD", requires = "git")]
    pub every: Option<lqa::git::Every>,
    /// Folder for the reports (created if missing).
    #[arg(long, short, default_value = "reports", value_name = "DIR")]
    pub out: PathBuf,
    /// Each direct child folder of every PATH is one release, in name order.
    #[arg(long)]
    pub releases: bool,
    /// Follow symbolic links wherever they lead (by default a link leading outside the PATHs is skipped).
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Fail (exit 2) if any file had to be skipped.
    #[arg(long)]
    pub strict: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Quality model settings (TOML; `lqa config --default` prints the defaults).
    #[arg(long, value_name = "lqa.toml")]
    pub config: Option<PathBuf>,
    /// Gate: exit 1 when a locale × origin scores below SCORE (0-100). Implies the gate is on.
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    pub fail_under: Option<f64>,
    /// Gate: exit 1 when a locale × origin has a finding of this severity or worse. Implies the gate is on.
    #[arg(long, value_name = "SEVERITY", value_enum)]
    pub fail_on: Option<FailOnArg>,
    /// Glossary (CSV: locale,source,approved[,forbidden,case_sensitive,note]; or TBX) to check targets against. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// Append this run's per-release, per-locale aggregates to a SQLite history (see `lqa trend`).
    #[arg(long, value_name = "FILE.sqlite")]
    pub history: Option<PathBuf>,
    /// Process part K of N (whole locales, dealt out by size); combine the parts with `lqa merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<lqa::Shard>,
    /// Files and glossaries larger than this are not read (listed in skipped.csv with their size): bytes, or with K, M, G (KiB, MiB, GiB).
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Only read and parse the files (no checks, scores or reports): a throughput baseline.
    #[arg(long)]
    pub parse_only: bool,
    /// Print the wall time of each phase (reading, checks, pairing, scoring, reports…) on stderr.
    #[arg(long)]
    pub timings: bool,
    /// Summary on stdout: text for people, json for machines.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
    /// CSVs to open in a spreadsheet: a text cell starting with = + - @, a tab or CR gets a ' in front (no formula runs).
    #[arg(long)]
    pub csv_safe: bool,
}

/// A size in bytes: `1048576`, `512K`, `100M`, `2G` (powers of 1024; a trailing `B`/`iB` allowed).
fn parse_size(text: &str) -> Result<u64, String> {
    let bad = || format!("'{text}' is not a size (bytes, or a number with K, M or G, for example 2G)");
    let upper = text.trim().to_ascii_uppercase();
    let digits = upper.trim_end_matches("IB").trim_end_matches('B');
    let (number, shift) = match digits.as_bytes().last() {
        Some(b'K') => (&digits[..digits.len() - 1], 10),
        Some(b'M') => (&digits[..digits.len() - 1], 20),
        Some(b'G') => (&digits[..digits.len() - 1], 30),
        Some(b'T') => (&digits[..digits.len() - 1], 40),
        _ => (digits, 0),
    };
    let number: u64 = number.trim().parse().map_err(|_| bad())?;
    number.checked_mul(1 << shift).ok_or_else(bad)
}

fn parse_score(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(score) if (0.0..=100.0).contains(&score) => Ok(score),
        _ => Err(format!("'{text}' is not a score between 0 and 100")),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOnArg {
    Critical,
    Major,
    Minor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    Text,
    Json,
}

/// `lqa scan` as plain configuration.
#[derive(Debug)]
pub struct ScanRun {
    pub config: lqa::ScanConfig,
    pub out: PathBuf,
    pub jobs: Option<usize>,
    pub strict: bool,
    pub progress: bool,
    pub format: SummaryFormat,
    pub parse_only: bool,
    pub timings: bool,
    pub history: Option<PathBuf>,
}

impl ScanRun {
    /// The plain configuration of a scan; reads the `--config` file.
    pub fn new(args: ScanArgs) -> lqa::Result<ScanRun> {
        use lqa::quality::{FailOn, QualityConfig};
        let mut quality = match &args.config {
            Some(path) => QualityConfig::from_file(path)?,
            None => QualityConfig::default(),
        };
        if let Some(score) = args.fail_under {
            quality.gate.threshold = score;
            quality.gate.enabled = true;
        }
        if let Some(severity) = args.fail_on {
            quality.gate.fail_on = match severity {
                FailOnArg::Critical => FailOn::Critical,
                FailOnArg::Major => FailOn::Major,
                FailOnArg::Minor => FailOn::Minor,
            };
            quality.gate.enabled = true;
        }
        Ok(ScanRun {
            config: lqa::ScanConfig {
                exclude: vec![args.out.clone()],
                max_file_size: Some(args.max_file_size),
                csv_safe: args.csv_safe,
                paths: args.paths,
                releases: args.releases,
                follow_links: args.follow,
                quality,
                shard: args.shard,
                glossaries: args.glossary,
                git: args.git.map(|repo| lqa::git::GitHistory {
                    repo,
                    // clap requires --branch with --git.
                    branch: args.branch.unwrap_or_default(),
                    since: args.since,
                    every: args.every.unwrap_or_default(),
                }),
            },
            out: args.out,
            jobs: args.jobs.map(usize::from),
            strict: args.strict,
            progress: !args.quiet && std::io::stderr().is_terminal(),
            format: args.format,
            parse_only: args.parse_only,
            timings: args.timings,
            history: args.history,
        })
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
