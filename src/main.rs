//! The `lqa` binary: parses arguments, runs the library, prints the summary,
//! and owns the exit code (0 success, 1 quality gate failed, 2 error).

mod cli;

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Parser;

use cli::{Args, Bar, Command, ScanRun, ScoreInput, ScoreRun, SummaryFormat};

/// `println!` for data on stdout, through [`emit`].
macro_rules! outln {
    ($($arg:tt)*) => {
        // A closed stdout is not worth a failure here: the reports are written.
        // Control characters (from file names) are escaped: one message, one line.
        let _ = emit(format!("{}\n", lqa::error::printable(&format!($($arg)*))).as_bytes());
    };
}

/// `eprintln!` with control characters escaped ([`lqa::error::printable`]):
/// a file name cannot forge a line of lqa's own on stderr.
macro_rules! errln {
    ($($arg:tt)*) => {
        eprintln!("{}", lqa::error::printable(&format!($($arg)*)))
    };
}

/// Writes to stdout; a reader that went away (`lqa … | head -1`) is not an error.
fn emit(bytes: &[u8]) -> anyhow::Result<()> {
    match std::io::Write::write_all(&mut std::io::stdout().lock(), bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("cannot write to stdout"),
        _ => Ok(()),
    }
}

/// An error and its causes, each cause once: lqa's errors already name their
/// cause (`path: No such file or directory`), so a cause whose text is in the
/// message so far is not repeated.
fn error_chain(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let cause = cause.to_string();
        if text.is_empty() {
            text = cause;
        } else if !text.contains(&cause) {
            text = format!("{text}: {cause}");
        }
    }
    text
}

/// How many skipped files the summary names before it points to skipped.csv.
const SKIPPED_SHOWN: usize = 5;

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        Command::Scan(scan) => ScanRun::new(scan).map_err(anyhow::Error::from).and_then(run_scan),
        Command::Score(score) => run_score(score.into()),
        Command::Terms(cli::TermsCommand::Mine(mine)) => run_mine(mine),
        Command::Compare(args) => run_compare(args),
        Command::Trend(args) => run_trend(args),
        Command::Merge(merge) => run_merge(&merge.shards, &merge.out),
        Command::Config(_) => emit(lqa::quality::DEFAULT_TOML.as_bytes()).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            errln!("lqa: error: {}", error_chain(&e));
            ExitCode::from(2)
        }
    }
}

fn thread_pool(jobs: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = jobs {
        pool = pool.num_threads(jobs);
    }
    pool.build().context("cannot start worker threads")
}

fn run_score(run: ScoreRun) -> anyhow::Result<ExitCode> {
    let mut metrics = Vec::with_capacity(run.metrics.len());
    for name in &run.metrics {
        match lqa::metrics::by_name(name, &run.options) {
            Some(metric) => metrics.push(metric),
            None => anyhow::bail!("unknown metric '{name}' (known: {})", lqa::metrics::METRIC_NAMES.join(", ")),
        }
    }
    // Reading, scoring and formatting all run in the pool, so that `-j 1`
    // uses one thread throughout (rayon's global pool would otherwise start
    // one thread per core for the parallel parts outside it).
    let bytes = thread_pool(run.jobs)?.install(|| -> anyhow::Result<Vec<u8>> {
        let aligned = match &run.input {
            ScoreInput::Files { hypothesis, reference } => lqa::evaluate::read_aligned(hypothesis, reference)?,
            ScoreInput::Pairs(path) => lqa::evaluate::read_pairs(path)?,
        };
        let results = lqa::evaluate::evaluate(&metrics, &aligned, run.sentence);
        Ok(lqa::report::score::render(&results, run.format, run.sentence)?)
    })?;
    emit(&bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// On Ctrl-C, SIGTERM or SIGHUP: remove this process's temporary report files in `out` (and its
/// sub-folders), then exit 130. Reports are renamed into place only once all are
/// written, so the previous run's reports stay whole.
fn exit_on_interrupt(out: std::path::PathBuf) -> anyhow::Result<()> {
    ctrlc::set_handler(move || {
        let suffix = lqa::report::temp_suffix();
        for entry in walkdir::WalkDir::new(&out).max_depth(2).into_iter().flatten() {
            if entry.file_type().is_file() && entry.file_name().to_string_lossy().ends_with(&suffix) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        errln!("lqa: interrupted");
        std::process::exit(130);
    })
    .context("cannot install the Ctrl-C / SIGTERM handler")
}

/// Takes the lock of a report folder for the write phase; says so on stderr when it has to wait.
fn lock_out(out: &std::path::Path) -> anyhow::Result<lqa::report::OutLock> {
    Ok(lqa::report::lock_out(out, || {
        errln!("lqa: waiting for another lqa writing to {} ...", out.display());
    })?)
}

fn run_scan(run: ScanRun) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    exit_on_interrupt(run.out.clone())?;
    let stale = lqa::report::remove_stale_temporaries(&run.out);
    if stale > 0 {
        errln!("lqa: removed {stale} temporary file(s) an interrupted earlier run left in {}", run.out.display());
    }
    if let Some(history) = &run.history {
        // Before any work: a damaged history is refused, not found after the scan.
        lqa::history::check(history)?;
    }
    let pool = thread_pool(run.jobs)?;
    let bar = Bar::new(run.progress);
    if run.parse_only {
        let corpus = pool.install(|| lqa::parse_only(&run.config, &bar))?;
        let segments: usize = corpus.documents.iter().map(|d| d.segments.len()).sum();
        outln!(
            "parsed {} files, skipped {}, not read {}; segments {}; {:.2} s",
            corpus.files_read(),
            corpus.skipped.len(),
            corpus.ignored,
            segments,
            started.elapsed().as_secs_f64()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let scan = pool.install(|| lqa::scan(&run.config, &bar))?;
    let reports = Instant::now();
    let lock = lock_out(&run.out)?;
    let written = pool.install(|| lqa::report::write_all(&scan, &run.out))?;
    drop(lock);
    if run.timings {
        let phases = scan.timings.iter().copied().chain([("reports", reports.elapsed())]);
        for (phase, took) in phases {
            errln!("lqa: {phase:<24} {:>8.3} s", took.as_secs_f64());
        }
    }
    if let Some(history) = &run.history {
        let id = lqa::history::append(history, &scan)?;
        errln!("lqa: run {id} appended to {}", history.display());
    }

    let corpus = &scan.corpus;
    for folder in &corpus.excluded {
        errln!("lqa: warning: not read {}: {}", folder.path, folder.reason);
    }
    for skipped in corpus.skipped.iter().take(SKIPPED_SHOWN) {
        let line = if skipped.line > 0 { format!(":{}", skipped.line) } else { String::new() };
        errln!("lqa: skipped {}{line}: {}", skipped.path, skipped.reason);
    }
    if corpus.skipped.len() > SKIPPED_SHOWN {
        errln!(
            "lqa: … and {} more, see {}",
            corpus.skipped.len() - SKIPPED_SHOWN,
            run.out.join("skipped.csv").display()
        );
    }
    let truncated = scan.pairs.iter().filter(|p| p.scores.truncated).count();
    if truncated > 0 {
        errln!(
            "lqa: warning: {truncated} pair(s) with a side longer than {} characters scored on the first {0} characters of each side (manifest.json: pairs_truncated)",
            lqa::score::MAX_SCORED_CHARS
        );
    }
    let seconds = started.elapsed().as_secs_f64();
    let signatures = lqa::report::manifest::signatures(&scan);
    let quality = &run.config.quality;
    let failures: Vec<_> = scan.quality.failures(quality).collect();
    match run.format {
        SummaryFormat::Text => print_summary(&scan, &signatures, &written, seconds),
        SummaryFormat::Json => {
            let summary = lqa::report::summary::render(&scan, &signatures, &written, seconds)?;
            emit(&summary)?;
        }
    }
    // One line per locale × origin that fails: the gate's verdict when on, a note otherwise.
    let gate = quality.gate.enabled;
    for (locale, origin, tally) in &failures {
        let verdict = if gate { "FAIL" } else { "below the gate (not enforced)" };
        errln!("lqa: {verdict}: {locale} {}: {}", origin.label(), lqa::quality::failure_reason(tally, quality));
    }
    if run.strict && !corpus.skipped.is_empty() {
        errln!("lqa: --strict: {} file(s) skipped", corpus.skipped.len());
        return Ok(ExitCode::from(2));
    }
    let code = if gate && !failures.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS };
    // Millions of segments take a while to free, and the process ends now anyway.
    std::mem::forget(scan);
    Ok(code)
}

fn run_mine(args: cli::MineArgs) -> anyhow::Result<ExitCode> {
    let config = lqa::ScanConfig { paths: args.paths, releases: args.releases, ..Default::default() };
    let pool = thread_pool(args.jobs.map(usize::from))?;
    let scan = pool.install(|| lqa::scan(&config, &lqa::NoProgress))?;
    let rows = lqa::terms::mine(&scan.terms, args.min_count);
    lqa::report::write_atomic_with(&args.out, &mut |w| lqa::report::csv::mined_glossary(&rows, w))?;
    outln!("mined {} labels (seen {}+ times, rendered by HT) into {}", rows.len(), args.min_count, args.out.display());
    Ok(ExitCode::SUCCESS)
}

fn run_trend(args: cli::TrendArgs) -> anyhow::Result<ExitCode> {
    let rows = lqa::history::trend(&args.history)?;
    let written = lqa::report::trend::write(&rows, &args.out)?;
    outln!(
        "{} points from {}; wrote {}",
        rows.len(),
        args.history.display(),
        written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

fn run_compare(args: cli::CompareArgs) -> anyhow::Result<ExitCode> {
    let rows = lqa::compare::compare(&args.old, &args.new)?;
    outln!(
        "{:<8} {:<5} {:>8} {:>9} {:>9} {:>8}  {:<22} verdict",
        "locale",
        "metric",
        "sources",
        "old",
        "new",
        "change",
        "95% interval"
    );
    let mut failed = false;
    for r in &rows {
        let mut verdict = if r.regression { "regression" } else { "" }.to_string();
        if args.max_drop.is_some_and(|x| lqa::compare::dropped(r, x)) {
            failed = true;
            verdict.push_str(if verdict.is_empty() { "beyond --max-drop" } else { ", beyond --max-drop" });
        }
        outln!(
            "{:<8} {:<5} {:>8} {:>9.2} {:>9.2} {:>+8.2}  [{:>+8.2}, {:>+8.2}]   {verdict}",
            r.locale,
            r.metric,
            r.sources,
            r.old,
            r.new,
            r.delta,
            r.low,
            r.high
        );
    }
    if let Some(path) = &args.out {
        lqa::report::write_atomic_with(path, &mut |w| lqa::report::csv::comparison(&rows, w))?;
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_merge(shards: &[std::path::PathBuf], out: &std::path::Path) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let lock = lock_out(out)?;
    let merged = lqa::report::merge::merge(shards, out)?;
    drop(lock);
    let m = &merged.manifest;
    outln!(
        "merged {} shards: files read {}, skipped {}; segments {}; locales {}; pairs {}; QA findings {}; {:.2} s",
        merged.shards,
        m.files_read,
        m.files_skipped,
        m.segments,
        m.locales.len(),
        m.pairs,
        m.findings,
        started.elapsed().as_secs_f64()
    );
    outln!("reports: {}", merged.written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
    Ok(ExitCode::SUCCESS)
}

/// The human summary on stdout: counts, the quality per locale × origin, signatures, reports.
fn print_summary(
    scan: &lqa::Scan,
    signatures: &lqa::report::manifest::Signatures,
    written: &[std::path::PathBuf],
    seconds: f64,
) {
    let corpus = &scan.corpus;
    let warnings: usize = corpus.documents.iter().map(|d| d.warnings.len()).sum();
    outln!(
        "files read {}, skipped {}, not read {}; segments {} ({} warnings); releases {}; locales {}; pairs {}; QA findings {}; {:.2} s",
        corpus.files_read(),
        corpus.skipped.len(),
        corpus.ignored,
        scan.segment_count(),
        warnings,
        corpus.releases.len(),
        scan.locales.len(),
        scan.pairs.len(),
        scan.findings.len(),
        seconds
    );
    let config = &scan.config.quality;
    let rows: Vec<String> = scan
        .quality
        .locales
        .iter()
        .filter_map(|((locale, origin), tally)| {
            let score = tally.score(config)?;
            let mark = if tally.passes(config) { "" } else { " FAIL" };
            Some(format!("{locale} {} {score:.2}{mark}", origin.label()))
        })
        .collect();
    outln!("quality (threshold {:.2}): {}", config.gate.threshold, rows.join(", "));
    let points: Vec<lqa::releases::ReleasePoint> =
        scan.releases.iter().filter(|r| r.origin.is_none()).map(|r| r.point(config)).collect();
    for step in lqa::releases::steps(&corpus.releases, points.iter()) {
        let share = step.percent_changed();
        outln!(
            "release {} -> {}: {} ({} of {} documents relabelled, {} relabel-only; {} of {} aligned targets changed, {share:.1}%; {} locales)",
            step.from,
            step.to,
            step.transition().label(),
            step.relabelled,
            step.documents,
            step.relabel_only,
            step.targets_changed,
            step.aligned,
            step.locales
        );
    }
    // Distinct signatures of the per-locale metrics, each once.
    let distinct = |map: &std::collections::BTreeMap<String, String>| {
        let set: std::collections::BTreeSet<&str> = map.values().map(String::as_str).collect();
        set.into_iter().collect::<Vec<_>>().join(" | ")
    };
    outln!(
        "signatures: {} | {} | {} | {} (lqa {})",
        distinct(&signatures.ter),
        signatures.chrf,
        signatures.chrf_plus,
        distinct(&signatures.bleu),
        lqa::report::score::LQA_VERSION
    );
    outln!("reports: {}", written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
}
