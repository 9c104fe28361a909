//! Quality across releases: what changed in each document between
//! consecutive releases, and the per-release figures.
//!
//! Versions of a document (same path below the release folder, same locale)
//! are aligned by source text and position — the k-th occurrence of a
//! normalised source in the old version with its k-th occurrence in the new —
//! never by span id, which is renumbered in every version. A document is then
//! - `unchanged`: same label, every segment aligned, no target changed;
//! - `relabel-only`: the HT/MT label changed, the text did not;
//! - `revised`: a target changed or a source was added or removed (with the
//!   TER and chrF of the new targets against the old over the aligned pairs);
//! - `added` or `removed`.
//!
//! A document in both releases that is not unchanged also lists its edits
//! segment by segment ([`crate::edits`]): source-changed, added, removed,
//! retranslated; its `sources_added` and `sources_removed` leave out the
//! sources paired as `source-changed`.
//!
//! Per release, locale and origin: documents, segments, the MQM score, the
//! share of aligned targets that changed since the previous release, and the
//! relabel-only documents; per release and locale the corpus TER/chrF of MT
//! against HT over the pairs present in that release (summed from the scan's
//! pair statistics, not re-scored). This module computes; reports write.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use rustc_hash::FxHashMap as FxMap;

use crate::metrics::chrf::Chrf;
use crate::metrics::ter::Ter;
use crate::metrics::{Metric, Stats};
use crate::model::{Document, Locale, Origin};

/// What happened to a document between two consecutive releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Unchanged,
    RelabelOnly,
    Revised,
    Added,
    Removed,
}

impl Status {
    /// The label used in reports: `unchanged`, `relabel-only`, `revised`, `added`, `removed`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::RelabelOnly => "relabel-only",
            Status::Revised => "revised",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// One document × locale × consecutive release pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub from: String,
    pub to: String,
    pub locale: Locale,
    /// The path below the release folder.
    pub path: String,
    pub status: Status,
    pub old_origin: Option<Origin>,
    pub new_origin: Option<Origin>,
    pub old_segments: usize,
    pub new_segments: usize,
    /// Segments aligned by source (k-th occurrence of each normalised source).
    pub aligned: usize,
    /// Positions of the two versions in the scan's documents (`None` on the missing side).
    pub old_document: Option<usize>,
    pub new_document: Option<usize>,
    /// Aligned segments whose normalised target changed.
    pub targets_changed: usize,
    /// Removed sources paired with an added one as one edited segment ([`crate::edits`]).
    pub sources_changed: usize,
    /// Sources added and removed, the paired ones not counted.
    pub sources_added: usize,
    pub sources_removed: usize,
    /// TER and chrF statistics of the new targets against the old, over the
    /// aligned segments whose target changed (how much the revision rewrote).
    pub ter: Stats,
    pub chrf: Stats,
    /// Segment by segment, in document order (none for unchanged, added and removed documents).
    pub edits: Vec<crate::edits::Edit>,
}

/// Aligns two versions (`old` and `new` are positions in the scan's
/// documents), classifies the change and lists its segment edits.
fn compare(from: &str, to: &str, documents: &[Document], old: usize, new: usize) -> Change {
    let (old_doc, new_doc) = (&documents[old], &documents[new]);
    let aligned = crate::edits::align(&old_doc.segments, &new_doc.segments);
    let mut changed = 0;
    // A unit's own label can flip too (XLIFF, TMX, PO); for Markdown it is the document's.
    let mut relabelled = old_doc.origin != new_doc.origin;
    let (mut ter, mut chrf) = (Stats(vec![0; 2]), Stats(vec![0; Chrf::plain().stats_len()]));
    for &(i, j) in &aligned {
        let (o, n) = (&old_doc.segments[i], &new_doc.segments[j]);
        relabelled |= o.origin != n.origin;
        let (old_target, new_target) = (o.target.normalized(), n.target.normalized());
        if old_target != new_target {
            changed += 1;
            ter += &crate::score::ter_for(&new_doc.locale).stats(new_target, old_target);
            chrf += &Chrf::plain().stats(new_target, old_target);
        }
    }
    let complete = aligned.len() == old_doc.segments.len() && aligned.len() == new_doc.segments.len();
    let status = match (changed == 0, relabelled, complete) {
        (true, false, true) => Status::Unchanged,
        // The label flipped and no existing translation changed: new or dropped
        // content does not make the old text a re-translation.
        (true, true, _) => Status::RelabelOnly,
        _ => Status::Revised,
    };
    let edits = if status == Status::Unchanged {
        Vec::new()
    } else {
        crate::edits::edits(&old_doc.segments, &new_doc.segments, &aligned)
    };
    let [sources_changed, sources_added, sources_removed, _] = crate::edits::counts(&edits);
    Change {
        from: from.to_string(),
        to: to.to_string(),
        locale: new_doc.locale.clone(),
        path: new_doc.relative_path.clone(),
        status,
        old_origin: Some(old_doc.origin),
        new_origin: Some(new_doc.origin),
        old_document: Some(old),
        new_document: Some(new),
        old_segments: old_doc.segments.len(),
        new_segments: new_doc.segments.len(),
        aligned: aligned.len(),
        targets_changed: changed,
        sources_changed,
        sources_added,
        sources_removed,
        ter,
        chrf,
        edits,
    }
}

/// An added (`new`) or removed document: its segments are counted, not listed as edits.
fn one_sided(from: &str, to: &str, documents: &[Document], d: usize, added: bool) -> Change {
    let doc = &documents[d];
    Change {
        from: from.to_string(),
        to: to.to_string(),
        locale: doc.locale.clone(),
        path: doc.relative_path.clone(),
        status: if added { Status::Added } else { Status::Removed },
        old_origin: (!added).then_some(doc.origin),
        new_origin: added.then_some(doc.origin),
        old_document: (!added).then_some(d),
        new_document: added.then_some(d),
        old_segments: if added { 0 } else { doc.segments.len() },
        new_segments: if added { doc.segments.len() } else { 0 },
        aligned: 0,
        targets_changed: 0,
        sources_changed: 0,
        sources_added: if added { doc.segments.len() } else { 0 },
        sources_removed: if added { 0 } else { doc.segments.len() },
        ter: Stats(vec![0; 2]),
        chrf: Stats(vec![0; Chrf::plain().stats_len()]),
        edits: Vec::new(),
    }
}

/// The changes between every pair of consecutive releases, in (locale, from
/// release, path) order. Empty with fewer than two releases.
pub fn changes(documents: &[Document], releases: &[String]) -> Vec<Change> {
    // release → (locale, path) → document position; a path read twice in one release keeps the first.
    let mut index: FxMap<&str, BTreeMap<(&Locale, &str), usize>> = FxMap::default();
    for (d, doc) in documents.iter().enumerate() {
        index.entry(doc.release.as_str()).or_default().entry((&doc.locale, doc.relative_path.as_str())).or_insert(d);
    }
    let empty = BTreeMap::new();
    let pairs: Vec<(&String, &String)> = releases.iter().zip(releases.iter().skip(1)).collect();
    let changes = pairs
        .par_iter()
        .flat_map_iter(|(from, to)| {
            let old = index.get(from.as_str()).unwrap_or(&empty);
            let new = index.get(to.as_str()).unwrap_or(&empty);
            let mut keys: Vec<(&Locale, &str)> = old.keys().chain(new.keys()).copied().collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .map(|key| match (old.get(&key), new.get(&key)) {
                    (Some(&o), Some(&n)) => compare(from, to, documents, o, n),
                    (None, Some(&n)) => one_sided(from, to, documents, n, true),
                    (Some(&o), _) => one_sided(from, to, documents, o, false),
                    (None, None) => unreachable!("a key comes from one of the two maps"),
                })
                .collect::<Vec<_>>()
        })
        .collect::<Vec<Change>>();
    // Locale first (shards split by locale), then release order (stable: paths stay sorted).
    let order: HashMap<&str, usize> = releases.iter().enumerate().map(|(i, r)| (r.as_str(), i)).collect();
    let mut changes = changes;
    changes.sort_by_cached_key(|c| (c.locale.clone(), order.get(c.from.as_str()).copied().unwrap_or(usize::MAX)));
    changes
}

/// Figures of one release, locale and origin (origin `None`: all origins).
#[derive(Clone, Debug, PartialEq)]
pub struct ReleaseRow {
    pub release: String,
    pub locale: Locale,
    pub origin: Option<Origin>,
    pub documents: usize,
    pub segments: usize,
    pub tally: crate::quality::Tally,
    /// Since the previous release: aligned targets and how many changed; relabel-only documents.
    pub aligned: usize,
    pub targets_changed: usize,
    pub relabel_only: usize,
    /// Documents whose HT/MT label changed since the previous release (relabel-only or revised).
    pub relabelled: usize,
    /// Whether this is the locale's first release (nothing to compare with).
    pub first: bool,
    /// On the all-origins row: MT against HT over the pairs present in this release.
    pub pairs: usize,
    pub ter: Option<Stats>,
    pub chrf: Option<Stats>,
}

/// A release that relabelled most documents and changed at most this share of the aligned targets is "relabel-only".
pub const RELABEL_ONLY_MAX_SHARE: f64 = 0.10;

/// What a release did to a locale, compared with the previous release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Transition {
    /// The locale's first release.
    First,
    /// No label changed and no aligned target changed.
    Unchanged,
    /// Labels changed and no aligned target did; or most documents were
    /// relabelled while at most [`RELABEL_ONLY_MAX_SHARE`] of the aligned
    /// targets changed: the HT/MT label is metadata, not a new translation.
    RelabelOnly,
    /// Targets changed; at most half of the documents were relabelled.
    Revised,
    /// Most documents were relabelled and more than [`RELABEL_ONLY_MAX_SHARE`] of the aligned targets changed.
    RelabelledAndRevised,
}

impl Transition {
    /// The verdict for `relabelled` of `documents` and `changed` of `aligned` targets.
    pub fn of(first: bool, documents: usize, relabelled: usize, aligned: usize, changed: usize) -> Transition {
        let share = if aligned == 0 { 0.0 } else { changed as f64 / aligned as f64 };
        let mostly_relabelled = relabelled * 2 > documents;
        match (first, changed > 0) {
            (true, _) => Transition::First,
            (false, false) if relabelled == 0 => Transition::Unchanged,
            (false, false) => Transition::RelabelOnly,
            (false, true) if !mostly_relabelled => Transition::Revised,
            (false, true) if share <= RELABEL_ONLY_MAX_SHARE => Transition::RelabelOnly,
            (false, true) => Transition::RelabelledAndRevised,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Transition::First => "first",
            Transition::Unchanged => "unchanged",
            Transition::RelabelOnly => "relabel-only",
            Transition::Revised => "revised",
            Transition::RelabelledAndRevised => "relabelled-and-revised",
        }
    }
}

impl ReleaseRow {
    /// What this release did compared with the previous one.
    pub fn transition(&self) -> Transition {
        Transition::of(self.first, self.documents, self.relabelled, self.aligned, self.targets_changed)
    }
}

/// One consecutive release pair over all locales (the `all` rows summed).
#[derive(Clone, Debug, PartialEq)]
pub struct ReleaseStep {
    pub from: String,
    pub to: String,
    pub locales: usize,
    pub documents: usize,
    pub relabelled: usize,
    pub relabel_only: usize,
    pub aligned: usize,
    pub targets_changed: usize,
}

impl ReleaseStep {
    /// Percentage of the aligned targets that changed (0 with none aligned).
    pub fn percent_changed(&self) -> f64 {
        if self.aligned == 0 {
            0.0
        } else {
            100.0 * self.targets_changed as f64 / self.aligned as f64
        }
    }

    pub fn transition(&self) -> Transition {
        Transition::of(false, self.documents, self.relabelled, self.aligned, self.targets_changed)
    }
}

/// A locale's all-origins figures in one release: what [`steps`], the
/// trend chart and the Releases table of index.html use.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReleasePoint {
    pub release: String,
    pub first: bool,
    pub score: Option<f64>,
    pub documents: usize,
    pub relabelled: usize,
    pub relabel_only: usize,
    pub aligned: usize,
    pub targets_changed: usize,
}

impl ReleasePoint {
    pub fn transition(&self) -> Transition {
        Transition::of(self.first, self.documents, self.relabelled, self.aligned, self.targets_changed)
    }
}

impl ReleaseRow {
    /// This row's figures (meant for the all-origins row).
    pub fn point(&self, config: &crate::quality::QualityConfig) -> ReleasePoint {
        ReleasePoint {
            release: self.release.clone(),
            first: self.first,
            score: self.tally.score(config),
            documents: self.documents,
            relabelled: self.relabelled,
            relabel_only: self.relabel_only,
            aligned: self.aligned,
            targets_changed: self.targets_changed,
        }
    }
}

/// Every consecutive release pair, summed over the locales' all-origins rows, in release order.
pub fn steps<'a>(releases: &[String], points: impl Iterator<Item = &'a ReleasePoint> + Clone) -> Vec<ReleaseStep> {
    releases
        .windows(2)
        .map(|w| {
            let mut step = ReleaseStep {
                from: w[0].clone(),
                to: w[1].clone(),
                locales: 0,
                documents: 0,
                relabelled: 0,
                relabel_only: 0,
                aligned: 0,
                targets_changed: 0,
            };
            for r in points.clone().filter(|r| r.release == w[1] && !r.first) {
                step.locales += 1;
                step.documents += r.documents;
                step.relabelled += r.relabelled;
                step.relabel_only += r.relabel_only;
                step.aligned += r.aligned;
                step.targets_changed += r.targets_changed;
            }
            step
        })
        .collect()
}

/// One row per locale × release × origin, then an all-origins row with the
/// release's MT-vs-HT corpus statistics; in locale, then release order.
pub fn release_rows(
    corpus: &crate::Corpus,
    quality: &crate::quality::QualityReport,
    groups: &[crate::pairs::SourceGroup],
    pairs: &[crate::score::Pair],
    changes: &[Change],
    distinct: &Renderings,
) -> Vec<ReleaseRow> {
    let docs = &corpus.documents;
    let order: HashMap<&str, usize> = corpus.releases.iter().enumerate().map(|(i, r)| (r.as_str(), i)).collect();
    // Locale first (shards split by locale), then release order, origins before the all row.
    let mut rows: BTreeMap<(&Locale, usize, u8), ReleaseRow> = BTreeMap::new();
    let rank = |o: Option<Origin>| o.map_or(u8::MAX, |o| o as u8);
    let row = |release: &str, locale: &Locale, origin: Option<Origin>| -> (usize, ReleaseRow) {
        let fresh = ReleaseRow {
            release: release.to_string(),
            locale: locale.clone(),
            origin,
            documents: 0,
            segments: 0,
            tally: crate::quality::Tally::default(),
            aligned: 0,
            targets_changed: 0,
            relabel_only: 0,
            relabelled: 0,
            first: false,
            pairs: 0,
            ter: None,
            chrf: None,
        };
        (order.get(release).copied().unwrap_or(usize::MAX), fresh)
    };
    for doc in docs {
        let origins = doc.origins();
        for origin in origins.iter().map(|o| Some(*o)).chain([None]) {
            let (i, fresh) = row(&doc.release, &doc.locale, origin);
            let r = rows.entry((&doc.locale, i, rank(origin))).or_insert(fresh);
            r.documents += 1;
            r.segments += match origin {
                Some(o) if origins.len() > 1 => doc.segments.iter().filter(|s| s.origin == o).count(),
                _ => doc.segments.len(),
            };
        }
    }
    for ((release, locale, origin), tally) in &quality.releases {
        for o in [Some(*origin), None] {
            let (i, fresh) = row(release, locale, o);
            rows.entry((locale, i, rank(o))).or_insert(fresh).tally += tally;
        }
    }
    for change in changes {
        let Some(origin) = change.new_origin else { continue };
        for o in [Some(origin), None] {
            let (i, fresh) = row(&change.to, &change.locale, o);
            let r = rows.entry((&change.locale, i, rank(o))).or_insert(fresh);
            r.aligned += change.aligned;
            r.targets_changed += change.targets_changed;
            r.relabel_only += usize::from(change.status == Status::RelabelOnly);
            r.relabelled += usize::from(change.old_origin.is_some() && change.old_origin != change.new_origin);
        }
    }
    // MT×HT pairs present in each release: the renderings its segments carry, summed from the scan's pairs.
    let mut offsets = Vec::with_capacity(groups.len());
    let mut next = 0;
    for g in groups {
        offsets.push(next);
        next += g.machine.len() * g.human.len();
    }
    // Documents are in release order: one contiguous run per release, each run
    // worked on in parallel. Pair statistics are integers, so the sums below do
    // not depend on the order in which pairs are added.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        match runs.last_mut() {
            Some((start, end)) if docs[*start].release == doc.release => *end = d + 1,
            _ => runs.push((d, d + 1)),
        }
    }
    /// Per (locale, group): the MT and the HT renderings present.
    type Present<'a> = FxMap<(&'a Locale, usize), (Vec<usize>, Vec<usize>)>;
    let present_of = |&(start, end): &(usize, usize)| -> Present<'_> {
        let mut present: Present = FxMap::default();
        for (d, doc) in docs.iter().enumerate().take(end).skip(start) {
            for (s, segment) in doc.segments.iter().enumerate() {
                let entry = distinct.keys.get(d).and_then(|k| k.get(s));
                let Some(&Some((g, k))) = entry.and_then(|&e| distinct.rendering.get(e as usize)) else { continue };
                let entry = present.entry((&doc.locale, g)).or_default();
                let list = if segment.origin == Origin::Human { &mut entry.1 } else { &mut entry.0 };
                if !list.contains(&k) {
                    list.push(k);
                }
            }
        }
        present
    };
    // Per (release, locale): pairs, TER and chrF statistics of the pairs present.
    /// (release index, [(locale, pairs, TER statistics, chrF statistics)]).
    type ReleaseSums<'a> = (usize, Vec<(&'a Locale, usize, Stats, Stats)>);
    let sums: Vec<ReleaseSums> = runs
        .par_iter()
        .map(|run| {
            let i = order.get(docs[run.0].release.as_str()).copied().unwrap_or(usize::MAX);
            let mut by_locale: FxMap<&Locale, (usize, Stats, Stats)> = FxMap::default();
            for ((locale, g), (machine, human)) in present_of(run) {
                let (n, ter, chrf) = by_locale
                    .entry(locale)
                    .or_insert_with(|| (0, Stats(vec![0; 2]), Stats(vec![0; Chrf::plain().stats_len()])));
                let width = groups[g].human.len();
                for &m in &machine {
                    for &h in &human {
                        if let Some(pair) = pairs.get(offsets[g] + m * width + h) {
                            let e = &pair.scores.ter;
                            *ter += &Stats(vec![e.num_edits() as u64, e.ref_length as u64]);
                            *chrf += &pair.scores.chrf;
                            *n += 1;
                        }
                    }
                }
            }
            (i, by_locale.into_iter().map(|(l, (n, t, c))| (l, n, t, c)).collect())
        })
        .collect();
    for (i, by_locale) in sums {
        for (locale, n, ter, chrf) in by_locale {
            let Some(r) = rows.get_mut(&(locale, i, rank(None))) else { continue };
            if n > 0 {
                r.pairs += n;
                let (t, c) = (r.ter.get_or_insert_with(|| Stats(vec![0; 2])), &ter);
                *t += c;
                *r.chrf.get_or_insert_with(|| Stats(vec![0; Chrf::plain().stats_len()])) += &chrf;
            }
        }
    }
    // The locale's first release has nothing before it (rows are in locale, release order).
    let mut first_of: HashMap<&Locale, usize> = HashMap::new();
    for (locale, i, _) in rows.keys() {
        first_of.entry(*locale).or_insert(*i);
    }
    for ((locale, i, _), r) in rows.iter_mut() {
        r.first = first_of.get(locale) == Some(i);
    }
    rows.into_values().collect()
}

/// Which HT or MT rendering of which source group every segment is: the
/// distinct index's segment keys, and per distinct entry its (group,
/// rendering) — looked up once per distinct text, not once per segment.
#[derive(Debug, Default)]
pub struct Renderings {
    /// `keys[document][segment]`: the segment's distinct entry.
    pub keys: Vec<Vec<u32>>,
    /// Per distinct entry: (group, index among the group's renderings on its origin's side).
    pub rendering: Vec<Option<(usize, usize)>>,
}

impl Renderings {
    /// Takes the index's segment keys and looks every distinct entry up in `groups`.
    pub fn new(index: &mut crate::distinct::SegmentIndex, groups: &[crate::pairs::SourceGroup]) -> Renderings {
        let group_of: FxMap<(&Locale, &str), usize> =
            groups.iter().enumerate().map(|(i, g)| ((&g.locale, g.source.as_str()), i)).collect();
        let rendering = index
            .distinct
            .par_iter()
            .map(|e| {
                if e.origin == Origin::Unknown {
                    return None;
                }
                let g = *group_of.get(&(e.locale, e.source.normalized()))?;
                let group = &groups[g];
                let side = if e.origin == Origin::Human { &group.human } else { &group.machine };
                let k = side.binary_search_by(|r| r.text.as_str().cmp(e.target.normalized())).ok()?;
                Some((g, k))
            })
            .collect();
        Renderings { keys: std::mem::take(&mut index.keys), rendering }
    }
}

/// Corpus TER and chrF of summed statistics.
pub fn scores(ter: &Stats, chrf: &Stats) -> (f64, f64) {
    (Ter::DEFAULT.corpus_score(ter), Chrf::plain().corpus_score(chrf))
}

#[cfg(test)]
mod tests {
    use super::Transition::{self, *};

    #[test]
    fn release_verdicts() {
        // (first, documents, relabelled, aligned, changed)
        assert_eq!(Transition::of(true, 29, 0, 0, 0), First);
        assert_eq!(Transition::of(false, 29, 0, 600, 0), Unchanged);
        assert_eq!(Transition::of(false, 29, 1, 600, 0), RelabelOnly, "one label flipped, no text");
        // The 2018 flip of ja-JP: every document relabelled, 44 of 602 targets (7.3%) changed.
        assert_eq!(Transition::of(false, 29, 29, 602, 44), RelabelOnly);
        assert_eq!(Transition::of(false, 29, 29, 602, 61), RelabelledAndRevised, "just over 10%");
        // A routine release: a few labels and a few targets changed.
        assert_eq!(Transition::of(false, 33, 1, 2400, 48), Revised);
        assert_eq!(Transition::of(false, 30, 15, 2400, 48), Revised, "half is not most");
    }
}
