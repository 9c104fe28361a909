//! Reader throughput on the shipped sample: parse-only (bytes in memory) and
//! the whole scan pipeline (walk, read, pair, score).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lqa::model::DEFAULT_RELEASE;
use lqa::read::{parse_bytes, Source};

fn sample_files() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let discovery = lqa::corpus::discover(&[root], false, &[], lqa::corpus::Links::InsideRoots);
    discovery.files.into_iter().map(|f| (f.path.clone(), std::fs::read(&f.path).unwrap_or_default())).collect()
}

fn bench_read(c: &mut Criterion) {
    let files = sample_files();
    let bytes: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    let source = Source { release: DEFAULT_RELEASE.into(), display: String::new(), relative: String::new() };
    let mut group = c.benchmark_group("read");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("parse sample (1 thread)", |b| {
        b.iter(|| {
            files.iter().map(|(p, bytes)| parse_bytes(p, bytes, &source).map_or(0, |d| d.segments.len())).sum::<usize>()
        })
    });
    let config = lqa::ScanConfig {
        paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")],
        ..Default::default()
    };
    group.bench_function("scan sample (all threads)", |b| {
        b.iter(|| lqa::scan(&config, &lqa::NoProgress).map(|s| s.pairs.len()))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_read
}
criterion_main!(benches);
