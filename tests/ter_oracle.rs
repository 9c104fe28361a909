//! Compares the Rust TER with sacreBLEU 2.6.0 on the pairs of
//! `tests/data/ter_oracle.tsv` (corpus pairs, `python3 oracle.py`) and
//! `tests/data/ter_stress.tsv` (synthetic, `python3 oracle.py --stress 1500
//! --seed 7 --out tests/data/ter_stress.tsv`): integer statistics
//! must be identical, sentence and corpus scores equal to 1e-9.
//!
//! The file holds long (>1,000-word) pairs, so run it in release mode:
//! `cargo test --release --test ter_oracle`.

use lqa::metrics::ter::{ter_edits, Ter};
use lqa::metrics::{Metric, Stats};

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => panic!("bad escape \\{other}"),
            None => panic!("dangling backslash"),
        }
    }
    out
}

#[test]
fn matches_sacrebleu_on_corpus_pairs() {
    check_file("ter_oracle.tsv", 3000);
}

#[test]
fn matches_sacrebleu_on_synthetic_stress_pairs() {
    check_file("ter_stress.tsv", 1000);
}

fn check_file(name: &str, min_pairs: usize) {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("run oracle.py first");
    let ter = Ter::new();
    let mut total = Stats::default();
    let mut corpus_line = None;
    let mut n = 0usize;
    let mut max_diff = 0f64;
    let mut failures = Vec::new();
    let mut locales = std::collections::BTreeMap::<String, usize>::new();
    for line in text.split('\n').filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        if f[0] == "#corpus" {
            corpus_line =
                Some((f[1].parse::<u64>().unwrap(), f[2].parse::<u64>().unwrap(), f[3].parse::<f64>().unwrap()));
            continue;
        }
        assert_eq!(f.len(), 7, "bad line: {line}");
        let (hyp, reference) = (unescape(f[2]), unescape(f[3]));
        let want_edits: u64 = f[4].parse().unwrap();
        let want_len: u64 = f[5].parse().unwrap();
        let want_score: f64 = f[6].parse().unwrap();
        let stats = ter.stats(&hyp, &reference);
        let score = ter.sentence_score(&stats);
        let edits = ter_edits(&hyp, &reference);
        assert_eq!(edits.num_edits() as u64, stats.0[0]);
        max_diff = max_diff.max((score - want_score).abs());
        if stats.0 != [want_edits, want_len] || (score - want_score).abs() > 1e-9 {
            failures.push(format!(
                "[{}] got {:?} {score} want [{want_edits}, {want_len}] {want_score} ({edits:?})\n  hyp={hyp:?}\n  ref={reference:?}",
                f[0], stats.0
            ));
        }
        total += &stats;
        *locales.entry(f[1].to_string()).or_default() += 1;
        n += 1;
    }
    for f in failures.iter().take(10) {
        eprintln!("{f}");
    }
    assert!(failures.is_empty(), "{} of {n} pairs differ", failures.len());
    let (ce, cl, cs) = corpus_line.expect("#corpus line");
    assert_eq!(total.0, vec![ce, cl]);
    assert!((ter.corpus_score(&total) - cs).abs() <= 1e-9);
    assert!(n >= min_pairs, "only {n} pairs");
    eprintln!("{name}: {n} pairs identical to sacreBLEU (max |score diff| = {max_diff:e}); locales: {locales:?}; corpus TER {cs}");
}
