//! What index.html and the charts show, as plain data: [`Page`].
//!
//! A scan is reduced to a page once; the HTML and the charts are drawn from
//! the page only. Every part of a page is either per locale (exact in the
//! shard that holds the locale, see [`crate::corpus::ShardPlan`]), a count that
//! adds up, or a list in global document order. So a sharded scan writes its
//! page to `page.json` and `lqa merge` combines the shards' pages into the page
//! of one unsharded run ([`merge`]), and draws the same index.html and charts,
//! byte for byte.

use serde::{Deserialize, Serialize};

use crate::checks::{Category, Severity};
use crate::model::Origin;
use crate::releases::{ReleasePoint, ReleaseStep};
use crate::Scan;

/// Worst MT segments shown per locale.
pub const WORST_PER_LOCALE: usize = 15;
/// Findings shown (all are in checks.csv).
pub const FINDINGS_SHOWN: usize = 2_000;
/// Inconsistent labels shown per locale.
pub const LABELS_PER_LOCALE: usize = 10;
/// Documents with segment edits shown per locale and release step (the most
/// edited sources first), and edits shown per document (source-changed first);
/// all are in segment_changes.csv.
pub const EDITED_DOCUMENTS_PER_STEP: usize = 6;
pub const EDITS_PER_DOCUMENT: usize = 4;
/// The MQM categories the findings chart stacks, in order, with their names.
pub const CATEGORIES: [(Category, &str); 6] = [
    (Category::Accuracy, "accuracy"),
    (Category::Fluency, "fluency"),
    (Category::Terminology, "terminology"),
    (Category::Style, "style"),
    (Category::LocaleConvention, "locale convention"),
    (Category::Markup, "markup"),
];

/// Characters of one corpus text the page shows (a segment, a label, a
/// message): past this a text is cut at a character boundary and ends in a
/// visible "… (N more characters; the full text is in segments.csv)". The CSV
/// reports keep every text whole; a 50 MB segment made a 50 MB index.html.
pub const SHOWN_CHARS: usize = 2_000;

/// `text` as the page shows it: whole up to [`SHOWN_CHARS`] characters, else cut
/// with a marker naming the CSV `report` that holds it whole.
pub fn shown(text: &str, report: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => text.to_string(),
        Some((cut, _)) => {
            let more = text[cut..].chars().count();
            format!("{}… ({more} more characters; the full text is in {report})", &text[..cut])
        }
    }
}

/// A text as [`shown`] gives it, split into the kept text and its marker
/// (empty when the text was not cut): a cut text is the only kind longer than
/// [`SHOWN_CHARS`] characters.
pub fn split_shown(text: &str) -> (&str, &str) {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => text.split_at(cut),
        None => (text, ""),
    }
}

/// The file a shard writes its page to.
pub const PAGE_FILE: &str = "page.json";

/// Everything index.html and the charts show.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub documents: usize,
    pub segments: usize,
    pub pairs: usize,
    pub findings: usize,
    /// The releases, in order (one unnamed release without `--releases`).
    pub releases: Vec<String>,
    /// In locale order.
    pub locales: Vec<LocalePage>,
    /// Names of the checks that found something, sorted.
    pub checks: Vec<String>,
    /// The first [`FINDINGS_SHOWN`] findings in document order.
    pub shown_findings: Vec<FindingRow>,
    /// A hash of each document's path, origin and texts, in document order.
    pub document_hashes: Vec<u64>,
}

/// One locale's part of the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalePage {
    pub locale: String,
    /// Quality per origin present in the locale.
    pub origins: Vec<OriginRow>,
    /// Quality score of the locale's HT and MT segments.
    pub ht_score: Option<f64>,
    pub mt_score: Option<f64>,
    /// Corpus TER, chrF, chrF++ and BLEU of MT against HT (`None` without pairs).
    pub corpus: Option<[f64; 4]>,
    /// Share of the locale's sources with both an HT and an MT rendering (what
    /// the MT-vs-HT metrics cover), and share of identical pairs, 0–1.
    pub coverage: Option<f64>,
    pub share_identical: Option<f64>,
    /// Spread of the pairs' normalised edit distance.
    pub distance: Option<Spread>,
    /// Findings per [`CATEGORIES`] entry.
    pub findings_by_category: [usize; 6],
    /// Every UI label: its share of non-dominant renderings, and its segment
    /// count when it diverges lexically in 5 or more segments.
    pub label_shares: Vec<LabelShare>,
    /// The locale's all-origins row per release, in release order.
    pub releases: Vec<ReleasePoint>,
    /// MT segments furthest from their HT, furthest first.
    pub worst: Vec<WorstPair>,
    /// The most inconsistent labels (lexical divergence), most frequent first.
    pub labels: Vec<LabelRows>,
    /// Per consecutive release pair with segment edits, in release order: the documents edited.
    pub edit_steps: Vec<EditStep>,
}

/// One locale's documents with segment edits between two consecutive releases.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EditStep {
    pub from: String,
    pub to: String,
    /// Documents with edits (of which the first [`EDITED_DOCUMENTS_PER_STEP`] are shown).
    pub documents: usize,
    pub shown: Vec<EditedDocument>,
}

/// A document's segment edits between two releases, the first few shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EditedDocument {
    pub path: String,
    /// changes.csv's status: revised or relabel-only.
    pub status: String,
    /// Edits per [`crate::edits::EditKind::ALL`] kind.
    pub counts: [usize; 4],
    /// At most [`EDITS_PER_DOCUMENT`], in document order.
    pub shown: Vec<EditRow>,
}

/// One segment edit as the page shows it: normalised texts, empty on the missing side.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EditRow {
    pub kind: String,
    pub old_source: String,
    pub new_source: String,
    pub old_target: String,
    pub new_target: String,
    pub similarity: Option<f64>,
}

/// One row of the quality table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OriginRow {
    pub origin: String,
    pub documents: usize,
    pub segments: usize,
    pub source_words: usize,
    pub info: u64,
    pub minor: u64,
    pub major: u64,
    pub critical: u64,
    pub score: Option<f64>,
    pub per_thousand_words: Option<f64>,
    pub passes: bool,
    /// The three checks costing the most points ([`crate::quality::Tally::top_checks_text`]).
    pub top_checks: String,
}

/// Minimum, quartiles and maximum of a set of values, with its size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub count: usize,
    /// Minimum, first quartile, median, third quartile, maximum (nearest rank).
    pub quartiles: [f64; 5],
}

impl Spread {
    /// The spread of `values` (`None` when empty).
    pub fn of(mut values: Vec<f64>) -> Option<Spread> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let q = |p: f64| values[((values.len() - 1) as f64 * p).round() as usize];
        Some(Spread { count: values.len(), quartiles: [q(0.0), q(0.25), q(0.5), q(0.75), q(1.0)] })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelShare {
    pub source: String,
    pub share: f64,
    /// Segments carrying the label, when it diverges lexically in at least 5.
    pub lexical_total: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorstPair {
    pub source: String,
    pub human: String,
    pub machine: String,
    pub distance: f64,
    /// TER insertions, deletions, substitutions, shifts.
    pub edits: [usize; 4],
    pub chrf: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelRows {
    pub source: String,
    pub renderings: Vec<LabelRenderingRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelRenderingRow {
    pub text: String,
    pub group: usize,
    pub ht: usize,
    pub mt: usize,
    /// Path of a document with this rendering.
    pub example: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FindingRow {
    /// The document's position in the global document order (see [`crate::Corpus::order`]).
    pub document: usize,
    pub locale: String,
    pub origin: String,
    pub path: String,
    pub line: usize,
    pub check: String,
    pub severity: String,
    pub message: String,
    pub source: String,
    pub target: String,
}

impl Page {
    /// The page of a scan.
    pub fn of(scan: &Scan) -> Page {
        let config = &scan.config.quality;
        let docs = &scan.corpus.documents;
        let mut locales: Vec<LocalePage> = scan
            .locales
            .iter()
            .filter_map(|l| l.locale.as_ref().map(|locale| (l, locale)))
            .map(|(summary, locale)| {
                let tally = |origin: Origin| scan.quality.locales.get(&(locale.clone(), origin));
                let origins = summary
                    .by_origin
                    .iter()
                    .map(|(origin, counts)| {
                        let tally = tally(*origin).cloned().unwrap_or_default();
                        OriginRow {
                            origin: origin.label().to_string(),
                            documents: counts.documents,
                            segments: counts.segments,
                            source_words: counts.source_words,
                            info: tally.count(Severity::Info),
                            minor: tally.count(Severity::Minor),
                            major: tally.count(Severity::Major),
                            critical: tally.count(Severity::Critical),
                            score: tally.score(config),
                            per_thousand_words: tally.per_thousand_words(config),
                            passes: tally.passes(config),
                            top_checks: tally.top_checks_text(config, 3),
                        }
                    })
                    .collect();
                LocalePage {
                    locale: locale.to_string(),
                    origins,
                    ht_score: tally(Origin::Human).and_then(|t| t.score(config)),
                    mt_score: tally(Origin::Machine).and_then(|t| t.score(config)),
                    corpus: summary.corpus_scores(),
                    coverage: summary.coverage(),
                    share_identical: summary.share_identical(),
                    ..LocalePage::default()
                }
            })
            .collect();
        let positions: rustc_hash::FxHashMap<String, usize> =
            locales.iter().enumerate().map(|(i, l)| (l.locale.clone(), i)).collect();
        let index = |locale: &str| positions.get(locale).copied();

        // Each locale's pairs: the spread of their distances and the furthest ones.
        let mut pairs: Vec<Vec<&crate::score::Pair>> = vec![Vec::new(); locales.len()];
        for pair in &scan.pairs {
            if let Some(i) = index(scan.groups[pair.group].locale.as_str()) {
                pairs[i].push(pair);
            }
        }
        for (page, pairs) in locales.iter_mut().zip(pairs) {
            page.distance = Spread::of(pairs.iter().map(|p| p.scores.normalized_distance).collect());
            page.worst = worst_pairs(scan, pairs);
        }

        for (d, _, f) in &scan.findings {
            let (Some(i), Some(c)) =
                (index(docs[*d].locale.as_str()), CATEGORIES.iter().position(|c| c.0 == f.category))
            else {
                continue;
            };
            locales[i].findings_by_category[c] += 1;
        }

        for label in &scan.terms.labels {
            let Some(i) = index(label.locale.as_str()) else { continue };
            let lexical = label.divergence == crate::terms::Divergence::Lexical;
            locales[i].label_shares.push(LabelShare {
                source: shown(&label.source, "terms.csv"),
                share: label.non_dominant_share(),
                lexical_total: (lexical && label.total() >= 5).then(|| label.total()),
            });
        }

        for r in scan.releases.iter().filter(|r| r.origin.is_none()) {
            let Some(i) = index(r.locale.as_str()) else { continue };
            locales[i].releases.push(r.point(config));
        }

        for page in &mut locales {
            page.labels = inconsistent_labels(scan, &page.locale);
        }
        for step in edit_steps(scan) {
            let Some(i) = index(step.0.as_str()) else { continue };
            locales[i].edit_steps.push(step.1);
        }

        let checks: std::collections::BTreeSet<&str> = scan.findings.iter().map(|(_, _, f)| f.check).collect();
        let shown_findings = scan
            .findings
            .iter()
            .take(FINDINGS_SHOWN)
            .map(|(d, s, f)| {
                let doc = &docs[*d];
                let seg = &doc.segments[*s];
                FindingRow {
                    document: scan.corpus.order.get(*d).copied().unwrap_or(*d),
                    locale: doc.locale.to_string(),
                    origin: seg.origin.label().to_string(),
                    path: doc.path.clone(),
                    line: seg.line,
                    check: f.check.to_string(),
                    severity: crate::quality::severity_label(f.severity).to_string(),
                    message: shown(&f.message, "checks.csv"),
                    source: shown(&seg.source.raw, "segments.csv"),
                    target: shown(&seg.target.raw, "segments.csv"),
                }
            })
            .collect();

        Page {
            documents: docs.len(),
            segments: scan.segment_count(),
            pairs: scan.pairs.len(),
            findings: scan.findings.len(),
            releases: scan.corpus.releases.clone(),
            locales,
            checks: checks.into_iter().map(str::to_string).collect(),
            shown_findings,
            document_hashes: document_hashes(scan),
        }
    }

    /// Every consecutive release pair, summed over locales, in release order.
    pub fn steps(&self) -> Vec<ReleaseStep> {
        crate::releases::steps(&self.releases, self.locales.iter().flat_map(|l| &l.releases))
    }

    /// A 64-bit hash of every document's path, origin and segment texts, in
    /// document order: the same input gives the same hash.
    pub fn input_hash(&self) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(&self.document_hashes)
    }
}

/// Of one locale's pairs, those with the largest normalised character edit distance.
fn worst_pairs(scan: &Scan, mut pairs: Vec<&crate::score::Pair>) -> Vec<WorstPair> {
    pairs.retain(|p| !p.scores.exact);
    pairs.sort_by(|a, b| {
        b.scores.normalized_distance.total_cmp(&a.scores.normalized_distance).then(a.group.cmp(&b.group))
    });
    pairs.truncate(WORST_PER_LOCALE);
    pairs
        .into_iter()
        .map(|p| {
            let group = &scan.groups[p.group];
            let t = &p.scores.ter;
            // A long text would make the page and its diff huge.
            let shown = |text: &str| shown(text, "pairs.csv");
            WorstPair {
                source: shown(&group.source),
                human: shown(&group.human[p.human].text),
                machine: shown(&group.machine[p.machine].text),
                distance: p.scores.normalized_distance,
                edits: [t.insertions, t.deletions, t.substitutions, t.shifts],
                chrf: p.scores.sentence_scores(&group.locale)[1],
            }
        })
        .collect()
}

/// Per (locale, consecutive release pair) with segment edits, in changes.csv
/// order: the documents whose sources changed most first, each with its first edits.
fn edit_steps(scan: &Scan) -> Vec<(String, EditStep)> {
    let edited = scan.changes.iter().filter(|c| !c.edits.is_empty());
    let mut steps = Vec::new();
    for group in edited.collect::<Vec<_>>().chunk_by(|a, b| (&a.locale, &a.from) == (&b.locale, &b.from)) {
        let mut documents: Vec<EditedDocument> = group.iter().map(|c| edited_document(scan, c)).collect();
        // Stable: paths stay in order among equals.
        documents.sort_by_key(|d| (std::cmp::Reverse(d.counts[0]), std::cmp::Reverse(d.counts.iter().sum::<usize>())));
        let step = EditStep {
            from: group[0].from.clone(),
            to: group[0].to.clone(),
            documents: documents.len(),
            shown: documents.into_iter().take(EDITED_DOCUMENTS_PER_STEP).collect(),
        };
        steps.push((group[0].locale.to_string(), step));
    }
    steps
}

/// A document's edit counts and its first [`EDITS_PER_DOCUMENT`] edits by
/// kind (source-changed, added, removed, retranslated), shown in document order.
fn edited_document(scan: &Scan, change: &crate::releases::Change) -> EditedDocument {
    let mut picked: Vec<usize> = (0..change.edits.len()).collect();
    picked.sort_by_key(|&e| change.edits[e].kind);
    picked.truncate(EDITS_PER_DOCUMENT);
    picked.sort_unstable();
    let docs = &scan.corpus.documents;
    let segment = |d: Option<usize>, s: Option<usize>| Some(&docs[d?].segments[s?]);
    let text = |s: Option<&crate::model::Segment>, source: bool| {
        s.map_or(String::new(), |s| {
            shown(if source { &s.source } else { &s.target }.normalized(), "segment_changes.csv")
        })
    };
    let shown = picked
        .into_iter()
        .map(|e| {
            let edit = &change.edits[e];
            let (old, new) = (segment(change.old_document, edit.old), segment(change.new_document, edit.new));
            EditRow {
                kind: edit.kind.label().to_string(),
                old_source: text(old, true),
                new_source: text(new, true),
                old_target: text(old, false),
                new_target: text(new, false),
                similarity: edit.similarity,
            }
        })
        .collect();
    EditedDocument {
        path: change.path.clone(),
        status: change.status.label().to_string(),
        counts: crate::edits::counts(&change.edits),
        shown,
    }
}

/// Per locale, the lexically divergent labels carried by most segments.
fn inconsistent_labels(scan: &Scan, locale: &str) -> Vec<LabelRows> {
    let mut labels: Vec<&crate::terms::Label> = scan
        .terms
        .labels
        .iter()
        .filter(|l| l.locale.as_str() == locale && l.divergence == crate::terms::Divergence::Lexical)
        .collect();
    labels.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.source.cmp(&b.source)));
    labels.truncate(LABELS_PER_LOCALE);
    labels
        .into_iter()
        .map(|label| LabelRows {
            source: shown(&label.source, "terms.csv"),
            renderings: label
                .renderings
                .iter()
                .map(|r| LabelRenderingRow {
                    text: shown(&r.text, "terms.csv"),
                    group: r.group,
                    ht: r.ht_count,
                    mt: r.mt_count,
                    example: scan.corpus.documents[r.example].path.clone(),
                })
                .collect(),
        })
        .collect()
}

/// Each document's hash of its path, origin and segment texts. Each distinct
/// text is hashed once (texts are shared), so a corpus dump costs little more
/// than one pass over its segments.
fn document_hashes(scan: &Scan) -> Vec<u64> {
    use std::hash::{BuildHasher, Hash, Hasher};
    let build = rustc_hash::FxBuildHasher;
    let mut text_hash: rustc_hash::FxHashMap<*const crate::model::Text, u64> = Default::default();
    scan.corpus
        .documents
        .iter()
        .map(|doc| {
            let mut hasher = build.build_hasher();
            doc.path.hash(&mut hasher);
            doc.origin.label().hash(&mut hasher);
            for s in &doc.segments {
                s.origin.label().hash(&mut hasher);
                for text in [&s.source, &s.target] {
                    let h = *text_hash.entry(std::sync::Arc::as_ptr(text)).or_insert_with(|| build.hash_one(&text.raw));
                    hasher.write_u64(h);
                }
            }
            hasher.finish()
        })
        .collect()
}

/// The page of one unsharded run from the pages of every shard of a set.
/// `order` lists (global document position, shard, document in shard) in
/// global order, as [`crate::report::merge`] builds it; `releases` are the
/// merged run's releases.
pub fn merge(pages: Vec<Page>, order: &[(usize, usize, usize)], releases: Vec<String>) -> Page {
    let mut merged = Page {
        documents: pages.iter().map(|p| p.documents).sum(),
        segments: pages.iter().map(|p| p.segments).sum(),
        pairs: pages.iter().map(|p| p.pairs).sum(),
        findings: pages.iter().map(|p| p.findings).sum(),
        releases,
        document_hashes: order.iter().map(|&(_, p, local)| pages[p].document_hashes[local]).collect(),
        ..Page::default()
    };
    // Findings: each shard's first ones in its document order; the first of all in global order.
    let mut findings: Vec<(usize, usize, usize, FindingRow)> = Vec::new();
    for (p, page) in pages.into_iter().enumerate() {
        merged.checks.extend(page.checks);
        merged.locales.extend(page.locales);
        findings.extend(page.shown_findings.into_iter().enumerate().map(|(i, f)| (f.document, p, i, f)));
    }
    merged.checks.sort_unstable();
    merged.checks.dedup();
    merged.locales.sort_by(|a, b| a.locale.cmp(&b.locale));
    findings.sort_by_key(|(document, p, i, _)| (*document, *p, *i));
    merged.shown_findings = findings.into_iter().take(FINDINGS_SHOWN).map(|(.., f)| f).collect();
    merged
}
