//! `lqa compare OLD NEW`: how the MT-vs-HT scores of each locale changed
//! between two scans (two report folders), with a 95% paired-bootstrap
//! interval, so a team sees whether a new release or MT engine made things
//! better or worse beyond chance.
//!
//! The unit is a (locale, English source) present in both runs: its pairs'
//! sufficient statistics (TER edits and reference words, chrF and BLEU counts
//! from pairs.csv) are summed per run. Corpus scores come from summed
//! statistics; the bootstrap resamples the common sources with replacement
//! (1,000 times, fixed seed, so the interval is the same every run) and takes
//! the 2.5th and 97.5th percentiles of the change. A change is a regression
//! when the whole interval lies on the worse side (TER up, chrF or BLEU down).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::metrics::bleu::Bleu;
use crate::metrics::chrf::Chrf;
use crate::metrics::ter::Ter;
use crate::metrics::{Metric, Stats};
use crate::model::Locale;

/// Bootstrap resamples.
pub const RESAMPLES: usize = 1_000;
/// The generator's seed: intervals are reproducible.
pub const SEED: u64 = 0x6c71_615f_6273_7470;

/// One metric of one locale, old vs new.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub locale: String,
    pub metric: &'static str,
    /// Sources present in both runs.
    pub sources: usize,
    pub old: f64,
    pub new: f64,
    pub delta: f64,
    /// 95% paired-bootstrap interval of `delta`.
    pub low: f64,
    pub high: f64,
    pub regression: bool,
}

/// Per source: summed statistics [TER, chrF, BLEU].
type Unit = [Stats; 3];

fn read_units(dir: &Path) -> Result<BTreeMap<(String, String), Unit>> {
    let path = dir.join("pairs.csv");
    let mut reader = csv::Reader::from_path(&path).map_err(|e| Error::Csv { path: path.clone(), source: e })?;
    let headers = reader.headers().map_err(|e| Error::Csv { path: path.clone(), source: e })?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| Error::Input {
            path: path.clone(),
            line: 1,
            message: format!("no '{name}' column (pairs.csv of lqa 0.1 with statistics columns expected)"),
        })
    };
    let cols = [
        col("locale")?,
        col("source")?,
        col("ter_insertions")?,
        col("ter_deletions")?,
        col("ter_substitutions")?,
        col("ter_shifts")?,
        col("ter_reference_words")?,
        col("chrf_stats")?,
        col("bleu_stats")?,
    ];
    let mut units: BTreeMap<(String, String), Unit> = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Error::Csv { path: path.clone(), source: e })?;
        let line = i + 2;
        let bad = |what: &str| Error::Input { path: path.clone(), line, message: format!("unreadable {what}") };
        let field = |c: usize| record.get(c).unwrap_or("");
        let number = |c: usize| field(c).parse::<u64>().map_err(|_| bad(&headers[c]));
        let edits = number(cols[2])? + number(cols[3])? + number(cols[4])? + number(cols[5])?;
        let ter = Stats(vec![edits, number(cols[6])?]);
        let list = |c: usize| -> Result<Stats> {
            field(c)
                .split_whitespace()
                .map(|n| n.parse::<u64>().map_err(|_| bad(&headers[c])))
                .collect::<Result<_>>()
                .map(Stats)
        };
        let (chrf, bleu) = (list(cols[7])?, list(cols[8])?);
        let key = (field(cols[0]).to_string(), field(cols[1]).to_string());
        match units.get_mut(&key) {
            Some(unit) => {
                unit[0] += &ter;
                unit[1] += &chrf;
                unit[2] += &bleu;
            }
            None => {
                units.insert(key, [ter, chrf, bleu]);
            }
        }
    }
    Ok(units)
}

/// splitmix64: a small, well-known generator; enough for resampling indices.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sum<'a>(units: impl Iterator<Item = &'a Stats>, width: usize) -> Stats {
    let mut total = Stats(vec![0; width]);
    for s in units {
        total += s;
    }
    total
}

/// Compares two report folders, per locale and metric (TER, chrF, BLEU).
pub fn compare(old_dir: &Path, new_dir: &Path) -> Result<Vec<Comparison>> {
    let (old, new) = (read_units(old_dir)?, read_units(new_dir)?);
    let mut by_locale: BTreeMap<&str, Vec<(&Unit, &Unit)>> = BTreeMap::new();
    for (key, o) in &old {
        if let Some(n) = new.get(key) {
            by_locale.entry(key.0.as_str()).or_default().push((o, n));
        }
    }
    let mut out = Vec::new();
    for (locale, units) in by_locale {
        let bleu = Bleu::new(crate::score::bleu_tokenizer(&Locale::new(locale)));
        let metrics: [(&'static str, &dyn Metric, bool); 3] =
            [("ter", &Ter::DEFAULT, false), ("chrf", &Chrf::plain(), true), ("bleu", &bleu, true)];
        for (m, (name, metric, higher_is_better)) in metrics.into_iter().enumerate() {
            let width = units[0].0[m].0.len();
            // side 0: old run, 1: new run; `idx` picks (and repeats) units.
            let score = |side: usize, idx: &[usize]| {
                let stats = idx.iter().map(|&i| if side == 0 { &units[i].0[m] } else { &units[i].1[m] });
                metric.corpus_score(&sum(stats, width))
            };
            let all: Vec<usize> = (0..units.len()).collect();
            let (old_score, new_score) = (score(0, &all), score(1, &all));
            let salt = locale.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
            let mut rng = SplitMix(SEED ^ (m as u64) ^ salt);
            let mut deltas: Vec<f64> = (0..RESAMPLES)
                .map(|_| {
                    let sample: Vec<usize> = (0..units.len()).map(|_| rng.below(units.len())).collect();
                    score(1, &sample) - score(0, &sample)
                })
                .collect();
            deltas.sort_by(f64::total_cmp);
            let (low, high) =
                (deltas[(RESAMPLES as f64 * 0.025) as usize], deltas[(RESAMPLES as f64 * 0.975) as usize - 1]);
            let regression = if higher_is_better { high < 0.0 } else { low > 0.0 };
            out.push(Comparison {
                locale: locale.to_string(),
                metric: name,
                sources: units.len(),
                old: old_score,
                new: new_score,
                delta: new_score - old_score,
                low,
                high,
                regression,
            });
        }
    }
    Ok(out)
}

/// Whether a comparison dropped by more than `max_drop` points (TER rising counts as a drop).
pub fn dropped(c: &Comparison, max_drop: f64) -> bool {
    if c.metric == "ter" {
        c.delta > max_drop
    } else {
        -c.delta > max_drop
    }
}
