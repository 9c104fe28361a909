//! TER (translation edit rate) as sacreBLEU 2.6.0 computes it, with its four
//! tokeniser options; identical statistics and scores.
//!
//! What it does: tokenises like sacreBLEU's `TercomTokenizer` (`rstrip`,
//! Python `lower` unless case-sensitive, then optionally tercom's
//! normalisation, its Asian-script splitting and punctuation removal, then
//! Python `split`, through `pytext`), interns the words of one pair to `u32`
//! ids and runs [`ter_align`](crate::metrics::ter_align); additionally exposes
//! the edit operations (insertions, deletions, substitutions, shifts) that
//! sacreBLEU does not report. The default settings (sacreBLEU's `TER()`) take
//! a fused tokenise-and-intern fast path.
//!
//! With `normalized` (tercom's `Normalizer.java` as sacreBLEU ports it):
//! `\n-` is dropped and `\n` becomes a space; `&quot; &amp; &lt; &gt;` are
//! decoded; ASCII punctuation and symbols other than `' - . ,` are padded
//! with spaces; `'s ` is split off; `.` and `,` are split unless between
//! digits; `-` after a digit is split. With `asian_support` as well, every
//! CJK ideograph (and CJK stroke, radical and compatibility character), and
//! CJK and full-width punctuation, becomes its own word — so TER of Chinese
//! and Japanese counts characters, not the one or two space-separated
//! "words" of a sentence. Kana runs are not split: sacreBLEU's kana rules are
//! anchored at the start of a string that always begins with a space there,
//! so they never apply; this module reproduces that, as it reproduces the
//! range `U+3200..U+3F22` that sacreBLEU calls "Enclosed CJK Letters".
//!
//! What it does not do: no multiple references, no Unicode normalisation
//! (sacreBLEU does none either; NFC and NFD spellings of a word are different
//! words here exactly as there).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::metrics::pytext::{is_py_whitespace, py_lower, py_rstrip, py_split};
use crate::metrics::ter_align::{Alignment, EditOp, Shift, TerAligner};
use crate::metrics::Metric;

/// sacreBLEU's signature for `TER()` (default settings) with one reference.
pub const TER_SIGNATURE: &str = "TER|nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0";

/// TER as a [`Metric`] (name `ter`) with sacreBLEU's `TER(...)` options,
/// statistics `[num_edits, ref_length]` where `ref_length` is the number of
/// reference words.
///
/// Score (sentence and corpus, from summed statistics): `100 · edits /
/// ref_length`; with `ref_length = 0` it is 100 if there are edits and 0
/// otherwise, as in sacreBLEU. Lower is better; it can exceed 100.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ter {
    /// tercom's normalisation (punctuation split off, entities decoded).
    pub normalized: bool,
    /// Drop the punctuation `.,?:;!"()` (and with `asian_support` CJK and full-width punctuation).
    pub no_punct: bool,
    /// Split CJK ideographs and punctuation into words (with `normalized`; alone it only widens `no_punct`).
    pub asian_support: bool,
    /// Do not lowercase.
    pub case_sensitive: bool,
}

impl Ter {
    /// sacreBLEU's default `TER()`.
    pub const DEFAULT: Ter = Ter { normalized: false, no_punct: false, asian_support: false, case_sensitive: false };
    /// `TER(normalized=True, asian_support=True)`, for languages written without spaces between words.
    pub const ASIAN: Ter = Ter { normalized: true, asian_support: true, ..Ter::DEFAULT };

    /// The metric with sacreBLEU's default TER settings.
    pub fn new() -> Self {
        Ter::DEFAULT
    }

    /// TER edit counts of one pair.
    pub fn edits(&self, hypothesis: &str, reference: &str) -> TerEdits {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => s.edits(self, hypothesis, reference),
            // Not reachable (no re-entrancy), but never panic.
            Err(_) => Scratch::default().edits(self, hypothesis, reference),
        })
    }

    /// The hypothesis words sacreBLEU's TER compares: its tokeniser, then Python `split`.
    pub fn tokenize(&self, sentence: &str) -> Vec<String> {
        if *self == Ter::DEFAULT {
            let mut lowered = String::new();
            lower_into(py_rstrip(sentence), &mut lowered);
            return lowered.split(is_py_whitespace).filter(|w| !w.is_empty()).map(str::to_string).collect();
        }
        py_split(&self.preprocess(sentence)).map(str::to_string).collect()
    }

    /// The text whose Python `split` gives [`Ter::reference_words`] (not for [`Ter::DEFAULT`]'s fast path).
    fn reference_text(&self, sentence: &str) -> String {
        if self.normalized {
            self.preprocess(&self.preprocess(sentence))
        } else {
            self.preprocess(sentence)
        }
    }

    /// The reference words. sacreBLEU 2.6.0 runs the tokeniser over each
    /// reference twice (when it caches the references, and again when TER
    /// takes their words); tercom's normalisation is not idempotent
    /// (`,,3` → `, ,3` → `, , 3`), so with `normalized` that is what it compares.
    pub fn reference_words(&self, sentence: &str) -> Vec<String> {
        if !self.normalized {
            return self.tokenize(sentence);
        }
        py_split(&self.reference_text(sentence)).map(str::to_string).collect()
    }

    /// sacreBLEU's `TER._preprocess_segment`: the tokeniser on the right-stripped text.
    fn preprocess(&self, sentence: &str) -> String {
        let mut lowered = String::new();
        let text = py_rstrip(sentence);
        let text = if self.case_sensitive {
            text
        } else {
            lower_into(text, &mut lowered);
            &lowered
        };
        let mut text = if self.normalized { normalize(text, self.asian_support) } else { text.to_string() };
        if self.no_punct {
            text.retain(|c| !is_removed_punct(c, self.asian_support));
        }
        text
    }

    /// Like [`Ter::edits`], also returning the words, shifts and operations.
    pub fn alignment(&self, hypothesis: &str, reference: &str) -> TerAlignment {
        let hyp = self.tokenize(hypothesis);
        let rf = self.reference_words(reference);
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut vocab: Vec<&str> = Vec::new();
        let mut ref_ids: Vec<u32> = Vec::with_capacity(rf.len());
        let mut hyp_ids: Vec<u32> = Vec::with_capacity(hyp.len());
        for (words, out) in [(&rf, &mut ref_ids), (&hyp, &mut hyp_ids)] {
            for w in words.iter() {
                let id = *ids.entry(w.as_str()).or_insert_with(|| {
                    vocab.push(w.as_str());
                    vocab.len() as u32 - 1
                });
                out.push(id);
            }
        }
        let Alignment { counts, shifts, shifted_hypothesis, ops } = TerAligner::new().align(&hyp_ids, &ref_ids);
        let shifted_hypothesis = shifted_hypothesis
            .iter()
            .map(|&id| vocab.get(id as usize).copied().unwrap_or_default().to_string())
            .collect();
        TerAlignment {
            edits: TerEdits {
                insertions: counts.insertions,
                deletions: counts.deletions,
                substitutions: counts.substitutions,
                shifts: counts.shifts,
                ref_length: rf.len(),
                hyp_length: hyp.len(),
            },
            hypothesis: hyp,
            reference: rf,
            shifts,
            shifted_hypothesis,
            ops,
        }
    }
}

impl Metric for Ter {
    fn name(&self) -> &'static str {
        "ter"
    }

    fn signature(&self) -> String {
        let yes = |b: bool| if b { "yes" } else { "no" };
        format!(
            "TER|nrefs:1|case:{}|tok:tercom|norm:{}|punct:{}|asian:{}|version:2.6.0",
            if self.case_sensitive { "mixed" } else { "lc" },
            yes(self.normalized),
            yes(!self.no_punct),
            yes(self.asian_support)
        )
    }

    fn stats_len(&self) -> usize {
        2
    }

    fn push_stats(&self, hypothesis: &str, reference: &str, out: &mut Vec<u64>) {
        let e = self.edits(hypothesis, reference);
        out.extend_from_slice(&[e.num_edits() as u64, e.ref_length as u64]);
    }

    fn corpus_score(&self, total: &[u64]) -> f64 {
        let get = |i: usize| total.get(i).copied().unwrap_or(0);
        ter_score(get(0), get(1))
    }
}

/// sacreBLEU's `_normalize_general_and_western`, then (with `asian`)
/// `_normalize_asian`, then its whitespace collapsing, on lowered (or cased) text.
/// Each step is the regular expression's left-to-right, non-overlapping
/// substitution; the result is split at Python whitespace.
///
/// The western steps run on bytes: their patterns are ASCII, and a
/// multi-byte character is never a digit, `.`, `,`, `-` or `'`, so matching
/// its bytes one by one finds exactly the matches the characters give (the
/// spaces go between whole characters, and the text stays UTF-8).
fn normalize(text: &str, asian: bool) -> String {
    let mut text = std::borrow::Cow::Borrowed(text);
    if text.contains('\n') {
        text = text.replace("\n-", "").replace('\n', " ").into();
    }
    if text.contains('&') {
        text = text.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").into();
    }
    // f" {sent} ", then every character of [{-~[-` -&(-+:-@/] (the two added
    // spaces included) padded with spaces.
    let mut a: Vec<u8> = Vec::with_capacity(2 * text.len() + 8);
    for &c in b" ".iter().chain(text.as_bytes()).chain(b" ") {
        if matches!(c, b'{'..=b'~' | b'['..=b'`' | b' '..=b'&' | b'('..=b'+' | b':'..=b'@' | b'/') {
            a.extend([b' ', c, b' ']);
        } else {
            a.push(c);
        }
    }
    let mut b: Vec<u8> = Vec::with_capacity(a.len() + a.len() / 2);
    // Possessives: "'s " → " 's "; `'s$` never matches, as the text now ends with a space.
    let mut i = 0;
    while i < a.len() {
        if a[i..].starts_with(b"'s ") {
            b.extend_from_slice(b" 's ");
            i += 3;
        } else {
            b.push(a[i]);
            i += 1;
        }
    }
    let digit = |c: u8| c.is_ascii_digit();
    let period = |c: u8| c == b'.' || c == b',';
    // ([^0-9])([\.,]) → "\1 \2 ", ([\.,])([^0-9]) → " \1 \2", ([0-9])(-) → "\1 \2 ".
    substitute_pairs(&b, &mut a, |x, y| !digit(x) && period(y), |out, x, y| out.extend([x, b' ', y, b' ']));
    substitute_pairs(&a, &mut b, |x, y| period(x) && !digit(y), |out, x, y| out.extend([b' ', x, b' ', y]));
    substitute_pairs(&b, &mut a, |x, y| digit(x) && y == b'-', |out, x, y| out.extend([x, b' ', y, b' ']));
    let text = String::from_utf8_lossy(&a);
    // Whitespace collapsed, and (Asian) the single characters padded: one class
    // after another pads them as their union padded once (the kana rules in
    // between never match).
    let mut out = String::with_capacity(2 * text.len());
    let mut space = false;
    for c in text.chars() {
        if is_py_whitespace(c) {
            space = true;
            continue;
        }
        let alone = asian && (is_cjk_split(c) || is_asian_punct(c));
        if (space || alone) && !out.is_empty() {
            out.push(' ');
        }
        out.push(c);
        space = alone;
    }
    out
}

/// One `re.sub` of a two-byte pattern: scanning left to right, each
/// non-overlapping pair `(x, y)` that `matches` is replaced by what `write`
/// writes, into `out` (cleared first).
fn substitute_pairs(
    text: &[u8],
    out: &mut Vec<u8>,
    matches: impl Fn(u8, u8) -> bool,
    write: impl Fn(&mut Vec<u8>, u8, u8),
) {
    out.clear();
    let mut i = 0;
    while i < text.len() {
        match text.get(i + 1) {
            Some(&y) if matches(text[i], y) => {
                write(out, text[i], y);
                i += 2;
            }
            _ => {
                out.push(text[i]);
                i += 1;
            }
        }
    }
}

/// The characters sacreBLEU's `_normalize_asian` splits off one by one: CJK
/// unified ideographs and extension A, strokes, radicals, compatibility
/// characters and ideographs and forms, and `U+3200..=U+3F22`.
fn is_cjk_split(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{31c0}'..='\u{31ef}' | '\u{2e80}'..='\u{2eff}'
        | '\u{3300}'..='\u{33ff}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{3200}'..='\u{3f22}')
}

/// sacreBLEU's `ASIAN_PUNCT` and `FULL_WIDTH_PUNCT` classes.
fn is_asian_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}' | '\u{3002}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301f}' | '\u{ff61}'..='\u{ff65}'
        | '\u{30fb}' | '\u{ff0e}' | '\u{ff0c}' | '\u{ff1f}' | '\u{ff1a}' | '\u{ff1b}' | '\u{ff01}'
        | '\u{ff02}' | '\u{ff08}' | '\u{ff09}')
}

/// What `no_punct` removes: `[\.,\?:;!\"\(\)]`, and with `asian` the Asian and full-width punctuation.
fn is_removed_punct(c: char, asian: bool) -> bool {
    matches!(c, '.' | ',' | '?' | ':' | ';' | '!' | '"' | '(' | ')') || (asian && is_asian_punct(c))
}

/// sacreBLEU's `TER._compute_score_from_stats`, bit for bit:
/// `100 * (edits / ref_length)`, or 100 / 0 for an empty reference.
pub fn ter_score(num_edits: u64, ref_length: u64) -> f64 {
    if ref_length > 0 {
        100.0 * (num_edits as f64 / ref_length as f64)
    } else if num_edits > 0 {
        100.0
    } else {
        0.0
    }
}

/// The edit operations behind one TER score. Insertions are reference words
/// missing from the (shifted) hypothesis, deletions are hypothesis words not
/// in the reference; `num_edits()` equals sacreBLEU's `num_edits`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TerEdits {
    pub insertions: usize,
    pub deletions: usize,
    pub substitutions: usize,
    pub shifts: usize,
    /// Number of reference words after tokenisation.
    pub ref_length: usize,
    /// Number of hypothesis words after tokenisation.
    pub hyp_length: usize,
}

impl TerEdits {
    /// Shifts plus the final edit distance (sacreBLEU's `num_edits`).
    pub fn num_edits(&self) -> usize {
        self.insertions + self.deletions + self.substitutions + self.shifts
    }

    /// Sentence TER on sacreBLEU's 0–100+ scale.
    pub fn score(&self) -> f64 {
        ter_score(self.num_edits() as u64, self.ref_length as u64)
    }
}

/// TER edit counts of one pair with sacreBLEU's default settings ([`Ter::DEFAULT`]).
pub fn ter_edits(hypothesis: &str, reference: &str) -> TerEdits {
    Ter::DEFAULT.edits(hypothesis, reference)
}

/// A TER alignment in words, for reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TerAlignment {
    pub edits: TerEdits,
    /// Tokenised (lowercased) hypothesis and reference.
    pub hypothesis: Vec<String>,
    pub reference: Vec<String>,
    /// Shifts in application order (positions refer to the hypothesis as it
    /// was before each shift).
    pub shifts: Vec<Shift>,
    /// The hypothesis after all shifts.
    pub shifted_hypothesis: Vec<String>,
    /// Operations turning `shifted_hypothesis` into `reference`.
    pub ops: Vec<EditOp>,
}

/// Like [`ter_edits`], also returning the words, shifts and operations.
pub fn ter_alignment(hypothesis: &str, reference: &str) -> TerAlignment {
    Ter::DEFAULT.alignment(hypothesis, reference)
}

/// sacreBLEU's TER tokenisation with default settings:
/// `' '.join(sent.rstrip().lower().split()).split()`.
pub fn tokenize(sentence: &str) -> Vec<String> {
    Ter::DEFAULT.tokenize(sentence)
}

/// Python `str.lower` into a reusable buffer (same result as
/// [`py_lower`]), with fast paths: ASCII strings are lowered in place, and
/// characters of blocks without case mappings are copied without the
/// Unicode table lookup.
fn lower_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    if s.contains('\u{3a3}') {
        // Capital sigma lowers to σ or final ς depending on its neighbours;
        // leave the context rule to the full implementation.
        out.push_str(&py_lower(s));
        return;
    }
    for c in s.chars() {
        match lower_simple(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// The lowercase of `c` when it is a single character that can be computed
/// without the Unicode tables (ASCII, Latin-1, basic Cyrillic, caseless
/// blocks); `None` means "ask `char::to_lowercase`". Checked exhaustively
/// against `char::to_lowercase` in the tests. Not for capital sigma in
/// context (callers handle Σ separately).
#[inline]
fn lower_simple(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A => u + 0x20,
        0..=0x7F => u,
        _ if is_caseless_block(c) => u,
        _ => lower_latin1_cyrillic(u)?,
    };
    char::from_u32(l)
}

/// The lowercase of a Latin-1 (U+0080..U+00FF) or basic Cyrillic
/// (U+0400..U+045F) character, again one such character; `None` outside
/// these ranges.
#[inline(always)]
fn lower_latin1_cyrillic(u: u32) -> Option<u32> {
    match u {
        // Latin-1: À..Þ except × lower by 0x20; the rest maps to itself.
        0xC0..=0xD6 | 0xD8..=0xDE => Some(u + 0x20),
        0x80..=0xFF => Some(u),
        // Basic Cyrillic: Ѐ..Џ → ѐ..џ, А..Я → а..я, а..џ unchanged.
        0x400..=0x40F => Some(u + 0x50),
        0x410..=0x42F => Some(u + 0x20),
        0x430..=0x45F => Some(u),
        _ => None,
    }
}

/// Blocks where no character has a lowercase mapping (checked exhaustively
/// in the tests): general punctuation, CJK radicals to CJK unified
/// ideographs (incl. kana, Hangul compatibility jamo, CJK symbols), Hangul
/// syllables, CJK compatibility ideographs.
fn is_caseless_block(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}' | '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}')
}

/// The lowercase of the two-byte character `c` (U+0080..U+07FF) when it is
/// a Latin-1 or basic Cyrillic character other than Python whitespace (U+0085,
/// U+00A0): again a two-byte character. `None` sends `c` to the general path.
#[inline(always)]
fn lower_two_byte(c: u32) -> Option<u32> {
    match c {
        0x85 | 0xA0 => None,
        _ => lower_latin1_cyrillic(c),
    }
}

/// True for a three-byte character (its UTF-8 bytes) of the caseless blocks
/// that is not Python whitespace: it is its own lowercase and continues a
/// word. Most such text is CJK or Hangul, told by the lead byte alone: E3–E9
/// is U+3000..U+9FFF (of which only U+3000 is whitespace), EB and EC are
/// Hangul syllables.
#[inline(always)]
fn is_caseless_non_space(b: &[u8]) -> bool {
    match b {
        [0xE3, b1, b2] => *b1 != 0x80 || *b2 != 0x80,
        [0xE4..=0xE9 | 0xEB | 0xEC, _, _] => true,
        [b0, b1, b2] => {
            let c = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            char::from_u32(c).is_some_and(|c| is_caseless_block(c) && !is_py_whitespace(c))
        }
        _ => false,
    }
}

/// The little-endian `u64` at `bytes[i..i + 8]` (which must exist).
#[inline(always)]
fn u64_at(bytes: &[u8], i: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&bytes[i..i + 8]);
    u64::from_le_bytes(x)
}

/// The little-endian `u32` at `bytes[i..i + 4]` (which must exist).
#[inline(always)]
fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let mut x = [0u8; 4];
    x.copy_from_slice(&bytes[i..i + 4]);
    u32::from_le_bytes(x)
}

/// For the 8 bytes of `x` (little-endian, so the first byte is lowest):
/// `x` with ASCII capitals lowered, and how many leading bytes are printable
/// ASCII other than space (0x21..=0x7F), i.e. continue the current word
/// without needing the per-character path. Bytes from the first other one on
/// are lowered too, but the caller ignores them.
#[inline(always)]
fn ascii_word_run(x: u64) -> (u64, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    // For 7-bit bytes y, y + k sets the high bit exactly when y ≥ 0x80 − k,
    // and never carries into the next byte (y + k ≤ 0x7F + 0x5F).
    let at_least = |k: u64| low7.wrapping_add(k * ONES) & HIGH;
    let ascii = !x & HIGH;
    let stop = (x & HIGH) | (!at_least(0x80 - 0x21) & HIGH);
    let upper = at_least(0x80 - 0x41) & !at_least(0x80 - 0x5B) & ascii;
    ((x | (upper >> 2)), (stop.trailing_zeros() / 8) as usize)
}

thread_local! {
    // One set of buffers per thread: tokenising, interning and aligning a
    // pair then allocates nothing in the steady state.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[derive(Default)]
struct Scratch {
    hyp_ids: Vec<u32>,
    ref_ids: Vec<u32>,
    interner: Interner,
    aligner: TerAligner,
}

impl Scratch {
    fn edits(&mut self, ter: &Ter, hypothesis: &str, reference: &str) -> TerEdits {
        let fast = *ter == Ter::DEFAULT;
        if hypothesis == reference {
            // No edit and no shift (11% of the benchmark pairs, and every
            // relabel-only document in a scan): only the words are counted.
            if fast || !ter.normalized {
                let words = if fast { py_split(reference).count() } else { ter.tokenize(reference).len() };
                return TerEdits { ref_length: words, hyp_length: words, ..TerEdits::default() };
            }
        }
        self.interner.clear();
        if fast {
            self.interner.tokenize_into(reference, &mut self.ref_ids);
            self.interner.tokenize_into(hypothesis, &mut self.hyp_ids);
        } else {
            // Words interned straight from the normalised texts: no string per word.
            let texts =
                [(ter.reference_text(reference), &mut self.ref_ids), (ter.preprocess(hypothesis), &mut self.hyp_ids)];
            for (text, ids) in texts {
                ids.clear();
                for word in py_split(&text) {
                    ids.push(self.interner.intern(word));
                }
            }
            if self.hyp_ids == self.ref_ids {
                let words = self.ref_ids.len();
                return TerEdits { ref_length: words, hyp_length: words, ..TerEdits::default() };
            }
        }
        let counts = self.aligner.edit_counts(&self.hyp_ids, &self.ref_ids);
        TerEdits {
            insertions: counts.insertions,
            deletions: counts.deletions,
            substitutions: counts.substitutions,
            shifts: counts.shifts,
            ref_length: self.ref_ids.len(),
            hyp_length: self.hyp_ids.len(),
        }
    }
}

/// Open-addressing string interner. Keys are copied into one byte buffer so
/// that the table owns no per-word allocations and can be reused.
#[derive(Default)]
struct Interner {
    /// Keys at `bytes[..used]`; the rest is scratch room for the next words.
    bytes: Vec<u8>,
    used: usize,
    /// (hash, start, len, id); `len == u32::MAX` marks an empty slot.
    slots: Vec<(u64, u32, u32, u32)>,
    count: u32,
}

const EMPTY: (u64, u32, u32, u32) = (0, 0, u32::MAX, 0);

impl Interner {
    fn clear(&mut self) {
        self.used = 0;
        self.slots.clear();
        self.slots.resize(64, EMPTY);
        self.count = 0;
    }

    fn hash(w: &[u8]) -> u64 {
        // FxHash-style word-at-a-time mixing: fast, and collisions are resolved
        // by comparing bytes anyway. The last (partial) word is read with
        // overlapping loads instead of being copied into a zeroed buffer: a
        // byte copy followed by a wide load stalls store forwarding.
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mix = |h: u64, x: u64| (h.rotate_left(5) ^ x).wrapping_mul(K);
        let n = w.len();
        let mut h = n as u64;
        let mut chunks = w.chunks_exact(8);
        for c in &mut chunks {
            h = mix(h, u64_at(c, 0));
        }
        let tail = match n {
            0 => 0,
            1..=3 => {
                let b = |i: usize| u64::from(w[i]);
                b(0) | b(n / 2) << 8 | b(n - 1) << 16
            }
            4..=7 => u64::from(u32_at(w, 0)) | u64::from(u32_at(w, n - 4)) << 32,
            _ if chunks.remainder().is_empty() => return h ^ (h >> 29),
            _ => u64_at(w, n - 8),
        };
        h = mix(h, tail);
        h ^ (h >> 29)
    }

    /// sacreBLEU's tokenisation of `sentence` (see [`tokenize`]) straight
    /// into word ids: lowering, splitting and interning in one pass, each
    /// character lowered directly into the key buffer.
    ///
    /// Lowering never turns whitespace into non-whitespace or back, so
    /// splitting the original at Python whitespace and lowering each word
    /// gives the words of `lower()` then `split()`, except for the
    /// context-dependent capital sigma, which takes the full path.
    ///
    /// Runs of printable ASCII are lowered 8 bytes at a time (SWAR); every
    /// other byte takes the per-character path.
    fn tokenize_into(&mut self, sentence: &str, ids: &mut Vec<u32>) {
        ids.clear();
        let text = py_rstrip(sentence);
        let s = text.as_bytes();
        if self.slots.is_empty() {
            self.clear();
        }
        // Scratch room after the stored keys: lowering grows a character by
        // at most half (İ: 2 bytes → i̇: 3), and 8-byte stores may overshoot.
        self.reserve_scratch(2 * s.len() + 8);
        let mut w = self.used; // write position of the current word's next byte
        let mut start = w;
        let mut i = 0;
        while i < s.len() {
            let mut b = s[i];
            if b < 0x80 {
                if i + 8 <= s.len() {
                    let (lowered, run) = ascii_word_run(u64_at(s, i));
                    self.bytes[w..w + 8].copy_from_slice(&lowered.to_le_bytes());
                    w += run;
                    i += run;
                    if run == 8 {
                        continue;
                    }
                    b = s[i];
                    if b >= 0x80 {
                        continue;
                    }
                }
                i += 1;
                // ASCII whitespace for Python: \t \n \v \f \r, U+001C..U+001F, space.
                if matches!(b, b'\t'..=b'\r' | 0x1c..=0x20) {
                    if w > start {
                        ids.push(self.intern_span(start, &mut w));
                    }
                    start = w;
                } else {
                    self.bytes[w] = b.to_ascii_lowercase();
                    w += 1;
                }
                continue;
            }
            // Two- and three-byte characters that are not whitespace and
            // lower without the Unicode tables (Latin-1, basic Cyrillic, the
            // caseless blocks: most non-ASCII text here) are decoded and
            // re-encoded by hand.
            if b < 0xE0 {
                let c = (u32::from(b & 0x1F) << 6) | u32::from(s[i + 1] & 0x3F);
                if let Some(l) = lower_two_byte(c) {
                    self.bytes[w] = 0xC0 | (l >> 6) as u8;
                    self.bytes[w + 1] = 0x80 | (l & 0x3F) as u8;
                    w += 2;
                    i += 2;
                    continue;
                }
            } else if b < 0xF0 {
                let bytes = &s[i..i + 3];
                if is_caseless_non_space(bytes) {
                    self.bytes[w..w + 3].copy_from_slice(bytes);
                    w += 3;
                    i += 3;
                    continue;
                }
            }
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else { break };
            i += c.len_utf8();
            if is_py_whitespace(c) {
                if w > start {
                    ids.push(self.intern_span(start, &mut w));
                }
                start = w;
            } else if let Some(l) = lower_simple(c) {
                w += l.encode_utf8(&mut self.bytes[w..w + 4]).len();
            } else if c == '\u{3a3}' {
                // Capital sigma lowers by context: start over with the full
                // lowering. The words interned so far keep their ids, and
                // are found again in the same order.
                self.used = start;
                ids.clear();
                let lowered = py_lower(text);
                for word in lowered.split(is_py_whitespace).filter(|w| !w.is_empty()) {
                    ids.push(self.intern(word));
                }
                return;
            } else {
                for l in c.to_lowercase() {
                    w += l.encode_utf8(&mut self.bytes[w..w + 4]).len();
                }
            }
        }
        if w > start {
            ids.push(self.intern_span(start, &mut w));
        }
        self.used = w;
    }

    /// Makes `bytes[used..used + extra]` writable.
    fn reserve_scratch(&mut self, extra: usize) {
        if self.bytes.len() < self.used + extra {
            self.bytes.resize(self.used + extra, 0);
        }
    }

    /// Interns the word just written at `bytes[start..*end]`: keeps it as a
    /// new key, or, if already known, moves `*end` back to `start` so the
    /// next word overwrites it.
    fn intern_span(&mut self, start: usize, end: &mut usize) -> u32 {
        if (self.count as usize + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let key = &self.bytes[start..*end];
        let h = Self::hash(key);
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            let (sh, s, len, id) = self.slots[i];
            if len == u32::MAX {
                let id = self.count;
                self.slots[i] = (h, start as u32, key.len() as u32, id);
                self.count += 1;
                return id;
            }
            if sh == h && self.bytes.get(s as usize..(s + len) as usize) == Some(key) {
                *end = start;
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /// Dense id of `w` (first-occurrence order).
    fn intern(&mut self, w: &str) -> u32 {
        if self.slots.is_empty() {
            self.clear();
        }
        let key = w.as_bytes();
        self.reserve_scratch(key.len());
        let start = self.used;
        let mut end = start + key.len();
        self.bytes[start..end].copy_from_slice(key);
        let id = self.intern_span(start, &mut end);
        self.used = end;
        id
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let cap = (old.len() * 2).max(64);
        self.slots = vec![EMPTY; cap];
        let mask = cap - 1;
        for s in old.into_iter().filter(|s| s.2 != u32::MAX) {
            let mut i = (s.0 as usize) & mask;
            while self.slots[i].2 != u32::MAX {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_blocks_have_no_lowercase_mapping() {
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            if is_caseless_block(c) {
                assert!(c.to_lowercase().eq([c]), "{c:?} has a lowercase mapping");
            }
        }
    }

    #[test]
    fn lower_simple_equals_to_lowercase() {
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            if let Some(l) = lower_simple(c) {
                assert!(c.to_lowercase().eq([l]), "{c:?}");
            }
        }
    }

    #[test]
    fn lower_into_equals_py_lower() {
        let mut out = String::new();
        // Every scalar value (every 17th unoptimised) in a mixed string.
        let step = if cfg!(debug_assertions) { 17 } else { 1 };
        for c in (0u32..=0x10FFFF).step_by(step).filter_map(char::from_u32) {
            let s = format!("a{c}Ä");
            lower_into(&s, &mut out);
            assert_eq!(out, py_lower(&s), "{c:?}");
        }
        for s in ["ΟΔΟΣ ΣΑΣ", "İSTANBUL 合作 Ｐａｒｔ", "ǅ ǈ", "ΑΣ. Σ", "Straße"] {
            lower_into(s, &mut out);
            assert_eq!(out, py_lower(s));
        }
    }

    /// Words of the fused tokeniser, reconstructed from the interner.
    fn fused_words(s: &str) -> Vec<String> {
        let mut it = Interner::default();
        it.clear();
        let mut ids = Vec::new();
        it.tokenize_into(s, &mut ids);
        assert!(it.used <= it.bytes.len());
        let mut by_id = vec![String::new(); it.count as usize];
        for &(_, start, len, id) in it.slots.iter().filter(|s| s.2 != u32::MAX) {
            let bytes = &it.bytes[start as usize..(start + len) as usize];
            by_id[id as usize] = String::from_utf8(bytes.to_vec()).unwrap();
        }
        ids.iter().map(|&i| by_id[i as usize].clone()).collect()
    }

    #[test]
    fn fused_tokenizer_equals_tokenize() {
        let mut samples: Vec<String> = [
            "",
            " ",
            "a",
            "A a A",
            "ΟΔΟΣ ΣΑΣ οδος",
            // Words before the first capital sigma are interned twice.
            "Alpha beta ALPHA ΟΔΟΣ beta γΣ Σ",
            "İstanbul İ i̇",
            "Straße STRASSE",
            "x\u{1c}y\u{1d}Z\u{85}w\u{a0}v\u{2028}u\u{3000}t\u{200b}s",
            "合作伙伴中心 合作伙伴中心 Ｐａｒｔｎｅｒ ｐａｒｔｎｅｒ",
            "😀 😀 👩‍💻 ǅ ǆ",
            "Microsoft Partner Center — «Партнерский центр» (ПАРТНЕРСКИЙ ЦЕНТР) \t\n ",
            // Words across the 8-byte chunks, capitals and controls at their edges.
            "ABCDEFGH ABCDEFGHI abcdefgh\u{7f}IJ ABCDEFG\u{1}H\u{1c}ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{",
            "ЁЖЗ ABCDEFGÄ ÀÉÎ合作ABCDEFGH\u{a0}x\u{85}ABCDEFGHIJKLMNOP\u{3000}Q",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every scalar value between separators.
        let all: String = (0u32..0x30000).filter_map(char::from_u32).collect();
        samples.push(all);
        for s in &samples {
            assert_eq!(fused_words(s), tokenize(s), "{s:?}");
        }
    }

    #[test]
    fn ascii_word_run_equals_bytewise_model() {
        // Every byte value at every position, next to word bytes and capitals.
        let mut lanes = [b'a', b'Z', b'@', b'[', b'`', b'{', b'A', b'z'];
        for byte in 0..=255u8 {
            for pos in 0..8 {
                lanes.rotate_left(1);
                let mut bytes = lanes;
                bytes[pos] = byte;
                let (lowered, run) = ascii_word_run(u64::from_le_bytes(bytes));
                let expected_run = bytes.iter().position(|b| !(0x21..=0x7F).contains(b)).unwrap_or(8);
                assert_eq!(run, expected_run, "{bytes:?}");
                let lowered = lowered.to_le_bytes();
                for k in 0..run {
                    assert_eq!(lowered[k], bytes[k].to_ascii_lowercase(), "{bytes:?} at {k}");
                }
            }
        }
    }

    #[test]
    fn lowering_grows_a_character_by_at_most_half() {
        // The scratch room `tokenize_into` reserves relies on this.
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let lowered: usize = c.to_lowercase().map(char::len_utf8).sum();
            assert!(2 * lowered <= 3 * c.len_utf8(), "{c:?}");
        }
    }

    #[test]
    fn normalized_references_are_tokenised_twice_as_in_sacrebleu() {
        // sacreBLEU 2.6.0: TER(normalized=True)._extract_corpus_statistics([h], [[r]]) gives
        // [0, 3.0] for (", , 3", ",,3") and [2, 3.0] for the identical pair (",,3", ",,3"):
        // its reference passes through the tokeniser twice, and ",,3" → ", ,3" → ", , 3".
        let ter = Ter { normalized: true, ..Ter::DEFAULT };
        assert_eq!(ter.tokenize(",,3"), [",", ",3"]);
        assert_eq!(ter.reference_words(",,3"), [",", ",", "3"]);
        let e = ter.edits(", , 3", ",,3");
        assert_eq!((e.num_edits(), e.ref_length), (0, 3));
        let e = ter.edits(",,3", ",,3");
        assert_eq!((e.num_edits(), e.ref_length), (2, 3));
        assert_eq!(Ter::DEFAULT.edits(",,3", ",,3").num_edits(), 0);
    }

    #[test]
    fn tokenize_like_sacrebleu() {
        assert_eq!(tokenize("  A\u{1c}B\tC\u{a0}D \u{3000} "), ["a", "b", "c", "d"]);
        assert!(tokenize("\u{1f} \n").is_empty());
        assert_eq!(tokenize("x\u{200b}y"), ["x\u{200b}y"]);
    }
}
