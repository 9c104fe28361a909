//! Python `str` semantics that sacreBLEU relies on, reproduced exactly.
//!
//! sacreBLEU tokenizes with `str.split()`, `str.strip()` and `str.lower()`.
//! Python's notion of whitespace is wider than Rust's `char::is_whitespace`:
//! it also includes the ASCII information separators U+001C..U+001F. Using
//! Rust's own functions would change token counts on real text, so every
//! metric goes through these helpers instead.

/// True for exactly the characters Python 3's `str.isspace()` accepts
/// (bidirectional class WS, B or S, or Unicode category Zs).
pub fn is_py_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{0B}'
            | '\u{0C}'
            | '\r'
            | '\u{1C}'..='\u{1F}'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// Python's `s.split()` (no argument): runs of whitespace separate tokens,
/// leading and trailing whitespace yields no empty tokens.
pub fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_py_whitespace).filter(|t| !t.is_empty())
}

/// Python's `s.strip()`.
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_whitespace)
}

/// Python's `s.rstrip()`.
pub fn py_rstrip(s: &str) -> &str {
    s.trim_end_matches(is_py_whitespace)
}

/// Python's `s.lower()`: full Unicode lowercase mapping, including
/// `İ` → `i̇` (two code points) and the final-sigma rule. Rust's
/// `to_lowercase` implements the same SpecialCasing rules.
pub fn py_lower(s: &str) -> String {
    s.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn information_separators_are_whitespace_like_python() {
        // Python: "a\x1cb\x1fc".split() == ['a', 'b', 'c']
        assert_eq!(py_split("a\u{1c}b\u{1f}c").collect::<Vec<_>>(), ["a", "b", "c"]);
        // Rust's split_whitespace would keep it as one token.
        assert_eq!("a\u{1c}b".split_whitespace().count(), 1);
    }

    #[test]
    fn zero_width_space_is_not_whitespace() {
        // Python: "a\u200bb".split() == ['a\u200bb']
        assert_eq!(py_split("a\u{200b}b").count(), 1);
    }

    #[test]
    fn nbsp_and_ideographic_space_split() {
        assert_eq!(py_split("a\u{a0}b\u{3000}c").count(), 3);
    }

    #[test]
    fn strip_matches_python() {
        assert_eq!(py_strip("\u{1e} x \u{85}"), "x");
        assert_eq!(py_rstrip(" x \u{2029}"), " x");
    }

    #[test]
    fn lower_matches_python_special_cases() {
        // Python: 'İ'.lower() == 'i̇' (U+0069 U+0307); 'ß'.lower() == 'ß';
        // 'ΟΔΟΣ'.lower() == 'οδος' with a final sigma.
        assert_eq!(py_lower("İ"), "i\u{307}");
        assert_eq!(py_lower("ß"), "ß");
        assert_eq!(py_lower("ΟΔΟΣ"), "οδος");
        assert_eq!(py_lower("ΣΑ"), "σα");
    }
}
