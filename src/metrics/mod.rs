//! Translation-quality metrics: one module per metric behind the [`Metric`] trait.
//!
//! Every metric turns one (hypothesis, reference) pair into additive sufficient
//! statistics ([`Stats`]); a corpus score is computed from the *sum* of those
//! statistics, never from a mean of sentence scores (sacreBLEU's design). This
//! makes sharded runs and bootstrap resampling cheap and exact.
//! This module does no I/O and knows nothing about documents or reports.

use std::ops::{AddAssign, Deref};

pub mod bleu;
pub mod chrf;
pub mod levenshtein;
pub(crate) mod ngram;
pub mod pytext;
pub mod ter;
pub mod ter_align;
pub mod tokenize;

/// Additive sufficient statistics of one segment pair, or a sum of them.
///
/// Every metric here (single reference) has integer statistics, so sums are
/// exact and independent of the order in which segments are added.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Stats(pub Vec<u64>);

impl AddAssign<&Stats> for Stats {
    fn add_assign(&mut self, other: &Stats) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine += theirs;
        }
    }
}

impl Deref for Stats {
    type Target = [u64];

    fn deref(&self) -> &[u64] {
        &self.0
    }
}

/// One metric with its settings fixed at construction.
pub trait Metric: Send + Sync {
    /// Short name as used on the command line and in CSV headers: `ter`, `chrf`, `chrf++`, `bleu`, `lev`.
    fn name(&self) -> &'static str;
    /// sacreBLEU-style signature of the settings, e.g.
    /// `TER|nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0`.
    fn signature(&self) -> String;
    /// Number of statistics of one pair (the same for every pair).
    fn stats_len(&self) -> usize;
    /// Appends the [`Metric::stats_len`] statistics of one pair to `out`:
    /// a batch of pairs fills one buffer, with no allocation per pair.
    fn push_stats(&self, hypothesis: &str, reference: &str, out: &mut Vec<u64>);
    /// Sufficient statistics of one pair.
    fn stats(&self, hypothesis: &str, reference: &str) -> Stats {
        let mut out = Vec::with_capacity(self.stats_len());
        self.push_stats(hypothesis, reference, &mut out);
        Stats(out)
    }
    /// Corpus-level score (sacreBLEU's 0–100 scale) from summed statistics
    /// (a [`Stats`] or a slice of a batch buffer; missing values count as 0).
    fn corpus_score(&self, total: &[u64]) -> f64;
    /// Sentence-level score from one pair's statistics. Differs from the corpus
    /// score only where sacreBLEU's sentence_score differs (BLEU: effective order).
    fn sentence_score(&self, stats: &[u64]) -> f64 {
        self.corpus_score(stats)
    }
    /// Signature of the sentence-level score; differs from [`Metric::signature`]
    /// only where the sentence score does (BLEU: `eff:yes`).
    fn sentence_signature(&self) -> String {
        self.signature()
    }
}

/// The metric names `lqa score -m` accepts, in the order they are listed in help.
pub const METRIC_NAMES: [&str; 5] = ["ter", "chrf", "chrf++", "bleu", "lev"];

/// Settings that select a metric's variant.
#[derive(Clone, Copy, Debug, Default)]
pub struct MetricOptions {
    /// BLEU tokenizer (13a by default).
    pub tokenize: tokenize::Tokenizer,
    /// TER's tokeniser options (sacreBLEU's defaults by default).
    pub ter: ter::Ter,
}

/// Builds the metric called `name` (one of [`METRIC_NAMES`]); `None` for an unknown name.
pub fn by_name(name: &str, options: &MetricOptions) -> Option<Box<dyn Metric>> {
    Some(match name {
        "ter" => Box::new(options.ter),
        "chrf" => Box::new(chrf::Chrf::plain()),
        "chrf++" => Box::new(chrf::Chrf::plus_plus()),
        "bleu" => Box::new(bleu::Bleu::new(options.tokenize)),
        "lev" => Box::new(levenshtein::Levenshtein),
        _ => return None,
    })
}
