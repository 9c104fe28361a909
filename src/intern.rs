//! One shared copy of every distinct text: segments hold `Arc<Text>`, so a
//! text repeated across documents, product variants and releases is stored,
//! normalised and parsed for markup once. Memory then grows with the number of
//! distinct texts, not with the bytes read (a docs history repeats most of its
//! segments from one version to the next).
//!
//! The interner is sharded so parallel readers rarely wait on each other. It
//! only deduplicates; what a [`Text`] holds is defined in [`crate::model`].

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};

use rustc_hash::FxBuildHasher;

use crate::model::Text;

/// Shards: a power of two well above the thread count, so two threads rarely share one.
const SHARDS: usize = 64;

/// One shard: the shared [`Text`]s, found by their raw form (the text is its own key, so the
/// raw bytes are stored once).
type Shard = Mutex<HashSet<Keyed, FxBuildHasher>>;

/// A [`Text`] hashed and compared by its raw form.
struct Keyed(Arc<Text>);

impl std::borrow::Borrow<str> for Keyed {
    fn borrow(&self) -> &str {
        &self.0.raw
    }
}

impl PartialEq for Keyed {
    fn eq(&self, other: &Keyed) -> bool {
        self.0.raw == other.0.raw
    }
}

impl Eq for Keyed {}

impl std::hash::Hash for Keyed {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As `str` hashes, so that lookups by `&str` find it.
        self.0.raw.as_str().hash(state);
    }
}

/// A concurrent set of texts keyed by their raw form.
pub struct TextInterner {
    shards: Vec<Shard>,
}

impl Default for TextInterner {
    fn default() -> Self {
        TextInterner { shards: (0..SHARDS).map(|_| Mutex::new(HashSet::default())).collect() }
    }
}

impl TextInterner {
    /// The shared [`Text`] of this raw text, built (normalised, markup extracted) on first sight.
    pub fn intern(&self, raw: &str) -> Arc<Text> {
        let shard = &self.shards[(FxBuildHasher.hash_one(raw) as usize) % SHARDS];
        // A poisoned shard only means another thread panicked mid-insert; the map is still valid.
        if let Some(text) = shard.lock().unwrap_or_else(|e| e.into_inner()).get(raw) {
            return Arc::clone(&text.0);
        }
        // Build outside the lock: normalising is the expensive part.
        let text = Arc::new(Text::new(raw.to_string()));
        let mut set = shard.lock().unwrap_or_else(|e| e.into_inner());
        // Another thread may have built the same text meanwhile: keep the first.
        if let Some(first) = set.get(raw) {
            return Arc::clone(&first.0);
        }
        set.insert(Keyed(Arc::clone(&text)));
        text
    }

    /// Distinct texts held.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().unwrap_or_else(|e| e.into_inner()).len()).sum()
    }

    /// True when no text was interned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_copy() {
        let interner = TextInterner::default();
        let a = interner.intern("Select **Save**.");
        let b = interner.intern(&String::from("Select **Save**."));
        let c = interner.intern("Select **Cancel**.");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(interner.len(), 2);
        assert_eq!(a.markup.len(), 1, "built with its markup");
    }

    #[test]
    fn parallel_interning_gives_one_copy_per_text() {
        use rayon::prelude::*;
        let interner = TextInterner::default();
        let texts: Vec<Arc<Text>> =
            (0..10_000).into_par_iter().map(|i| interner.intern(&format!("t{}", i % 100))).collect();
        assert_eq!(interner.len(), 100);
        for (i, t) in texts.iter().enumerate() {
            assert!(Arc::ptr_eq(t, &texts[i % 100]));
        }
    }
}
