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
