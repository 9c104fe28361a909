//! Scoring of aligned hypothesis/reference texts, as `lqa score` does it: the
//! inputs read with sacreBLEU's rules, per-segment statistics computed in
//! parallel, corpus scores from their sums, sentence scores on request.
//!
//! It does not format results (see [`crate::report::score`]) and does not know
//! about documents: the scan pipeline calls the metrics directly.

use std::path::Path;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::metrics::{pytext, Metric, Stats};

/// Hypotheses and references, one per segment, same length.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aligned {
    pub hypotheses: Lines,
    pub references: Lines,
}

/// Texts stored in one buffer with their byte ranges: a file of 50,000 lines
/// is one allocation, not 50,000.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl Lines {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The `i`-th text; panics when `i >= len()` like slice indexing.
    pub fn get(&self, i: usize) -> &str {
        let (start, end) = self.spans[i];
        &self.text[start..end]
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.spans.iter().map(|&(start, end)| &self.text[start..end])
    }

    /// Appends a text.
    pub fn push(&mut self, text: &str) {
        let start = self.text.len();
        self.text.push_str(text);
        self.spans.push((start, self.text.len()));
    }

    /// The texts, copied out (tests, small inputs).
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

/// Reads a line-aligned text file as the sacreBLEU command line does: UTF-8,
/// lines end at `\n` only (a `\r` is line content), and every line is then
/// `rstrip()`ped with Python's whitespace set (which removes a trailing `\r`).
/// A final line without `\n` counts; an empty file has no lines.
pub fn read_lines(path: &Path) -> Result<Lines> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io { path: path.to_path_buf(), source: e })?;
    // SIMD validation (simdutf8) is several times faster than std's on large files
    // (it was 12% of a `lqa score -m lev` run); std's runs only to locate an error.
    let text = if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated every byte as UTF-8.
        unsafe { String::from_utf8_unchecked(bytes) }
    } else {
        String::from_utf8(bytes).map_err(|e| Error::invalid_utf8(path, e.as_bytes(), e.utf8_error()))?
    };
    if text.is_empty() {
        return Ok(Lines::default());
    }
    let body = text.strip_suffix('\n').unwrap_or(&text);
    let mut spans = Vec::with_capacity(body.len() / 64 + 1);
    // memchr's vectorised search finds line ends several times faster than
    // `str::split` (5% of a `lqa score -m lev` run before).
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', body.as_bytes()).chain([body.len()]) {
        // `start..end` lies between newlines (or the ends), so on char boundaries.
        let line = body.get(start..end).unwrap_or_default();
        // Python's whitespace characters end in a byte ≤ 0x20 or ≥ 0x80, so a
        // line ending in a printable ASCII byte (nearly all) has none to strip.
        let kept = match line.as_bytes().last() {
            Some(0x21..=0x7F) => line.len(),
            _ => pytext::py_rstrip(line).len(),
        };
        spans.push((start, start + kept));
        start = end + 1;
    }
    Ok(Lines { text, spans })
}

/// Reads a hypothesis file and a reference file; their line counts must agree.
pub fn read_aligned(hypothesis: &Path, reference: &Path) -> Result<Aligned> {
    // Reading, UTF-8 validation and line splitting are the serial part of a
    // scoring run; the two files are independent, so read them side by side.
    let (hypotheses, references) = rayon::join(|| read_lines(hypothesis), || read_lines(reference));
    let (hypotheses, references) = (hypotheses?, references?);
    if hypotheses.len() != references.len() {
        return Err(Error::Input {
            path: hypothesis.to_path_buf(),
            line: 0,
            message: format!(
                "{} lines, but the reference {} has {}",
                hypotheses.len(),
                reference.display(),
                references.len()
            ),
        });
    }
    Ok(Aligned { hypotheses, references })
}

/// Reads a tab-separated file whose header names a `hypothesis` and a
/// `reference` column (other columns are ignored). Fields may be quoted, so
/// segments can hold tabs and newlines; field text is taken as is. A `.csv`
/// file is read comma-separated, so lqa's own `pairs.csv` can be rescored.
pub fn read_pairs(path: &Path) -> Result<Aligned> {
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let input = |line: u64, message: String| Error::Input { path: path.to_path_buf(), line: line as usize, message };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if is_csv { b',' } else { b'\t' })
        .from_path(path)
        .map_err(|e| csv_error(path, e))?;
    let header = reader.headers().map_err(|e| csv_error(path, e))?.clone();
    let column = |name: &str| {
        header.iter().position(|h| h.trim() == name).ok_or_else(|| {
            input(
                1,
                format!("no '{name}' column in the header (found: {})", header.iter().collect::<Vec<_>>().join(", ")),
            )
        })
    };
    let (hyp, reference) = (column("hypothesis")?, column("reference")?);
    let mut aligned = Aligned::default();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let line = record.position().map_or(0, |p| p.line());
        let field =
            |i: usize| record.get(i).map(str::to_string).ok_or_else(|| input(line, format!("no field {}", i + 1)));
        aligned.hypotheses.push(&field(hyp)?);
        aligned.references.push(&field(reference)?);
    }
    Ok(aligned)
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line() as usize);
    match e.kind() {
        csv::ErrorKind::Io(_) => Error::Csv { path: path.to_path_buf(), source: e },
        _ => Error::Input { path: path.to_path_buf(), line, message: e.to_string() },
    }
}

/// One metric's results over an aligned set.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricScores {
    pub name: &'static str,
    pub signature: String,
    /// Corpus score from the summed statistics.
    pub score: f64,
    /// The summed statistics.
    pub stats: Stats,
    /// Per segment, when asked for: the sentence scores, and the statistics
    /// in batches of [`BATCH`] segments, `width` values per segment (see
    /// [`MetricScores::sentence_stats`]).
    pub sentences: Vec<f64>,
    pub sentence_stats: Vec<Vec<u64>>,
    pub width: usize,
}

impl MetricScores {
    /// Statistics of segment `i`; panics when `i` is out of range, like slice indexing.
    pub fn sentence_stats(&self, i: usize) -> &[u64] {
        let at = i % BATCH * self.width;
        &self.sentence_stats[i / BATCH][at..at + self.width]
    }
}

/// Segments per parallel task: large enough that the statistics of a task
/// fill one buffer (no allocation per pair), small enough to balance threads.
pub const BATCH: usize = 512;

/// Scores `aligned` with every metric. Statistics are computed in parallel
/// batches, each into one buffer, and summed in segment order, so results
/// never depend on the thread count.
pub fn evaluate(metrics: &[Box<dyn Metric>], aligned: &Aligned, sentences: bool) -> Vec<MetricScores> {
    metrics
        .iter()
        .map(|metric| {
            let (hypotheses, references) = (&aligned.hypotheses, &aligned.references);
            let n = hypotheses.len().min(references.len());
            let width = metric.stats_len();
            let batches: Vec<Vec<u64>> = (0..n.div_ceil(BATCH))
                .into_par_iter()
                // Every batch a job of its own: rayon otherwise runs ranges of
                // about n/4 batches sequentially once started, and the thread
                // that finished first idled through the rest of the other's
                // range (10 ms of a 95 ms sentence-BLEU run at -j2).
                .with_max_len(1)
                .map(|b| {
                    let mut out = Vec::with_capacity(BATCH * width);
                    for i in b * BATCH..((b + 1) * BATCH).min(n) {
                        metric.push_stats(hypotheses.get(i), references.get(i), &mut out);
                    }
                    out
                })
                .collect();
            let mut total = Stats(vec![0; width]);
            for segment in batches.iter().flat_map(|b| b.chunks_exact(width.max(1))) {
                for (sum, value) in total.0.iter_mut().zip(segment) {
                    *sum += value;
                }
            }
            // The batches are kept as they are: joining them was a serial copy
            // (and fresh pages) of every statistic while the other threads idled.
            let (sentences, sentence_stats) = if sentences {
                let mut scores = vec![0.0; n];
                scores.par_chunks_mut(BATCH).zip(&batches).with_max_len(1).for_each(|(scores, batch)| {
                    for (score, stats) in scores.iter_mut().zip(batch.chunks_exact(width.max(1))) {
                        *score = metric.sentence_score(stats);
                    }
                });
                (scores, batches)
            } else {
                (Vec::new(), Vec::new())
            };
            MetricScores {
                name: metric.name(),
                signature: metric.signature(),
                score: metric.corpus_score(&total),
                stats: total,
                sentences,
                sentence_stats,
                width,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f
    }

    #[test]
    fn lines_are_read_like_sacrebleu() {
        // Python: open(f, newline="\n") then line.rstrip() for each line.
        let f = file(b"a b \r\nc\rd\x1c\n\n  e\tf  \ng");
        assert_eq!(read_lines(f.path()).unwrap().to_vec(), ["a b", "c\rd", "", "  e\tf", "g"]);
        assert!(read_lines(file(b"").path()).unwrap().is_empty());
        assert_eq!(read_lines(file(b"\n").path()).unwrap().to_vec(), [""]);
        assert_eq!(read_lines(file(b"x\n").path()).unwrap().to_vec(), ["x"]);
        // Non-ASCII whitespace (NBSP, ideographic space, U+0085) is stripped too;
        // a final printable ASCII byte (here `~`, 0x7E) keeps the line whole.
        let f = file("a\u{a0}\nb\u{3000}\nc\u{85}\nd~\n\u{a0}".as_bytes());
        assert_eq!(read_lines(f.path()).unwrap().to_vec(), ["a", "b", "c", "d~", ""]);
    }

    #[test]
    fn mismatched_line_counts_are_an_error() {
        let (h, r) = (file(b"a\nb\n"), file(b"a\n"));
        let err = read_aligned(h.path(), r.path()).unwrap_err();
        assert!(err.to_string().contains("2 lines, but the reference"), "{err}");
    }

    #[test]
    fn pairs_tsv_with_quoted_tabs_and_newlines() {
        let f = file(b"id\treference\thypothesis\n1\t\"a\tb\"\t\"c\nd\"\n2\tx\ty\n");
        let a = read_pairs(f.path()).unwrap();
        assert_eq!(a.references.to_vec(), ["a\tb", "x"]);
        assert_eq!(a.hypotheses.to_vec(), ["c\nd", "y"]);
        let f = file(b"hyp\tref\nx\ty\n");
        let err = read_pairs(f.path()).unwrap_err();
        assert!(err.to_string().contains("no 'hypothesis' column"), "{err}");
    }

    #[test]
    fn batches_equal_per_pair_statistics_at_any_thread_count() {
        // 1,300 pairs: two full batches and a partial one.
        let words = ["Выберите", "клиента", "Select", "the", "customer", "顧客", "を", "選択", "."];
        let text = |i: usize, k: usize| (0..i % 11).map(|j| words[(i * k + j * 7) % words.len()]).collect::<Vec<_>>();
        let mut aligned = Aligned::default();
        for i in 0..1_300 {
            aligned.hypotheses.push(&text(i, 3).join(" "));
            aligned.references.push(&text(i, 5).join(" "));
        }
        let options = crate::metrics::MetricOptions::default();
        let metrics: Vec<_> =
            crate::metrics::METRIC_NAMES.iter().filter_map(|n| crate::metrics::by_name(n, &options)).collect();
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| evaluate(&metrics, &aligned, true))
        };
        let results = run(1);
        assert_eq!(results, run(3));
        for (metric, r) in metrics.iter().zip(&results) {
            let mut total = Stats::default();
            for i in 0..aligned.hypotheses.len() {
                let stats = metric.stats(aligned.hypotheses.get(i), aligned.references.get(i));
                assert_eq!(r.sentence_stats(i), &stats[..], "{} pair {i}", r.name);
                assert_eq!(r.sentences[i].to_bits(), metric.sentence_score(&stats).to_bits());
                total += &stats;
            }
            assert_eq!((&r.stats, r.sentences.len()), (&total, 1_300), "{}", r.name);
        }
    }
}
