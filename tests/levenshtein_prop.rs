//! Property tests: the bit-parallel distances equal strsim's plain DP on
//! random strings over random alphabets (ASCII, Cyrillic, CJK, emoji, mixed),
//! lengths 0..300, which crosses the 64/128/192/256-symbol block boundaries.

use lqa::metrics::levenshtein::{char_distance, token_distance};
use proptest::prelude::*;

/// Alphabets of different sizes; small ones create long common runs and many
/// equal-cost paths, large ones mostly substitutions.
const ALPHABETS: &[&str] = &[
    "ab",
    "abc ",
    "abcdefghijklmnopqrstuvwxyz .,",
    "абвгдеёжз",
    "合作伙伴中心门户客户",
    "😀😃👩\u{200d}💻🎉",
    "aé\u{301}ж中😀\u{1c} ",
];

fn string_over(alphabet: &'static str, max_len: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..max_len).prop_map(|v| v.into_iter().collect())
}

fn pair() -> impl Strategy<Value = (String, String)> {
    (0..ALPHABETS.len(), 0usize..300, 0usize..300).prop_flat_map(|(k, la, lb)| {
        let alphabet = ALPHABETS[k];
        (string_over(alphabet, la + 1), string_over(alphabet, lb + 1))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn char_distance_equals_strsim((a, b) in pair()) {
        prop_assert_eq!(char_distance(&a, &b), strsim::levenshtein(&a, &b));
    }

    #[test]
    fn token_distance_equals_strsim_generic((a, b) in pair()) {
        // Words of the strings (split on spaces) and raw chars as tokens.
        let wa: Vec<&str> = a.split(' ').collect();
        let wb: Vec<&str> = b.split(' ').collect();
        prop_assert_eq!(token_distance(&wa, &wb), strsim::generic_levenshtein(&wa, &wb));
        let ca: Vec<char> = a.chars().collect();
        let cb: Vec<char> = b.chars().collect();
        prop_assert_eq!(token_distance(&ca, &cb), strsim::generic_levenshtein(&ca, &cb));
    }

    #[test]
    fn shared_affixes_and_mutations(
        (core, prefix, suffix) in (pair(), string_over("xyzé", 80), string_over("xyz中", 80)),
        cut in 0usize..300,
    ) {
        // Near-identical long strings: a common prefix/suffix plus small edits.
        let (a, b) = core;
        let b2: String = a.chars().take(cut).chain(b.chars().take(3)).chain(a.chars().skip(cut + 2)).collect();
        let x = format!("{prefix}{a}{suffix}");
        let y = format!("{prefix}{b2}{suffix}");
        prop_assert_eq!(char_distance(&x, &y), strsim::levenshtein(&x, &y));
    }
}
