//! The CSV reports: one function per file, each writing into any `Write` (a
//! file when scanning, a `Vec<u8>` in tests), so reports stream out without
//! being held in memory. UTF-8, a header row, deterministic order.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::quality::{QualityConfig, Tally};
use crate::Scan;

/// The quality columns shared by locales.csv and documents.csv.
#[derive(Default, Serialize)]
struct QualityColumns {
    findings_info: u64,
    findings_minor: u64,
    findings_major: u64,
    findings_critical: u64,
    penalty_points: f64,
    penalty_per_1000_words: Option<f64>,
    quality_score: Option<f64>,
    pass: bool,
    /// The three checks that cost the most points, with findings and points.
    top_checks: String,
}

impl QualityColumns {
    fn new(tally: &Tally, config: &QualityConfig) -> QualityColumns {
        use crate::checks::Severity;
        QualityColumns {
            findings_info: tally.count(Severity::Info),
            findings_minor: tally.count(Severity::Minor),
            findings_major: tally.count(Severity::Major),
            findings_critical: tally.count(Severity::Critical),
            penalty_points: tally.points(config),
            penalty_per_1000_words: tally.per_thousand_words(config),
            quality_score: tally.score(config),
            pass: tally.passes(config),
            top_checks: tally.top_checks_text(config, 3),
        }
    }
}

/// `documents.csv`: one row per document read, in scan order, with its quality figures.
pub fn documents(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        release: &'a str,
        locale: &'a str,
        origin: &'a str,
        path: &'a str,
        segments: u64,
        source_words: u64,
        warnings: usize,
    }
    let config = &scan.config.quality;
    let rows = scan.corpus.documents.iter().zip(&scan.quality.documents).map(|(doc, tally)| {
        let row = Row {
            release: &doc.release,
            locale: doc.locale.as_str(),
            origin: doc.origin_label(),
            path: &doc.path,
            segments: tally.segments,
            source_words: tally.source_words,
            warnings: doc.warnings.len(),
        };
        // csv writes a tuple of structs as one record, headers from both.
        (row, QualityColumns::new(tally, config))
    });
    to_csv("documents.csv", out, scan.config.csv_safe, rows)
}

/// `segments.csv`: every segment read, exactly once, in (release, path, position) order.
pub fn segments(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        release: &'a str,
        locale: &'a str,
        origin: &'a str,
        path: &'a str,
        id: &'a str,
        line: usize,
        source: &'a str,
        target: &'a str,
        source_words: u64,
        findings: u64,
        penalty_points: f64,
        quality_score: Option<f64>,
    }
    let config = &scan.config.quality;
    let documents = &scan.corpus.documents;
    to_csv_parallel("segments.csv", out, scan.config.csv_safe, documents.len(), |range, rows: &mut Vec<Row>| {
        // Findings are in (document, segment) order: walk this range's alongside its segments.
        let first = scan.findings.partition_point(|(d, _, _)| *d < range.start);
        let mut findings = scan.findings[first..].iter().peekable();
        for d in range {
            let doc = &documents[d];
            for (i, s) in doc.segments.iter().enumerate() {
                let mut tally =
                    Tally { segments: 1, source_words: crate::quality::source_words(s), ..Tally::default() };
                while let Some((_, _, f)) = findings.next_if(|(fd, fs, _)| (*fd, *fs) == (d, i)) {
                    tally.add_finding(f);
                }
                rows.push(Row {
                    release: &doc.release,
                    locale: doc.locale.as_str(),
                    origin: s.origin.label(),
                    path: &doc.path,
                    id: &s.id,
                    line: s.line,
                    source: &s.source.raw,
                    target: &s.target.raw,
                    source_words: tally.source_words,
                    findings: tally.total_findings(),
                    penalty_points: tally.points(config),
                    quality_score: tally.score(config),
                });
            }
        }
    })
}

/// `pairs.csv`: one row per distinct (MT, HT) rendering pair of a (locale, source).
pub fn pairs(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        locale: &'a str,
        source: &'a str,
        hypothesis: &'a str,
        reference: &'a str,
        mt_count: usize,
        ht_count: usize,
        mt_path: &'a str,
        ht_path: &'a str,
        mt_release: &'a str,
        ht_release: &'a str,
        exact: bool,
        char_distance: usize,
        normalized_distance: f64,
        word_distance: usize,
        hypothesis_chars: usize,
        reference_chars: usize,
        ter: f64,
        chrf: f64,
        #[serde(rename = "chrf++")]
        chrf_plus: f64,
        bleu: f64,
        ter_insertions: usize,
        ter_deletions: usize,
        ter_substitutions: usize,
        ter_shifts: usize,
        ter_reference_words: usize,
        /// Sufficient statistics, space-separated, in sacreBLEU's layouts (for `lqa compare`).
        chrf_stats: String,
        bleu_stats: String,
    }
    let docs = &scan.corpus.documents;
    let rows = scan.pairs.iter().map(|p| {
        let group = &scan.groups[p.group];
        let (mt, ht) = (&group.machine[p.machine], &group.human[p.human]);
        let [ter, chrf, chrf_plus, bleu] = p.scores.sentence_scores(&group.locale);
        Row {
            locale: group.locale.as_str(),
            source: &group.source,
            hypothesis: &mt.text,
            reference: &ht.text,
            mt_count: mt.count,
            ht_count: ht.count,
            mt_path: &docs[mt.example].path,
            ht_path: &docs[ht.example].path,
            mt_release: &docs[mt.example].release,
            ht_release: &docs[ht.example].release,
            exact: p.scores.exact,
            char_distance: p.scores.char_distance,
            normalized_distance: p.scores.normalized_distance,
            word_distance: p.scores.word_distance,
            hypothesis_chars: p.scores.hypothesis_chars,
            reference_chars: p.scores.reference_chars,
            ter,
            chrf,
            chrf_plus,
            bleu,
            ter_insertions: p.scores.ter.insertions,
            ter_deletions: p.scores.ter.deletions,
            ter_substitutions: p.scores.ter.substitutions,
            ter_shifts: p.scores.ter.shifts,
            ter_reference_words: p.scores.ter.ref_length,
            chrf_stats: join_stats(&p.scores.chrf),
            bleu_stats: join_stats(&p.scores.bleu),
        }
    });
    to_csv("pairs.csv", out, scan.config.csv_safe, rows)
}

fn join_stats(stats: &crate::metrics::Stats) -> String {
    let mut joined = String::with_capacity(stats.0.len() * 4);
    let mut buffer = itoa::Buffer::new();
    for (i, v) in stats.0.iter().enumerate() {
        if i > 0 {
            joined.push(' ');
        }
        joined.push_str(buffer.format(*v));
    }
    joined
}

/// `locales.csv`: per locale one row per origin (HT, MT, unknown) with document,
/// segment, word and distinct-source counts, then an `all` row that adds the
/// pairing figures and the corpus TER/chrF/chrF++/BLEU of MT against HT over
/// the locale's distinct pairs (left empty on the origin rows, where they do not apply).
pub fn locales(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        locale: &'a str,
        origin: &'a str,
        documents: usize,
        segments: usize,
        source_words: usize,
        distinct_sources: usize,
        sources_with_both: Option<usize>,
        /// sources_with_both / distinct_sources: what the MT-vs-HT metrics cover.
        coverage: Option<f64>,
        pairs: Option<usize>,
        share_identical: Option<f64>,
        mean_normalized_distance: Option<f64>,
        median_normalized_distance: Option<f64>,
        ter: Option<f64>,
        chrf: Option<f64>,
        #[serde(rename = "chrf++")]
        chrf_plus: Option<f64>,
        bleu: Option<f64>,
    }
    let config = &scan.config.quality;
    let mut rows = Vec::new();
    for summary in &scan.locales {
        let Some(locale_key) = summary.locale.as_ref() else { continue };
        let locale = locale_key.as_str();
        for (origin, c) in &summary.by_origin {
            let tally = scan.quality.locales.get(&(locale_key.clone(), *origin)).cloned().unwrap_or_default();
            rows.push((
                Row {
                    locale,
                    origin: origin.label(),
                    documents: c.documents,
                    segments: c.segments,
                    source_words: c.source_words,
                    distinct_sources: c.distinct_sources,
                    sources_with_both: None,
                    coverage: None,
                    pairs: None,
                    share_identical: None,
                    mean_normalized_distance: None,
                    median_normalized_distance: None,
                    ter: None,
                    chrf: None,
                    chrf_plus: None,
                    bleu: None,
                },
                QualityColumns::new(&tally, config),
            ));
        }
        let all = summary.all_origins();
        let corpus = summary.corpus_scores();
        let corpus_score = |i: usize| corpus.map(|c| c[i]);
        rows.push((
            Row {
                locale,
                origin: "all",
                documents: all.documents,
                segments: all.segments,
                source_words: all.source_words,
                distinct_sources: all.distinct_sources,
                sources_with_both: Some(summary.sources_with_both),
                coverage: summary.coverage(),
                pairs: Some(summary.pairs),
                share_identical: summary.share_identical(),
                mean_normalized_distance: summary.mean_normalized_distance,
                median_normalized_distance: summary.median_normalized_distance,
                ter: corpus_score(0),
                chrf: corpus_score(1),
                chrf_plus: corpus_score(2),
                bleu: corpus_score(3),
            },
            QualityColumns::new(&scan.quality.locale_total(locale_key), config),
        ));
    }
    to_csv("locales.csv", out, scan.config.csv_safe, rows)
}

/// `checks.csv`: one row per QA finding, in document and segment order.
pub fn checks(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        release: &'a str,
        locale: &'a str,
        origin: &'a str,
        path: &'a str,
        line: usize,
        id: &'a str,
        check: &'a str,
        category: crate::checks::Category,
        severity: crate::checks::Severity,
        message: &'a str,
        source: &'a str,
        target: &'a str,
    }
    let docs = &scan.corpus.documents;
    to_csv_parallel("checks.csv", out, scan.config.csv_safe, scan.findings.len(), |range, rows: &mut Vec<Row>| {
        rows.extend(scan.findings[range].iter().map(|(d, s, f)| {
            let (doc, segment) = (&docs[*d], &docs[*d].segments[*s]);
            Row {
                release: &doc.release,
                locale: doc.locale.as_str(),
                origin: segment.origin.label(),
                path: &doc.path,
                line: segment.line,
                id: &segment.id,
                check: f.check,
                category: f.category,
                severity: f.severity,
                message: &f.message,
                source: &segment.source.raw,
                target: &segment.target.raw,
            }
        }));
    })
}

/// `terms.csv`: every UI label rendered more than one way in a locale, one row
/// per rendering — lexical divergences first, then inflections, most frequent
/// labels first — with HT and MT counts, stem group and glossary status.
pub fn terms(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    use crate::terms::{stem::Rule, Divergence};
    #[derive(Default, Serialize)]
    struct Row<'a> {
        locale: &'a str,
        term: &'a str,
        divergence: &'a str,
        /// Whether HT's and MT's most frequent renderings differ in words.
        ht_mt_differ: bool,
        /// Segments outside the dominant stem group: what a fix would touch.
        to_fix: usize,
        rendering: &'a str,
        /// How this rendering differs from the dominant one (empty for the dominant one).
        difference: &'a str,
        /// Other written forms collapsed into this rendering (case, spacing, particles...).
        variants: String,
        stem_group: usize,
        ht_count: usize,
        mt_count: usize,
        unknown_count: usize,
        non_dominant_share: f64,
        glossary_status: &'static str,
        example_path: &'a str,
    }
    let report = &scan.terms;
    let mut labels: Vec<&crate::terms::Label> =
        report.labels.iter().filter(|l| l.divergence != Divergence::Consistent).collect();
    // Most important first: lexical divergences, those where HT and MT disagree,
    // then the ones a fix would touch most.
    let key = |l: &crate::terms::Label| {
        (l.locale.clone(), l.divergence, !l.ht_mt_differ, std::cmp::Reverse(l.to_fix()), std::cmp::Reverse(l.total()))
    };
    labels.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.source.cmp(&b.source)));
    let mut rows = Vec::new();
    for label in labels {
        let rule = Rule::for_locale(&label.locale);
        let entries: Vec<&crate::terms::glossary::Entry> = report
            .glossary
            .iter()
            .filter(|e| e.scope.covers(&label.locale) && e.source.eq_ignore_ascii_case(&label.source))
            .collect();
        for r in &label.renderings {
            let status = if entries.is_empty() {
                ""
            } else if entries.iter().any(|e| e.forbidden.iter().any(|f| rule.contains(&r.text, f))) {
                "forbidden"
            } else if entries.iter().any(|e| e.approved.iter().any(|a| rule.contains(&r.text, a))) {
                "approved"
            } else {
                "not-approved"
            };
            rows.push(Row {
                term: &label.source,
                locale: label.locale.as_str(),
                divergence: label.divergence.label(),
                ht_mt_differ: label.ht_mt_differ,
                to_fix: label.to_fix(),
                rendering: &r.text,
                difference: if r.difference == Divergence::Consistent { "" } else { r.difference.label() },
                variants: r.variants.join(" | "),
                stem_group: r.group,
                ht_count: r.ht_count,
                mt_count: r.mt_count,
                unknown_count: r.unknown_count,
                non_dominant_share: label.non_dominant_share(),
                glossary_status: status,
                example_path: &scan.corpus.documents[r.example].path,
            });
        }
    }
    to_csv("terms.csv", out, scan.config.csv_safe, rows)
}

/// `consistency.csv`: translation consistency without a glossary, per locale:
/// every source translated more than one way (`same-source`, one row per
/// target) and every target that translates more than one source
/// (`same-target`, one row per source), with HT and MT counts and an example.
pub fn consistency(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    use std::collections::BTreeMap;
    #[derive(Default, Serialize)]
    struct Row<'a> {
        locale: &'a str,
        kind: &'static str,
        /// The shared text: the source (same-source) or the target (same-target).
        shared: &'a str,
        /// The text that varies.
        variant: &'a str,
        variants: usize,
        ht_count: usize,
        mt_count: usize,
        example_path: &'a str,
    }
    let docs = &scan.corpus.documents;
    let mut rows = Vec::new();
    /// Text → (HT segments, MT segments, first document).
    type Variants<'a> = BTreeMap<&'a str, (usize, usize, usize)>;
    let mut by_target: BTreeMap<(&str, &str), Variants> = BTreeMap::new();
    for group in &scan.groups {
        let locale = group.locale.as_str();
        let mut targets: Variants = BTreeMap::new();
        for (side, ht) in [(&group.human, true), (&group.machine, false)] {
            for r in side {
                let t = targets.entry(r.text.as_str()).or_insert((0, 0, r.example));
                if ht {
                    t.0 += r.count
                } else {
                    t.1 += r.count
                }
                t.2 = t.2.min(r.example);
                let s = by_target
                    .entry((locale, r.text.as_str()))
                    .or_default()
                    .entry(group.source.as_str())
                    .or_insert((0, 0, r.example));
                if ht {
                    s.0 += r.count
                } else {
                    s.1 += r.count
                }
                s.2 = s.2.min(r.example);
            }
        }
        if targets.len() > 1 {
            let n = targets.len();
            rows.extend(targets.into_iter().map(|(target, (ht, mt, example))| Row {
                locale,
                kind: "same-source",
                shared: &group.source,
                variant: target,
                variants: n,
                ht_count: ht,
                mt_count: mt,
                example_path: &docs[example].path,
            }));
        }
    }
    let mut same_target = Vec::new();
    for ((locale, target), sources) in &by_target {
        if sources.len() > 1 {
            same_target.extend(sources.iter().map(|(source, (ht, mt, example))| Row {
                locale,
                kind: "same-target",
                shared: target,
                variant: source,
                variants: sources.len(),
                ht_count: *ht,
                mt_count: *mt,
                example_path: &docs[*example].path,
            }));
        }
    }
    // One locale's rows together (same-source, then same-target), as the merge of shards expects.
    rows.extend(same_target);
    rows.sort_by(|a, b| (a.locale, a.kind, a.shared, a.variant).cmp(&(b.locale, b.kind, b.shared, b.variant)));
    to_csv("consistency.csv", out, scan.config.csv_safe, rows)
}

/// The first columns of changes.csv and segment_changes.csv: which document, between which releases.
#[derive(Default, Serialize)]
struct ChangeColumns<'a> {
    locale: &'a str,
    from_release: &'a str,
    to_release: &'a str,
    path: &'a str,
}

impl<'a> ChangeColumns<'a> {
    fn new(change: &'a crate::releases::Change) -> ChangeColumns<'a> {
        ChangeColumns {
            locale: change.locale.as_str(),
            from_release: &change.from,
            to_release: &change.to,
            path: &change.path,
        }
    }
}

/// `changes.csv`: one row per document × locale × consecutive release pair.
pub fn changes(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        status: &'static str,
        old_origin: &'a str,
        new_origin: &'a str,
        old_segments: usize,
        new_segments: usize,
        aligned: usize,
        targets_changed: usize,
        sources_changed: usize,
        sources_added: usize,
        sources_removed: usize,
        ter: Option<f64>,
        chrf: Option<f64>,
    }
    let rows = scan.changes.iter().map(|c| {
        let (ter, chrf) = crate::releases::scores(&c.ter, &c.chrf);
        let row = Row {
            status: c.status.label(),
            old_origin: c.old_origin.map_or("", |o| o.label()),
            new_origin: c.new_origin.map_or("", |o| o.label()),
            old_segments: c.old_segments,
            new_segments: c.new_segments,
            aligned: c.aligned,
            targets_changed: c.targets_changed,
            sources_changed: c.sources_changed,
            sources_added: c.sources_added,
            sources_removed: c.sources_removed,
            ter: (c.targets_changed > 0).then_some(ter),
            chrf: (c.targets_changed > 0).then_some(chrf),
        };
        (ChangeColumns::new(c), row)
    });
    to_csv("changes.csv", out, scan.config.csv_safe, rows)
}

/// `segment_changes.csv`: one row per segment edit of a document in two
/// consecutive releases ([`crate::edits`]), in changes.csv's (locale, from
/// release, path) order, then document order. Added and removed documents
/// are not listed segment by segment.
pub fn segment_changes(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        kind: &'static str,
        /// 1-based positions of the segment in the old and new versions, and the lines of their spans.
        old_position: Option<usize>,
        new_position: Option<usize>,
        old_line: Option<usize>,
        new_line: Option<usize>,
        old_source: &'a str,
        new_source: &'a str,
        old_target: &'a str,
        new_target: &'a str,
        old_origin: &'a str,
        new_origin: &'a str,
        source_similarity: Option<f64>,
    }
    let docs = &scan.corpus.documents;
    let segment = |d: Option<usize>, s: Option<usize>| Some(&docs[d?].segments[s?]);
    let rows = scan.changes.iter().flat_map(|c| {
        c.edits.iter().map(move |e| {
            let (old, new) = (segment(c.old_document, e.old), segment(c.new_document, e.new));
            let row = Row {
                kind: e.kind.label(),
                old_position: e.old.map(|i| i + 1),
                new_position: e.new.map(|j| j + 1),
                old_line: old.map(|s| s.line),
                new_line: new.map(|s| s.line),
                old_source: old.map_or("", |s| &s.source.raw),
                new_source: new.map_or("", |s| &s.source.raw),
                old_target: old.map_or("", |s| &s.target.raw),
                new_target: new.map_or("", |s| &s.target.raw),
                old_origin: old.map_or("", |s| s.origin.label()),
                new_origin: new.map_or("", |s| s.origin.label()),
                source_similarity: e.similarity,
            };
            (ChangeColumns::new(c), row)
        })
    });
    to_csv("segment_changes.csv", out, scan.config.csv_safe, rows)
}

/// `releases.csv`: per locale, release and origin (then `all`): documents,
/// segments, the quality score, the share of targets changed since the previous
/// release, the relabel-only and relabelled documents and the release's
/// transition (first, unchanged, relabel-only, revised, relabelled-and-revised); on the `all` row the corpus TER and
/// chrF of MT against HT over the pairs present in that release.
pub fn releases(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        locale: &'a str,
        release: &'a str,
        origin: &'a str,
        documents: usize,
        segments: usize,
        quality_score: Option<f64>,
        penalty_per_1000_words: Option<f64>,
        aligned_with_previous: usize,
        targets_changed: usize,
        share_changed: Option<f64>,
        relabel_only_documents: usize,
        relabelled_documents: usize,
        transition: &'static str,
        pairs: usize,
        ter: Option<f64>,
        chrf: Option<f64>,
    }
    let config = &scan.config.quality;
    let rows = scan.releases.iter().map(|r| {
        let corpus = r.ter.as_ref().zip(r.chrf.as_ref()).map(|(t, c)| crate::releases::scores(t, c));
        Row {
            locale: r.locale.as_str(),
            release: &r.release,
            origin: r.origin.map_or("all", |o| o.label()),
            documents: r.documents,
            segments: r.segments,
            quality_score: r.tally.score(config),
            penalty_per_1000_words: r.tally.per_thousand_words(config),
            aligned_with_previous: r.aligned,
            targets_changed: r.targets_changed,
            share_changed: (r.aligned > 0).then(|| r.targets_changed as f64 / r.aligned as f64),
            relabel_only_documents: r.relabel_only,
            relabelled_documents: r.relabelled,
            transition: r.transition().label(),
            pairs: r.pairs,
            ter: corpus.map(|c| c.0),
            chrf: corpus.map(|c| c.1),
        }
    });
    // Materialised: rows borrow from the computed list.
    let rows: Vec<Row> = rows.collect();
    to_csv("releases.csv", out, scan.config.csv_safe, rows)
}

/// `lqa compare --out`: one row per locale and metric.
pub fn comparison(rows: &[crate::compare::Comparison], out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        locale: &'a str,
        metric: &'a str,
        sources: usize,
        old: f64,
        new: f64,
        change: f64,
        low_95: f64,
        high_95: f64,
        regression: bool,
    }
    to_csv(
        "compare.csv",
        out,
        false,
        rows.iter().map(|r| Row {
            locale: &r.locale,
            metric: r.metric,
            sources: r.sources,
            old: r.old,
            new: r.new,
            change: r.delta,
            low_95: r.low,
            high_95: r.high,
            regression: r.regression,
        }),
    )
}

/// A mined glossary (`lqa terms mine`), in the CSV layout `--glossary` reads.
pub fn mined_glossary(rows: &[crate::terms::Mined], out: &mut dyn Write) -> Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    let err = |source| Error::Csv { path: "glossary.csv".into(), source };
    if rows.is_empty() {
        writer
            .write_record([
                "locale",
                "source",
                "approved",
                "forbidden",
                "case_sensitive",
                "note",
                "ht_count",
                "ht_total",
                "agreement",
                "mt_renderings",
            ])
            .map_err(err)?;
    }
    for row in rows {
        writer.serialize(row).map_err(err)?;
    }
    writer.flush().map_err(|e| err(e.into()))
}

/// `skipped.csv`: every file or path that was not read, with the line and reason.
pub fn skipped(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    to_csv("skipped.csv", out, scan.config.csv_safe, scan.corpus.skipped.iter().cloned())
}

/// `warnings.csv`: damage in files that were read, and how it was recovered.
pub fn warnings(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    #[derive(Default, Serialize)]
    struct Row<'a> {
        path: &'a str,
        line: usize,
        message: &'a str,
    }
    let rows =
        scan.corpus.documents.iter().flat_map(|doc| {
            doc.warnings.iter().map(move |(line, message)| Row { path: &doc.path, line: *line, message })
        });
    to_csv("warnings.csv", out, scan.config.csv_safe, rows)
}

/// Serialises rows with a header row into `out`; with no rows at all, still the
/// header (taken from `R::default()`), so an empty report says what it would hold.
/// With `safe` (`--csv-safe`), formula-like text cells are defused ([`crate::report::record::write_cells`]).
fn to_csv<R: Serialize + Default>(
    name: &str,
    out: &mut dyn Write,
    safe: bool,
    rows: impl IntoIterator<Item = R>,
) -> Result<()> {
    let err = |e: std::io::Error| Error::Csv { path: name.into(), source: e.into() };
    write_header::<R>(name, out)?;
    let mut bytes = Vec::with_capacity(1 << 16);
    for row in rows {
        crate::report::record::write_cells(&row, &mut bytes, safe).map_err(|e| unwritable(name, e))?;
        if bytes.len() >= 1 << 16 {
            out.write_all(&bytes).map_err(err)?;
            bytes.clear();
        }
    }
    out.write_all(&bytes).map_err(err)
}

fn unwritable(name: &str, e: crate::report::record::Unsupported) -> Error {
    Error::Input { path: name.into(), line: 0, message: e.to_string() }
}

/// Writes the header row of `R` alone (from a default row rendered in memory).
fn write_header<R: Serialize + Default>(name: &str, out: &mut dyn Write) -> Result<()> {
    let err = |source| Error::Csv { path: name.into(), source };
    let mut header = ::csv::Writer::from_writer(Vec::new());
    header.serialize(R::default()).map_err(err)?;
    let bytes = header.into_inner().map_err(|e| err(e.into_error().into()))?;
    let end = bytes.iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| i + 1);
    out.write_all(&bytes[..end]).map_err(|e| err(e.into()))
}

/// Items formatted per parallel task, and tasks per window.
const CHUNK: usize = 64;
const WINDOW_CHUNKS: usize = 64;

/// [`to_csv`] for large reports: `fill` pushes the rows of a range of `count`
/// items (documents, findings); chunks of ranges are formatted in parallel into
/// byte buffers and written in order, one window at a time, so the output is
/// the same as a serial write and memory stays bounded by the window.
fn to_csv_parallel<'a, R, F>(name: &str, out: &mut dyn Write, safe: bool, count: usize, fill: F) -> Result<()>
where
    R: Serialize + Default + 'a,
    F: Fn(std::ops::Range<usize>, &mut Vec<R>) + Sync,
{
    use rayon::prelude::*;
    let err = |source| Error::Csv { path: name.into(), source };
    write_header::<R>(name, out)?;
    let format = |start: usize| -> Result<Vec<u8>> {
        let mut rows = Vec::new();
        fill(start..(start + CHUNK).min(count), &mut rows);
        let mut bytes = Vec::with_capacity(rows.len() * 160);
        for row in &rows {
            crate::report::record::write_cells(row, &mut bytes, safe).map_err(|e| unwritable(name, e))?;
        }
        Ok(bytes)
    };
    let format_window = |window: usize| -> Vec<Result<Vec<u8>>> {
        let end = (window + CHUNK * WINDOW_CHUNKS).min(count);
        (window..end).step_by(CHUNK).collect::<Vec<_>>().into_par_iter().map(format).collect()
    };
    // Pipelined: the pool formats the next window while this thread writes the last one.
    let mut pending: Vec<Result<Vec<u8>>> = Vec::new();
    for window in (0..count).step_by(CHUNK * WINDOW_CHUNKS) {
        let mut next = Vec::new();
        let written = rayon::in_place_scope(|scope| {
            scope.spawn(|_| next = format_window(window));
            pending.drain(..).try_for_each(|chunk| out.write_all(&chunk?).map_err(|e| err(e.into())))
        });
        written?;
        pending = next;
    }
    for chunk in pending {
        out.write_all(&chunk?).map_err(|e| err(e.into()))?;
    }
    Ok(())
}
