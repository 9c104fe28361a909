//! Measured precision: the labelled set in tests/precision/ (findings and term
//! labels of ../shared/corpus, each judged TP/FP by a bilingual reviewer who read
//! the segment) against what lqa reports on the whole corpus now.
//!
//! Prints each check's precision (`cargo test --test precision -- --nocapture`)
//! and fails when a check falls below the figure recorded in
//! `lqa::checks::precision::MEASURED`, when a check under the 70% floor is on by
//! default, when the scored findings fall below 80% overall, or when the lexical
//! term labels fall below 85% precision or lose a real HT-vs-MT divergence.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};

use lqa::checks::precision::{measured, FLOOR, MEASURED};
use lqa::checks::{find_check, Severity};

type Row = HashMap<String, String>;

fn key(r: &Row) -> (String, String, String, String) {
    (r["locale"].clone(), r["check"].clone(), r["source"].clone(), r["target"].clone())
}

#[test]
fn every_check_keeps_its_measured_precision() {
    let out = tempfile::tempdir().unwrap();
    common::scan_shared("", out.path());
    let reported: HashSet<_> = common::read_csv(&out.path().join("checks.csv")).iter().map(key).collect();
    let labelled = common::read_csv(&common::root().join("tests/precision/findings.csv"));
    assert!(labelled.len() >= 300, "{} labelled findings", labelled.len());
    let locales: HashSet<&str> = labelled.iter().map(|r| r["locale"].as_str()).collect();
    assert_eq!(locales.len(), 7, "all seven locales are labelled");

    // check → (true positives still reported, labelled findings still reported, labelled in all)
    let mut per_check: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    for r in &labelled {
        let verdict = r["verdict"].as_str();
        assert!(verdict == "TP" || verdict == "FP", "verdict {verdict:?}");
        assert!(!r["reason"].trim().is_empty(), "every label says why: {r:?}");
        let e = per_check.entry(r["check"].clone()).or_default();
        e.2 += 1;
        if reported.contains(&key(r)) {
            e.1 += 1;
            e.0 += u32::from(verdict == "TP");
        }
    }
    println!("{:<20} {:>9} {:>9} {:>9} {:>9}", "check", "TP", "reported", "labelled", "precision");
    let (mut scored_tp, mut scored) = (0, 0);
    let mut failures = Vec::new();
    for (check, (tp, kept, all)) in &per_check {
        let precision = f64::from(*tp) / f64::from((*kept).max(1));
        println!("{check:<20} {tp:>9} {kept:>9} {all:>9} {:>8.0}%", 100.0 * precision);
        let severity = find_check(check).map(|c| c.severity).unwrap_or_else(|| panic!("unknown check {check}"));
        if severity != Severity::Info {
            scored_tp += tp;
            scored += kept;
        }
        match measured(check) {
            Some(m) if precision + 1e-9 < m.precision() => failures.push(format!(
                "{check}: {tp}/{kept} = {:.1}% is below the recorded {}/{} = {:.1}%",
                100.0 * precision,
                m.true_positives,
                m.judged,
                100.0 * m.precision()
            )),
            Some(m) if (m.true_positives, m.judged) != (*tp, *kept) => {
                println!("  ({check} changed from the recorded {}/{}: update MEASURED)", m.true_positives, m.judged)
            }
            None => failures.push(format!("{check} has labelled findings but no MEASURED entry")),
            _ => {}
        }
    }
    for m in MEASURED {
        let default = find_check(m.check).map(|c| c.severity);
        if m.precision() < FLOOR && default != Some(Severity::Info) {
            failures.push(format!("{} measures {:.0}% but is on by default", m.check, 100.0 * m.precision()));
        }
    }
    let overall = f64::from(scored_tp) / f64::from(scored.max(1));
    println!("scored (not info) findings: {scored_tp}/{scored} = {:.1}%", 100.0 * overall);
    if overall < 0.80 {
        failures.push(format!("scored findings at {:.1}%, under 80%", 100.0 * overall));
    }

    // Term labels: a label is lexical when its first terms.csv row says so.
    let mut divergence: HashMap<(String, String), String> = HashMap::new();
    for r in common::read_csv(&out.path().join("terms.csv")) {
        divergence.entry((r["locale"].clone(), r["term"].clone())).or_insert_with(|| r["divergence"].clone());
    }
    let terms = common::read_csv(&common::root().join("tests/precision/terms.csv"));
    assert!(terms.len() >= 150, "{} labelled term labels", terms.len());
    let lexical = |r: &Row| divergence.get(&(r["locale"].clone(), r["term"].clone())).is_some_and(|d| d == "lexical");
    let called: Vec<&Row> = terms.iter().filter(|r| lexical(r)).collect();
    let right = called.iter().filter(|r| r["verdict"] == "TP").count();
    let term_precision = right as f64 / called.len().max(1) as f64;
    let ht_mt: Vec<&Row> = terms.iter().filter(|r| r["verdict"] == "TP" && r["ht_mt"] == "yes").collect();
    let kept = ht_mt.iter().filter(|r| lexical(r)).count();
    let real = terms.iter().filter(|r| r["verdict"] == "TP").count();
    let found = terms.iter().filter(|r| r["verdict"] == "TP" && lexical(r)).count();
    println!(
        "term labels called lexical: {right}/{} = {:.1}% precise; real divergences still lexical {found}/{real}, HT-vs-MT {kept}/{}",
        called.len(),
        100.0 * term_precision,
        ht_mt.len()
    );
    if term_precision < 0.85 {
        failures.push(format!("lexical term labels at {:.1}%, under 85%", 100.0 * term_precision));
    }
    if (kept as f64) < 0.95 * ht_mt.len() as f64 {
        failures.push(format!("only {kept} of {} HT-vs-MT divergences are lexical", ht_mt.len()));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
