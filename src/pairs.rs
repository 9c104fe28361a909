//! HT×MT pairing: every (locale, normalised English source) that has at least
//! one human and one machine translation anywhere in the scan — other
//! documents, product variants, other releases — gives one pair per distinct
//! (MT target, HT target) combination, with how often each side occurs and
//! where it was first seen.
//!
//! Documents of unknown origin are counted but never paired. Scoring of the
//! pairs is in [`crate::score`]; this module only groups.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use crate::distinct::SegmentIndex;
use crate::model::{Document, Locale, Origin};

/// One distinct normalised target text of a source, on one side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendering {
    pub text: String,
    /// How many segments carry this text.
    pub count: usize,
    /// Index into the documents of the first segment carrying it (scan order).
    pub example: usize,
}

/// All translations of one English source in one locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceGroup {
    pub locale: Locale,
    /// The normalised source text (the index key).
    pub source: String,
    /// Distinct HT renderings, ordered by text.
    pub human: Vec<Rendering>,
    /// Distinct MT renderings, ordered by text.
    pub machine: Vec<Rendering>,
    /// Segments of unknown origin with this source.
    pub unknown: usize,
}

impl SourceGroup {
    /// Every (MT, HT) combination of this group, MT first: hypothesis = MT, reference = HT.
    pub fn pairs(&self) -> impl Iterator<Item = (&Rendering, &Rendering)> {
        self.machine.iter().flat_map(move |mt| self.human.iter().map(move |ht| (mt, ht)))
    }

    /// True when both HT and MT translations exist.
    pub fn is_paired(&self) -> bool {
        !self.human.is_empty() && !self.machine.is_empty()
    }
}

/// Renderings of one side: normalised target → (segments carrying it, first document).
type Side<'a> = HashMap<&'a str, (usize, usize), FxBuildHasher>;

#[derive(Default)]
struct Builder<'a> {
    human: Side<'a>,
    machine: Side<'a>,
    unknown: usize,
}

/// Groups every segment by (locale, normalised source), in locale then source order.
///
/// Hash maps while counting (a corpus dump has millions of segments), then one
/// sort of the groups and of each side's renderings, so the order is the
/// same whatever the input order of equal keys.
pub fn group(documents: &[Document]) -> Vec<SourceGroup> {
    group_index(&crate::distinct::index(documents))
}

/// [`group`] from an index of the distinct segments (what the scan uses).
pub fn group_index(index: &SegmentIndex) -> Vec<SourceGroup> {
    let mut groups: HashMap<(&Locale, &str), Builder, FxBuildHasher> = HashMap::default();
    // Entries are in order of first appearance, so the first insert of a text holds its first document.
    for entry in &index.distinct {
        let builder = groups.entry((entry.locale, entry.source.normalized())).or_default();
        let side = match entry.origin {
            Origin::Human => &mut builder.human,
            Origin::Machine => &mut builder.machine,
            Origin::Unknown => {
                builder.unknown += entry.count;
                continue;
            }
        };
        side.entry(entry.target.normalized()).or_insert((0, entry.first.0)).0 += entry.count;
    }
    let index = groups;
    let renderings = |side: Side| {
        let mut renderings: Vec<Rendering> = side
            .into_iter()
            .map(|(text, (count, example))| Rendering { text: text.to_string(), count, example })
            .collect();
        renderings.sort_unstable_by(|a, b| a.text.cmp(&b.text));
        renderings
    };
    let mut groups: Vec<SourceGroup> = index
        .into_iter()
        .map(|((locale, source), b)| SourceGroup {
            locale: locale.clone(),
            source: source.to_string(),
            human: renderings(b.human),
            machine: renderings(b.machine),
            unknown: b.unknown,
        })
        .collect();
    groups.sort_unstable_by(|a, b| (&a.locale, &a.source).cmp(&(&b.locale, &b.source)));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{parse_bytes, Source};
    use std::path::Path;

    fn doc(release: &str, locale: &str, origin: &str, segments: &[(&str, &str)]) -> Document {
        let mut text = format!("---\nms.contentlocale: {locale}\nms.translationtype: {origin}\n---\n");
        for (i, (target, source)) in segments.iter().enumerate() {
            text.push_str(&format!(
                "<span data-ttu-id=\"a-{i}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-{i}\">{source}</span></span>\n"
            ));
        }
        let source =
            Source { release: release.into(), display: format!("{release}/{origin}.md"), relative: "x.md".into() };
        parse_bytes(Path::new("x.md"), text.as_bytes(), &source).unwrap()
    }

    #[test]
    fn pairs_across_documents_and_releases_per_locale() {
        // "Applies to": ru-RU HT «Применяется к» vs MT «Относится к» (releases/ of the corpus).
        let docs = vec![
            doc("2019-07-01", "ru-RU", "HT", &[("**Применяется к**", "**Applies to**"), ("Клиенты", "Customers")]),
            doc("2020-01-01", "ru-RU", "MT", &[("**Относится к**", "**Applies to**"), ("Клиенты", "Customers")]),
            doc("2020-01-01", "ru-RU", "MT", &[("**Относится к**", "**Applies to**")]),
            doc("2020-01-01", "de-DE", "HT", &[("**Gilt für**", "**Applies to**")]),
            doc("2020-01-01", "ru-RU", "", &[("Применимо к", "**Applies to**")]),
        ];
        let groups = group(&docs);
        let keys: Vec<(&str, &str, bool)> =
            groups.iter().map(|g| (g.locale.as_str(), g.source.as_str(), g.is_paired())).collect();
        assert_eq!(
            keys,
            [("de-DE", "**Applies to**", false), ("ru-RU", "**Applies to**", true), ("ru-RU", "Customers", true)]
        );
        let applies = &groups[1];
        assert_eq!(applies.unknown, 1);
        let pairs: Vec<(&str, usize, usize, &str, usize, usize)> = applies
            .pairs()
            .map(|(mt, ht)| (mt.text.as_str(), mt.count, mt.example, ht.text.as_str(), ht.count, ht.example))
            .collect();
        assert_eq!(pairs, [("**Относится к**", 2, 1, "**Применяется к**", 1, 0)]);
    }

    #[test]
    fn one_pair_per_distinct_combination() {
        let docs = vec![
            doc("r", "ja-JP", "HT", &[("A", "x"), ("B", "x")]),
            doc("r", "ja-JP", "MT", &[("C", "x"), ("A", "x"), ("C", "x")]),
        ];
        let groups = group(&docs);
        let combos: Vec<(String, String)> = groups[0].pairs().map(|(m, h)| (m.text.clone(), h.text.clone())).collect();
        assert_eq!(
            combos,
            [("A", "A"), ("A", "B"), ("C", "A"), ("C", "B")].map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(groups[0].machine[1].count, 2);
    }
}
