//! Scoring of HT×MT pairs and aggregation per locale and origin.
//!
//! Hypothesis = MT, reference = HT throughout. Per pair: character and word
//! Levenshtein distance, normalised distance, exact match, TER edit operations
//! (HTER) and the additive statistics of chrF, chrF++ and BLEU. Per locale and
//! origin: documents, segments, source words; per locale: distinct sources,
//! sources with both HT and MT, pairs, share identical, mean and median
//! normalised distance, and corpus TER/chrF/chrF++/BLEU from summed statistics
//! (never a mean of sentence scores). Reading and report formatting happen elsewhere.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use rayon::prelude::*;

use crate::metrics::bleu::Bleu;
use crate::metrics::chrf::Chrf;
use crate::metrics::ter::{Ter, TerEdits};
use crate::metrics::tokenize::Tokenizer;
use crate::metrics::{levenshtein, pytext, Metric, Stats};
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
    /// TER edit operations (HTER: MT against its HT).
    pub ter: TerEdits,
    /// chrF statistics (sacreBLEU layout).
    pub chrf: Stats,
    /// chrF++ statistics.
    pub chrf_plus: Stats,
    /// BLEU statistics with the locale's tokenizer ([`bleu_tokenizer`]).
    pub bleu: Stats,
    /// A side is longer than [`MAX_SCORED_CHARS`]: every figure but `exact` and the
    /// two lengths is of the first [`MAX_SCORED_CHARS`] characters of each side.
    pub truncated: bool,
}

impl PairScores {
    /// Sentence TER, chrF, chrF++ and BLEU (effective order), as sacreBLEU's
    /// sentence_score gives them for this pair.
    pub fn sentence_scores(&self, locale: &Locale) -> [f64; 4] {
        [
            self.ter.score(),
            Chrf::plain().sentence_score(&self.chrf),
            Chrf::plus_plus().sentence_score(&self.chrf_plus),
            Bleu::new(bleu_tokenizer(locale)).sentence_score(&self.bleu),
        ]
    }
}

/// The BLEU tokenizer used for a locale: `zh` for Chinese, `char` for Japanese
/// (sacreBLEU's recommended ja-mecab needs MeCab, which lqa does not ship), and
/// sacreBLEU's default `13a` for everything else.
pub fn bleu_tokenizer(locale: &Locale) -> Tokenizer {
    match locale.language() {
        "zh" => Tokenizer::Zh,
        "ja" => Tokenizer::Char,
        _ => Tokenizer::default(),
    }
}

/// The TER settings used for a locale: sacreBLEU's `normalized` +
/// `asian_support` for Chinese and Japanese, which do not separate words with
/// spaces (so TER counts ideographs and punctuation, not one or two
/// space-separated "words" per sentence), and the default `TER()` elsewhere.
pub fn ter_for(locale: &Locale) -> Ter {
    match locale.language() {
        "zh" | "ja" => Ter::ASIAN,
        _ => Ter::DEFAULT,
    }
}

/// The longest side, in characters, a pair is scored on whole. Character and word
/// Levenshtein and TER take time quadratic in the length (a pair of 400,000 characters a
/// side took 6.2 s and 112 MB, so one of 8 million, a 40 MB file, would have taken about
/// two days), while the longest segment of ../shared/corpus has 578 characters; a pair of
/// 20,000-character sides scores in about 0.05 s. A longer side is scored on its first
/// `MAX_SCORED_CHARS` characters (see [`PairScores::truncated`]).
pub const MAX_SCORED_CHARS: usize = 20_000;

/// The first [`MAX_SCORED_CHARS`] characters of a text (all of it when shorter): what a
/// pair is scored on (the page shows less, see [`crate::report::page::SHOWN_CHARS`]).
pub fn scored_prefix(text: &str) -> &str {
    text.char_indices().nth(MAX_SCORED_CHARS).map_or(text, |(end, _)| &text[..end])
}

/// Scores one pair. Both texts must be normalised ([`crate::model::Text::normalized`]).
///
/// Characters are Unicode scalar values after NFC, not grapheme clusters: NFC
/// already folds the combining sequences that differ only in encoding, and
/// scalar values are what sacreBLEU's chrF and RapidFuzz count, so numbers
/// stay comparable with those tools.
///
/// A side longer than [`MAX_SCORED_CHARS`] is scored on the first `MAX_SCORED_CHARS`
/// characters of each side (`truncated`); `exact` and the lengths are of the whole texts.
pub fn score_pair(locale: &Locale, hypothesis: &str, reference: &str) -> PairScores {
    let hypothesis_chars = hypothesis.chars().count();
    let reference_chars = reference.chars().count();
    let truncated = hypothesis_chars.max(reference_chars) > MAX_SCORED_CHARS;
    let exact = hypothesis == reference;
    let (hypothesis, reference) =
        if truncated { (scored_prefix(hypothesis), scored_prefix(reference)) } else { (hypothesis, reference) };
    let char_distance = levenshtein::char_distance(hypothesis, reference);
    let longer = hypothesis_chars.min(MAX_SCORED_CHARS).max(reference_chars.min(MAX_SCORED_CHARS));
    let normalized_distance = if longer == 0 { 0.0 } else { 100.0 * char_distance as f64 / longer as f64 };
    let word_distance = levenshtein::token_distance(&words(locale, hypothesis), &words(locale, reference));
    PairScores {
        exact,
        char_distance,
        hypothesis_chars,
        reference_chars,
        normalized_distance,
        word_distance,
        ter: ter_for(locale).edits(hypothesis, reference),
        chrf: Chrf::plain().stats(hypothesis, reference),
        chrf_plus: Chrf::plus_plus().stats(hypothesis, reference),
        bleu: Bleu::new(bleu_tokenizer(locale)).stats(hypothesis, reference),
        truncated,
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
    /// Summed statistics over the distinct pairs: TER `[edits, reference words]`,
    /// chrF, chrF++ and BLEU in sacreBLEU's layouts.
    pub ter: Stats,
    pub chrf: Stats,
    pub chrf_plus: Stats,
    pub bleu: Stats,
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

    /// Corpus TER, chrF, chrF++ and BLEU of the locale's pairs (MT against HT),
    /// from the summed statistics; `None` without pairs.
    pub fn corpus_scores(&self) -> Option<[f64; 4]> {
        let locale = self.locale.as_ref()?;
        (self.pairs > 0).then(|| {
            [
                Ter::DEFAULT.corpus_score(&self.ter),
                Chrf::plain().corpus_score(&self.chrf),
                Chrf::plus_plus().corpus_score(&self.chrf_plus),
                Bleu::new(bleu_tokenizer(locale)).corpus_score(&self.bleu),
            ]
        })
    }

    /// Share of the locale's distinct sources that have both an HT and an MT
    /// rendering: what the MT-vs-HT metrics cover, 0–1; `None` without sources.
    pub fn coverage(&self) -> Option<f64> {
        (self.distinct_sources > 0).then(|| self.sources_with_both as f64 / self.distinct_sources as f64)
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
        let summary = locales.entry(&doc.locale).or_default();
        // A document counts once under each origin its segments have.
        for origin in doc.origins() {
            summary.by_origin.entry(origin).or_default().documents += 1;
        }
        for s in &doc.segments {
            let counts = summary.by_origin.entry(s.origin).or_default();
            counts.segments += 1;
            counts.source_words += s.source.words;
        }
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
        let ter = &pair.scores.ter;
        summary.ter += &Stats(vec![ter.num_edits() as u64, ter.ref_length as u64]);
        summary.chrf += &pair.scores.chrf;
        summary.chrf_plus += &pair.scores.chrf_plus;
        summary.bleu += &pair.scores.bleu;
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
    use crate::metrics::ter::ter_score;

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
    fn pair_metrics_agree_with_the_metric_modules() {
        // seeds/000 (ko-KR HT) vs seeds/001-style MT rendering of "Update customer details".
        let ko = Locale::new("ko-KR");
        let (mt, ht) = ("**고객 정보를 업데이트**", "**고객 세부 정보를 업데이트 합니다.**");
        let s = score_pair(&ko, mt, ht);
        assert_eq!(s.ter.num_edits() as u64, Ter::DEFAULT.stats(mt, ht).0[0]);
        assert_eq!(s.sentence_scores(&ko)[0], Ter::DEFAULT.sentence_score(&Ter::DEFAULT.stats(mt, ht)));
        assert_eq!(s.bleu, Bleu::new(Tokenizer::Mteval13a).stats(mt, ht));
        assert_eq!(bleu_tokenizer(&Locale::new("zh-CN")), Tokenizer::Zh);
        assert_eq!(bleu_tokenizer(&Locale::new("ja-JP")), Tokenizer::Char);
    }

    #[test]
    fn chinese_and_japanese_ter_counts_characters() {
        // ../shared/corpus zh-CN (golden pair zh-cn-0574): MT «**描述**» and HT «**说明**» for
        // "**Description**" are one space-free "word" each; over characters two of six differ.
        let zh = Locale::new("zh-CN");
        let (mt, ht) = ("**描述**", "**说明**");
        assert_eq!(ter_for(&zh), Ter::ASIAN);
        assert_eq!(Ter::DEFAULT.edits(mt, ht).score(), 100.0);
        assert_eq!(Ter::ASIAN.tokenize(ht), ["*", "*", "说", "明", "*", "*"]);
        let s = score_pair(&zh, mt, ht);
        assert_eq!((s.ter.num_edits(), s.ter.ref_length), (2, 6));
        assert_eq!(ter_for(&Locale::new("ja-JP")), Ter::ASIAN);
        assert_eq!(ter_for(&Locale::new("ko-KR")), Ter::DEFAULT);
    }

    #[test]
    fn corpus_scores_come_from_summed_statistics() {
        let ru = Locale::new("ru-RU");
        let a = score_pair(&ru, "Относится к", "Применяется к");
        let b = score_pair(&ru, "Выберите клиента", "Затем выберите клиента");
        let mut summary = LocaleSummary { locale: Some(ru.clone()), pairs: 2, ..LocaleSummary::default() };
        for p in [&a, &b] {
            summary.ter += &Stats(vec![p.ter.num_edits() as u64, p.ter.ref_length as u64]);
            summary.chrf += &p.chrf;
            summary.chrf_plus += &p.chrf_plus;
            summary.bleu += &p.bleu;
        }
        let corpus = summary.corpus_scores().unwrap();
        let edits = (a.ter.num_edits() + b.ter.num_edits()) as u64;
        assert_eq!(corpus[0], ter_score(edits, (a.ter.ref_length + b.ter.ref_length) as u64));
        // Not the mean of the two sentence TERs (50 and 33.3).
        assert_ne!(corpus[0], (a.ter.score() + b.ter.score()) / 2.0);
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
    fn a_pair_longer_than_the_cap_is_scored_on_its_prefixes() {
        let ru = Locale::new("ru-RU");
        let (short, long) = ("ы".repeat(MAX_SCORED_CHARS), "ы".repeat(MAX_SCORED_CHARS + 1));
        assert!(!score_pair(&ru, &short, &short).truncated, "at the cap: whole");
        // Equal in their first MAX_SCORED_CHARS characters, different after.
        let s = score_pair(&ru, &format!("{long} а б"), &format!("{long} в"));
        assert!(s.truncated && !s.exact);
        assert_eq!((s.hypothesis_chars, s.reference_chars), (MAX_SCORED_CHARS + 5, MAX_SCORED_CHARS + 3));
        assert_eq!((s.char_distance, s.normalized_distance, s.word_distance), (0, 0.0, 0));
        assert_eq!(s, score_pair(&ru, &short, &short).with_truncated(), "the same figures as the prefixes'");
        assert_eq!(scored_prefix(&long), short);
    }

    impl PairScores {
        fn with_truncated(mut self) -> PairScores {
            self.truncated = true;
            self.exact = false;
            self.hypothesis_chars = MAX_SCORED_CHARS + 5;
            self.reference_chars = MAX_SCORED_CHARS + 3;
            self
        }
    }

    #[test]
    fn median_even_and_odd() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
