//! Levenshtein edit distance (unit costs for insertion, deletion and
//! substitution) over characters and over arbitrary token sequences, computed
//! with the bit-parallel algorithm of Myers (1999) in the formulation of
//! Hyyrö (2003), multi-block for patterns longer than 64 symbols.
//!
//! What it does: exact distances for sequences of any length, in
//! O(⌈m/64⌉·n) word operations after stripping the common prefix and suffix,
//! where m is the shorter and n the longer remaining length.
//!
//! What it does not do: no Unicode normalisation, no case folding, no
//! tokenisation and no grapheme clustering. [`char_distance`] compares Unicode
//! scalar values (Rust `char`s) exactly as given, so "é" written as U+00E9 and
//! as U+0065 U+0301 differ; the caller is expected to NFC-normalise both sides
//! beforehand if that is what it wants. No alignment/trace is produced (TER has
//! its own tracing edit distance in `ter_align`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;

use crate::metrics::Metric;

/// Character-level Levenshtein distance between `a` and `b`, counted in
/// Unicode scalar values.
///
/// The strings are compared as given: normalise them (NFC) first if canonically
/// equivalent spellings should count as equal.
pub fn char_distance(a: &str, b: &str) -> usize {
    let (a, b) = strip_common_str(a, b);
    distance_of_stripped(a, b, count_chars(a), count_chars(b))
}

/// Character distance and character counts of a pair, each text counted
/// once: the common prefix and suffix (which the distance strips anyway) are
/// counted for both texts at once, then the two remainders, which the
/// distance needs counted to choose its kernel. Counting both whole texts
/// and then the stripped parts again walked the common text up to four times
/// (a third of the bench pairs are identical or nearly so).
///
/// Returns `(distance, a_chars, b_chars)`.
fn char_distance_and_counts(a: &str, b: &str) -> (usize, usize, usize) {
    let (pre, suf) = common_affix_str(a, b);
    let (sa, sb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let common = count_chars(&a[..pre]) + count_chars(&a[a.len() - suf..]);
    let (la, lb) = (count_chars(sa), count_chars(sb));
    (distance_of_stripped(sa, sb, la, lb), common + la, common + lb)
}

/// Number of chars (Unicode scalar values) of `s`, as `s.chars().count()`:
/// its length less its UTF-8 continuation bytes (`10xxxxxx`), counted in
/// sixteen byte lanes (a loop the compiler vectorises), the last partial
/// block as one overlapping 16-byte word. std's count pays a setup for every
/// string that the short texts of a pair (a common prefix, a remainder of a
/// few words) never win back.
fn count_chars(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut blocks = bytes.chunks_exact(16);
    let mut continuation = 0;
    while blocks.len() > 0 {
        // One counter per byte lane; at most 255 blocks keep each below 256.
        let mut lanes = [0u8; 16];
        for block in blocks.by_ref().take(255) {
            for (lane, &b) in lanes.iter_mut().zip(block) {
                *lane += u8::from((b as i8) < -0x40);
            }
        }
        continuation += lanes.iter().map(|&n| usize::from(n)).sum::<usize>();
    }
    let rest = blocks.remainder();
    continuation += match bytes.len().checked_sub(16) {
        // The last 16 bytes, of which only the final `rest.len()` are not counted yet:
        // sixteen lanes at once instead of a byte at a time.
        Some(start) if !rest.is_empty() => {
            let last = u128::from_le_bytes(bytes[start..].try_into().unwrap_or([0; 16]));
            // Bit 7 set and bit 6 clear, moved to bit 0 of its lane; the
            // lanes counted already (the low ones, little-endian) shifted out.
            let lanes = ((last & !(last << 1)) >> 7) & u128::from_le_bytes([1; 16]);
            let lanes = lanes >> (8 * (16 - rest.len()));
            // The product sums all sixteen lanes into the top one.
            (lanes.wrapping_mul(u128::from_le_bytes([1; 16])) >> 120) as usize
        }
        _ => rest.iter().filter(|&&b| (b as i8) < -0x40).count(),
    };
    bytes.len() - continuation
}

/// Distance of two texts without a common prefix or suffix, of `la` and `lb` characters.
fn distance_of_stripped(a: &str, b: &str, la: usize, lb: usize) -> usize {
    if la == 0 || lb == 0 {
        return la + lb;
    }
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => s.char_distance(a, b, la, lb),
        // Re-entrancy is impossible here, but never panic: use fresh buffers.
        Err(_) => Scratch::default().char_distance(a, b, la, lb),
    })
}

/// Levenshtein distance between two token sequences (e.g. words), where two
/// tokens are equal iff `==` says so.
pub fn token_distance<T: Eq + Hash>(a: &[T], b: &[T]) -> usize {
    let (a, b) = strip_common(a, b);
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    // The shorter side is the bit-vector pattern: fewer 64-bit blocks per step.
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut ids: HashMap<&T, u32> = HashMap::with_capacity(pattern.len());
    let mut pat: Vec<u32> = Vec::with_capacity(pattern.len());
    for t in pattern {
        let next = ids.len() as u32;
        pat.push(*ids.entry(t).or_insert(next));
    }
    let absent = ids.len() as u32;
    let txt: Vec<u32> = text.iter().map(|t| ids.get(t).copied().unwrap_or(absent)).collect();
    let mut core = Core::default();
    core.distance(&pat, &txt, ids.len() + 1)
}

/// Character Levenshtein as a [`Metric`] (name `lev`).
///
/// Statistics: `[distance, hypothesis_chars, reference_chars, longer_chars]`,
/// lengths in Unicode scalar values of the text as given (normalise to NFC
/// first). Score: normalised distance `100 · Σdistance / Σlonger_chars` (0 when
/// all are empty): 0 means identical, 100 nothing in common; lower is better,
/// like TER. Per segment that is `100 · distance / max(len)`; summing each
/// segment's longer length, rather than taking the larger of the summed
/// lengths, keeps the corpus score within 0–100 (distance ≤ longer length).
#[derive(Clone, Copy, Debug, Default)]
pub struct Levenshtein;

impl Metric for Levenshtein {
    fn name(&self) -> &'static str {
        "lev"
    }

    fn signature(&self) -> String {
        "lev|nrefs:1|level:char|case:mixed|unit:scalar".to_string()
    }

    fn stats_len(&self) -> usize {
        4
    }

    fn push_stats(&self, hypothesis: &str, reference: &str, out: &mut Vec<u64>) {
        let (distance, hypothesis_chars, reference_chars) = char_distance_and_counts(hypothesis, reference);
        let [distance, hypothesis_chars, reference_chars] =
            [distance, hypothesis_chars, reference_chars].map(|x| x as u64);
        out.extend_from_slice(&[distance, hypothesis_chars, reference_chars, hypothesis_chars.max(reference_chars)]);
    }

    fn corpus_score(&self, total: &[u64]) -> f64 {
        let get = |i: usize| total.get(i).copied().unwrap_or(0);
        match get(3) {
            0 => 0.0,
            longer => 100.0 * get(0) as f64 / longer as f64,
        }
    }
}

thread_local! {
    // Per-thread buffers so that the public functions do not allocate in the
    // steady state (a corpus run calls them millions of times).
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Buffers reused between calls on one thread.
#[derive(Default)]
struct Scratch {
    masks64: MaskTable<u64>,
    masks128: MaskTable<u128>,
    ids: IdTable,
    pat: Vec<u32>,
    txt: Vec<u32>,
    core: Core,
}

impl Scratch {
    /// Distance of two non-empty strings without a common prefix or suffix.
    fn char_distance(&mut self, a: &str, b: &str, la: usize, lb: usize) -> usize {
        // The shorter side is the bit-vector pattern: fewer words per step.
        let (pattern, text, m, n) = if la <= lb { (a, b, la, lb) } else { (b, a, lb, la) };
        if m <= 64 {
            return self.masks64.distance(pattern, text, m, n);
        }
        if m <= 128 {
            return self.masks128.distance(pattern, text, m, n);
        }
        // Dense ids for the pattern's characters (from 1); every other
        // character gets id 0, whose match masks are all zeros.
        self.ids.build(pattern, m, &mut self.pat);
        let ids = &self.ids;
        self.txt.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        self.txt.extend(std::iter::from_fn(|| Some(ids.get(next_code(bytes, &mut i)?))));
        let alphabet = self.ids.len() + 1;
        self.ids.clear(pattern);
        self.core.distance(&self.pat, &self.txt, alphabet)
    }
}

/// Code points below U+0800 (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic,
/// ...: one or two bytes of UTF-8) are looked up in a table indexed by the
/// code point itself; only the others (CJK, symbols, emoji) are hashed.
const DIRECT: usize = 0x800;

/// Hash slots for the characters at or above [`DIRECT`] in a [`MaskTable`]:
/// at least 8 per pattern character for patterns of up to 128 characters.
const HASHED: usize = 1024;

/// `char → match mask` for a pattern of at most `W::BITS` characters.
///
/// Between calls every entry is zero and every hash slot empty; a call sets
/// the entries of its pattern's characters and clears exactly those again,
/// so no call pays for emptying the whole table.
struct MaskTable<W> {
    direct: Box<[W; DIRECT]>,
    keys: Box<[u32; HASHED]>,
    /// Zero for every empty slot, so a probe that ends on one yields "no match".
    masks: Box<[W; HASHED]>,
    /// Slot mask of the current pattern's share of the hash table.
    mask: usize,
    /// Direct entries set by the current pattern (possibly repeated).
    touched: Vec<u16>,
    /// Hash slots filled by the current pattern.
    used: Vec<u16>,
    /// Set while a pattern is entered: a call that never reached its
    /// clean-up (a panic) leaves it set, and the next call empties everything.
    dirty: bool,
}

impl<W: Word> Default for MaskTable<W> {
    fn default() -> Self {
        MaskTable {
            direct: Box::new([W::ZERO; DIRECT]),
            keys: Box::new([EMPTY_KEY; HASHED]),
            masks: Box::new([W::ZERO; HASHED]),
            mask: 0,
            touched: Vec::new(),
            used: Vec::new(),
            dirty: false,
        }
    }
}

impl<W: Word> MaskTable<W> {
    /// Distance between `pattern` (`1 ≤ m ≤ W::BITS` characters) and a
    /// `text` of `n ≥ 1` characters.
    fn distance(&mut self, pattern: &str, text: &str, m: usize, n: usize) -> usize {
        self.build(pattern, m);
        let bytes = text.as_bytes();
        let mut i = 0;
        // The direct table's address in a local: read through `self`, it is
        // loaded again on every step (the out-of-line probe might have
        // changed it, as far as the compiler knows).
        let direct = &*self.direct;
        let d = single_word(m, n, std::iter::from_fn(|| Some(self.lookup(direct, next_code(bytes, &mut i)?))));
        self.clear();
        d
    }

    /// Enters the `m` characters of `pattern`.
    fn build(&mut self, pattern: &str, m: usize) {
        if self.dirty {
            self.direct.fill(W::ZERO);
            self.keys.fill(EMPTY_KEY);
            self.masks.fill(W::ZERO);
            self.touched.clear();
            self.used.clear();
        }
        self.dirty = true;
        // Load factor ≤ 1/8: most absent characters end at the first probe.
        self.mask = (8 * m).next_power_of_two().clamp(64, HASHED) - 1;
        let bytes = pattern.as_bytes();
        let (mut i, mut bit) = (0, W::ONE);
        while let Some(code) = next_code(bytes, &mut i) {
            if let Some(x) = self.direct.get_mut(code as usize) {
                *x = *x | bit;
                self.touched.push(code as u16);
            } else {
                self.insert(code, bit);
            }
            bit = bit.shl(1);
        }
    }

    fn insert(&mut self, key: u32, bit: W) {
        let mut i = char_slot(key, self.mask);
        loop {
            let k = self.keys[i];
            if k == EMPTY_KEY {
                self.keys[i] = key;
                self.masks[i] = bit;
                self.used.push(i as u16);
                return;
            }
            if k == key {
                self.masks[i] = self.masks[i] | bit;
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Match mask of a text character (zero when it is not in the pattern);
    /// `direct` is `self.direct`.
    #[inline(always)]
    fn lookup(&self, direct: &[W; DIRECT], code: u32) -> W {
        if let Some(&x) = direct.get(code as usize) {
            return x;
        }
        let i = char_slot(code, self.mask);
        let k = self.keys[i];
        // Found, or absent (an empty slot's mask is zero): one branch, taken
        // but for collisions, where a test for each case would mispredict
        // whenever matches and mismatches alternate.
        if (k == code) | (k == EMPTY_KEY) {
            return self.masks[i];
        }
        self.probe(code, i)
    }

    /// The rest of a probe sequence whose first slot held another key.
    #[inline(never)]
    fn probe(&self, key: u32, mut i: usize) -> W {
        loop {
            i = (i + 1) & self.mask;
            let k = self.keys[i];
            if (k == key) | (k == EMPTY_KEY) {
                return self.masks[i];
            }
        }
    }

    /// Empties the entries that [`build`](Self::build) set.
    fn clear(&mut self) {
        for &c in &self.touched {
            self.direct[usize::from(c) % DIRECT] = W::ZERO;
        }
        for &i in &self.used {
            self.keys[usize::from(i) % HASHED] = EMPTY_KEY;
            self.masks[usize::from(i) % HASHED] = W::ZERO;
        }
        self.touched.clear();
        self.used.clear();
        self.dirty = false;
    }
}

/// Code point of the UTF-8 character at `bytes[*i..]`, advancing `*i` past
/// it; `None` at the end. Decoded here rather than by `chars()` so that the
/// one- and two-byte characters reach the direct table by short paths.
#[inline(always)]
fn next_code(bytes: &[u8], i: &mut usize) -> Option<u32> {
    let lead = u32::from(*bytes.get(*i)?);
    if lead < 0x80 {
        *i += 1;
        return Some(lead);
    }
    // `bytes` is valid UTF-8: a lead byte ≥ 0xC0 is followed by its
    // continuation bytes, so the fallbacks are never taken.
    let cont = |k: usize| u32::from(bytes.get(*i + k).copied().unwrap_or(0x80) & 0x3F);
    let b1 = cont(1);
    if lead < 0xE0 {
        *i += 2;
        return Some(((lead & 0x1F) << 6) | b1);
    }
    let b2 = cont(2);
    if lead < 0xF0 {
        *i += 3;
        return Some(((lead & 0x0F) << 12) | (b1 << 6) | b2);
    }
    let b3 = cont(3);
    *i += 4;
    Some(((lead & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3)
}

/// `char → dense id` for the multi-block kernel: pattern characters get ids
/// from 1 in order of appearance, every other character 0. Cleared after use
/// like [`MaskTable`].
struct IdTable {
    direct: Box<[u32; DIRECT]>,
    keys: Vec<u32>,
    vals: Vec<u32>,
    mask: usize,
    used: Vec<u32>,
    len: u32,
    dirty: bool,
}

impl Default for IdTable {
    fn default() -> Self {
        IdTable {
            direct: Box::new([0; DIRECT]),
            keys: Vec::new(),
            vals: Vec::new(),
            mask: 0,
            used: Vec::new(),
            len: 0,
            dirty: false,
        }
    }
}

impl IdTable {
    /// Enters the `m` characters of `pattern` and writes their ids to `ids`.
    fn build(&mut self, pattern: &str, m: usize, ids: &mut Vec<u32>) {
        if self.dirty {
            self.direct.fill(0);
            self.keys.fill(EMPTY_KEY);
            self.vals.fill(0);
            self.used.clear();
        }
        self.dirty = true;
        // Load factor ≤ 1/8 for patterns of up to 512 characters, and never
        // above 1/2 (the table is only ever a few pages).
        let cap = (8 * m).next_power_of_two().clamp(64, 4096).max((2 * m).next_power_of_two());
        if cap > self.keys.len() {
            self.keys = vec![EMPTY_KEY; cap];
            self.vals = vec![0; cap];
            self.used.clear();
        }
        self.mask = cap - 1;
        self.len = 0;
        ids.clear();
        for c in pattern.chars() {
            let code = c as usize;
            let id = match self.direct.get_mut(code) {
                Some(x) => {
                    if *x == 0 {
                        self.len += 1;
                        *x = self.len;
                    }
                    *x
                }
                None => self.insert(code as u32),
            };
            ids.push(id);
        }
    }

    fn insert(&mut self, key: u32) -> u32 {
        let mut i = char_slot(key, self.mask);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.vals[i];
            }
            if k == EMPTY_KEY {
                self.len += 1;
                self.keys[i] = key;
                self.vals[i] = self.len;
                self.used.push(i as u32);
                return self.len;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Number of distinct pattern characters (the largest id).
    fn len(&self) -> usize {
        self.len as usize
    }

    /// Id of a text character (0 when it is not in the pattern).
    #[inline(always)]
    fn get(&self, code: u32) -> u32 {
        if let Some(&id) = self.direct.get(code as usize) {
            return id;
        }
        // As in MaskTable::lookup: an empty slot's value is 0, so a probe
        // that ends on one needs no test of its own.
        let mut i = char_slot(code, self.mask);
        loop {
            let k = self.keys[i];
            if (k == code) | (k == EMPTY_KEY) {
                return self.vals[i];
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Empties the entries that [`build`](Self::build) set for `pattern`.
    fn clear(&mut self, pattern: &str) {
        for c in pattern.chars() {
            if let Some(x) = self.direct.get_mut(c as usize) {
                *x = 0;
            }
        }
        for &i in &self.used {
            self.keys[i as usize] = EMPTY_KEY;
            self.vals[i as usize] = 0;
        }
        self.used.clear();
        self.dirty = false;
    }
}

/// Not a Unicode scalar value, so it can mark empty slots.
const EMPTY_KEY: u32 = u32::MAX;

/// Home slot of a character in a table of `mask + 1` slots (Fibonacci hashing).
#[inline]
fn char_slot(c: u32, mask: usize) -> usize {
    ((u64::from(c).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> 32) as usize & mask
}

/// Removes the common prefix and suffix; they never change the distance.
fn strip_common<'x, T: PartialEq>(a: &'x [T], b: &'x [T]) -> (&'x [T], &'x [T]) {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    (&a[..a.len() - suf], &b[..b.len() - suf])
}

/// Removes the common prefix and suffix of two strings at char boundaries.
fn strip_common_str<'x>(a: &'x str, b: &'x str) -> (&'x str, &'x str) {
    let (pre, suf) = common_affix_str(a, b);
    (&a[pre..a.len() - suf], &b[pre..b.len() - suf])
}

/// Byte lengths of the common prefix and of the common suffix of two
/// strings, both ending at char boundaries and not overlapping (the suffix is
/// sought after the prefix).
fn common_affix_str(a: &str, b: &str) -> (usize, usize) {
    let mut pre = common_prefix_len(a.as_bytes(), b.as_bytes());
    // Equal bytes up to `pre` and both strings valid UTF-8: backing off to a
    // char boundary of `a` is a boundary of `b` too.
    while !a.is_char_boundary(pre) {
        pre -= 1;
    }
    let (a, b) = (&a[pre..], &b[pre..]);
    let mut suf = common_suffix_len(a.as_bytes(), b.as_bytes());
    while !a.is_char_boundary(a.len() - suf) {
        suf -= 1;
    }
    (pre, suf)
}

/// Length of the longest common prefix of two byte strings, compared eight
/// bytes at a time: the first differing byte of a word is its lowest set bit
/// of the XOR in little-endian order.
fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    let mut len = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let (x, y) =
            (u64::from_le_bytes(x.try_into().unwrap_or([0; 8])), u64::from_le_bytes(y.try_into().unwrap_or([0; 8])));
        if x != y {
            return len + ((x ^ y).trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
    len + a[len..].iter().zip(&b[len..]).take_while(|(x, y)| x == y).count()
}

/// Length of the longest common suffix of two byte strings, eight bytes at a
/// time from the ends (big-endian words: the last differing byte is the
/// lowest set one of the XOR).
fn common_suffix_len(a: &[u8], b: &[u8]) -> usize {
    let mut len = 0;
    for (x, y) in a.rchunks_exact(8).zip(b.rchunks_exact(8)) {
        let (x, y) =
            (u64::from_be_bytes(x.try_into().unwrap_or([0; 8])), u64::from_be_bytes(y.try_into().unwrap_or([0; 8])));
        if x != y {
            return len + ((x ^ y).trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
    let (a, b) = (&a[..a.len() - len], &b[..b.len() - len]);
    len + a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// The bit-parallel kernel over dense symbol ids.
#[derive(Default)]
struct Core {
    /// Match masks: `peq[id * blocks + k]` has bit `p` set iff
    /// `pattern[64k + p] == id`.
    peq: Vec<u64>,
    vp: Vec<u64>,
    vn: Vec<u64>,
}

impl Core {
    /// Levenshtein distance between `pattern` (ids `< alphabet`) and `text`
    /// (ids `< alphabet`; ids absent from the pattern simply have zero masks).
    /// Both must be non-empty.
    fn distance(&mut self, pattern: &[u32], text: &[u32], alphabet: usize) -> usize {
        let m = pattern.len();
        let blocks = m.div_ceil(64);
        self.peq.clear();
        self.peq.resize(alphabet * blocks, 0);
        for (p, &id) in pattern.iter().enumerate() {
            if let Some(w) = self.peq.get_mut(id as usize * blocks + p / 64) {
                *w |= 1u64 << (p % 64);
            }
        }
        if blocks == 1 {
            let peq = &self.peq;
            single_word(m, text.len(), text.iter().map(|&c| peq.get(c as usize).copied().unwrap_or(0)))
        } else {
            self.vp.clear();
            self.vp.resize(blocks, !0);
            self.vn.clear();
            self.vn.resize(blocks, 0);
            multi_block(&self.peq, &mut self.vp, &mut self.vn, m, text)
        }
    }
}

/// Bit-vector word for the single-block kernel: `u64`, or `u128` for
/// patterns of 65..=128 symbols (the carry of the 128-bit addition does what
/// the explicit inter-block carries do in the multi-block version).
trait Word:
    Copy
    + std::ops::BitAnd<Output = Self>
    + std::ops::BitOr<Output = Self>
    + std::ops::BitXor<Output = Self>
    + std::ops::Not<Output = Self>
{
    const ZERO: Self;
    const ONE: Self;
    fn wadd(self, other: Self) -> Self;
    fn shl(self, n: u32) -> Self;
    /// The `n ≤ BITS` lowest bits set.
    fn low_bits(n: u32) -> Self;
    fn count_ones(self) -> u32;
}

/// The same implementation for each machine word the single-word path uses.
macro_rules! impl_word {
    ($($t:ty),*) => {$(
        impl Word for $t {
            const ZERO: Self = 0;
            const ONE: Self = 1;
            #[inline(always)]
            fn wadd(self, other: Self) -> Self {
                self.wrapping_add(other)
            }
            #[inline(always)]
            fn shl(self, n: u32) -> Self {
                self << n
            }
            #[inline(always)]
            fn low_bits(n: u32) -> Self {
                Self::MAX.checked_shr(Self::BITS - n).unwrap_or(0)
            }
            #[inline(always)]
            fn count_ones(self) -> u32 {
                <$t>::count_ones(self)
            }
        }
    )*};
}

impl_word!(u64, u128);

/// Hyyrö's formulation for a pattern of `1 ≤ m ≤ W::BITS` symbols; `masks`
/// yields the match mask of each of the `n` text symbols (the caller has
/// counted them already, so no step counts them again).
///
/// The state is the column of vertical deltas (VP/VN = +1/−1) of the DP
/// matrix. The bottom cell is not followed step by step: after the last text
/// symbol it is D[m][n] = D[0][n] + Σ vertical deltas = n + |VP| − |VN| over
/// the pattern's m rows, which keeps two tests off every step.
#[inline]
fn single_word<W: Word>(m: usize, n: usize, masks: impl Iterator<Item = W>) -> usize {
    let mut column = Column::new();
    for pm in masks {
        column.step(pm);
    }
    let rows = W::low_bits(m as u32);
    n + (column.vp & rows).count_ones() as usize - (column.vn & rows).count_ones() as usize
}

/// The vertical deltas of one DP column for a pattern of at most `W::BITS`
/// symbols: bit i of `vp` (`vn`) set iff D[i+1][j] − D[i][j] = +1 (−1).
#[derive(Clone, Copy)]
struct Column<W> {
    vp: W,
    vn: W,
}

impl<W: Word> Column<W> {
    /// Column 0: D[i][0] = i.
    fn new() -> Self {
        Column { vp: !W::ZERO, vn: W::ZERO }
    }

    /// Advances by one text symbol with match mask `pm`.
    #[inline(always)]
    fn step(&mut self, pm: W) {
        let (vp, vn) = (self.vp, self.vn);
        let d0 = ((pm & vp).wadd(vp) ^ vp) | pm | vn;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        // The top row is D[0][j] = j (global distance), hence the +1 carried in.
        let hp = hp.shl(1) | W::ONE;
        let hn = hn.shl(1);
        self.vp = hn | !(d0 | hp);
        self.vn = hp & d0;
    }
}

/// Multi-block version: horizontal deltas leaving the top bit of block k are
/// carried into block k+1 within the same text step (Myers' block scheme).
fn multi_block(peq: &[u64], vp: &mut [u64], vn: &mut [u64], m: usize, text: &[u32]) -> usize {
    let blocks = vp.len();
    let last_bit = (m - 1) % 64;
    let mut dist = m;
    // All blocks but the last pass on their top row's deltas; the last reports
    // the pattern's last row. Rows above it in the last block never reach a
    // lower row (additions and shifts only carry upwards), so they are left be.
    let (Some((vp_last, vp_inner)), Some((vn_last, vn_inner))) = (vp.split_last_mut(), vn.split_last_mut()) else {
        return m + text.len();
    };
    // A symbol without a row (not reachable: text ids are below the
    // alphabet) is one absent from the pattern: it still takes its step.
    let absent = vec![0u64; blocks];
    for &c in text {
        let row = c as usize * blocks;
        let masks = peq.get(row..row + blocks).unwrap_or(&absent);
        let (&pm_last, masks) = masks.split_last().unwrap_or((&0, &[]));
        let mut hp_carry = 1u64; // D[0][j] − D[0][j−1] = +1
        let mut hn_carry = 0u64;
        for ((&pm, v_p), v_n) in masks.iter().zip(vp_inner.iter_mut()).zip(vn_inner.iter_mut()) {
            let (hp, hn) = block_step(pm, v_p, v_n, hp_carry, hn_carry);
            hp_carry = hp >> 63;
            hn_carry = hn >> 63;
        }
        let (hp, hn) = block_step(pm_last, vp_last, vn_last, hp_carry, hn_carry);
        dist += ((hp >> last_bit) & 1) as usize;
        dist -= ((hn >> last_bit) & 1) as usize;
    }
    dist
}

/// One text step of one 64-row block: updates its vertical deltas and returns
/// its horizontal deltas (before the shift), given those carried in below.
#[inline(always)]
fn block_step(pm: u64, vp: &mut u64, vn: &mut u64, hp_carry: u64, hn_carry: u64) -> (u64, u64) {
    let (v_p, v_n) = (*vp, *vn);
    // A negative horizontal delta entering from below behaves like a match
    // at the block's first row.
    let x = pm | hn_carry;
    let d0 = (((x & v_p).wrapping_add(v_p)) ^ v_p) | x | v_n;
    let hp = v_n | !(d0 | v_p);
    let hn = d0 & v_p;
    let hp_s = (hp << 1) | hp_carry;
    let hn_s = (hn << 1) | hn_carry;
    *vp = hn_s | !(d0 | hp_s);
    *vn = hp_s & d0;
    (hp, hn)
}

#[cfg(test)]
mod tests {
    #[test]
    fn multi_block_steps_over_symbols_without_a_row() {
        // 150 pattern symbols (3 blocks) over ids 0..5; id 5 is in the
        // alphabet but not the pattern, id 99 is past the alphabet. Both are
        // absent characters and cost the same.
        let pattern: Vec<u32> = (0..150).map(|i| i % 5).collect();
        let text: Vec<u32> = (0..160).map(|i| if i % 7 == 0 { 5 } else { (i * 3) % 5 }).collect();
        let past: Vec<u32> = text.iter().map(|&c| if c == 5 { 99 } else { c }).collect();
        let mut core = super::Core::default();
        let want = core.distance(&pattern, &text, 6);
        assert_eq!(core.distance(&pattern, &past, 6), want);
        let as_chars = |v: &[u32]| v.iter().map(|&c| char::from(b'a' + c as u8)).collect::<String>();
        assert_eq!(want, strsim::levenshtein(&as_chars(&pattern), &as_chars(&text)));
    }

    use super::*;

    #[test]
    fn distance_and_counts_equal_plain_distance_and_chars_count() {
        // mostly common, mostly different, non-ASCII on both sides of the cut
        // (prefix and suffix), identical and empty texts
        let pairs = [
            ("Выберите клиента в списке клиентов", "Выберите клиентов в списке клиентов"),
            ("абв где", "xyz где"),
            ("合作伙伴中心", "合作伙伴门户"),
            ("same text", "same text"),
            ("", "abc"),
            ("a😀b", "a😃b"),
        ];
        for (a, b) in pairs {
            let (la, lb) = (a.chars().count(), b.chars().count());
            assert_eq!(char_distance_and_counts(a, b), (char_distance(a, b), la, lb), "{a:?} {b:?}");
            assert_eq!(char_distance_and_counts(b, a), (char_distance(a, b), lb, la), "{b:?} {a:?}");
        }
    }

    #[test]
    fn count_chars_equals_chars_count() {
        // Every length from 0 to 70 (short texts, whole 16-byte blocks, tails of
        // 1 to 15 bytes after them) for one- to four-byte characters at every
        // offset, continuation bytes straddling the block and tail edges, and
        // texts past 255 blocks (lane counters emptied before they overflow).
        let alphabets =
            ["a", "é", "合", "😀", "aé合😀", "é😀a", "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}"];
        for alphabet in alphabets {
            for skip in 0..4 {
                let text: String = alphabet.chars().cycle().skip(skip).take(200).collect();
                for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)).take_while(|&i| i <= 70) {
                    let s = &text[..end];
                    assert_eq!(count_chars(s), s.chars().count(), "{s:?}");
                }
            }
            for n in [1_000, 1_021, 1_360, 4_079, 4_080, 4_081, 10_000] {
                let s: String = alphabet.chars().cycle().take(n).collect();
                assert_eq!(count_chars(&s), n, "{alphabet:?} × {n}");
            }
        }
        // All continuation bytes in the lanes of a block and in the tail.
        let s = "é".repeat(4_100) + "x" + &"😀".repeat(3);
        assert_eq!(count_chars(&s), 4_104);
    }

    /// Plain O(nm) dynamic programming, the reference for the unit tests.
    fn naive<T: PartialEq>(a: &[T], b: &[T]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        let mut cur = vec![0; b.len() + 1];
        for (i, x) in a.iter().enumerate() {
            cur[0] = i + 1;
            for (j, y) in b.iter().enumerate() {
                let sub = prev[j] + usize::from(x != y);
                cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[b.len()]
    }

    fn naive_str(a: &str, b: &str) -> usize {
        naive(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>())
    }

    #[test]
    fn known_values() {
        assert_eq!(char_distance("kitten", "sitting"), 3);
        assert_eq!(char_distance("flaw", "lawn"), 2);
        assert_eq!(char_distance("saturday", "sunday"), 3);
        assert_eq!(char_distance("gumbo", "gambol"), 2);
        assert_eq!(char_distance("ab", "ba"), 2);
    }

    #[test]
    fn empty_and_identical() {
        assert_eq!(char_distance("", ""), 0);
        assert_eq!(char_distance("", "abc"), 3);
        assert_eq!(char_distance("абв", ""), 3);
        assert_eq!(char_distance("same text", "same text"), 0);
        let empty: [u8; 0] = [];
        assert_eq!(token_distance(&empty, &empty), 0);
        assert_eq!(token_distance(&["a", "b"], &[]), 2);
    }

    #[test]
    fn counts_scalar_values_not_bytes() {
        // CJK: 3 bytes per char in UTF-8, one edit each.
        assert_eq!(char_distance("合作伙伴中心", "合作伙伴门户"), 2);
        assert_eq!(char_distance("パートナー", "パートナーセンター"), 4);
        // Emoji outside the BMP; a ZWJ sequence is several scalars.
        assert_eq!(char_distance("a😀b", "a😃b"), 1);
        assert_eq!(char_distance("👩‍💻", "👩"), 2);
        // Decomposed é is two scalars: no normalisation happens here.
        assert_eq!(char_distance("\u{e9}", "e\u{301}"), 2);
        assert_eq!(char_distance("Привет", "привет"), 1);
        // Common UTF-8 bytes that are not whole characters: é = C3 A9,
        // ê = C3 AA, ũ = C5 A9 (shared lead byte / shared continuation byte).
        assert_eq!(char_distance("aé", "aê"), 1);
        assert_eq!(char_distance("éb", "ũb"), 1);
        assert_eq!(char_distance("xéy", "xũy"), 1);
    }

    #[test]
    fn block_boundaries() {
        let alphabet: Vec<char> = "abcdefgh".chars().collect();
        for &m in &[1usize, 2, 63, 64, 65, 127, 128, 129, 192, 200] {
            // Pattern without a common prefix/suffix so that all m symbols stay.
            let a: String = (0..m).map(|i| alphabet[(i * 7 + i / 3) % 8]).collect();
            let b: String = (0..m + 5).map(|i| alphabet[(i * 5 + 1) % 8]).collect();
            let a = format!("X{a}Y");
            let b = format!("Z{b}W");
            assert_eq!(char_distance(&a, &b), naive_str(&a, &b), "m={m}");
            // One substitution at the very end of a block.
            let mut c: Vec<char> = a.chars().collect();
            c[m] = 'Q';
            let c: String = c.into_iter().collect();
            assert_eq!(char_distance(&a, &c), 1, "m={m}");
            // Non-ASCII path with the same shape.
            let a2 = a.replace('a', "ä");
            let b2 = b.replace('b', "б");
            assert_eq!(char_distance(&a2, &b2), naive_str(&a2, &b2), "m={m}");
        }
    }

    #[test]
    fn long_inputs() {
        let a: String = (0..1500).map(|i: u32| char::from_u32(0x4E00 + (i * 7919) % 97).unwrap_or('x')).collect();
        let b: String = (0..1700).map(|i: u32| char::from_u32(0x4E00 + (i * 104_729) % 89).unwrap_or('y')).collect();
        assert_eq!(char_distance(&a, &b), naive_str(&a, &b));
        let x: String = "lorem ipsum dolor sit amet ".repeat(60);
        let y: String = "lorem ipsum dolor sat amet ".repeat(55);
        assert_eq!(char_distance(&x, &y), naive_str(&x, &y));
        assert_eq!(char_distance(&x, ""), x.len());
    }

    /// Deterministic pseudo-random text over `alphabet` (64-bit LCG).
    fn random_text(seed: &mut u64, alphabet: &[char], len: usize) -> Vec<char> {
        (0..len)
            .map(|_| {
                *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                alphabet[(*seed >> 33) as usize % alphabet.len()]
            })
            .collect()
    }

    #[test]
    fn every_path_equals_strsim() {
        // One-byte (direct table), two-byte (direct table), three- and four-byte
        // UTF-8 (hashed), and mixtures; the mixed CJK alphabet is large enough
        // for hash collisions. Pattern lengths around the u64/u128/multi-block
        // edges, texts from as long to much longer, far apart and near-identical.
        let cjk: Vec<char> = (0..300).filter_map(|i| char::from_u32(0x4E00 + i * 37)).collect();
        let alphabets: Vec<Vec<char>> = vec![
            "abcde .".chars().collect(),
            "абвгдеж é.".chars().collect(),
            "合作伙伴中心门户".chars().collect(),
            "😀😃🙂👩\u{200d}".chars().collect(),
            "aб合😀 .ü€".chars().collect(),
            cjk.iter().copied().chain("ab ".chars()).collect(),
        ];
        let mut seed = 7;
        for alphabet in &alphabets {
            for m in [1usize, 2, 7, 31, 63, 64, 65, 100, 127, 128, 129, 191, 192, 193, 300] {
                for extra in [0usize, 1, 9, 70] {
                    let a: String = random_text(&mut seed, alphabet, m).into_iter().collect();
                    let b: String = random_text(&mut seed, alphabet, m + extra).into_iter().collect();
                    // Near-identical: a few substitutions, an insertion and a deletion.
                    let mut c: Vec<char> = a.chars().collect();
                    for k in 0..1 + m / 40 {
                        let at = (k * 37 + 5) % c.len();
                        c[at] = alphabet[(k + 1) % alphabet.len()];
                    }
                    c.insert(m / 2, alphabet[0]);
                    c.remove(m / 3);
                    c.extend(random_text(&mut seed, alphabet, extra));
                    let c: String = c.into_iter().collect();
                    for (x, y) in [(&a, &b), (&b, &a), (&a, &c), (&c, &a)] {
                        let expected = strsim::levenshtein(x, y);
                        assert_eq!(char_distance(x, y), expected, "{x:?} {y:?}");
                        let (lx, ly) = (x.chars().count(), y.chars().count());
                        assert_eq!(char_distance_and_counts(x, y), (expected, lx, ly), "{x:?} {y:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn tables_are_emptied_between_calls() {
        // A pattern's entries must not leak into the next call's (direct,
        // hashed and id tables alike).
        let first = "абв合作😀xyz".repeat(40);
        for pattern_len in [10, 100, 200] {
            let p: String = first.chars().take(pattern_len).collect();
            let t: String = first.chars().rev().take(pattern_len + 3).collect();
            assert_eq!(char_distance(&p, &t), strsim::levenshtein(&p, &t));
            // A pattern with no character in common with the previous one, and a
            // text made of the previous pattern's characters: a leaked entry
            // would be a false match.
            let q: String = "ПРС中心🙂QW".chars().cycle().take(pattern_len).collect();
            let u: String = first.chars().take(pattern_len + 3).collect();
            assert_eq!(char_distance(&q, &u), pattern_len + 3);
        }
    }

    #[test]
    fn common_affix_lengths_equal_bytewise() {
        let texts = ["", "a", "abcdefgh", "abcdefghi", "abcdefgXi", "Xbcdefghijklmnopq", "abcdefghijklmnopq"];
        for a in texts {
            for b in texts {
                let (x, y) = (a.as_bytes(), b.as_bytes());
                let pre = x.iter().zip(y).take_while(|(p, q)| p == q).count();
                let suf = x.iter().rev().zip(y.iter().rev()).take_while(|(p, q)| p == q).count();
                assert_eq!(common_prefix_len(x, y), pre, "{a:?} {b:?}");
                assert_eq!(common_suffix_len(x, y), suf, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn tokens() {
        let a = ["the", "cat", "sat", "on", "the", "mat"];
        let b = ["the", "cat", "is", "on", "a", "mat"];
        assert_eq!(token_distance(&a, &b), 2);
        let long_a: Vec<u32> = (0..300).map(|i| (i * 31) % 17).collect();
        let long_b: Vec<u32> = (0..250).map(|i| (i * 13) % 19).collect();
        assert_eq!(token_distance(&long_a, &long_b), naive(&long_a, &long_b));
    }

    #[test]
    fn metric_scores() {
        let lev = Levenshtein;
        assert_eq!(lev.name(), "lev");
        let s = lev.stats("kitten", "sitting");
        assert_eq!(s.0, [3, 6, 7, 7]);
        assert!((lev.sentence_score(&s) - 300.0 / 7.0).abs() < 1e-12);
        assert_eq!(lev.sentence_score(&lev.stats("", "")), 0.0);
        assert_eq!(lev.sentence_score(&lev.stats("", "abc")), 100.0);
        assert_eq!(lev.corpus_score(&[]), 0.0);
        // Unbalanced in opposite directions: Σd / Σmax stays within 0–100, where
        // Σd / max(Σhyp, Σref) would give 200.
        let mut total = lev.stats("", "abcd");
        total += &lev.stats("wxyz", "");
        assert_eq!(lev.corpus_score(&total), 100.0);
    }
}
