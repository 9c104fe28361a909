//! Each check's measured precision: the share of its findings a bilingual
//! reviewer acted on, judged by reading real segments of ../shared/corpus
//! (the labelled set in `tests/precision/`, re-measured by `tests/precision.rs`,
//! which fails when a check falls below the figure recorded here).
//!
//! The quality score weighs every finding by its check's precision: a finding
//! of a check right 85% of the time costs 0.85 of its severity's points. A
//! check under 70% defaults to the `info` severity (reported, never penalised).
//! Checks with no finding in the corpus have no measure and weigh 1.

/// One check's labelled findings that lqa still reports, and the true ones among them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Measured {
    pub check: &'static str,
    pub true_positives: u32,
    pub judged: u32,
}

impl Measured {
    pub fn precision(&self) -> f64 {
        f64::from(self.true_positives) / f64::from(self.judged.max(1))
    }
}

/// The checks on by default must stay at or above this precision.
pub const FLOOR: f64 = 0.70;

/// The measured checks, by id.
pub const MEASURED: &[Measured] = &[
    Measured { check: "double-space", true_positives: 1, judged: 40 },
    Measured { check: "escape-mismatch", true_positives: 14, judged: 14 },
    Measured { check: "garbled-entity", true_positives: 1, judged: 1 },
    Measured { check: "length-ratio", true_positives: 6, judged: 15 },
    Measured { check: "markup-bold", true_positives: 56, judged: 67 },
    Measured { check: "markup-italic", true_positives: 2, judged: 2 },
    Measured { check: "numbers-differ", true_positives: 18, judged: 23 },
    Measured { check: "repeated-word", true_positives: 8, judged: 10 },
    Measured { check: "term-inconsistent", true_positives: 64, judged: 85 },
    Measured { check: "unpaired-brackets", true_positives: 43, judged: 44 },
    Measured { check: "unpaired-quotes", true_positives: 17, judged: 21 },
    Measured { check: "untranslated", true_positives: 2, judged: 2 },
    Measured { check: "whitespace-edges", true_positives: 1, judged: 40 },
];

/// A check's measure, if it has one.
pub fn measured(check: &str) -> Option<&'static Measured> {
    MEASURED.iter().find(|m| m.check == check)
}

/// The weight of a finding of `check` in the quality score: its measured precision, or 1 unmeasured.
pub fn weight(check: &str) -> f64 {
    measured(check).map_or(1.0, Measured::precision)
}
