//! The length-ratio check: a target far shorter or longer than its source,
//! judged against the locale's own distribution (German runs long, Japanese
//! short, so no fixed ratio fits all locales).
//!
//! Unlike the other checks it needs every segment of a locale at once, so it
//! runs over documents rather than one segment. Lengths are counted in
//! characters of the prose (code, URLs and tags removed, see [`super::Prose`]),
//! whitespace excluded so that languages written without spaces compare fairly;
//! they are measured by [`super::inspect_segment`] and passed in.

use std::collections::BTreeMap;

use super::{Finding, ProseLengths, LENGTH_RATIO};
use crate::model::{Document, Locale};

/// Sources shorter than this (non-space characters) are too short for a ratio to
/// mean anything: on ../shared/corpus a limit of 20 flagged mostly compact but
/// correct renderings of short labels ("Cocos (Keeling) Islands" → «Kokosinseln»).
pub const MIN_SOURCE_CHARS: usize = 40;
/// A locale needs this many measurable segments before it has a distribution.
pub const MIN_SEGMENTS: usize = 30;
/// Tukey's "far out" fences: this many interquartile ranges beyond the quartiles
/// (of the log ratio), so only gross omissions and additions are flagged.
pub const FENCE_IQRS: f64 = 3.0;

/// A locale's usual range of target/source length ratios.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LengthRange {
    /// First and third quartile of the ratio.
    pub q1: f64,
    pub q3: f64,
    /// Ratios outside `[low, high]` are findings.
    pub low: f64,
    pub high: f64,
}

impl LengthRange {
    /// The range from the log ratios of a locale's segments; `None` below [`MIN_SEGMENTS`].
    pub fn from_log_ratios(mut logs: Vec<f64>) -> Option<LengthRange> {
        if logs.len() < MIN_SEGMENTS {
            return None;
        }
        logs.sort_by(f64::total_cmp);
        let (q1, q3) = (quantile(&logs, 0.25), quantile(&logs, 0.75));
        let iqr = q3 - q1;
        Some(LengthRange {
            q1: q1.exp(),
            q3: q3.exp(),
            low: (q1 - FENCE_IQRS * iqr).exp(),
            high: (q3 + FENCE_IQRS * iqr).exp(),
        })
    }
}

/// The `p` quantile of sorted values, interpolated linearly between closest ranks.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let pos = p * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Findings for every segment whose length ratio lies outside its locale's
/// range: (document index, segment index, finding), in document and segment order.
/// `lengths[d][s]` are the prose lengths of segment `s` of document `d`.
pub fn length_outliers(documents: &[Document], lengths: &[Vec<ProseLengths>]) -> Vec<(usize, usize, Finding)> {
    // (document, segment, ratio) of every measurable segment, per locale.
    let mut by_locale: BTreeMap<&Locale, Vec<(usize, usize, f64)>> = BTreeMap::new();
    for ((d, doc), doc_lengths) in documents.iter().enumerate().zip(lengths) {
        for ((s, segment), measured) in doc.segments.iter().enumerate().zip(doc_lengths) {
            let ProseLengths { source, target } = *measured;
            // Empty targets are `target-empty`'s; identical texts carry no length signal.
            if source >= MIN_SOURCE_CHARS && target > 0 && segment.source.normalized() != segment.target.normalized() {
                by_locale.entry(&doc.locale).or_default().push((d, s, target as f64 / source as f64));
            }
        }
    }
    let mut findings = Vec::new();
    for (locale, measured) in by_locale {
        let Some(range) = LengthRange::from_log_ratios(measured.iter().map(|m| m.2.ln()).collect()) else {
            continue;
        };
        for &(d, s, ratio) in &measured {
            if ratio < range.low || ratio > range.high {
                let message = format!(
                    "the target is {ratio:.2}× the source's length; {locale} segments are usually {:.2}×–{:.2}× (flagged outside {:.2}×–{:.2}×)",
                    range.q1, range.q3, range.low, range.high
                );
                findings.push((d, s, LENGTH_RATIO.finding(message)));
            }
        }
    }
    findings.sort_by_key(|(d, s, _)| (*d, *s));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.25), 1.75);
        assert_eq!(quantile(&v, 0.75), 3.25);
        assert_eq!(quantile(&[5.0], 0.5), 5.0);
    }

    #[test]
    fn dropped_clause_in_real_french_is_found() {
        // ../shared/corpus/sample/partner-center-pr.fr-fr (83 files, one locale): segment
        // 52d07-133 of announcements/2020-june.md renders "This will save a significant
        // amount of time for partners when performing these activities." as «Cela permet aux
        // partenaires de gagner un temps précieux.», dropping "when performing these activities".
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/sample/partner-center-pr.fr-fr");
        let discovery = crate::corpus::discover(&[dir], false, &[], crate::corpus::Links::InsideRoots);
        assert_eq!(discovery.files.len(), 83);
        let corpus = crate::corpus::read_all(discovery, None, &Default::default(), u64::MAX, &crate::NoProgress);
        let lengths: Vec<Vec<ProseLengths>> = corpus
            .documents
            .iter()
            .map(|d| d.segments.iter().map(|s| super::super::inspect_segment(&d.locale, s).1).collect())
            .collect();
        let findings = length_outliers(&corpus.documents, &lengths);
        let flagged: Vec<&str> =
            findings.iter().map(|(d, s, _)| corpus.documents[*d].segments[*s].id.as_str()).collect();
        assert!(flagged.contains(&"52d07-133"), "{flagged:?}");
        // Far-out fences keep the check quiet: a handful among ~4,900 segments.
        assert!(flagged.len() <= 5, "{flagged:?}");
        let (_, _, finding) = &findings[flagged.iter().position(|id| *id == "52d07-133").unwrap_or(0)];
        assert!(finding.message.starts_with("the target is 0.62× the source's length; fr-FR segments are usually"));
    }

    #[test]
    fn range_needs_enough_segments_and_uses_far_out_fences() {
        assert_eq!(LengthRange::from_log_ratios(vec![0.0; MIN_SEGMENTS - 1]), None);
        // Ratios 1.0 and 2.0 in equal numbers: q1 = 1, q3 = 2, IQR = ln 2 in log space.
        let logs: Vec<f64> = (0..40).map(|i| if i % 2 == 0 { 0.0 } else { 2f64.ln() }).collect();
        let r = LengthRange::from_log_ratios(logs).unwrap();
        assert!((r.q1 - 1.0).abs() < 1e-12 && (r.q3 - 2.0).abs() < 1e-12);
        assert!((r.low - 0.125).abs() < 1e-12, "{}", r.low); // 1 / 2^3
        assert!((r.high - 16.0).abs() < 1e-12, "{}", r.high); // 2 · 2^3
    }
}
