//! Robustness and invariants of TER on arbitrary input: never panics, the
//! edit counts are consistent with the token counts, identical inputs cost
//! nothing, and the Metric statistics agree with `ter_edits`.

use lqa::metrics::ter::{ter_alignment, ter_edits, tokenize, Ter};
use lqa::metrics::ter_align::EditOp;
use lqa::metrics::Metric;
use proptest::prelude::*;

/// Words from a small pool (so that matches and shifts happen) joined by
/// assorted Python whitespace, plus arbitrary Unicode noise.
fn text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("the".to_string()),
        Just("The".to_string()),
        Just("ΣΑΣ".to_string()),
        Just("İ".to_string()),
        Just("合作".to_string()),
        Just("😀".to_string()),
        Just(".".to_string()),
        "\\PC{0,6}",
    ];
    let sep =
        prop_oneof![Just(" "), Just("\t"), Just("\u{1c}"), Just("\u{a0}"), Just("\n"), Just("\u{3000}"), Just("  ")];
    proptest::collection::vec((word, sep), 0..60).prop_map(|v| v.into_iter().map(|(w, s)| w + s).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn invariants(h in text(), r in text()) {
        let e = ter_edits(&h, &r);
        let (nh, nr) = (tokenize(&h).len(), tokenize(&r).len());
        prop_assert_eq!((e.hyp_length, e.ref_length), (nh, nr));
        // Every hypothesis word is matched, substituted or deleted; every
        // reference word matched, substituted or inserted.
        prop_assert_eq!(nh + e.insertions, nr + e.deletions);
        prop_assert!(e.num_edits() <= nh + nr + e.shifts);
        let stats = Ter::new().stats(&h, &r);
        prop_assert_eq!(stats.0, vec![e.num_edits() as u64, nr as u64]);
        let a = ter_alignment(&h, &r);
        prop_assert_eq!(a.edits, e);
        prop_assert_eq!(a.ops.iter().filter(|o| **o == EditOp::Insertion).count(), e.insertions);
        // Identical texts take a shortcut; the full alignment agrees with it.
        let same = ter_edits(&r, &r);
        prop_assert_eq!(same.num_edits(), 0);
        prop_assert_eq!(same, ter_alignment(&r, &r).edits);
        prop_assert_eq!((same.hyp_length, same.ref_length), (nr, nr));
    }
}

#[test]
fn special_cases_like_sacrebleu() {
    let ter = Ter::new();
    assert_eq!(ter.stats("", "").0, vec![0, 0]);
    assert_eq!(ter.sentence_score(&ter.stats("", "")), 0.0);
    assert_eq!(ter.stats("a b", "").0, vec![2, 0]);
    assert_eq!(ter.sentence_score(&ter.stats("a b", "")), 100.0);
    assert_eq!(ter.stats("", "a b c").0, vec![3, 3]);
    assert_eq!(ter.stats(" \t\u{1c} ", "\u{a0}").0, vec![0, 0]);
    assert_eq!(ter.stats("A\u{1c}B", "a b").0, vec![0, 2]);
    assert_eq!(ter.stats("a\u{200b}b", "a b").0, vec![2, 2]);
    assert_eq!(ter.stats("İ ΟΔΟΣ", "i\u{307} οδος").0, vec![0, 2]);
    assert_eq!(ter.signature(), "TER|nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0");
    assert_eq!(ter.name(), "ter");
}

#[test]
fn huge_inputs_do_not_panic() {
    let words: Vec<String> = (0..6000).map(|i| format!("w{}", (i * 7919) % 1500)).collect();
    let reference = words.join(" ");
    let mut shuffled = words.clone();
    shuffled.rotate_left(1234);
    shuffled.swap(10, 5000);
    let hyp = shuffled.join(" ");
    let e = ter_edits(&hyp, &reference);
    assert_eq!(e.ref_length, 6000);
    assert!(e.num_edits() > 0);
    // Extreme length ratio (beam widening).
    let e = ter_edits("w1", &reference);
    assert!((5999..=6000).contains(&e.num_edits()));
    let e = ter_edits(&reference, "w1 w2");
    assert_eq!(e.ref_length, 2);
}
