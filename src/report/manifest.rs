//! `manifest.json`: what a scan read and how it scored — lqa's version, the
//! sacreBLEU version the metrics match, every metric signature (BLEU's per
//! locale, as its tokenizer depends on the locale), inputs and counts. It holds
//! no timestamp, so the same input gives a byte-identical file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::metrics::bleu::Bleu;
use crate::metrics::chrf::{self, Chrf};
use crate::metrics::levenshtein::Levenshtein;
use crate::metrics::Metric;
use crate::report::score::LQA_VERSION;
use crate::score::{bleu_tokenizer, ter_for};
use crate::Scan;

/// Metric signatures of a scan: one per metric, TER's and BLEU's per locale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signatures {
    /// TER signature per locale (`norm:yes|asian:yes` for Chinese and Japanese, see [`ter_for`]).
    pub ter: BTreeMap<String, String>,
    pub chrf: String,
    #[serde(rename = "chrf++")]
    pub chrf_plus: String,
    /// Corpus-level BLEU signature per locale (sentence scores in pairs.csv use `eff:yes`).
    pub bleu: BTreeMap<String, String>,
    pub lev: String,
}

/// The signatures of the metrics a scan computes for the given locales.
pub fn signatures(scan: &Scan) -> Signatures {
    let locales = || scan.locales.iter().filter_map(|l| l.locale.as_ref());
    Signatures {
        ter: locales().map(|l| (l.to_string(), ter_for(l).signature())).collect(),
        chrf: Chrf::plain().signature(),
        chrf_plus: Chrf::plus_plus().signature(),
        bleu: locales().map(|l| (l.to_string(), Bleu::new(bleu_tokenizer(l)).signature())).collect(),
        lev: Levenshtein.signature(),
    }
}

/// What manifest.json holds (owned, so `lqa merge` can read shards' manifests and combine them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub lqa_version: String,
    pub sacrebleu_version_matched: String,
    pub inputs: Vec<String>,
    pub releases_mode: bool,
    pub releases: Vec<String>,
    pub files_read: usize,
    pub files_skipped: usize,
    pub files_not_markdown: usize,
    /// Folders of lqa's own reports found among the inputs and not read, with why.
    #[serde(default)]
    pub folders_not_read: Vec<String>,
    pub segments: usize,
    pub locales: Vec<String>,
    pub pairs: usize,
    /// Pairs scored on the first `max_scored_chars` characters of each side, as a side was longer.
    #[serde(default)]
    pub pairs_truncated: usize,
    /// The longest side scored whole ([`crate::score::MAX_SCORED_CHARS`]).
    #[serde(default)]
    pub max_scored_chars: usize,
    pub findings: usize,
    pub signatures: Signatures,
    /// The quality model the scores and pass/fail columns use.
    pub quality_model: crate::quality::QualityConfig,
    /// Written with `--csv-safe`: formula-like text cells of the CSVs start with `'` (absent otherwise).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub csv_safe: bool,
}

impl Manifest {
    /// The manifest of a scan.
    pub fn of(scan: &Scan) -> Manifest {
        Manifest {
            lqa_version: LQA_VERSION.to_string(),
            sacrebleu_version_matched: chrf::SACREBLEU_VERSION.to_string(),
            inputs: scan.config.inputs(),
            releases_mode: scan.config.releases || scan.config.git.is_some(),
            releases: scan.corpus.releases.clone(),
            files_read: scan.corpus.documents.len(),
            files_skipped: scan.corpus.skipped.len(),
            files_not_markdown: scan.corpus.ignored,
            folders_not_read: scan.corpus.excluded.iter().map(|f| format!("{}: {}", f.path, f.reason)).collect(),
            segments: scan.segment_count(),
            locales: scan.locales.iter().filter_map(|l| l.locale.as_ref()).map(ToString::to_string).collect(),
            pairs: scan.pairs.len(),
            pairs_truncated: scan.pairs.iter().filter(|p| p.scores.truncated).count(),
            max_scored_chars: crate::score::MAX_SCORED_CHARS,
            findings: scan.findings.len(),
            signatures: signatures(scan),
            quality_model: scan.config.quality.clone(),
            csv_safe: scan.config.csv_safe,
        }
    }
}

/// Renders manifest.json.
pub fn render(scan: &Scan, out: &mut dyn std::io::Write) -> Result<()> {
    write(&Manifest::of(scan), out)
}

/// Writes a manifest as pretty JSON with a final newline.
pub fn write(manifest: &Manifest, out: &mut dyn std::io::Write) -> Result<()> {
    let bytes = crate::report::to_json("manifest.json", manifest)?;
    out.write_all(&bytes).map_err(|e| crate::Error::Io { path: "manifest.json".into(), source: e })
}
