//! One shared copy of every distinct text: segments hold `Arc<Text>`, so a
//! text repeated across documents, product variants and releases is stored,
//! normalised and parsed for markup once. Memory then grows with the number of
//! distinct texts, not with the bytes read (a docs history repeats most of its
//! segments from one version to the next).
//!
//! The interner is sharded so parallel readers rarely wait on each other. It
//! only deduplicates; what a [`Text`] holds is defined in [`crate::model`].

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};

use rustc_hash::FxBuildHasher;

use crate::model::Text;

/// Shards: a power of two well above the thread count, so two threads rarely share one.
const SHARDS: usize = 64;

/// One shard: raw text → its shared [`Text`].
type Shard = Mutex<HashMap<Arc<str>, Arc<Text>, FxBuildHasher>>;

/// A concurrent set of texts keyed by their raw form.
pub struct TextInterner {
    shards: Vec<Shard>,
}

impl Default for TextInterner {
    fn default() -> Self {
        TextInterner { shards: (0..SHARDS).map(|_| Mutex::new(HashMap::default())).collect() }
    }
}

impl TextInterner {
    /// The shared [`Text`] of this raw text, built (normalised, markup extracted) on first sight.
    pub fn intern(&self, raw: &str) -> Arc<Text> {
        let shard = &self.shards[(FxBuildHasher.hash_one(raw) as usize) % SHARDS];
        // A poisoned shard only means another thread panicked mid-insert; the map is still valid.
        if let Some(text) = shard.lock().unwrap_or_else(|e| e.into_inner()).get(raw) {
            return Arc::clone(text);
        }
        // Build outside the lock: normalising is the expensive part.
        let text = Arc::new(Text::new(raw.to_string()));
        let mut map = shard.lock().unwrap_or_else(|e| e.into_inner());
        let key: Arc<str> = Arc::from(raw);
        Arc::clone(map.entry(key).or_insert(text))
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
