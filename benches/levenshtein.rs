//! Throughput of the bit-parallel Levenshtein against strsim on realistic
//! localized sentence pairs (criterion reports pairs/s as "elem/s").

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lqa::metrics::levenshtein::{char_distance, token_distance};
use lqa::metrics::pytext::py_split;
use std::hint::black_box;
use std::time::Duration;

#[path = "ter_pairs/mod.rs"]
mod common;

fn bench(c: &mut Criterion) {
    let all = common::pairs("same_source");
    // ~100-character sentences, the target size of the brief.
    let around100: Vec<_> = all
        .iter()
        .filter(|(h, r)| (80..=130).contains(&h.chars().count()) && (80..=130).contains(&r.chars().count()))
        .cloned()
        .collect();
    let mean = |v: &[(String, String)]| {
        v.iter().map(|(h, r)| h.chars().count() + r.chars().count()).sum::<usize>() as f64 / (2 * v.len().max(1)) as f64
    };
    eprintln!(
        "pairs: all {} (mean {:.0} chars), ~100 chars {} (mean {:.0} chars)",
        all.len(),
        mean(&all),
        around100.len(),
        mean(&around100)
    );
    for (name, set) in [("all", &all), ("100chars", &around100)] {
        let mut g = c.benchmark_group(format!("lev_{name}"));
        g.throughput(Throughput::Elements(set.len() as u64));
        g.bench_function("char_bitparallel", |b| {
            b.iter(|| set.iter().map(|(h, r)| char_distance(black_box(h), black_box(r))).sum::<usize>())
        });
        g.bench_function("char_strsim", |b| {
            b.iter(|| set.iter().map(|(h, r)| strsim::levenshtein(black_box(h), black_box(r))).sum::<usize>())
        });
        let words: Vec<(Vec<&str>, Vec<&str>)> =
            set.iter().map(|(h, r)| (py_split(h).collect(), py_split(r).collect())).collect();
        g.bench_function("word_bitparallel", |b| {
            b.iter(|| words.iter().map(|(h, r)| token_distance(black_box(h), black_box(r))).sum::<usize>())
        });
        g.bench_function("word_strsim_generic", |b| {
            b.iter(|| words.iter().map(|(h, r)| strsim::generic_levenshtein(black_box(h), black_box(r))).sum::<usize>())
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
