//! chrF and chrF++ exactly as sacreBLEU 2.6.0 computes them with its
//! defaults: character orders 1..=6 with whitespace removed, β = 2,
//! case-sensitive, `eps_smoothing=False` (average precision and recall over
//! the orders that occur on both sides), plus word orders 1..=2 for chrF++.
//!
//! It does not lowercase, does not support several references, and has no
//! `whitespace=True` or eps-smoothing variant (lqa never asks for them).
//!
//! Statistics layout (sacreBLEU's): for each order, character orders first
//! and then word orders, the triple `[hyp, ref, match]`, where `hyp` is the
//! number of hypothesis n-grams — but 0 when the reference has no n-gram of
//! that order — `ref` the number of reference n-grams and `match` the
//! clipped match count.

use crate::metrics::ngram::{split_ranges, with_scratch};
use crate::metrics::pytext::is_py_whitespace;
use crate::metrics::Metric;

/// sacreBLEU `CHRF.CHAR_ORDER`.
pub const CHAR_ORDER: usize = 6;
/// sacreBLEU `CHRF.BETA`.
pub const BETA: u32 = 2;
/// sacreBLEU version whose behaviour (and signature) this reproduces.
pub const SACREBLEU_VERSION: &str = "2.6.0";

/// chrF (`word_order` 0) or chrF++ (`word_order` 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chrf {
    word_order: usize,
}

impl Chrf {
    /// Highest word order accepted by [`Chrf::new`].
    pub const MAX_WORD_ORDER: usize = 4;

    /// chrF with `word_order` word n-gram orders (0 = chrF, 2 = chrF++).
    /// Orders above [`Chrf::MAX_WORD_ORDER`] are capped to it.
    pub fn new(word_order: usize) -> Self {
        Chrf { word_order: word_order.min(Self::MAX_WORD_ORDER) }
    }

    /// chrF: `CHRF()`.
    pub fn plain() -> Self {
        Self::new(0)
    }

    /// chrF++: `CHRF(word_order=2)`.
    pub fn plus_plus() -> Self {
        Self::new(2)
    }

    /// Number of word n-gram orders.
    pub fn word_order(&self) -> usize {
        self.word_order
    }

    /// Number of statistics per pair: 3 per order.
    pub fn stats_len(&self) -> usize {
        3 * (CHAR_ORDER + self.word_order)
    }

    /// sacreBLEU's score name, e.g. `chrF2` or `chrF2++`.
    pub fn score_name(&self) -> String {
        format!("chrF{BETA}{}", "+".repeat(self.word_order))
    }
}

impl Default for Chrf {
    fn default() -> Self {
        Self::plain()
    }
}

/// Python's `string.punctuation`, the set `_remove_punctuation` splits off.
#[inline]
fn is_punct(b: u8) -> bool {
    b.is_ascii_punctuation()
}

/// sacreBLEU's `CHRF._remove_punctuation` on word ranges of `s`: a word of
/// two or more characters loses *one* trailing punctuation character, or
/// else *one* leading one, which becomes a word of its own. So `(hi)`
/// becomes `(hi` and `)` (sacreBLEU issue #124), and `...` becomes `..`
/// and `.`. Since the set is ASCII, looking at the first/last byte is the
/// same as looking at the first/last character.
fn remove_punctuation(s: &str, words: &mut Vec<(usize, usize)>, out: &mut Vec<(usize, usize)>) {
    split_ranges(s.as_bytes(), words);
    out.clear();
    let b = s.as_bytes();
    for &(x, y) in words.iter() {
        // len(w) == 1 counts characters, not bytes
        if s.get(x..y).is_none_or(|w| w.chars().nth(1).is_none()) {
            out.push((x, y));
        } else if is_punct(b[y - 1]) {
            out.push((x, y - 1));
            out.push((y - 1, y));
        } else if is_punct(b[x]) {
            out.push((x, x + 1));
            out.push((x + 1, y));
        } else {
            out.push((x, y));
        }
    }
}

/// Number of n-grams of order n in a sequence of length len.
#[inline]
fn ngram_count(len: usize, n: usize) -> u64 {
    len.saturating_sub(n - 1) as u64
}

fn push_triples(v: &mut Vec<u64>, hyp_len: usize, ref_len: usize, matches: &[u64]) {
    for (i, &m) in matches.iter().enumerate() {
        let n = i + 1;
        let r = ngram_count(ref_len, n);
        // "Don't count hits if no reference exists for that n-gram"
        let h = if r > 0 { ngram_count(hyp_len, n) } else { 0 };
        v.extend_from_slice(&[h, r, m]);
    }
}

impl Metric for Chrf {
    fn name(&self) -> &'static str {
        match self.word_order {
            0 => "chrf",
            1 => "chrf+",
            _ => "chrf++",
        }
    }

    fn signature(&self) -> String {
        format!(
            "{}|nrefs:1|case:mixed|eff:yes|nc:{CHAR_ORDER}|nw:{}|space:no|version:{SACREBLEU_VERSION}",
            self.score_name(),
            self.word_order
        )
    }

    fn stats_len(&self) -> usize {
        Chrf::stats_len(self)
    }

    fn push_stats(&self, hypothesis: &str, reference: &str, v: &mut Vec<u64>) {
        let wo = self.word_order;
        with_scratch(|s| {
            // ''.join(line.split()): drop Python whitespace, keep code points
            s.hyp_units.clear();
            s.hyp_units.extend(hypothesis.chars().filter(|&c| !is_py_whitespace(c)).map(u32::from));
            s.ref_units.clear();
            s.ref_units.extend(reference.chars().filter(|&c| !is_py_whitespace(c)).map(u32::from));
            let mut m = [0u64; CHAR_ORDER];
            s.matcher.matches(&s.hyp_units, &s.ref_units, &mut m);
            push_triples(v, s.hyp_units.len(), s.ref_units.len(), &m);

            if wo > 0 {
                // words of the *original* strings (not whitespace-stripped)
                remove_punctuation(reference, &mut s.tmp_ranges, &mut s.ref_ranges);
                remove_punctuation(hypothesis, &mut s.tmp_ranges, &mut s.hyp_ranges);
                let (rb, hb) = (reference.as_bytes(), hypothesis.as_bytes());
                s.words.build(rb, &s.ref_ranges, &mut s.ref_units);
                s.words.lookup_all(rb, hb, &s.hyp_ranges, &mut s.hyp_units);
                let mut wm = [0u64; Chrf::MAX_WORD_ORDER];
                s.matcher.matches(&s.hyp_units, &s.ref_units, &mut wm[..wo]);
                push_triples(v, s.hyp_units.len(), s.ref_units.len(), &wm[..wo]);
            }
        })
    }

    fn corpus_score(&self, total: &[u64]) -> f64 {
        f_score(total, CHAR_ORDER + self.word_order)
    }
}

/// sacreBLEU's `_compute_f_score` with `eps_smoothing=False`, operation for
/// operation in the same order so the floats agree bit for bit. Missing
/// statistics count as 0 (never panics on short input).
fn f_score(stats: &[u64], orders: usize) -> f64 {
    let factor = f64::from(BETA * BETA);
    let get = |i: usize| stats.get(i).copied().unwrap_or(0);
    let (mut avg_prec, mut avg_rec) = (0.0f64, 0.0f64);
    let mut effective_order = 0u32;
    for i in 0..orders {
        let (n_hyp, n_ref, n_match) = (get(3 * i), get(3 * i + 1), get(3 * i + 2));
        // Only orders seen on both sides count (sacreBLEU < 2.0 "effective
        // order"); the eps terms of the other branch never reach the score.
        if n_hyp > 0 && n_ref > 0 {
            avg_prec += n_match as f64 / n_hyp as f64;
            avg_rec += n_match as f64 / n_ref as f64;
            effective_order += 1;
        }
    }
    if effective_order == 0 {
        return 0.0;
    }
    avg_prec /= f64::from(effective_order);
    avg_rec /= f64::from(effective_order);
    if avg_prec + avg_rec == 0.0 {
        return 0.0;
    }
    let mut score = (1.0 + factor) * avg_prec * avg_rec;
    score /= factor * avg_prec + avg_rec;
    100.0 * score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(m: &Chrf, h: &str, r: &str) -> (f64, Vec<u64>) {
        let s = m.stats(h, r);
        (m.sentence_score(&s), s.0)
    }

    #[test]
    fn signatures_and_names() {
        assert_eq!(Chrf::plain().signature(), "chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0");
        assert_eq!(
            Chrf::plus_plus().signature(),
            "chrF2++|nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0"
        );
        assert_eq!(Chrf::plain().name(), "chrf");
        assert_eq!(Chrf::plus_plus().name(), "chrf++");
    }

    #[test]
    fn empty_sides() {
        let m = Chrf::plus_plus();
        // CHRF(word_order=2).sentence_score('', ['abc']).score == 0.0
        let (sc, st) = sent(&m, "", "abc");
        assert_eq!(sc, 0.0);
        assert_eq!(st.len(), 24);
        assert_eq!(&st[..3], &[0, 3, 0]);
        // ('abc', ['']): hyp counts are zeroed where the ref has no n-grams
        let (sc, st) = sent(&m, "abc", "");
        assert_eq!(sc, 0.0);
        assert!(st.iter().all(|&x| x == 0));
        assert_eq!(sent(&m, "", "").0, 0.0);
    }

    #[test]
    fn remove_punctuation_quirks() {
        // CHRF()._remove_punctuation('(hi) ... a. .b x') ==
        //   ['(hi', ')', '..', '.', 'a', '.', '.', 'b', 'x']
        let s = "(hi) ... a. .b x";
        let (mut w, mut o) = (Vec::new(), Vec::new());
        remove_punctuation(s, &mut w, &mut o);
        let toks: Vec<&str> = o.iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(toks, ["(hi", ")", "..", ".", "a", ".", ".", "b", "x"]);
        // Single non-ASCII char stays; 'é.' splits: ['é', 'é', '.']
        let s = "é é.";
        remove_punctuation(s, &mut w, &mut o);
        let toks: Vec<&str> = o.iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(toks, ["é", "é", "."]);
    }

    #[test]
    fn known_values() {
        // sacrebleu.sentence_chrf('The cat sat on the mat.', ['The cat is on the mat.'])
        //   .score == 67.17273492330233 (chrF), chrF++ (word_order=2): 69.43695278069349
        let (sc, _) = sent(&Chrf::plain(), "The cat sat on the mat.", "The cat is on the mat.");
        assert!((sc - 67.172_734_923_302_33).abs() < 1e-12, "{sc}");
        let (sc, _) = sent(&Chrf::plus_plus(), "The cat sat on the mat.", "The cat is on the mat.");
        assert!((sc - 69.436_952_780_693_49).abs() < 1e-12, "{sc}");
    }

    #[test]
    fn short_stats_do_not_panic() {
        assert_eq!(Chrf::plain().corpus_score(&[1, 2]), 0.0);
        assert_eq!(Chrf::plain().corpus_score(&[]), 0.0);
    }
}
