//! Levenshtein edit distance over characters and over tokens.
//!
//! Interim implementation: the two-row dynamic programme, O(n·m). It is
//! replaced by the bit-parallel (Myers/Hyyrö) version in the metrics work; the
//! public functions keep their signatures.

/// Edit distance between two strings, counted in Unicode scalar values.
/// Callers normalise (NFC) first: lqa compares `Text::normalized`.
pub fn char_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    token_distance(&a, &b)
}

/// Edit distance between two token sequences (insert, delete, substitute cost 1).
pub fn token_distance<T: Eq>(a: &[T], b: &[T]) -> usize {
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(x != y);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_strsim() {
        for (a, b) in [("", ""), ("", "abc"), ("kitten", "sitting"), ("Обновить", "Изменить"), ("顧客", "お客様")]
        {
            assert_eq!(char_distance(a, b), strsim::levenshtein(a, b), "{a} / {b}");
        }
    }
}

/// Character Levenshtein as a [`Metric`] (name `lev`).
///
/// Statistics: `[distance, hypothesis_chars, reference_chars, longer_chars]`,
/// lengths in Unicode scalar values of the text as given. Score: normalised
/// distance `100 · Σdistance / Σlonger_chars` (0 when all are empty): 0 means
/// identical, 100 nothing in common; lower is better, like TER. Per segment
/// that is `100 · distance / max(len)`; summing the per-segment longer length
/// (rather than taking the max of the sums) keeps the corpus score within 0–100.
#[derive(Clone, Copy, Debug, Default)]
pub struct Levenshtein;

impl crate::metrics::Metric for Levenshtein {
    fn name(&self) -> &'static str {
        "lev"
    }

    fn signature(&self) -> String {
        "lev|nrefs:1|level:char|case:mixed|unit:scalar".to_string()
    }

    fn stats(&self, hypothesis: &str, reference: &str) -> crate::metrics::Stats {
        let hypothesis_chars = hypothesis.chars().count() as u64;
        let reference_chars = reference.chars().count() as u64;
        let distance = char_distance(hypothesis, reference) as u64;
        crate::metrics::Stats(vec![distance, hypothesis_chars, reference_chars, hypothesis_chars.max(reference_chars)])
    }

    fn corpus_score(&self, total: &crate::metrics::Stats) -> f64 {
        let get = |i: usize| total.0.get(i).copied().unwrap_or(0);
        match get(3) {
            0 => 0.0,
            longer => 100.0 * get(0) as f64 / longer as f64,
        }
    }
}
