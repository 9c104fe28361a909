//! Algebraic properties every metric must keep, on arbitrary text: identical
//! hypothesis and reference score perfectly, and statistics are additive, so a
//! corpus score never depends on the order (or sharding) of its segments.

use lqa::metrics::tokenize::Tokenizer;
use lqa::metrics::{by_name, MetricOptions, Stats, METRIC_NAMES};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Words from several scripts, with the whitespace Python splits on.
    let word = prop_oneof![
        "[a-zA-Z]{1,8}",
        "[а-яА-Я]{1,8}",
        "[가-힣]{1,4}",
        "[ぁ-んァ-ン一-龥]{1,4}",
        "[0-9.,:;!?()\"'«»-]{1,3}",
    ];
    proptest::collection::vec(
        (word, prop_oneof![Just(" "), Just("\t"), Just("\u{1c}"), Just("\u{a0}"), Just("")]),
        0..12,
    )
    .prop_map(|parts| parts.into_iter().map(|(w, s)| w + s).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn identical_text_scores_perfectly(t in text()) {
        for tokenize in Tokenizer::ALL {
            for name in METRIC_NAMES {
                let metric = by_name(name, &MetricOptions { tokenize, ..MetricOptions::default() }).unwrap();
                let score = metric.sentence_score(&metric.stats(&t, &t));
                // TER and lev: 0 edits. chrF and BLEU: 100, unless the text has
                // nothing to count (no characters / no tokens), where sacreBLEU gives 0.
                let want = match name {
                    "ter" | "lev" => vec![0.0],
                    _ => vec![100.0, 0.0],
                };
                prop_assert!(want.iter().any(|w| (score - w).abs() < 1e-9), "{} on {:?}: {}", name, t, score);
                if !t.trim().is_empty() && name != "ter" && name != "lev" && t.chars().any(char::is_alphanumeric) {
                    prop_assert!((score - 100.0).abs() < 1e-9, "{} on {:?}: {}", name, t, score);
                }
            }
        }
    }

    #[test]
    fn statistics_add_up_in_any_order(pairs in proptest::collection::vec((text(), text()), 1..8), seed in any::<u64>()) {
        for name in METRIC_NAMES {
            let metric = by_name(name, &MetricOptions::default()).unwrap();
            let stats: Vec<Stats> = pairs.iter().map(|(h, r)| metric.stats(h, r)).collect();
            // Every pair has stats_len values: batch buffers are cut at that width.
            prop_assert!(stats.iter().all(|s| s.len() == metric.stats_len()), "{}", name);
            let mut forward = Stats::default();
            for s in &stats {
                forward += s;
            }
            // A fixed permutation from the seed, and a split into two shards.
            let mut order: Vec<usize> = (0..stats.len()).collect();
            order.sort_by_key(|&i| (i as u64).wrapping_mul(seed | 1).rotate_left(17));
            let (mut a, mut b) = (Stats::default(), Stats::default());
            for (k, &i) in order.iter().enumerate() {
                if k % 2 == 0 { a += &stats[i] } else { b += &stats[i] }
            }
            a += &b;
            prop_assert_eq!(&a, &forward);
            prop_assert_eq!(metric.corpus_score(&a).to_bits(), metric.corpus_score(&forward).to_bits());
        }
    }
}
