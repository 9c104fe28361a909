//! Every metric on an arbitrary (hypothesis, reference) pair: never panics,
//! scores stay within their range, and a text scored against itself is perfect.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lqa::metrics::{by_name, MetricOptions, METRIC_NAMES};

fuzz_target!(|input: (String, String)| {
    let (hypothesis, reference) = input;
    let options = MetricOptions::default();
    for name in METRIC_NAMES {
        let Some(metric) = by_name(name, &options) else { continue };
        let stats = metric.stats(&hypothesis, &reference);
        let score = metric.corpus_score(&stats);
        assert!(score.is_finite() && score >= 0.0, "{name}: {score}");
        if name != "ter" && name != "lev" {
            assert!(score <= 100.0 + 1e-9, "{name}: {score}");
        }
    }
});
