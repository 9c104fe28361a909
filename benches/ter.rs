//! Throughput of TER (sacreBLEU-identical) on realistic localized sentence
//! pairs (criterion reports pairs/s as "elem/s").

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lqa::metrics::ter::Ter;
use lqa::metrics::Metric;
use std::hint::black_box;
use std::time::Duration;

#[path = "ter_pairs/mod.rs"]
mod common;

fn bench(c: &mut Criterion) {
    let ter = Ter::new();
    let mut g = c.benchmark_group("ter");
    for category in ["same_source", "cross_target", "shuffle_blocks"] {
        let set = common::pairs(category);
        g.throughput(Throughput::Elements(set.len() as u64));
        g.bench_function(category, |b| {
            b.iter(|| set.iter().map(|(h, r)| ter.stats(black_box(h), black_box(r)).0[0]).sum::<u64>())
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
