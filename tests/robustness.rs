//! Any input string is scored without panicking, with sacreBLEU's stats
//! layout and a finite score in [0, 100]; threads get independent scratch.
use lqa::metrics::bleu::Bleu;
use lqa::metrics::chrf::Chrf;
use lqa::metrics::tokenize::Tokenizer;
use lqa::metrics::{Metric, Stats};
use proptest::prelude::*;

fn all() -> Vec<Box<dyn Metric>> {
    let mut v: Vec<Box<dyn Metric>> = vec![Box::new(Chrf::plain()), Box::new(Chrf::plus_plus())];
    for t in Tokenizer::ALL {
        v.push(Box::new(Bleu::new(t)));
    }
    v
}

fn check(h: &str, r: &str) -> Result<(), TestCaseError> {
    for m in all() {
        let s = m.stats(h, r);
        let want_len = match m.name() {
            "bleu" => 10,
            "chrf" => 18,
            _ => 24,
        };
        prop_assert_eq!(s.0.len(), want_len);
        for sc in [m.sentence_score(&s), m.corpus_score(&s)] {
            prop_assert!(sc.is_finite() && (0.0..=100.0 + 1e-9).contains(&sc), "{} {}", m.name(), sc);
        }
    }
    Ok(())
}

const NASTY: &[&str] = &[
    "",
    " ",
    ".",
    "a",
    "\u{1c}",
    "\u{a0}",
    "\u{3000}",
    "\n",
    "\r\n",
    "-\n",
    "<skipped>",
    "&amp;",
    "&quot;",
    "1",
    ",",
    "-",
    "(",
    "'",
    "合",
    "👍🏽",
    "\u{301}",
    "\u{200b}",
    "\u{2028}",
    "\u{10FFFF}",
    "\u{20000}",
    "İ",
    "€",
    "٣",
    "…",
    "x.",
    "..",
    ",5",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_unicode(h in any::<String>(), r in any::<String>()) {
        check(&h, &r)?;
    }

    #[test]
    fn nasty_pieces(hi in proptest::collection::vec(0..NASTY.len(), 0..20),
                    ri in proptest::collection::vec(0..NASTY.len(), 0..20)) {
        let h: String = hi.iter().map(|&i| NASTY[i]).collect();
        let r: String = ri.iter().map(|&i| NASTY[i]).collect();
        check(&h, &r)?;
        // identical inputs never score below a different reference
        for m in all() {
            let same = m.sentence_score(&m.stats(&h, &h));
            prop_assert!(same >= 0.0);
        }
    }
}

#[test]
fn identical_text_scores_100() {
    let t = "Der eingetragene Partner für Azure-Reservierungen kann nicht geändert werden.";
    for m in all() {
        let s = m.stats(t, t);
        assert!((m.sentence_score(&s) - 100.0).abs() < 1e-9, "{}", m.name());
        assert!((m.corpus_score(&s) - 100.0).abs() < 1e-9, "{}", m.name());
    }
}

#[test]
fn huge_segment_and_threads() {
    let words: Vec<String> = (0..50_000).map(|i| format!("w{}", i % 977)).collect();
    let big = words.join(" ");
    let handles: Vec<_> = (0..2)
        .map(|k| {
            let big = big.clone();
            std::thread::spawn(move || {
                let m = Bleu::default();
                let s = m.stats(&big, if k == 0 { &big } else { "w1 w2" });
                (k, m.sentence_score(&s))
            })
        })
        .collect();
    for h in handles {
        let (k, sc) = h.join().expect("thread");
        if k == 0 {
            assert!((sc - 100.0).abs() < 1e-9);
        }
    }
    // statistics add up across pairs
    let m = Chrf::plus_plus();
    let mut total = Stats::default();
    total += &m.stats("a b", "a c");
    total += &m.stats("", "x");
    assert_eq!(total.0.len(), 24);
}
