//! The distinct segments of a scan: every (locale, origin, source text, target
//! text) once, with how many segments carry it and where it first appears, and
//! for every segment the index of its distinct entry.
//!
//! A docs history repeats most segments from one release to the next, so the
//! per-text work — QA checks, pairing — runs over these entries instead of
//! over every segment. Texts are interned (`Arc<Text>`), so an entry is keyed
//! by pointers and built in one cheap pass. This module only indexes; it
//! neither checks nor pairs.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;

use crate::model::{Document, Locale, Origin, Text};

/// One distinct (locale, origin, source, target).
#[derive(Clone, Debug)]
pub struct DistinctSegment<'a> {
    pub locale: &'a Locale,
    pub origin: Origin,
    pub source: &'a Arc<Text>,
    pub target: &'a Arc<Text>,
    /// Segments carrying it.
    pub count: usize,
    /// Document and segment index of its first occurrence (scan order).
    pub first: (usize, usize),
}

/// The distinct entries in order of first appearance, and each segment's entry.
#[derive(Debug, Default)]
pub struct SegmentIndex<'a> {
    pub distinct: Vec<DistinctSegment<'a>>,
    /// `keys[document][segment]` = index into `distinct`.
    pub keys: Vec<Vec<u32>>,
}

/// Indexes every segment of `documents`.
pub fn index(documents: &[Document]) -> SegmentIndex<'_> {
    let mut locales: HashMap<&Locale, u32, FxBuildHasher> = HashMap::default();
    let mut entries: HashMap<(u32, Origin, usize, usize), u32, FxBuildHasher> = HashMap::default();
    let mut index = SegmentIndex { distinct: Vec::new(), keys: Vec::with_capacity(documents.len()) };
    for (d, doc) in documents.iter().enumerate() {
        let next = locales.len() as u32;
        let locale = *locales.entry(&doc.locale).or_insert(next);
        let keys = doc
            .segments
            .iter()
            .enumerate()
            .map(|(s, segment)| {
                let key = (
                    locale,
                    segment.origin,
                    Arc::as_ptr(&segment.source) as usize,
                    Arc::as_ptr(&segment.target) as usize,
                );
                let next = index.distinct.len() as u32;
                let k = *entries.entry(key).or_insert_with(|| {
                    index.distinct.push(DistinctSegment {
                        locale: &doc.locale,
                        origin: segment.origin,
                        source: &segment.source,
                        target: &segment.target,
                        count: 0,
                        first: (d, s),
                    });
                    next
                });
                index.distinct[k as usize].count += 1;
                k
            })
            .collect();
        index.keys.push(keys);
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{parse_bytes_with, Source};
    use std::path::Path;

    #[test]
    fn repeated_segments_share_one_entry_per_locale_and_origin() {
        let texts = crate::intern::TextInterner::default();
        let doc = |origin: &str, locale: &str| {
            let text = format!(
                "---\nms.contentlocale: {locale}\nms.translationtype: {origin}\n---\n\
                 <span data-ttu-id=\"a-1\">Да</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Yes</span></span>\n\
                 <span data-ttu-id=\"a-2\">Да</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">Yes</span></span>\n"
            );
            let source = Source { release: "r".into(), display: "x.md".into(), relative: "x.md".into() };
            parse_bytes_with(Path::new("x.md"), text.as_bytes(), &source, &texts).unwrap()
        };
        let docs = vec![doc("MT", "ru-RU"), doc("MT", "ru-RU"), doc("HT", "ru-RU"), doc("MT", "de-DE")];
        let index = index(&docs);
        assert_eq!(index.distinct.len(), 3, "ru MT, ru HT, de MT");
        assert_eq!(index.distinct[0].count, 4);
        assert_eq!(index.distinct[0].first, (0, 0));
        assert_eq!(index.distinct[1].first, (2, 0));
        assert_eq!(index.keys, vec![vec![0, 0], vec![0, 0], vec![1, 1], vec![2, 2]]);
    }
}
