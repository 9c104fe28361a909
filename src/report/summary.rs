//! The `--format json` summary `lqa scan` prints on stdout for machines: counts,
//! the quality of every locale × origin with pass/fail, the gate's failures,
//! metric signatures and the reports written. Unlike the report files it holds
//! the run time, so it is not byte-identical between runs.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::quality::failure_reason;
use crate::report::manifest::Signatures;
use crate::Scan;

/// Renders the JSON summary (pretty-printed, with a final newline).
pub fn render(scan: &Scan, signatures: &Signatures, reports: &[PathBuf], seconds: f64) -> Result<Vec<u8>> {
    #[derive(Serialize)]
    struct Quality<'a> {
        locale: &'a str,
        origin: &'a str,
        segments: u64,
        source_words: u64,
        findings_info: u64,
        findings_minor: u64,
        findings_major: u64,
        findings_critical: u64,
        penalty_points: f64,
        penalty_per_1000_words: Option<f64>,
        score: Option<f64>,
        pass: bool,
        /// Why it fails (empty when it passes).
        reason: String,
        /// The three checks that cost the most points.
        top_checks: String,
        /// The locale's share of sources with both an HT and an MT rendering, and of identical pairs.
        coverage: Option<f64>,
        share_identical: Option<f64>,
    }
    #[derive(Serialize)]
    struct Summary<'a> {
        lqa_version: &'a str,
        files_read: usize,
        files_skipped: usize,
        segments: usize,
        pairs: usize,
        findings: usize,
        seconds: f64,
        gate_enabled: bool,
        threshold: f64,
        /// True when no locale × origin fails (whether or not the gate changes the exit code).
        passed: bool,
        quality: Vec<Quality<'a>>,
        signatures: &'a Signatures,
        reports: Vec<String>,
    }
    use crate::checks::Severity;
    let config = &scan.config.quality;
    let summary_of = |locale: &crate::model::Locale| scan.locales.iter().find(|l| l.locale.as_ref() == Some(locale));
    let quality: Vec<Quality> = scan
        .quality
        .locales
        .iter()
        .map(|((locale, origin), t)| Quality {
            locale: locale.as_str(),
            origin: origin.label(),
            segments: t.segments,
            source_words: t.source_words,
            findings_info: t.count(Severity::Info),
            findings_minor: t.count(Severity::Minor),
            findings_major: t.count(Severity::Major),
            findings_critical: t.count(Severity::Critical),
            penalty_points: t.points(config),
            penalty_per_1000_words: t.per_thousand_words(config),
            score: t.score(config),
            pass: t.passes(config),
            reason: failure_reason(t, config),
            top_checks: t.top_checks_text(config, 3),
            coverage: summary_of(locale).and_then(|l| l.coverage()),
            share_identical: summary_of(locale).and_then(|l| l.share_identical()),
        })
        .collect();
    let summary = Summary {
        lqa_version: crate::report::score::LQA_VERSION,
        files_read: scan.corpus.documents.len(),
        files_skipped: scan.corpus.skipped.len(),
        segments: scan.segment_count(),
        pairs: scan.pairs.len(),
        findings: scan.findings.len(),
        seconds,
        gate_enabled: config.gate.enabled,
        threshold: config.gate.threshold,
        passed: quality.iter().all(|q| q.pass),
        quality,
        signatures,
        reports: reports.iter().map(|p| p.display().to_string()).collect(),
    };
    crate::report::to_json("summary", &summary)
}
