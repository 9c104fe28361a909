//! Checks TER (default and each of sacreBLEU's tokeniser options, among
//! them `normalized` + `asian_support`, which lqa uses for Chinese and
//! Japanese), chrF, chrF++ and BLEU (5 tokenizers) against sacreBLEU 2.6.0's
//! golden vectors in tests/golden/metrics/ (made by
//! scripts/make_reference_vectors.py): every sentence score within 1e-9,
//! every statistic exactly, and every corpus score, summed statistic and
//! signature.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "golden_common/mod.rs"]
mod common;
use common::read_tsv;

use lqa::metrics::bleu::Bleu;
use lqa::metrics::chrf::Chrf;
use lqa::metrics::ter::Ter;
use lqa::metrics::tokenize::Tokenizer;
use lqa::metrics::{Metric, Stats};
use lqa::report::score::score_text;

const TOL: f64 = 1e-9;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/metrics")
}

/// The digits of a decimal number without sign, point, exponent, and
/// leading or trailing zeros: "0.000120" and "1.2e-04" give "12".
fn significant_digits(text: &str) -> String {
    let mantissa = text.split(['e', 'E']).next().unwrap_or_default();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_matches('0').to_string()
}

fn parse_stats(s: &str) -> Vec<u64> {
    s.split(' ').filter(|x| !x.is_empty()).map(|x| x.parse().expect("integer statistic")).collect()
}

/// (column prefix, metric) for everything this crate implements.
fn metrics() -> Vec<(String, Box<dyn Metric>)> {
    let mut v: Vec<(String, Box<dyn Metric>)> = vec![
        ("ter".into(), Box::new(Ter::DEFAULT)),
        ("chrf".into(), Box::new(Chrf::plain())),
        ("chrf++".into(), Box::new(Chrf::plus_plus())),
    ];
    let ter = Ter::DEFAULT;
    for (name, variant) in [
        ("ter_norm_asian", Ter::ASIAN),
        ("ter_norm", Ter { normalized: true, ..ter }),
        ("ter_nopunct", Ter { no_punct: true, ..ter }),
        ("ter_nopunct_asian", Ter { no_punct: true, asian_support: true, ..ter }),
        ("ter_cased_norm", Ter { case_sensitive: true, normalized: true, ..ter }),
    ] {
        v.push((name.into(), Box::new(variant)));
    }
    for t in Tokenizer::ALL {
        v.push((format!("bleu_{}", t.name()), Box::new(Bleu::new(t))));
    }
    v
}

/// Whether sacreBLEU scored this pair with `metric` (the generator leaves the
/// TER variants empty for its three pairs over 1,000 words).
fn has(row: &Row, metric: &str) -> bool {
    !row.cols[&format!("{metric}_stats")].is_empty()
}

struct Row {
    group: String,
    id: String,
    hyp: String,
    reference: String,
    cols: BTreeMap<String, String>,
}

fn sentence_rows() -> Vec<Row> {
    let mut files: Vec<PathBuf> = fs::read_dir(golden_dir())
        .expect("golden dir (run scripts/make_reference_vectors.py)")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("sentence_") && n.ends_with(".tsv"))
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let rows = read_tsv(&f);
        let header = &rows[0];
        for r in &rows[1..] {
            assert_eq!(r.len(), header.len(), "{}: ragged row", f.display());
            let cols: BTreeMap<String, String> = header.iter().cloned().zip(r.iter().cloned()).collect();
            assert_eq!(cols["sacrebleu_version"], "2.6.0");
            out.push(Row {
                group: cols["group"].clone(),
                id: cols["id"].clone(),
                hyp: cols["hypothesis"].clone(),
                reference: cols["reference"].clone(),
                cols,
            });
        }
    }
    out
}

#[test]
fn sentence_scores_and_stats_match_sacrebleu() {
    let rows = sentence_rows();
    assert!(rows.len() >= 600, "only {} golden pairs", rows.len());
    let mut max_diff: BTreeMap<String, f64> = BTreeMap::new();
    let mut failures = Vec::new();
    for (name, m) in metrics() {
        let mut worst = 0.0f64;
        for r in rows.iter().filter(|r| has(r, &name)) {
            let stats = m.stats(&r.hyp, &r.reference);
            let want_stats = parse_stats(&r.cols[&format!("{name}_stats")]);
            if stats.0 != want_stats {
                failures.push(format!("{name} {}: stats {:?} != sacreBLEU {:?}", r.id, stats.0, want_stats));
                continue;
            }
            let repr = &r.cols[&format!("{name}_score")];
            let want: f64 = repr.parse().expect("float score");
            let got = m.sentence_score(&stats);
            // Where the score is the same f64, `lqa score` prints Python's digits
            // (positionally, where Python switches to an exponent below 1e-4).
            let text = score_text(got);
            if got.to_bits() == want.to_bits() && significant_digits(&text) != significant_digits(repr) {
                failures.push(format!("{name} {}: printed {text}, Python prints {repr}", r.id));
            }
            let d = (got - want).abs();
            worst = worst.max(d);
            if d > TOL || d.is_nan() {
                failures.push(format!("{name} {}: score {got} != {want}", r.id));
            }
        }
        max_diff.insert(name, worst);
    }
    println!("golden pairs: {}", rows.len());
    for (k, v) in &max_diff {
        println!("max |diff| sentence {k}: {v:e}");
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures[..failures.len().min(30)].join("\n"));
}

#[test]
fn corpus_scores_match_sacrebleu() {
    let rows = sentence_rows();
    let corpus = read_tsv(&golden_dir().join("corpus.tsv"));
    let header = corpus[0].clone();
    let idx = |h: &str| header.iter().position(|x| x == h).expect("column");
    let (g, n, met, sc, st, sig) =
        (idx("group"), idx("n_pairs"), idx("metric"), idx("score"), idx("stats"), idx("signature"));
    let ms = metrics();
    let mut checked = 0;
    let mut worst: BTreeMap<String, f64> = BTreeMap::new();
    for line in &corpus[1..] {
        let Some((_, m)) = ms.iter().find(|(name, _)| *name == line[met]) else {
            panic!("corpus.tsv has a metric {} that is not checked", line[met]);
        };
        let members: Vec<&Row> =
            rows.iter().filter(|r| (line[g] == "all" || r.group == line[g]) && has(r, &line[met])).collect();
        assert_eq!(members.len().to_string(), line[n], "group {}", line[g]);
        let mut total = Stats::default();
        for r in &members {
            total += &m.stats(&r.hyp, &r.reference);
        }
        assert_eq!(total.0, parse_stats(&line[st]), "{} {} summed stats", line[g], line[met]);
        let want: f64 = line[sc].parse().expect("float");
        let got = m.corpus_score(&total);
        let d = (got - want).abs();
        let w = worst.entry(line[met].clone()).or_default();
        *w = w.max(d);
        assert!(d <= TOL, "{} {}: {got} != {want}", line[g], line[met]);
        // Our signature is sacreBLEU's, prefixed with the score name.
        let ours = m.signature();
        assert!(ours.ends_with(&format!("|{}", line[sig])), "{ours} vs {}", line[sig]);
        checked += 1;
    }
    for (k, v) in &worst {
        println!("max |diff| corpus {k}: {v:e}");
    }
    assert_eq!(checked, 9 * 13, "corpus rows checked (all, edge and 7 locales × 13 metrics)");
}
