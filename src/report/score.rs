//! Output of `lqa score` in three formats, each rendered to bytes:
//! text for people, CSV (one column per metric, named as requested) and JSON
//! (one object per metric with its score, signature and summed statistics).
//! Scores are printed in full precision: the shortest text that reads back as
//! the same f64.

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
        ScoreFormat::Text => Ok(text(results, sentences).into_bytes()),
        ScoreFormat::Csv => csv(results, sentences),
        ScoreFormat::Json => json(results, sentences),
    }
}

fn text(results: &[MetricScores], sentences: bool) -> String {
    let mut out = String::new();
    if sentences {
        out.push_str("line");
        for r in results {
            out.push('\t');
            out.push_str(r.name);
        }
        out.push('\n');
        out.push_str(&sentence_rows(results, '\t', true));
    }
    let width = results.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in results {
        let prefix = if sentences { "# corpus " } else { "" };
        out.push_str(&format!("{prefix}{:<width$}  {}  {}  (lqa {LQA_VERSION})\n", r.name, r.score, r.signature));
    }
    out
}

fn csv(results: &[MetricScores], sentences: bool) -> Result<Vec<u8>> {
    let err = |source| Error::Csv { path: "<stdout>".into(), source };
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(results.iter().map(|r| r.name)).map_err(err)?;
    if !sentences {
        writer.write_record(results.iter().map(|r| r.score.to_string())).map_err(err)?;
    }
    let mut bytes = writer.into_inner().map_err(|e| err(e.into_error().into()))?;
    if sentences {
        // Numbers never need quoting: rows are written directly, in parallel.
        bytes.extend_from_slice(sentence_rows(results, ',', false).as_bytes());
    }
    Ok(bytes)
}

/// One line per segment: (the 1-based line number, then) each metric's sentence
/// score in full precision, separated by `separator`. Formatted in parallel
/// blocks joined in order, so the text never depends on the thread count.
fn sentence_rows(results: &[MetricScores], separator: char, numbered: bool) -> String {
    use rayon::prelude::*;
    use std::fmt::Write as _;
    const BLOCK: usize = 4096;
    let lines = results.first().map_or(0, |r| r.sentences.len());
    let blocks: Vec<String> = (0..lines.div_ceil(BLOCK))
        .into_par_iter()
        .map(|b| {
            let mut out = String::with_capacity(BLOCK * 20 * results.len().max(1));
            for line in b * BLOCK..((b + 1) * BLOCK).min(lines) {
                if numbered {
                    let _ = write!(out, "{}", line + 1);
                }
                for (i, r) in results.iter().enumerate() {
                    if numbered || i > 0 {
                        out.push(separator);
                    }
                    push_display_f64(&mut out, r.sentences[line]);
                }
                out.push('\n');
            }
            out
        })
        .collect();
    blocks.concat()
}

/// Appends `x` as `format!("{x}")` writes it; whole numbers (identical
/// pairs score 0) through itoa, without the float formatter.
fn push_display_f64(out: &mut String, x: f64) {
    use std::fmt::Write as _;
    if x.fract() == 0.0 && x.abs() < 1e15 && (x != 0.0 || x.is_sign_positive()) {
        out.push_str(itoa::Buffer::new().format(x as i64));
    } else {
        let _ = write!(out, "{x}");
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
            sentence_stats: vec![1, 2, 1, 4],
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
    fn push_display_f64_equals_display() {
        for x in [0.0, -0.0, 1.0, -7.0, 100.0, 0.5, 1e15 - 1.0, 1e15, 1e300, f64::NAN, f64::INFINITY, 100.0 / 3.0] {
            let mut out = String::new();
            push_display_f64(&mut out, x);
            assert_eq!(out, format!("{x}"));
        }
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
