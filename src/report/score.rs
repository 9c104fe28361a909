//! Output of `lqa score` in three formats, each rendered to bytes:
//! text for people, CSV (one column per metric, named as requested) and JSON
//! (one object per metric with its score, signature and summed statistics).
//! Scores are printed in full precision: the shortest text that reads back as
//! the same f64, with the digits Python prints for it (see [`push_score`]).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::evaluate::MetricScores;

/// lqa's own version, printed next to every signature.
pub const LQA_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The output formats of `lqa score`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreFormat {
    Text,
    Csv,
    Json,
}

/// Renders the results; `sentences` selects one row per segment instead of the corpus scores.
pub fn render(results: &[MetricScores], format: ScoreFormat, sentences: bool) -> Result<Vec<u8>> {
    match format {
        ScoreFormat::Text => Ok(text(results, sentences)),
        ScoreFormat::Csv => csv(results, sentences),
        ScoreFormat::Json => json(results, sentences),
    }
}

fn text(results: &[MetricScores], sentences: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if sentences {
        out.extend_from_slice(b"line");
        for r in results {
            out.push(b'\t');
            out.extend_from_slice(r.name.as_bytes());
        }
        out.push(b'\n');
        sentence_rows(results, '\t', true, &mut out);
    }
    let width = results.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in results {
        let prefix = if sentences { "# corpus " } else { "" };
        let line =
            format!("{prefix}{:<width$}  {}  {}  (lqa {LQA_VERSION})\n", r.name, score_text(r.score), r.signature);
        out.extend_from_slice(line.as_bytes());
    }
    out
}

fn csv(results: &[MetricScores], sentences: bool) -> Result<Vec<u8>> {
    let err = |source| Error::Csv { path: "<stdout>".into(), source };
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(results.iter().map(|r| r.name)).map_err(err)?;
    if !sentences {
        writer.write_record(results.iter().map(|r| score_text(r.score))).map_err(err)?;
    }
    let mut bytes = writer.into_inner().map_err(|e| err(e.into_error().into()))?;
    if sentences {
        // Numbers never need quoting: rows are written directly, in parallel.
        sentence_rows(results, ',', false, &mut bytes);
    }
    Ok(bytes)
}

/// Appends one line per segment: (the 1-based line number, then) each
/// metric's sentence score in full precision, separated by `separator`.
/// Formatted in parallel blocks appended in order, so the text never depends
/// on the thread count.
fn sentence_rows(results: &[MetricScores], separator: char, numbered: bool, out: &mut Vec<u8>) {
    use rayon::prelude::*;
    const BLOCK: usize = 4096;
    let lines = results.first().map_or(0, |r| r.sentences.len());
    let blocks: Vec<String> = (0..lines.div_ceil(BLOCK))
        .into_par_iter()
        .with_max_len(1)
        .map(|b| {
            let mut out = String::with_capacity(BLOCK * 20 * results.len().max(1));
            for line in b * BLOCK..((b + 1) * BLOCK).min(lines) {
                if numbered {
                    out.push_str(itoa::Buffer::new().format(line + 1));
                }
                for (i, r) in results.iter().enumerate() {
                    if numbered || i > 0 {
                        out.push(separator);
                    }
                    push_score(&mut out, r.sentences[line]);
                }
                out.push('\n');
            }
            out
        })
        .collect();
    out.reserve(blocks.iter().map(String::len).sum());
    for block in &blocks {
        out.extend_from_slice(block.as_bytes());
    }
}

/// A score as [`push_score`] writes it.
pub fn score_text(x: f64) -> String {
    let mut out = String::new();
    push_score(&mut out, x);
    out
}

/// Appends a score as the shortest decimal text that reads back as `x`,
/// with the digits Python's `repr` prints (of two equally close shortest
/// candidates, the even one, as ryu does; Rust's `Display` rounds such a tie
/// up, e.g. 64.00003051757813), in positional notation, and whole numbers
/// without a fraction: `0`, `100`, `33.333333333333336`, `0.000001`.
/// ryu finds the digits several times faster than `Display` (whose float
/// formatting was 7% of a `lqa score -m lev --sentence` run).
pub fn push_score(out: &mut String, x: f64) {
    use std::fmt::Write as _;
    if !x.is_finite() {
        let _ = write!(out, "{x}");
        return;
    }
    if x.is_sign_positive() && x < 1e15 && x.fract() == 0.0 {
        // A whole number below 2^53: its digits are its shortest text (a
        // shorter one would be another integer, and neighbouring doubles are
        // at most 1 apart). 0 and 100 are a quarter of the `lev` sentence
        // scores; ryu would find the same digits with far more work.
        out.push_str(itoa::Buffer::new().format(x as u64));
        return;
    }
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(x);
    // ryu writes an exponent only below 1e-5 or from 1e16 on: a score well
    // inside that range (all of the 0–100 scale but for tiny ones) needs no
    // search for an 'e'.
    let positional = (1e-3..1e15).contains(&x.abs());
    let Some((mantissa, exponent)) = (!positional).then(|| text.split_once('e')).flatten() else {
        out.push_str(text.strip_suffix(".0").unwrap_or(text));
        return;
    };
    // d[.ddd]e±x (|x| < 1e-5 or ≥ 1e16): written out positionally.
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let point = exponent.parse::<i64>().unwrap_or(0) + 1; // digits before the decimal point
    out.push_str(sign);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else if point as usize >= digits.len() {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    }
}

fn json(results: &[MetricScores], sentences: bool) -> Result<Vec<u8>> {
    #[derive(Serialize)]
    struct Sentence<'a> {
        score: f64,
        stats: &'a [u64],
    }
    #[derive(Serialize)]
    struct Object<'a> {
        metric: &'a str,
        score: f64,
        signature: &'a str,
        lqa_version: &'a str,
        stats: &'a [u64],
        #[serde(skip_serializing_if = "Option::is_none")]
        sentences: Option<Vec<Sentence<'a>>>,
    }
    let objects: Vec<Object> = results
        .iter()
        .map(|r| Object {
            metric: r.name,
            score: r.score,
            signature: &r.signature,
            lqa_version: LQA_VERSION,
            stats: &r.stats.0,
            sentences: sentences.then(|| {
                r.sentences
                    .iter()
                    .enumerate()
                    .map(|(i, &score)| Sentence { score, stats: r.sentence_stats(i) })
                    .collect()
            }),
        })
        .collect();
    crate::report::to_json("<json>", &objects)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Stats;

    fn results() -> Vec<MetricScores> {
        vec![MetricScores {
            name: "ter",
            signature: "TER|nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0".into(),
            score: 100.0 / 3.0,
            stats: Stats(vec![2, 6]),
            sentences: vec![50.0, 25.0],
            sentence_stats: vec![vec![1, 2, 1, 4]],
            width: 2,
        }]
    }

    #[test]
    fn csv_columns_are_named_as_requested_with_full_precision() {
        let out = String::from_utf8(render(&results(), ScoreFormat::Csv, false).unwrap()).unwrap();
        assert_eq!(out, "ter\n33.333333333333336\n");
        let out = String::from_utf8(render(&results(), ScoreFormat::Csv, true).unwrap()).unwrap();
        assert_eq!(out, "ter\n50\n25\n");
    }

    #[test]
    fn scores_are_shortest_round_trip_positional_text() {
        assert_eq!(score_text(0.0), "0");
        assert_eq!(score_text(-0.0), "-0");
        assert_eq!(score_text(100.0), "100");
        assert_eq!(score_text(100.0 / 3.0), "33.333333333333336");
        assert_eq!(score_text(1e-7), "0.0000001");
        assert_eq!(score_text(-1.5e-9), "-0.0000000015");
        assert_eq!(score_text(1.25e17), "125000000000000000");
        assert_eq!(score_text(1.2345e16), "12345000000000000");
        assert_eq!(score_text(f64::NAN), "NaN");
        assert_eq!(score_text(f64::NEG_INFINITY), "-inf");
        // An exact tie between two shortest candidates: Python's repr and ryu
        // keep the even digit, Rust's Display rounds up.
        assert_eq!(score_text(64.0 + 1.0 / 32768.0), "64.00003051757812");
        assert_eq!(format!("{}", 64.0 + 1.0 / 32768.0), "64.00003051757813");
        // Against Display on random bit patterns (every exponent), scores on
        // the 0–100 scale and ratios of small integers: the text reads back as
        // the same number, has Display's length (both are shortest and
        // positional), and equals it but for the last digit of a tie.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let n = if cfg!(debug_assertions) { 20_000 } else { 300_000 };
        let mut ties = 0;
        for _ in 0..n {
            let ratio = 100.0 * (next() % 10_000) as f64 / (1 + next() % 10_000) as f64;
            for x in [f64::from_bits(next()), 100.0 * (next() >> 11) as f64 / (1u64 << 53) as f64, ratio] {
                if !x.is_finite() {
                    continue;
                }
                let (ours, display) = (score_text(x), format!("{x}"));
                assert_eq!(ours.parse::<f64>().map(f64::to_bits), Ok(x.to_bits()), "{ours}");
                assert_eq!(ours.len(), display.len(), "{ours} {display}");
                if ours != display {
                    assert_eq!(ours[..ours.len() - 1], display[..display.len() - 1], "{ours} {display}");
                    ties += 1;
                }
            }
        }
        assert!(ties * 1_000 < n, "{ties} ties");
    }

    #[test]
    fn fast_paths_print_what_ryu_and_display_print() {
        // Whole numbers (written without ryu) and values at the edges of the
        // range where the 'e' search is skipped: the text is Display's (no
        // ties among these) and reads back as the same number.
        let mut values: Vec<f64> = (0..=100_000).map(f64::from).collect();
        values.extend([
            1e15 - 1.0,
            1e15 - 0.5,
            1e15,
            1e15 + 1.0,
            2f64.powi(53),
            1e16,
            1e-3,
            0.000_999_999_999_999_999_9,
        ]);
        values.extend([1e-3 + 1e-19, 1e-4, 1e-5, 9e-6, 99.99999999999999, 0.5, 100.0 - 1e-13, 12345678.0 / 7.0]);
        for x in values {
            let ours = score_text(x);
            assert_eq!(ours, format!("{x}"), "{x:e}");
            assert_eq!(ours.parse::<f64>().map(f64::to_bits), Ok(x.to_bits()), "{ours}");
        }
        assert_eq!(score_text(100.0), "100");
        assert_eq!(score_text(-100.0), "-100");
        assert_eq!(score_text(-0.0), "-0");
    }

    #[test]
    fn json_has_score_signature_and_stats() {
        let out = render(&results(), ScoreFormat::Json, false).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v[0]["metric"], "ter");
        assert_eq!(v[0]["score"].as_f64(), Some(100.0 / 3.0));
        assert_eq!(v[0]["stats"], serde_json::json!([2, 6]));
        assert!(v[0].get("sentences").is_none());
    }

    #[test]
    fn text_names_signature_and_lqa_version() {
        let out = String::from_utf8(render(&results(), ScoreFormat::Text, false).unwrap()).unwrap();
        assert!(out.starts_with("ter  33.333333333333336  TER|nrefs:1|"), "{out}");
        assert!(out.trim_end().ends_with(&format!("(lqa {LQA_VERSION})")));
    }
}
