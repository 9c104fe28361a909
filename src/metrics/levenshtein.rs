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
    distance_of_stripped(a, b, a.chars().count(), b.chars().count())
}

/// [`char_distance`] when the caller has counted the characters of `a` and
/// `b` already (the `lev` metric reports them): only the common prefix and
/// suffix are counted again, not the remaining texts.
fn char_distance_counted(a: &str, b: &str, a_chars: usize, b_chars: usize) -> usize {
    let (sa, sb) = strip_common_str(a, b);
    let removed_bytes = a.len() - sa.len();
    if removed_bytes > sa.len() + sb.len() {
        // Mostly common text: counting the short remainders is cheaper.
        return distance_of_stripped(sa, sb, sa.chars().count(), sb.chars().count());
    }
    // The same characters were stripped from both sides: count them once.
    let pre = sa.as_ptr() as usize - a.as_ptr() as usize;
    let removed = a[..pre].chars().count() + a[pre + sa.len()..].chars().count();
    distance_of_stripped(sa, sb, a_chars - removed, b_chars - removed)
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
        let hypothesis_chars = hypothesis.chars().count() as u64;
        let reference_chars = reference.chars().count() as u64;
        let distance =
            char_distance_counted(hypothesis, reference, hypothesis_chars as usize, reference_chars as usize) as u64;
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
struct Scratch {
    pat: Vec<u32>,
    txt: Vec<u32>,
    masks64: MaskMap<u64>,
    masks128: MaskMap<u128>,
    map: CharMap,
    core: Core,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch {
            pat: Vec::new(),
            txt: Vec::new(),
            masks64: MaskMap::default(),
            masks128: MaskMap::default(),
            map: CharMap::new(),
            core: Core::default(),
        }
    }
}

impl Scratch {
    /// Distance of two non-empty strings without a common prefix or suffix.
    fn char_distance(&mut self, a: &str, b: &str, la: usize, lb: usize) -> usize {
        // The shorter side is the bit-vector pattern: fewer words per step.
        let (pattern, text, m) = if la <= lb { (a, b, la) } else { (b, a, lb) };
        if pattern.is_ascii() {
            // ASCII pattern (code, URLs, English, or Latin text): the byte value
            // is already a dense id, so the match table is a plain array.
            if m <= 64 {
                return ascii_single::<u64>(pattern.as_bytes(), text);
            }
            if m <= 128 {
                return ascii_single::<u128>(pattern.as_bytes(), text);
            }
        }
        if m <= 64 {
            self.masks64.build(pattern, m);
            return single_word(m, text.chars().map(|c| self.masks64.get(c)));
        }
        if m <= 128 {
            self.masks128.build(pattern, m);
            return single_word(m, text.chars().map(|c| self.masks128.get(c)));
        }
        // Dense ids for the pattern's characters; every other character gets
        // the single "absent" id whose match mask is all zeros.
        self.map.reset(m);
        self.pat.clear();
        for c in pattern.chars() {
            let id = self.map.insert(c);
            self.pat.push(id);
        }
        let alphabet = self.map.len() as usize;
        let absent = alphabet as u32;
        self.txt.clear();
        for c in text.chars() {
            self.txt.push(self.map.get(c).unwrap_or(absent));
        }
        self.core.distance(&self.pat, &self.txt, alphabet + 1)
    }
}

/// Single-word kernel for an ASCII pattern of `m ≤ W::BITS` bytes.
fn ascii_single<W: Word>(pattern: &[u8], text: &str) -> usize {
    let mut peq = [W::ZERO; 128];
    for (p, &c) in pattern.iter().enumerate() {
        if let Some(x) = peq.get_mut(usize::from(c)) {
            *x = *x | W::ONE.shl(p as u32);
        }
    }
    // Non-ASCII text characters never match an ASCII pattern; bytes of a
    // multi-byte UTF-8 sequence are ≥ 0x80, so one mask per *char* is taken.
    let masks = text.chars().map(|c| {
        let i = c as usize;
        if i < 128 {
            peq[i]
        } else {
            W::ZERO
        }
    });
    single_word(pattern.len(), masks)
}

/// Open-addressing map `char → match mask` for a pattern of at most `W::BITS`
/// characters: one probe per text character yields its mask (zero when the
/// character is not in the pattern), with no dense id in between.
struct MaskMap<W> {
    keys: Vec<u32>,
    masks: Vec<W>,
    mask: usize,
}

impl<W> Default for MaskMap<W> {
    fn default() -> Self {
        MaskMap { keys: Vec::new(), masks: Vec::new(), mask: 0 }
    }
}

impl<W: Word> MaskMap<W> {
    /// Empties the map and enters the `m` characters of `pattern`, at load
    /// factor ≤ 1/8 so that most absent characters end at the first probe.
    fn build(&mut self, pattern: &str, m: usize) {
        let cap = (8 * m).next_power_of_two().max(64);
        if cap > self.keys.len() {
            self.keys = vec![EMPTY_KEY; cap];
            self.masks = vec![W::ZERO; cap];
        } else {
            self.keys[..cap].fill(EMPTY_KEY);
        }
        self.mask = cap - 1;
        for (p, c) in pattern.chars().enumerate() {
            let key = u32::from(c);
            let bit = W::ONE.shl(p as u32);
            let mut i = char_slot(key, self.mask);
            loop {
                let k = self.keys[i];
                if k == EMPTY_KEY {
                    self.keys[i] = key;
                    self.masks[i] = bit;
                    break;
                }
                if k == key {
                    self.masks[i] = self.masks[i] | bit;
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
    }

    #[inline]
    fn get(&self, c: char) -> W {
        let key = u32::from(c);
        let mut i = char_slot(key, self.mask);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.masks[i];
            }
            if k == EMPTY_KEY {
                return W::ZERO;
            }
            i = (i + 1) & self.mask;
        }
    }
}

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
    let mut pre = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // Equal bytes up to `pre` and both strings valid UTF-8: backing off to a
    // char boundary of `a` is a boundary of `b` too.
    while !a.is_char_boundary(pre) {
        pre -= 1;
    }
    let (a, b) = (&a[pre..], &b[pre..]);
    let mut suf = a.bytes().rev().zip(b.bytes().rev()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(a.len() - suf) {
        suf -= 1;
    }
    (&a[..a.len() - suf], &b[..b.len() - suf])
}

/// Small open-addressing hash map `char → dense id`, cheaper than `HashMap`
/// with SipHash for the per-character lookups of the text.
struct CharMap {
    keys: Vec<u32>,
    vals: Vec<u32>,
    mask: usize,
    len: u32,
}

/// Not a Unicode scalar value, so it can mark empty slots.
const EMPTY_KEY: u32 = u32::MAX;

impl CharMap {
    fn new() -> Self {
        CharMap { keys: vec![EMPTY_KEY; 16], vals: vec![0; 16], mask: 15, len: 0 }
    }

    /// Empties the map and makes room for `n` keys at load factor ≤ 1/8: most
    /// lookups are of text characters absent from the pattern, and a sparse
    /// table ends those at the first probe.
    fn reset(&mut self, n: usize) {
        let cap = (8 * n).next_power_of_two().max(64);
        if cap > self.keys.len() {
            self.keys = vec![EMPTY_KEY; cap];
            self.vals = vec![0; cap];
        } else {
            // Only the first `cap` slots are used: emptying all of them after one
            // long pattern grew the table cost a 64 KB memset per pair (21% of
            // `lqa score -m lev`).
            self.keys[..cap].fill(EMPTY_KEY);
        }
        self.mask = cap - 1;
        self.len = 0;
    }

    fn len(&self) -> u32 {
        self.len
    }

    #[inline]
    fn slot(&self, c: u32) -> usize {
        char_slot(c, self.mask)
    }

    /// Id of `c`, inserting it with the next free id if new.
    fn insert(&mut self, c: char) -> u32 {
        let key = u32::from(c);
        let mut i = self.slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.vals[i];
            }
            if k == EMPTY_KEY {
                self.keys[i] = key;
                self.vals[i] = self.len;
                self.len += 1;
                return self.vals[i];
            }
            i = (i + 1) & self.mask;
        }
    }

    #[inline]
    fn get(&self, c: char) -> Option<u32> {
        let key = u32::from(c);
        let mut i = self.slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(self.vals[i]);
            }
            if k == EMPTY_KEY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
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
            single_word(m, text.iter().map(|&c| peq.get(c as usize).copied().unwrap_or(0)))
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
    fn is_zero(self) -> bool;
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
            fn is_zero(self) -> bool {
                self == 0
            }
        }
    )*};
}

impl_word!(u64, u128);

/// Hyyrö's formulation for a pattern of `1 ≤ m ≤ W::BITS` symbols; `masks`
/// yields the match mask of each text symbol.
///
/// The state is the column of vertical deltas (VP/VN = +1/−1) of the DP
/// matrix; `dist` follows the bottom cell, i.e. D[m][j].
#[inline]
fn single_word<W: Word>(m: usize, masks: impl Iterator<Item = W>) -> usize {
    let mut vp = !W::ZERO;
    let mut vn = W::ZERO;
    let mut dist = m;
    let last = W::ONE.shl((m - 1) as u32);
    for pm in masks {
        let d0 = ((pm & vp).wadd(vp) ^ vp) | pm | vn;
        let mut hp = vn | !(d0 | vp);
        let mut hn = d0 & vp;
        dist += usize::from(!(hp & last).is_zero());
        dist -= usize::from(!(hn & last).is_zero());
        // The top row is D[0][j] = j (global distance), hence the +1 carried in.
        hp = hp.shl(1) | W::ONE;
        hn = hn.shl(1);
        vp = hn | !(d0 | hp);
        vn = hp & d0;
    }
    dist
}

/// Multi-block version: horizontal deltas leaving the top bit of block k are
/// carried into block k+1 within the same text step (Myers' block scheme).
fn multi_block(peq: &[u64], vp: &mut [u64], vn: &mut [u64], m: usize, text: &[u32]) -> usize {
    let blocks = vp.len();
    let last_bit = (m - 1) % 64;
    let mut dist = m;
    for &c in text {
        let row = c as usize * blocks;
        let masks = peq.get(row..row + blocks);
        let mut hp_carry = 1u64; // D[0][j] − D[0][j−1] = +1
        let mut hn_carry = 0u64;
        for k in 0..blocks {
            let pm = masks.map_or(0, |r| r[k]);
            let v_p = vp[k];
            let v_n = vn[k];
            // A negative horizontal delta entering from below behaves like a match
            // at the block's first row.
            let x = pm | hn_carry;
            let d0 = (((x & v_p).wrapping_add(v_p)) ^ v_p) | x | v_n;
            let hp = v_n | !(d0 | v_p);
            let hn = d0 & v_p;
            let (out_p, out_n) =
                if k + 1 < blocks { (hp >> 63, hn >> 63) } else { ((hp >> last_bit) & 1, (hn >> last_bit) & 1) };
            let hp_s = (hp << 1) | hp_carry;
            let hn_s = (hn << 1) | hn_carry;
            hp_carry = out_p;
            hn_carry = out_n;
            vp[k] = hn_s | !(d0 | hp_s);
            vn[k] = hp_s & d0;
        }
        dist += hp_carry as usize;
        dist -= hn_carry as usize;
    }
    dist
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_distance_equals_plain_on_both_branches() {
        // mostly common (remainders counted), mostly different (stripped part counted),
        // non-ASCII on both sides of the cut, identical and empty texts
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
            assert_eq!(char_distance_counted(a, b, la, lb), char_distance(a, b), "{a:?} {b:?}");
            assert_eq!(char_distance_counted(b, a, lb, la), char_distance(a, b), "{b:?} {a:?}");
        }
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
