//! Segment-level edits between two versions of one document: which aligned
//! segments were re-translated, which English sources were edited, added or
//! removed (what segment_changes.csv and the page's "What changed between
//! releases" list). It classifies; [`crate::releases`] decides which
//! versions to compare and the reports write.
//!
//! Segments are aligned by source text — the k-th occurrence of a normalised
//! source in the old version with its k-th occurrence in the new ([`align`]),
//! never by span id, which is renumbered in every version. The aligned pairs
//! that keep their order (the longest chain increasing in both versions) are
//! anchors; the unaligned old and new segments between the same two anchors
//! are one gap, like a hunk of a line diff. Within a gap, removed and added
//! sources are paired in document order as one edited segment
//! (`source-changed`) when their character-level similarity is at least
//! [`MIN_SIMILARITY`]; the rest stay `removed` and `added`.

use rustc_hash::FxHashMap as FxMap;

use crate::metrics::levenshtein::char_distance;
use crate::model::Segment;

/// What happened to one segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditKind {
    /// A removed and an added source paired as one edited segment.
    SourceChanged,
    /// A source of the new version with no counterpart in the old.
    Added,
    /// A source of the old version with no counterpart in the new.
    Removed,
    /// Same source aligned, target changed.
    Retranslated,
}

impl EditKind {
    /// Every kind, in the order the reports count them.
    pub const ALL: [EditKind; 4] =
        [EditKind::SourceChanged, EditKind::Added, EditKind::Removed, EditKind::Retranslated];

    /// The label used in reports: `source-changed`, `added`, `removed`, `retranslated`.
    pub fn label(self) -> &'static str {
        match self {
            EditKind::SourceChanged => "source-changed",
            EditKind::Added => "added",
            EditKind::Removed => "removed",
            EditKind::Retranslated => "retranslated",
        }
    }
}

/// One segment-level edit: positions (0-based) in the old and new versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub kind: EditKind,
    pub old: Option<usize>,
    pub new: Option<usize>,
    /// For `source-changed`: 1 − (character edit distance / longer length) of the normalised sources.
    pub similarity: Option<f64>,
}

/// Least source similarity (1 − Levenshtein distance / longer length, over
/// Unicode scalar values of the normalised sources) at which a removed and an
/// added source are one edited segment: at most half of the longer text's
/// characters edited. On ../shared/corpus/releases the best candidates of a
/// gap split in two: 0.50–0.60 were renames and rewordings of one sentence
/// (`Partner Dashboard` → `Partner Center` 0.53, `Billing basics` → `Billing
/// overview` 0.56, `Usage` → `**Usage**` 0.56), 0.40–0.50 mostly other
/// sentences on the same topic (`Configure the OOBE settings.` → `Skip privacy
/// settings.` 0.43); the seed's `**Edit**` → `**Update**` sentence is 0.87.
pub const MIN_SIMILARITY: f64 = 0.5;

/// A gap of more removed × added segments than this (a document rewritten
/// wholesale) is not paired: its segments stay `removed` and `added`. A gap of
/// 500 × 500 sentences of about 100 characters took 0.16 s (release build);
/// the largest gap of ../shared/corpus/releases is 45 × 38 (ko-KR
/// autopilot.md, 2018-08-01 → 2019-01-01).
pub const MAX_GAP_CANDIDATES: usize = 250_000;

/// Aligned (old, new) positions, in new-version order: the k-th occurrence of
/// each normalised source in the old version with its k-th in the new.
pub fn align(old: &[Segment], new: &[Segment]) -> Vec<(usize, usize)> {
    let mut occurrences: FxMap<&str, Vec<usize>> = FxMap::default();
    for (i, s) in old.iter().enumerate() {
        occurrences.entry(s.source.normalized()).or_default().push(i);
    }
    let mut used: FxMap<&str, usize> = FxMap::default();
    let mut aligned = Vec::with_capacity(new.len().min(old.len()));
    for (j, s) in new.iter().enumerate() {
        let source = s.source.normalized();
        let k = used.entry(source).or_default();
        if let Some(&i) = occurrences.get(source).and_then(|o| o.get(*k)) {
            aligned.push((i, j));
        }
        *k += 1;
    }
    aligned
}

/// The source similarity of two texts when it reaches [`MIN_SIMILARITY`].
pub fn similarity(old: &str, new: &str) -> Option<f64> {
    let (a, b) = (old.chars().count(), new.chars().count());
    let longer = a.max(b);
    if longer == 0 {
        return Some(1.0);
    }
    // The distance is at least the length difference: skip hopeless pairs unmeasured.
    if 2 * a.abs_diff(b) > longer {
        return None;
    }
    let distance = char_distance(old, new);
    (2 * distance <= longer).then(|| 1.0 - distance as f64 / longer as f64)
}

/// Every edit from `old` to `new`, given their [`align`]ment, in document
/// order: by position in the new version, a removed segment just before the
/// new segment that follows it in its gap.
pub fn edits(old: &[Segment], new: &[Segment], aligned: &[(usize, usize)]) -> Vec<Edit> {
    // (new position, removed first, old position) → edit.
    let mut keyed: Vec<((usize, bool, usize), Edit)> = Vec::new();
    for &(i, j) in aligned {
        if old[i].target.normalized() != new[j].target.normalized() {
            let edit = Edit { kind: EditKind::Retranslated, old: Some(i), new: Some(j), similarity: None };
            keyed.push(((j, true, i), edit));
        }
    }
    let (mut in_old, mut in_new) = (vec![false; old.len()], vec![false; new.len()]);
    for &(i, j) in aligned {
        in_old[i] = true;
        in_new[j] = true;
    }
    let anchors = anchors(aligned);
    // Gap g lies between anchor g − 1 and anchor g (before the first, after the last).
    let (mut old_start, mut new_start) = (0, 0);
    for g in 0..=anchors.len() {
        let (old_end, new_end) = anchors.get(g).copied().unwrap_or((old.len(), new.len()));
        let removed: Vec<usize> = (old_start..old_end).filter(|&i| !in_old[i]).collect();
        let added: Vec<usize> = (new_start..new_end).filter(|&j| !in_new[j]).collect();
        keyed.extend(pair_gap(old, new, &removed, &added, new_end));
        (old_start, new_start) = (old_end + 1, new_end + 1);
    }
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, edit)| edit).collect()
}

/// The longest chain of aligned pairs increasing in both versions (`aligned`
/// is in new order; patience sorting on the old position, the earliest chain
/// of the longest length).
fn anchors(aligned: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index into `aligned` of the smallest old position ending a chain of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; aligned.len()];
    for (n, &(i, _)) in aligned.iter().enumerate() {
        let k = tails.partition_point(|&t| aligned[t].0 < i);
        previous[n] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(n);
        } else {
            tails[k] = n;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(n) = at {
        chain.push(aligned[n]);
        at = previous[n];
    }
    chain.reverse();
    chain
}

/// The edits of one gap: `removed` old and `added` new positions (each in
/// document order), paired by a monotone alignment that maximises the summed
/// similarity of its pairs, each at least [`MIN_SIMILARITY`]; ties keep a
/// pair, then take the removed segment first. `end` is the new position that
/// closes the gap. Keyed for [`edits`]' order.
fn pair_gap(
    old: &[Segment],
    new: &[Segment],
    removed: &[usize],
    added: &[usize],
    end: usize,
) -> Vec<((usize, bool, usize), Edit)> {
    let (n, m) = (removed.len(), added.len());
    let fits = n > 0 && m > 0 && n * m <= MAX_GAP_CANDIDATES;
    let score: Vec<Option<f64>> = if fits {
        let pair = |i: usize, j: usize| similarity(old[i].source.normalized(), new[j].source.normalized());
        removed.iter().flat_map(|&i| added.iter().map(move |&j| pair(i, j))).collect()
    } else {
        Vec::new()
    };
    let s = |a: usize, b: usize| if fits { score[a * m + b] } else { None };
    // best[a][b]: the best summed similarity of removed[a..] with added[b..].
    let width = m + 1;
    let mut best = vec![0.0f64; (n + 1) * width];
    if fits {
        for a in (0..n).rev() {
            for b in (0..m).rev() {
                let mut v = best[(a + 1) * width + b].max(best[a * width + b + 1]);
                if let Some(x) = s(a, b) {
                    v = v.max(x + best[(a + 1) * width + b + 1]);
                }
                best[a * width + b] = v;
            }
        }
    }
    let mut out = Vec::with_capacity(n + m);
    let (mut a, mut b) = (0, 0);
    let removal = |a: usize, b: usize| {
        let next = added.get(b).copied().unwrap_or(end);
        let edit = Edit { kind: EditKind::Removed, old: Some(removed[a]), new: None, similarity: None };
        ((next, false, removed[a]), edit)
    };
    let addition = |b: usize| {
        let edit = Edit { kind: EditKind::Added, old: None, new: Some(added[b]), similarity: None };
        ((added[b], true, usize::MAX), edit)
    };
    while a < n && b < m {
        let here = best[a * width + b];
        match s(a, b) {
            Some(x) if here == x + best[(a + 1) * width + b + 1] => {
                let (i, j) = (removed[a], added[b]);
                let edit = Edit { kind: EditKind::SourceChanged, old: Some(i), new: Some(j), similarity: Some(x) };
                out.push(((j, true, i), edit));
                (a, b) = (a + 1, b + 1);
            }
            _ if here == best[(a + 1) * width + b] => {
                out.push(removal(a, b));
                a += 1;
            }
            _ => {
                out.push(addition(b));
                b += 1;
            }
        }
    }
    out.extend((a..n).map(|a| removal(a, m)));
    out.extend((b..m).map(addition));
    out
}

/// How many edits of each kind, in [`EditKind::ALL`] order.
pub fn counts(edits: &[Edit]) -> [usize; 4] {
    let mut counts = [0; 4];
    for e in edits {
        counts[e.kind as usize] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Text};
    use std::sync::Arc;

    fn segment(source: &str, target: &str) -> Segment {
        Segment {
            id: String::new(),
            line: 1,
            source: Arc::new(Text::new(source.to_string())),
            target: Arc::new(Text::new(target.to_string())),
            origin: Origin::Machine,
            recovered: false,
        }
    }

    fn kinds(old: &[Segment], new: &[Segment]) -> Vec<(EditKind, Option<usize>, Option<usize>)> {
        edits(old, new, &align(old, new)).into_iter().map(|e| (e.kind, e.old, e.new)).collect()
    }

    // The seed's 2017-07-18 → 2018-02-19 ru-RU step of update-customer-account-info.md.
    const EDIT: (&str, &str) = (
        "From the customer menu, select **Account**, then **Edit**.",
        "В меню клиента выберите **Учетная запись**, а затем **Изменить**.",
    );
    const UPDATE: (&str, &str) = (
        "From the customer menu, select **Account** and then **Update**.",
        "В меню клиента выберите **Учетная запись**, а затем **Обновить**.",
    );

    #[test]
    fn a_renamed_ui_label_is_one_edited_segment() {
        let similarity = similarity(EDIT.0, UPDATE.0).expect("similar enough");
        // 8 edits over the 63 characters of the new sentence.
        assert_eq!(char_distance(EDIT.0, UPDATE.0), 8);
        assert_eq!(similarity, 1.0 - 8.0 / 63.0);
        let anchor = segment("Sign in to the Partner Center dashboard.", "Войдите в панель мониторинга.");
        let old = [anchor.clone(), segment(EDIT.0, EDIT.1)];
        let new = [anchor, segment(UPDATE.0, UPDATE.1)];
        assert_eq!(kinds(&old, &new), [(EditKind::SourceChanged, Some(1), Some(1))]);
    }

    #[test]
    fn the_threshold_splits_renames_from_other_sentences() {
        // Pairs of ../shared/corpus/releases (2018-08-01 → 2019-01-01, ru-RU).
        assert!(similarity("Partner Dashboard", "Partner Center").is_some());
        assert!(similarity("Billing basics", "Billing overview").is_some());
        assert_eq!(similarity("Step", "**Step**"), Some(0.5), "bold added: exactly half");
        assert_eq!(similarity("Configure the OOBE settings.", "Skip privacy settings."), None);
        assert_eq!(
            similarity("Add devices and apply a profile", "Only admin agents can create and apply profiles."),
            None
        );
    }

    #[test]
    fn unrelated_sentences_stay_removed_and_added_in_document_order() {
        let a = segment("Add devices and apply a profile", "Добавление устройств");
        let b = segment("Only admin agents can create and apply profiles.", "Только агенты");
        let anchor = segment("Select **Submit**.", "Выберите **Отправить**.");
        let (old, new) = ([anchor.clone(), a], [b, anchor]);
        // The new first segment comes before the anchor; the removed one after it.
        assert_eq!(kinds(&old, &new), [(EditKind::Added, None, Some(0)), (EditKind::Removed, Some(1), None)]);
    }

    #[test]
    fn pairing_is_monotone_and_prefers_the_better_sum() {
        let old = [segment("Partner Dashboard", "x"), segment("Billing basics", "y")];
        let new = [segment("Billing overview", "y"), segment("Partner Center", "x")];
        // Crossing pairs are not allowed: the better of the two is kept (0.56 > 0.53).
        assert_eq!(
            kinds(&old, &new),
            [
                (EditKind::Removed, Some(0), None),
                (EditKind::SourceChanged, Some(1), Some(0)),
                (EditKind::Added, None, Some(1)),
            ]
        );
    }

    #[test]
    fn a_moved_segment_is_aligned_and_its_retranslation_listed() {
        let (a, b, c) = (segment("One.", "Один."), segment("Two.", "Два."), segment("Three.", "Три."));
        let moved = segment("One.", "Раз.");
        let (old, new) = ([a, b.clone(), c.clone()], [b, c, moved]);
        assert_eq!(align(&old, &new), [(1, 0), (2, 1), (0, 2)]);
        assert_eq!(anchors(&align(&old, &new)), [(1, 0), (2, 1)]);
        assert_eq!(kinds(&old, &new), [(EditKind::Retranslated, Some(0), Some(2))]);
    }
}
