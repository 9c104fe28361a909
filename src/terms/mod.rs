//! Terminology: how each locale renders the UI labels of the English source,
//! split by origin (HT, MT), and how the targets follow a glossary.
//!
//! - **UI labels** are the bold runs of a source (`Select **Account**`), matched
//!   by order to the bold runs of the target when both have the same number (in
//!   Chinese, where the house style quotes labels instead, “quotations” are
//!   used the same way). Every label rendered more than one way is listed with
//!   how often HT and MT use each rendering, and the renderings are grouped by
//!   stem ([`stem`]): two renderings of one lexeme in different cases
//!   («Клиенты», «клиентов») are an *inflection* difference, different words
//!   («Применяется к», «Относится к») a *lexical* one, which ranks higher.
//! - A segment whose label rendering is lexically different from the locale's
//!   dominant rendering (HT's if HT renders the label, else the most frequent)
//!   gets a `term-inconsistent` finding.
//! - With glossaries ([`glossary`]), a source term whose target has none of the
//!   approved renderings is `glossary-missing`; a forbidden rendering is
//!   `glossary-forbidden`.
//!
//! Runs over the scan's distinct segments ([`crate::distinct`]), so a history
//! of repeated segments costs little. Reads no files; writes no reports.

pub mod align;
pub mod forms;
pub mod glossary;
pub mod stem;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::checks::{Finding, GLOSSARY_FORBIDDEN, GLOSSARY_MISSING, TERM_INCONSISTENT};
use crate::distinct::{DistinctSegment, SegmentIndex};
use crate::model::{Document, Locale, Origin};
use crate::LocatedFinding;

use glossary::Entry;
use stem::Rule;

/// Labels seen fewer times than this in a locale never give findings (too little to call a norm).
pub const MIN_LABEL_COUNT: usize = 3;

/// How the renderings of a label differ, most important first (see [`forms`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Divergence {
    /// Different words: the important kind, the only one with findings.
    Lexical,
    /// Different words, but seen twice at most and by MT alone: nothing
    /// corroborates either rendering (on ../shared/corpus 10 of 14 such labels
    /// judged were MT's displaced bold runs, not terms).
    Unconfirmed,
    /// The English label kept in some places, translated in others.
    Untranslated,
    /// One word family in another part of speech («Обновить» / «обновление»).
    Derivation,
    /// One lexeme in different forms («Клиенты» / «клиентов»).
    Inflection,
    /// Case, spacing, punctuation, quotes, word order, particles or neighbouring
    /// words only: collapsed into one rendering whose `variants` list them.
    Form,
    /// One rendering only.
    Consistent,
}

impl Divergence {
    pub fn label(self) -> &'static str {
        match self {
            Divergence::Lexical => "lexical",
            Divergence::Unconfirmed => "unconfirmed",
            Divergence::Untranslated => "untranslated",
            Divergence::Derivation => "derivation",
            Divergence::Inflection => "inflection",
            Divergence::Form => "form",
            Divergence::Consistent => "consistent",
        }
    }
}

/// One rendering of a label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelRendering {
    /// The most frequent written form.
    pub text: String,
    /// The other written forms collapsed into this one (same form: case, spacing, particles...).
    pub variants: Vec<String>,
    /// How it differs from the dominant rendering (`Consistent` for the dominant one).
    pub difference: Divergence,
    /// 1-based stem group within the label; group 1 is the dominant one.
    pub group: usize,
    pub ht_count: usize,
    pub mt_count: usize,
    pub unknown_count: usize,
    /// Document of the first segment with this rendering.
    pub example: usize,
}

impl LabelRendering {
    fn total(&self) -> usize {
        self.ht_count + self.mt_count + self.unknown_count
    }
}

/// A UI label of one locale and every way it is rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub locale: Locale,
    pub source: String,
    pub divergence: Divergence,
    /// Renderings, dominant group first, then by count (descending) and text.
    pub renderings: Vec<LabelRendering>,
    /// Whether HT's and MT's most frequent renderings differ in words.
    pub ht_mt_differ: bool,
}

impl Label {
    /// Segments carrying the label.
    pub fn total(&self) -> usize {
        self.renderings.iter().map(LabelRendering::total).sum()
    }

    /// Whether the dominant group is a norm worth holding others to: it holds at
    /// least half of the label's HT occurrences, or, without HT, half of all.
    pub fn has_norm(&self) -> bool {
        let ht: usize = self.renderings.iter().map(|r| r.ht_count).sum();
        let (dominant, all) = if ht > 0 {
            (self.renderings.iter().filter(|r| r.group == 1).map(|r| r.ht_count).sum::<usize>(), ht)
        } else {
            (self.renderings.iter().filter(|r| r.group == 1).map(LabelRendering::total).sum(), self.total())
        };
        2 * dominant >= all
    }

    /// Segments a fix would touch: those outside the dominant rendering's stem group.
    pub fn to_fix(&self) -> usize {
        self.renderings.iter().filter(|r| r.group != 1).map(LabelRendering::total).sum()
    }

    /// Share of the label's occurrences not in the dominant stem group, 0–1.
    pub fn non_dominant_share(&self) -> f64 {
        let other: usize = self.renderings.iter().filter(|r| r.group != 1).map(LabelRendering::total).sum();
        other as f64 / self.total().max(1) as f64
    }
}

/// The terminology results of a scan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TermReport {
    /// Every label, in locale and source order.
    pub labels: Vec<Label>,
    /// The glossary entries checked.
    pub glossary: Vec<Entry>,
}

/// A proposed glossary entry: a label's dominant HT rendering.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Mined {
    pub locale: String,
    pub source: String,
    pub approved: String,
    pub forbidden: String,
    pub case_sensitive: bool,
    /// `label`: the entry is checked where the term is a whole UI label.
    pub context: &'static str,
    pub note: String,
    /// HT segments with the approved rendering, all HT segments with the label, and their ratio.
    pub ht_count: usize,
    pub ht_total: usize,
    pub agreement: f64,
    /// The label's MT renderings with their counts, most frequent first.
    pub mt_renderings: String,
}

/// Proposes a glossary from the labels HT renders, seen at least `min_count`
/// times in all (HT and MT): the approved term is the most frequent HT
/// rendering; the note says how much HT agrees and how MT renders the label.
/// Rows are in locale and source order, in the layout [`glossary::read_csv`] reads.
pub fn mine(report: &TermReport, min_count: usize) -> Vec<Mined> {
    let mut out = Vec::new();
    for label in &report.labels {
        let ht_total: usize = label.renderings.iter().map(|r| r.ht_count).sum();
        if ht_total == 0 || label.total() < min_count {
            continue;
        }
        let Some(best) =
            label.renderings.iter().max_by(|a, b| a.ht_count.cmp(&b.ht_count).then_with(|| b.text.cmp(&a.text)))
        else {
            continue;
        };
        let mut mt: Vec<&LabelRendering> = label.renderings.iter().filter(|r| r.mt_count > 0).collect();
        mt.sort_by(|a, b| b.mt_count.cmp(&a.mt_count).then_with(|| a.text.cmp(&b.text)));
        let agreement = best.ht_count as f64 / ht_total as f64;
        out.push(Mined {
            locale: label.locale.to_string(),
            source: label.source.clone(),
            approved: best.text.clone(),
            forbidden: String::new(),
            case_sensitive: false,
            context: "label",
            note: format!("mined: HT {} of {} ({:.0}%)", best.ht_count, ht_total, 100.0 * agreement),
            ht_count: best.ht_count,
            ht_total,
            agreement,
            mt_renderings: mt.iter().map(|r| format!("{} ({})", r.text, r.mt_count)).collect::<Vec<_>>().join(" | "),
        });
    }
    out
}

#[derive(Clone, Copy, Default)]
struct Counts {
    ht: usize,
    mt: usize,
    unknown: usize,
    example: usize,
}

impl Counts {
    fn total(&self) -> usize {
        self.ht + self.mt + self.unknown
    }

    fn add(&mut self, other: &Counts) {
        self.ht += other.ht;
        self.mt += other.mt;
        self.unknown += other.unknown;
        self.example = self.example.min(other.example);
    }
}

/// The (source label, target rendering) pairs of one segment.
pub type LabelPairs = Vec<(String, String)>;

/// The (source label, target rendering) pairs of every distinct entry, aligned by
/// the evidence of each locale's segments ([`align`]).
pub fn label_pairs<'a>(index: &SegmentIndex<'a>) -> (Vec<LabelPairs>, BTreeMap<&'a Locale, align::Lexicon>) {
    let runs: Vec<align::Runs> = index.distinct.par_iter().map(|e| align::runs(e.locale, e.source, e.target)).collect();
    let mut evidence: BTreeMap<&Locale, align::Evidence> = BTreeMap::new();
    let mut rules: BTreeMap<&Locale, Rule> = BTreeMap::new();
    // Each segment's order pairs (in parallel), then counted in segment order.
    let seen: Vec<Vec<align::Seen>> =
        index.distinct.par_iter().zip(&runs).map(|(_, r)| align::Evidence::seen(r)).collect();
    for (entry, seen) in index.distinct.iter().zip(seen) {
        rules.entry(entry.locale).or_insert_with(|| Rule::for_locale(entry.locale));
        if !seen.is_empty() {
            evidence.entry(entry.locale).or_default().add(seen);
        }
    }
    evidence.values_mut().for_each(align::Evidence::finish);
    // Per locale, the association of the tokens of every target run with the English words.
    let lexicons: BTreeMap<&Locale, align::Lexicon> = rules
        .par_iter()
        .map(|(&locale, rule)| {
            let language = locale.language();
            // The segments with bold labels: where UI words stand (and a fifth of the cost of all).
            let here: Vec<&DistinctSegment> = index
                .distinct
                .iter()
                .zip(&runs)
                .filter(|(e, r)| !r.source.is_empty() && e.locale == locale)
                .map(|(e, _)| e)
                .collect();
            // Each distinct run tokenised once (the same labels recur across documents).
            let run_texts: HashSet<&str, rustc_hash::FxBuildHasher> = index
                .distinct
                .iter()
                .zip(&runs)
                .filter(|(e, r)| !r.target.is_empty() && e.locale == locale)
                .flat_map(|(_, r)| r.target.iter().map(String::as_str))
                .collect();
            let wanted: HashSet<String, rustc_hash::FxBuildHasher> =
                run_texts.into_iter().flat_map(|t| align::target_tokens(language, rule, t)).collect();
            let segments = here.iter().map(|e| (e.source.normalized(), e.target.normalized()));
            (locale, align::Lexicon::build(segments, language, rule, &wanted))
        })
        .collect();
    let pairs = index
        .distinct
        .par_iter()
        .zip(&runs)
        .map(|(entry, runs)| {
            if runs.source.is_empty() {
                return Vec::new();
            }
            let (Some(rule), Some(evidence), Some(lexicon)) =
                (rules.get(entry.locale), evidence.get(entry.locale), lexicons.get(entry.locale))
            else {
                return Vec::new();
            };
            let texts = (entry.source.normalized(), entry.target.normalized());
            align::pairs(entry.locale.language(), rule, runs, texts, evidence, lexicon)
        })
        .collect();
    (pairs, lexicons)
}

/// Builds the terminology report and its findings (in document and segment order).
pub fn analyse(
    documents: &[Document],
    index: &SegmentIndex,
    glossary: Vec<Entry>,
) -> (TermReport, Vec<LocatedFinding>) {
    // Labels of every distinct entry, then counted per (locale, source label, rendering).
    let (labels_of, lexicons) = label_pairs(index);
    let mut counts: BTreeMap<(&Locale, &str), BTreeMap<&str, Counts>> = BTreeMap::new();
    for (entry, labels) in index.distinct.iter().zip(&labels_of) {
        for (source, target) in labels {
            let rendering = counts
                .entry((entry.locale, source))
                .or_default()
                .entry(target)
                .or_insert_with(|| Counts { example: entry.first.0, ..Counts::default() });
            rendering.example = rendering.example.min(entry.first.0);
            match entry.origin {
                Origin::Human => rendering.ht += entry.count,
                Origin::Machine => rendering.mt += entry.count,
                Origin::Unknown => rendering.unknown += entry.count,
            }
        }
    }
    let rules: HashMap<&Locale, Rule> =
        counts.keys().map(|(locale, _)| *locale).map(|l| (l, Rule::for_locale(l))).collect();
    let counts: Vec<_> = counts.into_iter().collect();
    let labels: Vec<Label> = counts
        .into_par_iter()
        .map(|((locale, source), renderings)| {
            let rule = &rules[locale];
            let empty = align::Lexicon::default();
            let lexicon = lexicons.get(locale).unwrap_or(&empty);
            let part_of_label = |text: &str| lexicon.part_of_label(locale.language(), rule, source, text);
            label(locale, source, renderings, rule, &part_of_label)
        })
        .collect();
    // Findings per distinct entry, then per segment.
    let by_label: HashMap<(&Locale, &str), &Label> =
        labels.iter().map(|l| ((&l.locale, l.source.as_str()), l)).collect();
    let found: Vec<Vec<Finding>> = index
        .distinct
        .par_iter()
        .zip(&labels_of)
        .map(|(entry, pairs)| {
            let mut out = Vec::new();
            glossary_findings(entry, pairs, &glossary, &mut out);
            for (source, target) in pairs {
                // A glossary entry for the label is the authority; no inconsistency finding besides.
                let covered =
                    glossary.iter().any(|g| g.label_only && g.scope.covers(entry.locale) && same_term(g, source));
                if covered {
                    continue;
                }
                if let Some(finding) =
                    by_label.get(&(entry.locale, source.as_str())).and_then(|l| inconsistency(l, target))
                {
                    out.push(finding);
                }
            }
            out
        })
        .collect();
    let mut findings = Vec::new();
    for (d, keys) in index.keys.iter().enumerate() {
        for (s, &k) in keys.iter().enumerate() {
            findings.extend(found[k as usize].iter().map(|f| (d, s, f.clone())));
        }
    }
    let _ = documents;
    (TermReport { labels, glossary }, findings)
}

/// Whether rendering `text` collapses into the class of `rep`: the same form, or
/// `rep` with neighbouring words that do not translate the label («Konto aus»).
/// A run that holds `rep` and more words of the label shows `rep` was partial:
/// kept apart, so two complete renderings are still compared with each other.
fn merges(language: &str, rep: &str, text: &str, part_of_label: &dyn Fn(&str) -> bool) -> bool {
    if forms::same_form(language, rep, text) {
        return true;
    }
    match forms::extra(language, rep, text) {
        Some(more) => {
            let longer = forms::form_words(language, text).concat().chars().count()
                > forms::form_words(language, rep).concat().chars().count();
            !longer || !part_of_label(&more)
        }
        None => false,
    }
}

/// One label's renderings collapsed by form ([`forms::same_form`], one holding
/// the other), compared with the dominant one (most HT, else most in all) and
/// grouped by stems: group 1 is the dominant rendering and its inflections.
fn label(
    locale: &Locale,
    source: &str,
    renderings: BTreeMap<&str, Counts>,
    rule: &Rule,
    part_of_label: &dyn Fn(&str) -> bool,
) -> Label {
    let language = locale.language();
    let mut items: Vec<(&str, Counts)> = renderings.into_iter().collect();
    items.sort_by(|a, b| (b.1.total(), b.1.ht).cmp(&(a.1.total(), a.1.ht)).then_with(|| a.0.cmp(b.0)));
    let mut classes: Vec<(String, Vec<String>, Counts)> = Vec::new();
    for (text, c) in items {
        let same = classes.iter_mut().find(|(rep, _, _)| merges(language, rep, text, part_of_label));
        match same {
            Some((_, variants, counts)) => {
                variants.push(text.to_string());
                counts.add(&c);
            }
            None => classes.push((text.to_string(), Vec::new(), c)),
        }
    }
    // Dominant first (most HT, then most in all), then by count and text.
    classes.sort_by(|a, b| (b.2.ht, b.2.total()).cmp(&(a.2.ht, a.2.total())).then_with(|| a.0.cmp(&b.0)));
    if let Some(rest) = classes.get_mut(1..) {
        rest.sort_by(|a, b| b.2.total().cmp(&a.2.total()).then_with(|| a.0.cmp(&b.0)));
    }
    let dominant = classes.first().map(|c| c.0.clone()).unwrap_or_default();
    let stems = |t: &str| {
        let mut w = rule.words(t);
        w.sort();
        w.join(" ")
    };
    let mut group_of: Vec<String> = Vec::new();
    let mut list: Vec<LabelRendering> = Vec::new();
    for (i, (text, mut variants, c)) in classes.into_iter().enumerate() {
        let difference = if i == 0 {
            Divergence::Consistent
        } else {
            forms::difference(language, rule, source, (&dominant, &text), part_of_label)
        };
        let key = if difference >= Divergence::Inflection { stems(&dominant) } else { stems(&text) };
        let group = match group_of.iter().position(|k| *k == key) {
            Some(g) => g + 1,
            None => {
                group_of.push(key);
                group_of.len()
            }
        };
        variants.sort();
        list.push(LabelRendering {
            text,
            variants,
            difference,
            group,
            ht_count: c.ht,
            mt_count: c.mt,
            unknown_count: c.unknown,
            example: c.example,
        });
    }
    list.sort_by(|a, b| a.group.cmp(&b.group).then(b.total().cmp(&a.total())).then_with(|| a.text.cmp(&b.text)));
    // The label's divergence: the largest difference between any two renderings
    // (two complete renderings may differ in words while both hold a partial dominant one).
    // (Among the eight most frequent renderings: a pair of rarer ones is not worth the quadratic cost.)
    let mut largest = list.iter().map(|r| r.difference).min().unwrap_or(Divergence::Consistent);
    let mut frequent: Vec<&LabelRendering> = list.iter().collect();
    frequent.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.text.cmp(&b.text)));
    frequent.truncate(8);
    for (i, a) in frequent.iter().enumerate() {
        for b in &frequent[i + 1..] {
            largest = largest.min(forms::difference(language, rule, source, (&a.text, &b.text), part_of_label));
        }
    }
    let ht: usize = list.iter().map(|r| r.ht_count).sum();
    let total: usize = list.iter().map(LabelRendering::total).sum();
    let divergence = match largest {
        Divergence::Consistent if list.iter().any(|r| !r.variants.is_empty()) => Divergence::Form,
        Divergence::Lexical if ht == 0 && total <= 2 => Divergence::Unconfirmed,
        d => d,
    };
    let top = |f: fn(&LabelRendering) -> usize| {
        list.iter().filter(|r| f(r) > 0).max_by(|a, b| f(a).cmp(&f(b)).then_with(|| b.text.cmp(&a.text)))
    };
    let ht_mt_differ = match (top(|r| r.ht_count), top(|r| r.mt_count)) {
        (Some(h), Some(m)) => {
            h.text != m.text
                && forms::difference(language, rule, source, (&h.text, &m.text), part_of_label) == Divergence::Lexical
        }
        _ => false,
    };
    Label { locale: locale.clone(), source: source.to_string(), divergence, renderings: list, ht_mt_differ }
}

/// A `term-inconsistent` finding for a rendering in other words than the
/// label's dominant one, when the label has a norm: seen 3 times or more, the
/// dominant rendering holding half of HT's (or all) occurrences and seen twice.
fn inconsistency(label: &Label, rendering: &str) -> Option<Finding> {
    if label.divergence != Divergence::Lexical || label.total() < MIN_LABEL_COUNT || !label.has_norm() {
        return None;
    }
    let this = label.renderings.iter().find(|r| r.text == rendering || r.variants.iter().any(|v| v == rendering))?;
    if this.difference != Divergence::Lexical {
        return None;
    }
    let dominant = label.renderings.first()?;
    if dominant.total() < 2 {
        return None;
    }
    let dominant_total: usize = label.renderings.iter().filter(|r| r.group == 1).map(LabelRendering::total).sum();
    Some(TERM_INCONSISTENT.finding(format!(
        "label \"{}\" rendered «{}»; the locale renders it «{}» in {} of {} segments (HT {}, MT {})",
        label.source,
        rendering,
        dominant.text,
        dominant_total,
        label.total(),
        dominant.ht_count,
        dominant.mt_count
    )))
}

fn same_term(entry: &Entry, label: &str) -> bool {
    if entry.case_sensitive {
        entry.source == label
    } else {
        entry.source.to_lowercase() == label.to_lowercase()
    }
}

fn glossary_findings(entry: &DistinctSegment, labels: &[(String, String)], glossary: &[Entry], out: &mut Vec<Finding>) {
    let mut rule = None;
    for term in glossary.iter().filter(|t| t.scope.covers(entry.locale)) {
        // Where to look: the target's label for label entries, else the whole target.
        let target: &str = if term.label_only {
            match labels.iter().find(|(source, _)| same_term(term, source)) {
                Some((_, target)) => target,
                None => continue,
            }
        } else if stem::source_contains(entry.source.normalized(), &term.source, term.case_sensitive) {
            entry.target.normalized()
        } else {
            continue;
        };
        let rule = rule.get_or_insert_with(|| Rule::for_locale(entry.locale));
        if let Some(bad) = term.forbidden.iter().find(|f| rule.contains(target, f)) {
            out.push(GLOSSARY_FORBIDDEN.finding(format!(
                "\"{}\" is rendered with the forbidden «{bad}» (glossary {}:{})",
                term.source,
                term.file.display(),
                term.line
            )));
        } else if !term.approved.is_empty() && !term.approved.iter().any(|a| rule.contains(target, a)) {
            out.push(GLOSSARY_MISSING.finding(format!(
                "\"{}\" has none of the approved renderings «{}» (glossary {}:{})",
                term.source,
                term.approved.join("» | «"),
                term.file.display(),
                term.line
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;
    use crate::read::{parse_bytes_with, Source};
    use std::path::Path;

    fn doc(texts: &crate::intern::TextInterner, origin: &str, spans: &[(&str, &str)]) -> Document {
        let mut text = format!("---\nms.contentlocale: ru-ru\nms.translationtype: {origin}\n---\n");
        for (i, (target, source)) in spans.iter().enumerate() {
            text.push_str(&format!(
                "<span data-ttu-id=\"a-{i}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-{i}\">{source}</span></span>\n"
            ));
        }
        let source = Source { release: "r".into(), display: format!("{origin}.md"), relative: "x.md".into() };
        parse_bytes_with(Path::new("x.md"), text.as_bytes(), &source, texts).unwrap()
    }

    #[test]
    fn labels_are_split_by_origin_and_grouped_by_stem() {
        let texts = crate::intern::TextInterner::default();
        let docs = vec![
            doc(&texts, "HT", &[("**Применяется к**: всем", "**Applies to**: all"), ("**Клиенты**", "**Customers**")]),
            doc(&texts, "HT", &[("**Применяется к**: всем", "**Applies to**: all")]),
            doc(&texts, "MT", &[("**Относится к**: всем", "**Applies to**: all"), ("**клиентов**", "**Customers**")]),
        ];
        let index = crate::distinct::index(&docs);
        let (report, findings) = analyse(&docs, &index, Vec::new());
        let applies = report.labels.iter().find(|l| l.source == "Applies to").unwrap();
        assert_eq!(applies.divergence, Divergence::Lexical);
        let r: Vec<(&str, usize, usize, usize)> =
            applies.renderings.iter().map(|r| (r.text.as_str(), r.group, r.ht_count, r.mt_count)).collect();
        assert_eq!(r, [("Применяется к", 1, 2, 0), ("Относится к", 2, 0, 1)]);
        let customers = report.labels.iter().find(|l| l.source == "Customers").unwrap();
        assert_eq!(customers.divergence, Divergence::Inflection);
        // Only the lexical divergence, on the MT segment, is a finding.
        assert_eq!(findings.len(), 1);
        assert_eq!((findings[0].0, findings[0].1, findings[0].2.check), (2, 0, "term-inconsistent"));
        assert!(findings[0].2.message.contains("«Относится к»"), "{}", findings[0].2.message);
    }

    #[test]
    fn glossary_missing_and_forbidden() {
        let texts = crate::intern::TextInterner::default();
        // ../shared/seeds 002 (ru MT): "**Update customer details**" became
        // «Дополнительные сведения об обновлении клиента».
        let docs = vec![doc(
            &texts,
            "MT",
            &[
                ("Дополнительные сведения об обновлении клиента", "Update customer details"),
                ("Выберите **Изменить**.", "Select **Update**."),
                ("Выберите **Обновить**.", "Select **Update**."),
            ],
        )];
        let glossary = glossary::read_csv(
            "locale,source,approved,forbidden\nru,Update,Обновить,Изменить\nru,customer details,сведения о клиенте,\n",
            Path::new("g.csv"),
        )
        .unwrap();
        let index = crate::distinct::index(&docs);
        let (_, findings) = analyse(&docs, &index, glossary);
        let got: Vec<(usize, &str)> = findings.iter().map(|(_, s, f)| (*s, f.check)).collect();
        assert_eq!(got, [(0, "glossary-missing"), (0, "glossary-missing"), (1, "glossary-forbidden")]);
    }

    #[test]
    fn chinese_quotations_count_as_labels() {
        let locale = Locale::new("zh-CN");
        let runs = align::runs(
            &locale,
            &Text::new("From the **Dashboard** menu, select **Customers**.".into()),
            &Text::new("从“仪表板”菜单中，选择“客户”。".into()),
        );
        assert_eq!(runs.target, ["仪表板", "客户"]);
        assert_eq!(runs.by_order(), [(0, 0), (1, 1)]);
    }
}
