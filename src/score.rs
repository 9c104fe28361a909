//! Scoring of HT×MT pairs and aggregation per locale and origin.
//!
//! Hypothesis = MT, reference = HT throughout. Per pair: character and word
//! Levenshtein distance, normalised distance, exact match. Per locale and
//! origin: documents, segments, source words; per locale: distinct sources,
//! sources with both HT and MT, pairs, share identical, mean and median
//! normalised distance. Reading and report formatting happen elsewhere.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use rayon::prelude::*;

use crate::metrics::{levenshtein, pytext};
use crate::model::{Document, Locale, Origin};
use crate::pairs::SourceGroup;

/// Edit-distance figures of one MT hypothesis against one HT reference.
#[derive(Clone, Debug, PartialEq)]
pub struct PairScores {
    /// The two normalised texts are identical.
    pub exact: bool,
    /// Levenshtein distance in Unicode scalar values of the NFC-normalised texts.
    pub char_distance: usize,
    pub hypothesis_chars: usize,
    pub reference_chars: usize,
    /// 100 × char_distance / the longer length (0 when both are empty).
    pub normalized_distance: f64,
    /// Levenshtein distance over words (see [`words`]).
    pub word_distance: usize,
}

/// Scores one pair. Both texts must be normalised ([`crate::model::Text::normalized`]).
///
/// Characters are Unicode scalar values after NFC, not grapheme clusters: NFC
/// already folds the combining sequences that differ only in encoding, and
/// scalar values are what sacreBLEU's chrF and RapidFuzz count, so numbers
/// stay comparable with those tools.
pub fn score_pair(locale: &Locale, hypothesis: &str, reference: &str) -> PairScores {
    let hypothesis_chars = hypothesis.chars().count();
    let reference_chars = reference.chars().count();
    let char_distance = levenshtein::char_distance(hypothesis, reference);
    let longer = hypothesis_chars.max(reference_chars);
    let normalized_distance = if longer == 0 { 0.0 } else { 100.0 * char_distance as f64 / longer as f64 };
    let word_distance = levenshtein::token_distance(&words(locale, hypothesis), &words(locale, reference));
    PairScores {
        exact: hypothesis == reference,
        char_distance,
        hypothesis_chars,
        reference_chars,
        normalized_distance,
        word_distance,
    }
}

/// Word tokens for the word-level distance: whitespace-separated tokens, except
/// for Japanese and Chinese, which do not separate words with spaces and are
/// compared character by character (whitespace dropped).
pub fn words<'a>(locale: &Locale, text: &'a str) -> Vec<&'a str> {
    match locale.language() {
        "ja" | "zh" => text
            .char_indices()
            .filter(|(_, c)| !pytext::is_py_whitespace(*c))
            .map(|(i, c)| &text[i..i + c.len_utf8()])
            .collect(),
        _ => pytext::py_split(text).collect(),
    }
}

/// One scored pair: indices into the groups and their renderings.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub group: usize,
    pub machine: usize,
    pub human: usize,
    pub scores: PairScores,
}

/// The (group, MT rendering, HT rendering) indices of every pair, in group order.
pub fn pair_indices(groups: &[SourceGroup]) -> Vec<(usize, usize, usize)> {
    groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            (0..group.machine.len()).flat_map(move |m| (0..group.human.len()).map(move |h| (g, m, h)))
        })
        .collect()
}

/// Scores the given pairs in parallel, keeping their order. `on_pair` is called
/// once per pair scored (for a progress bar), from any thread.
pub fn score_pairs(groups: &[SourceGroup], todo: Vec<(usize, usize, usize)>, on_pair: &(dyn Fn() + Sync)) -> Vec<Pair> {
    todo.into_par_iter()
        .map(|(group, machine, human)| {
            let g = &groups[group];
            let scores = score_pair(&g.locale, &g.machine[machine].text, &g.human[human].text);
            on_pair();
            Pair { group, machine, human, scores }
        })
        .collect()
}

/// Additive counts for one origin within a locale.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OriginCounts {
    pub documents: usize,
    pub segments: usize,
    /// Whitespace-separated words of the English sources.
    pub source_words: usize,
    /// Distinct normalised sources with at least one segment of this origin.
    pub distinct_sources: usize,
}

impl AddAssign<&OriginCounts> for OriginCounts {
    fn add_assign(&mut self, other: &OriginCounts) {
        self.documents += other.documents;
        self.segments += other.segments;
        self.source_words += other.source_words;
        self.distinct_sources += other.distinct_sources;
    }
}

/// Everything locales.csv says about one locale.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LocaleSummary {
    pub locale: Option<Locale>,
    pub by_origin: BTreeMap<Origin, OriginCounts>,
    /// Distinct normalised sources, any origin.
    pub distinct_sources: usize,
    /// Sources with at least one HT and one MT translation.
    pub sources_with_both: usize,
    pub pairs: usize,
    /// Pairs whose MT and HT texts are identical.
    pub identical: usize,
    /// Mean and median normalised distance over the distinct pairs (not weighted
    /// by occurrence counts); `None` without pairs.
    pub mean_normalized_distance: Option<f64>,
    pub median_normalized_distance: Option<f64>,
}

impl LocaleSummary {
    /// Counts summed over origins (documents, segments, words; distinct sources
    /// are the locale's own, not a sum).
    pub fn all_origins(&self) -> OriginCounts {
        let mut total = OriginCounts::default();
        for counts in self.by_origin.values() {
            total += counts;
        }
        total.distinct_sources = self.distinct_sources;
        total
    }

    /// Share of pairs that are identical, 0–1; `None` without pairs.
    pub fn share_identical(&self) -> Option<f64> {
        (self.pairs > 0).then(|| self.identical as f64 / self.pairs as f64)
    }
}

/// Aggregates documents, groups and scored pairs into one summary per locale, in locale order.
pub fn summarize(documents: &[Document], groups: &[SourceGroup], pairs: &[Pair]) -> Vec<LocaleSummary> {
    let mut locales: BTreeMap<&Locale, LocaleSummary> = BTreeMap::new();
    for doc in documents {
        let counts = locales.entry(&doc.locale).or_default().by_origin.entry(doc.origin).or_default();
        counts.documents += 1;
        counts.segments += doc.segments.len();
        counts.source_words +=
            doc.segments.iter().map(|s| pytext::py_split(&s.source.normalized).count()).sum::<usize>();
    }
    for group in groups {
        let summary = locales.entry(&group.locale).or_default();
        summary.distinct_sources += 1;
        summary.sources_with_both += usize::from(group.is_paired());
        for (origin, present) in [
            (Origin::Human, !group.human.is_empty()),
            (Origin::Machine, !group.machine.is_empty()),
            (Origin::Unknown, group.unknown > 0),
        ] {
            if present {
                summary.by_origin.entry(origin).or_default().distinct_sources += 1;
            }
        }
    }
    let mut distances: BTreeMap<&Locale, Vec<f64>> = BTreeMap::new();
    for pair in pairs {
        let locale = &groups[pair.group].locale;
        let summary = locales.entry(locale).or_default();
        summary.pairs += 1;
        summary.identical += usize::from(pair.scores.exact);
        distances.entry(locale).or_default().push(pair.scores.normalized_distance);
    }
    for (locale, mut values) in distances {
        if let Some(summary) = locales.get_mut(locale) {
            summary.mean_normalized_distance = Some(values.iter().sum::<f64>() / values.len() as f64);
            summary.median_normalized_distance = median(&mut values);
        }
    }
    locales
        .into_iter()
        .map(|(locale, mut summary)| {
            summary.locale = Some(locale.clone());
            summary
        })
        .collect()
}

/// Median of the values (mean of the middle two for an even count); `None` when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_scores_on_a_real_rendering() {
        // releases/ ru-RU: "Applies to" HT «Применяется к» vs MT «Относится к».
        let ru = Locale::new("ru-RU");
        let s = score_pair(&ru, "Относится к", "Применяется к");
        assert_eq!(s.char_distance, strsim::levenshtein("Относится к", "Применяется к"));
        assert_eq!((s.hypothesis_chars, s.reference_chars), (11, 13));
        assert_eq!(s.word_distance, 1);
        assert!(!s.exact);
        assert_eq!(s.normalized_distance, 100.0 * s.char_distance as f64 / 13.0);
    }

    #[test]
    fn japanese_words_are_characters() {
        let ja = Locale::new("ja-JP");
        assert_eq!(words(&ja, "顧客 を選択"), ["顧", "客", "を", "選", "択"]);
        // seeds/003 vs seeds/004 style: one character differs.
        assert_eq!(score_pair(&ja, "顧客を選択します", "顧客を選びます").word_distance, 2);
        let ko = Locale::new("ko-KR");
        assert_eq!(words(&ko, "고객 메뉴에서"), ["고객", "메뉴에서"]);
    }

    #[test]
    fn empty_pair_is_identical_with_zero_distance() {
        let s = score_pair(&Locale::new("de-DE"), "", "");
        assert!(s.exact);
        assert_eq!(s.normalized_distance, 0.0);
    }

    #[test]
    fn median_even_and_odd() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
