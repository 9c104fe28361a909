//! chrF / chrF++ throughput on the real pairs of the golden files
//! (stats + sentence score per pair, one thread).
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lqa::metrics::chrf::Chrf;
use lqa::metrics::Metric;

#[path = "../tests/golden_common/mod.rs"]
mod common;

fn bench(c: &mut Criterion) {
    let pairs = common::real_pairs();
    let mut g = c.benchmark_group("chrf");
    g.throughput(Throughput::Elements(pairs.len() as u64));
    for m in [Chrf::plain(), Chrf::plus_plus()] {
        g.bench_function(m.name(), |b| {
            b.iter(|| {
                let mut acc = 0.0;
                for (h, r) in &pairs {
                    let s = m.stats(black_box(h), black_box(r));
                    acc += m.sentence_score(&s);
                }
                acc
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
