//! Exact multiset n-gram matching shared by chrF and BLEU, without
//! allocating per n-gram and without hashing whole n-grams.
//!
//! It computes, for each order n, `Σ_g min(count_hyp(g), count_ref(g))`
//! (sacreBLEU's clipped match count) over sequences of unit ids (characters
//! or interned words). It does not compute totals (those are just
//! `len - n + 1`) nor scores. All comparisons are exact: no hash value ever
//! stands in for an n-gram, so there are no collision errors.
//!
//! How: every n-gram gets a dense id per order. An order-n gram at position
//! i is exactly the pair (order-(n-1) gram at i, order-(n-1) gram at i+1),
//! so its key is two u32 ids packed into one u64, looked up in a small
//! open-addressing table that is cleared in O(1) by a generation stamp.
//! A gram that occurs on one side only can never match, and neither can any
//! longer gram containing it, so such positions are marked dead and skipped
//! at all higher orders. Dissimilar pairs thus get cheaper with each order.

use std::cell::RefCell;

use crate::metrics::tokenize::TokScratch;

/// Marks a position whose n-gram cannot match anything on the other side.
pub(crate) const DEAD: u32 = u32::MAX;

const HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    val: u32,
    stamp: u32,
}

/// Open-addressing (linear probing) map u64 → u32 with O(1) clearing:
/// a slot is live only if its stamp equals the table's current stamp.
#[derive(Default)]
struct PairTable {
    slots: Vec<Slot>,
    stamp: u32,
    mask: usize,
    shift: u32,
}

/// Empties an open-addressing table whose slots are current only when their
/// stamp equals `stamp` (so emptying is one increment, not a sweep), sizing it
/// for `n` keys at load factor ≤ 1/2. Returns the index mask and the shift that
/// takes a 64-bit hash's top bits as the index.
fn reset_stamped<S: Clone + Default>(
    slots: &mut Vec<S>,
    stamp: &mut u32,
    n: usize,
    clear_stamp: impl Fn(&mut S),
) -> (usize, u32) {
    let cap = (n.saturating_mul(2)).max(16).next_power_of_two();
    if cap > slots.len() {
        *slots = vec![S::default(); cap];
        *stamp = 0;
    }
    *stamp = stamp.wrapping_add(1);
    if *stamp == 0 {
        // Stamps wrapped: old entries could look current again.
        slots.iter_mut().for_each(clear_stamp);
        *stamp = 1;
    }
    (cap - 1, 64 - cap.trailing_zeros())
}

impl PairTable {
    /// Empties the table and makes room for `n` keys at load factor ≤ 1/2.
    fn reset(&mut self, n: usize) {
        (self.mask, self.shift) = reset_stamped(&mut self.slots, &mut self.stamp, n, |s| s.stamp = 0);
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(HASH_K) >> self.shift) as usize
    }

    /// Id for `key`, inserting `next` if absent. Returns (id, inserted).
    #[inline]
    fn get_or_insert(&mut self, key: u64, next: u32) -> (u32, bool) {
        let mut i = self.home(key);
        loop {
            let s = &mut self.slots[i];
            if s.stamp != self.stamp {
                *s = Slot { key, val: next, stamp: self.stamp };
                return (next, true);
            }
            if s.key == key {
                return (s.val, false);
            }
            i = (i + 1) & self.mask;
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        let mut i = self.home(key);
        loop {
            let s = &self.slots[i];
            if s.stamp != self.stamp {
                return None;
            }
            if s.key == key {
                return Some(s.val);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Units below this are named at order 1 through a direct-indexed array
/// instead of the hash table (all word ids, and code points of the BMP).
const DIRECT_LIMIT: u32 = 0x1_0000;
/// Marks an unused entry of the direct array.
const NONE: u32 = u32::MAX;
/// In `count`: set once the hypothesis has used the gram (low bits: how
/// many reference occurrences are still unmatched).
const SEEN: u32 = 1 << 31;

/// Clipped n-gram match counts for orders 1..=max between two unit sequences.
#[derive(Default)]
pub(crate) struct NgramMatcher {
    table: PairTable,
    direct: Vec<u32>,
    hyp: Vec<u32>,
    refs: Vec<u32>,
    count: Vec<u32>,
}

impl NgramMatcher {
    /// Writes into `out[n-1]` the clipped match count of order n for
    /// n in 1..=out.len(). Unit ids must be exact (equal iff the units are
    /// equal); [`DEAD`] units match nothing. Sequences longer than 2^31
    /// units are not supported (counts would overflow into the SEEN bit).
    pub(crate) fn matches(&mut self, hyp: &[u32], refs: &[u32], out: &mut [u64]) {
        out.iter_mut().for_each(|o| *o = 0);
        self.hyp.clear();
        self.hyp.extend_from_slice(hyp);
        self.refs.clear();
        self.refs.extend_from_slice(refs);
        let orders = out.len();

        for (order_idx, slot) in out.iter_mut().enumerate() {
            let n = order_idx + 1;
            // grams of order n in the original sequences
            let rn = refs.len().saturating_sub(n - 1);
            let hn = hyp.len().saturating_sub(n - 1);
            if rn == 0 || hn == 0 {
                break;
            }
            self.count.clear();
            let direct = n == 1 && refs.iter().all(|&u| u < DIRECT_LIMIT);
            let (matched, alive) = if direct {
                self.order1_direct(refs)
            } else if n == 1 {
                self.order1_table()
            } else {
                match self.order_pairs(rn, hn) {
                    Some(r) => r,
                    None => break, // lengths inconsistent: cannot happen
                }
            };
            self.refs.truncate(rn);
            self.hyp.truncate(hn);
            *slot = matched;
            if alive == 0 || n == orders {
                break; // nothing longer can match either / no next order
            }
            // Reference grams absent from the hypothesis are dead too.
            for id in self.refs.iter_mut() {
                if *id != DEAD && self.count[*id as usize] & SEEN == 0 {
                    *id = DEAD;
                }
            }
        }
    }

    /// Hypothesis gram `id` found: mark it seen and clip against the
    /// remaining reference count (Σ min(h, r) over grams). Returns 1 on a hit.
    #[inline]
    fn consume(count: &mut [u32], id: u32) -> u64 {
        match count.get_mut(id as usize) {
            Some(c) => {
                let hit = u32::from(*c & !SEEN != 0);
                *c = (*c - hit) | SEEN;
                u64::from(hit)
            }
            None => 0,
        }
    }

    /// Order 1 via the direct array (all reference units < DIRECT_LIMIT);
    /// `units` are the reference units, used to empty the array again.
    fn order1_direct(&mut self, units: &[u32]) -> (u64, usize) {
        if self.direct.len() < DIRECT_LIMIT as usize {
            self.direct = vec![NONE; DIRECT_LIMIT as usize];
        }
        let (direct, count) = (&mut self.direct, &mut self.count);
        for r in self.refs.iter_mut() {
            let Some(d) = direct.get_mut(*r as usize) else {
                *r = DEAD; // a DEAD unit
                continue;
            };
            if *d == NONE {
                *d = count.len() as u32;
                count.push(1);
            } else {
                count[*d as usize] += 1;
            }
            *r = *d;
        }
        let (mut matched, mut alive) = (0, 0);
        for h in self.hyp.iter_mut() {
            match direct.get(*h as usize) {
                Some(&id) if id != NONE => {
                    *h = id;
                    alive += 1;
                    matched += Self::consume(count, id);
                }
                _ => *h = DEAD,
            }
        }
        // leave the direct array empty for the next call
        for &u in units {
            if let Some(d) = direct.get_mut(u as usize) {
                *d = NONE;
            }
        }
        (matched, alive)
    }

    /// Order 1 through the hash table, keyed by the unit itself.
    fn order1_table(&mut self) -> (u64, usize) {
        let rn = self.refs.len();
        self.table.reset(rn);
        let (table, count) = (&mut self.table, &mut self.count);
        for r in self.refs.iter_mut() {
            if *r == DEAD {
                continue;
            }
            let (id, inserted) = table.get_or_insert(u64::from(*r), count.len() as u32);
            if inserted {
                count.push(1);
            } else {
                count[id as usize] += 1;
            }
            *r = id;
        }
        let (mut matched, mut alive) = (0, 0);
        for h in self.hyp.iter_mut() {
            match (*h != DEAD).then(|| table.get(u64::from(*h))).flatten() {
                Some(id) => {
                    *h = id;
                    alive += 1;
                    matched += Self::consume(count, id);
                }
                None => *h = DEAD,
            }
        }
        (matched, alive)
    }

    /// Order n ≥ 2: the gram at i is the pair of order-(n-1) grams at i and
    /// i+1. Updates ids in place (position i reads i and i+1 before i+1 is
    /// overwritten). `None` if the buffers are not one longer than rn/hn.
    fn order_pairs(&mut self, rn: usize, hn: usize) -> Option<(u64, usize)> {
        self.table.reset(rn);
        let (table, count) = (&mut self.table, &mut self.count);
        let r = self.refs.get_mut(..=rn)?;
        for i in 0..rn {
            let (a, b) = (r[i], r[i + 1]);
            r[i] = if a == DEAD || b == DEAD {
                DEAD
            } else {
                let key = (u64::from(a) << 32) | u64::from(b);
                let (id, inserted) = table.get_or_insert(key, count.len() as u32);
                if inserted {
                    count.push(1);
                } else {
                    count[id as usize] += 1;
                }
                id
            };
        }
        let h = self.hyp.get_mut(..=hn)?;
        let (mut matched, mut alive) = (0, 0);
        for i in 0..hn {
            let (a, b) = (h[i], h[i + 1]);
            let found = if a == DEAD || b == DEAD { None } else { table.get((u64::from(a) << 32) | u64::from(b)) };
            h[i] = match found {
                Some(id) => {
                    alive += 1;
                    matched += Self::consume(count, id);
                    id
                }
                None => DEAD,
            };
        }
        Some((matched, alive))
    }

    fn trim(&mut self) {
        const KEEP: usize = 1 << 20;
        if self.table.slots.len() > KEEP {
            self.table = PairTable::default();
        }
        for v in [&mut self.hyp, &mut self.refs, &mut self.count] {
            if v.capacity() > KEEP {
                *v = Vec::new();
            }
        }
    }
}

#[derive(Clone, Copy, Default)]
struct WordSlot {
    hash: u64,
    id: u32,
    stamp: u32,
}

/// Maps the words of one reference to dense ids, then looks hypothesis
/// words up (unknown → [`DEAD`]). Words are byte ranges of the reference
/// text and are compared byte for byte, never by hash alone.
#[derive(Default)]
pub(crate) struct WordInterner {
    slots: Vec<WordSlot>,
    stamp: u32,
    mask: usize,
    shift: u32,
    ranges: Vec<(usize, usize)>,
}

impl WordInterner {
    /// Interns every word range of `text` (the reference), writing ids.
    pub(crate) fn build(&mut self, text: &[u8], words: &[(usize, usize)], ids: &mut Vec<u32>) {
        (self.mask, self.shift) = reset_stamped(&mut self.slots, &mut self.stamp, words.len(), |s| s.stamp = 0);
        self.ranges.clear();
        ids.clear();
        let bytes = text;
        for &(a, b) in words {
            let w = &bytes[a..b];
            let h = hash_bytes(w);
            let mut i = (h.wrapping_mul(HASH_K) >> self.shift) as usize;
            let id = loop {
                let s = &mut self.slots[i];
                if s.stamp != self.stamp {
                    let id = self.ranges.len() as u32;
                    *s = WordSlot { hash: h, id, stamp: self.stamp };
                    self.ranges.push((a, b));
                    break id;
                }
                if s.hash == h {
                    let (x, y) = self.ranges[s.id as usize];
                    if &bytes[x..y] == w {
                        break s.id;
                    }
                }
                i = (i + 1) & self.mask;
            };
            ids.push(id);
        }
    }

    /// Ids of hypothesis words against the last [`build`](Self::build);
    /// `ref_text` must be the text given to it.
    pub(crate) fn lookup_all(&self, ref_text: &[u8], hyp_text: &[u8], words: &[(usize, usize)], ids: &mut Vec<u32>) {
        ids.clear();
        let (rb, hb) = (ref_text, hyp_text);
        for &(a, b) in words {
            let w = &hb[a..b];
            let h = hash_bytes(w);
            let mut i = (h.wrapping_mul(HASH_K) >> self.shift) as usize;
            let id = loop {
                let Some(s) = self.slots.get(i) else {
                    break DEAD; // build() never ran: table empty
                };
                if s.stamp != self.stamp {
                    break DEAD;
                }
                if s.hash == h {
                    let (x, y) = self.ranges[s.id as usize];
                    if &rb[x..y] == w {
                        break s.id;
                    }
                }
                i = (i + 1) & self.mask;
            };
            ids.push(id);
        }
    }
}

/// FxHash-style hash of a byte string, 8 bytes per step.
#[inline]
fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = (b.len() as u64).wrapping_mul(HASH_K);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(HASH_K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(HASH_K);
    }
    h
}

/// Byte ranges of Python `s.split()` tokens of UTF-8 text `b`, working on
/// bytes: ASCII by table, and the multi-byte characters Python calls
/// whitespace (U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029,
/// U+202F, U+205F, U+3000; see `pytext::is_py_whitespace`) by their
/// encodings. Lead bytes C2/E1/E2/E3 are never continuation bytes, so a
/// match can only start on a character boundary.
pub(crate) fn split_ranges(b: &[u8], out: &mut Vec<(usize, usize)>) {
    out.clear();
    let n = b.len();
    let mut i = 0;
    loop {
        // skip whitespace
        loop {
            let Some(&c) = b.get(i) else {
                return;
            };
            let w = ws_len(b, i, c);
            if w == 0 {
                break;
            }
            i += w;
        }
        // scan one token: most bytes cannot start whitespace at all
        let start = i;
        i += 1;
        while i < n {
            let c = b[i];
            if BYTE_KIND[c as usize] != 0 && ws_len(b, i, c) != 0 {
                break;
            }
            i += 1; // continuation bytes are never whitespace leads
        }
        out.push((start, i));
    }
}

/// 0: never starts whitespace; 1: may (ASCII whitespace, or a lead byte
/// C2/E1/E2/E3 of a multi-byte whitespace character).
const BYTE_KIND: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(i, 0x09..=0x0D | 0x1C..=0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3) as u8;
        i += 1;
    }
    t
};

#[inline]
fn ws_len(b: &[u8], i: usize, c: u8) -> usize {
    if c < 0x80 {
        usize::from(ASCII_WS[c as usize])
    } else {
        multibyte_ws_len(b, i)
    }
}

/// Length of the Python-whitespace character starting at `b[i]` (a
/// non-ASCII byte), or 0.
#[inline]
pub(crate) fn multibyte_ws_len(b: &[u8], i: usize) -> usize {
    let lead = b[i];
    if !matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        return 0;
    }
    let x = b.get(i + 1).copied().unwrap_or(0);
    let y = b.get(i + 2).copied().unwrap_or(0);
    let ws = match lead {
        0xC2 => return if x == 0x85 || x == 0xA0 { 2 } else { 0 },
        0xE1 => x == 0x9A && y == 0x80, // U+1680
        0xE2 => match x {
            0x80 => matches!(y, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF), // U+2000..200A, 2028, 2029, 202F
            0x81 => y == 0x9F,                                     // U+205F
            _ => false,
        },
        0xE3 => x == 0x80 && y == 0x80, // U+3000
        _ => false,
    };
    if ws {
        3
    } else {
        0
    }
}

/// Python's ASCII whitespace: \t \n \v \f \r, U+001C..U+001F, space.
const ASCII_WS: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = matches!(i, 0x09..=0x0D | 0x1C..=0x20);
        i += 1;
    }
    t
};

/// Per-thread buffers so that scoring a pair allocates nothing once warm.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) matcher: NgramMatcher,
    pub(crate) words: WordInterner,
    pub(crate) hyp_units: Vec<u32>,
    pub(crate) ref_units: Vec<u32>,
    pub(crate) hyp_ranges: Vec<(usize, usize)>,
    pub(crate) ref_ranges: Vec<(usize, usize)>,
    pub(crate) tmp_ranges: Vec<(usize, usize)>,
    pub(crate) tok: TokScratch,
    pub(crate) hyp_text: Vec<u8>,
    pub(crate) ref_text: Vec<u8>,
}

impl Scratch {
    fn trim(&mut self) {
        const KEEP: usize = 1 << 20;
        self.matcher.trim();
        self.tok.trim();
        if self.words.slots.len() > KEEP {
            self.words = WordInterner::default();
        }
        for v in [&mut self.hyp_units, &mut self.ref_units] {
            if v.capacity() > KEEP {
                *v = Vec::new();
            }
        }
        for v in [&mut self.hyp_ranges, &mut self.ref_ranges, &mut self.tmp_ranges] {
            if v.capacity() > KEEP {
                *v = Vec::new();
            }
        }
        for v in [&mut self.hyp_text, &mut self.ref_text] {
            if v.capacity() > KEEP {
                *v = Vec::new();
            }
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch buffers, or with fresh ones when
/// they are unavailable (thread teardown, or re-entrant use).
pub(crate) fn with_scratch<R>(mut f: impl FnMut(&mut Scratch) -> R) -> R {
    let res = SCRATCH.try_with(|cell| match cell.try_borrow_mut() {
        Ok(mut guard) => {
            let r = f(&mut guard);
            guard.trim();
            Some(r)
        }
        Err(_) => None,
    });
    match res {
        Ok(Some(r)) => r,
        _ => f(&mut Scratch::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Straightforward reference implementation with HashMap<Vec<u32>>.
    fn naive(h: &[u32], r: &[u32], max: usize) -> Vec<u64> {
        (1..=max)
            .map(|n| {
                let mut rc: HashMap<&[u32], u64> = HashMap::new();
                if r.len() >= n {
                    for w in r.windows(n) {
                        *rc.entry(w).or_default() += 1;
                    }
                }
                let mut hc: HashMap<&[u32], u64> = HashMap::new();
                if h.len() >= n {
                    for w in h.windows(n) {
                        *hc.entry(w).or_default() += 1;
                    }
                }
                hc.iter().map(|(g, c)| (*c).min(rc.get(g).copied().unwrap_or(0))).sum()
            })
            .collect()
    }

    #[test]
    fn matches_naive_on_small_cases() {
        let mut m = NgramMatcher::default();
        let cases: &[(&[u32], &[u32])] = &[
            (&[], &[]),
            (&[1], &[]),
            (&[], &[1]),
            (&[1, 1, 1, 1], &[1, 1]),
            (&[1, 2, 3, 1, 2, 3], &[3, 1, 2, 3, 1]),
            (&[5, 6, 7, 8, 9, 10, 11], &[5, 6, 7, 8, 9, 10, 11]),
            (&[1, 2, 1, 2, 1, 2, 1], &[2, 1, 2, 1]),
        ];
        for (h, r) in cases {
            let mut out = [0u64; 6];
            m.matches(h, r, &mut out);
            assert_eq!(out.to_vec(), naive(h, r, 6), "{h:?} {r:?}");
        }
    }

    #[test]
    fn dead_units_match_nothing() {
        let mut m = NgramMatcher::default();
        let mut out = [0u64; 2];
        m.matches(&[DEAD, 1], &[1, 1], &mut out);
        assert_eq!(out, [1, 0]);
    }

    #[test]
    fn split_ranges_like_python() {
        let s = " a\u{1c}bc  d\u{a0}";
        let mut v = Vec::new();
        split_ranges(s.as_bytes(), &mut v);
        let toks: Vec<&str> = v.iter().map(|&(a, b)| &s[a..b]).collect();
        // " a\x1cbc  d\xa0".split() == ['a', 'bc', 'd']
        assert_eq!(toks, ["a", "bc", "d"]);
    }

    #[test]
    fn split_ranges_agrees_with_py_split_on_every_char() {
        let mut v = Vec::new();
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = format!("a{c}b{c}");
            split_ranges(s.as_bytes(), &mut v);
            let want = crate::metrics::pytext::py_split(&s).count();
            assert_eq!(v.len(), want, "U+{cp:04X}");
        }
    }

    #[test]
    fn interner_exact() {
        let mut w = WordInterner::default();
        let r = "a bb a ccc";
        let h = "ccc a zz bb";
        let (mut rr, mut hr) = (Vec::new(), Vec::new());
        let (r, h) = (r.as_bytes(), h.as_bytes());
        split_ranges(r, &mut rr);
        split_ranges(h, &mut hr);
        let (mut ri, mut hi) = (Vec::new(), Vec::new());
        w.build(r, &rr, &mut ri);
        w.lookup_all(r, h, &hr, &mut hi);
        assert_eq!(ri, [0, 1, 0, 2]);
        assert_eq!(hi, [2, 0, DEAD, 1]);
    }

    proptest::proptest! {
        #[test]
        fn matcher_equals_naive(h in proptest::collection::vec(0u32..4, 0..40),
                                r in proptest::collection::vec(0u32..4, 0..40)) {
            let mut m = NgramMatcher::default();
            let mut out = [0u64; 6];
            m.matches(&h, &r, &mut out);
            proptest::prop_assert_eq!(out.to_vec(), naive(&h, &r, 6));
        }
    }
}
