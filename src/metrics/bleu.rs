//! BLEU exactly as sacreBLEU 2.6.0 computes it: n-gram orders 1..=4,
//! `exp` smoothing (mteval's "method 3"), brevity penalty, case-sensitive,
//! with the `13a` (default), `intl`, `char`, `none` or `zh` tokenizer.
//! Sentence scores use effective order like `sacrebleu.sentence_bleu`;
//! corpus scores do not, like `sacrebleu.corpus_bleu`.
//!
//! It does not lowercase, has no `floor`/`add-k`/`none` smoothing and no
//! multiple references, and does not warn about tokenized input.
//!
//! Statistics layout (sacreBLEU's): `[hyp_len, ref_len, correct_1..4,
//! total_1..4]`, lengths in tokens, `correct_n` the clipped n-gram matches,
//! `total_n` the hypothesis n-gram count.

use crate::metrics::ngram::{with_scratch, Scratch};
use crate::metrics::pytext::py_rstrip;
use crate::metrics::tokenize::{is_ws, Tokenizer};
use crate::metrics::Metric;

/// sacreBLEU `MAX_NGRAM_ORDER`.
pub const MAX_ORDER: usize = 4;
/// sacreBLEU version whose behaviour (and signature) this reproduces.
pub const SACREBLEU_VERSION: &str = "2.6.0";

/// BLEU with a fixed tokenizer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bleu {
    tokenizer: Tokenizer,
}

impl Bleu {
    /// BLEU with the given tokenizer.
    pub fn new(tokenizer: Tokenizer) -> Self {
        Bleu { tokenizer }
    }

    /// The tokenizer in use.
    pub fn tokenizer(&self) -> Tokenizer {
        self.tokenizer
    }

    fn signature_with(&self, eff: &str) -> String {
        format!(
            "BLEU|nrefs:1|case:mixed|eff:{eff}|tok:{}|smooth:exp|version:{SACREBLEU_VERSION}",
            self.tokenizer.name()
        )
    }

    /// sacreBLEU's `BLEU.compute_bleu` with `smooth_method='exp'`.
    /// Missing statistics count as 0 (never panics on short input).
    pub fn score_from_stats(stats: &[u64], effective_order: bool) -> f64 {
        let get = |i: usize| stats.get(i).copied().unwrap_or(0);
        let (sys_len, ref_len) = (get(0), get(1));
        let correct = |n: usize| get(2 + n);
        let total = |n: usize| get(2 + MAX_ORDER + n);

        let mut bp = 1.0f64;
        if sys_len < ref_len {
            bp = if sys_len > 0 { (1.0 - ref_len as f64 / sys_len as f64).exp() } else { 0.0 };
        }
        // Early stop if there are no matches (sacreBLEU #141)
        if (0..MAX_ORDER).all(|n| correct(n) == 0) {
            return 0.0;
        }
        let mut precisions = [0.0f64; MAX_ORDER];
        let mut smooth_mteval = 1.0f64;
        let mut eff_order = MAX_ORDER;
        for (n, p) in precisions.iter_mut().enumerate() {
            if total(n) == 0 {
                break;
            }
            if effective_order {
                eff_order = n + 1;
            }
            *p = if correct(n) == 0 {
                smooth_mteval *= 2.0;
                100.0 / (smooth_mteval * total(n) as f64)
            } else {
                100.0 * correct(n) as f64 / total(n) as f64
            };
        }
        // Python's sum() starts from 0 and adds left to right; orders cut
        // off by `break` keep precision 0 and hit my_log's floor.
        let mut log_sum = 0.0f64;
        for &p in &precisions[..eff_order] {
            log_sum += my_log(p);
        }
        bp * (log_sum / eff_order as f64).exp()
    }
}

/// sacreBLEU's `my_log`: log with log(0) floored to -9999999999.
fn my_log(x: f64) -> f64 {
    if x == 0.0 {
        -9_999_999_999.0
    } else {
        x.ln()
    }
}

impl Metric for Bleu {
    fn name(&self) -> &'static str {
        "bleu"
    }

    /// Signature of [`Metric::sentence_score`] results (`eff:yes`), as
    /// `sentence_bleu` would report it. [`Metric::signature`] describes
    /// corpus scores (`eff:no`).
    fn sentence_signature(&self) -> String {
        self.signature_with("yes")
    }

    fn signature(&self) -> String {
        self.signature_with("no")
    }

    fn stats_len(&self) -> usize {
        2 + 2 * MAX_ORDER
    }

    fn push_stats(&self, hypothesis: &str, reference: &str, v: &mut Vec<u64>) {
        let tok = self.tokenizer;
        // BLEU._preprocess_segment: tokenizer(sent.rstrip())
        let (hyp, refr) = (py_rstrip(hypothesis), py_rstrip(reference));
        with_scratch(|s| {
            if tok == Tokenizer::Char {
                // " ".join(chars).split(): the non-whitespace characters;
                // a code point is its own exact unit id.
                s.hyp_units.clear();
                s.hyp_units.extend(hyp.chars().filter(|&c| !is_ws(c)).map(u32::from));
                s.ref_units.clear();
                s.ref_units.extend(refr.chars().filter(|&c| !is_ws(c)).map(u32::from));
            } else {
                // Tokens as byte ranges of the line (or of a rewritten copy),
                // interned straight from there: no tokenized string is built.
                let Scratch {
                    tok: ts, hyp_text, ref_text, hyp_ranges, ref_ranges, words, hyp_units, ref_units, ..
                } = s;
                let hb = tok.token_ranges(hyp, ts, hyp_text, hyp_ranges);
                let rb = tok.token_ranges(refr, ts, ref_text, ref_ranges);
                words.build(rb, ref_ranges, ref_units);
                words.lookup_all(rb, hb, hyp_ranges, hyp_units);
            }
            let mut m = [0u64; MAX_ORDER];
            s.matcher.matches(&s.hyp_units, &s.ref_units, &mut m);
            let (hl, rl) = (s.hyp_units.len(), s.ref_units.len());
            v.push(hl as u64);
            v.push(rl as u64);
            v.extend_from_slice(&m);
            v.extend((1..=MAX_ORDER).map(|n| hl.saturating_sub(n - 1) as u64));
        })
    }

    fn corpus_score(&self, total: &[u64]) -> f64 {
        Self::score_from_stats(total, false)
    }

    fn sentence_score(&self, stats: &[u64]) -> f64 {
        Self::score_from_stats(stats, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        let b = Bleu::default();
        assert_eq!(b.signature(), "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0");
        assert_eq!(
            Bleu::new(Tokenizer::Zh).sentence_signature(),
            "BLEU|nrefs:1|case:mixed|eff:yes|tok:zh|smooth:exp|version:2.6.0"
        );
        assert_eq!(b.name(), "bleu");
    }

    #[test]
    fn known_values() {
        let b = Bleu::default();
        // sacrebleu.sentence_bleu('The cat sat on the mat.', ['The cat is on the mat.'])
        //   .score == 48.892302243490086 (corpus_bleu gives the same)
        let s = b.stats("The cat sat on the mat.", "The cat is on the mat.");
        assert!((b.sentence_score(&s) - 48.892_302_243_490_086).abs() < 1e-12);
        assert!((b.corpus_score(&s) - 48.892_302_243_490_086).abs() < 1e-12);
        // sentence_bleu('The cat', [...]).score == 8.208499862389884,
        // corpus_bleu(['The cat'], [[...]]).score == 0.0 (no effective order)
        let s = b.stats("The cat", "The cat is on the mat.");
        assert!((b.sentence_score(&s) - 8.208_499_862_389_884).abs() < 1e-12);
        assert_eq!(b.corpus_score(&s), 0.0);
        // sentence_bleu('a b c d', ['x b c y']).score == 31.947155212313625
        let s = b.stats("a b c d", "x b c y");
        assert!((b.sentence_score(&s) - 31.947_155_212_313_625).abs() < 1e-12);
    }

    #[test]
    fn empty_and_short_stats() {
        let b = Bleu::default();
        for (h, r) in [("", ""), ("", "x"), ("x", ""), (" ", "\u{1c}")] {
            let s = b.stats(h, r);
            assert_eq!(s.0.len(), 10);
            assert_eq!(b.sentence_score(&s), 0.0);
        }
        assert_eq!(b.corpus_score(&[3]), 0.0);
    }
}
