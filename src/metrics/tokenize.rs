//! sacreBLEU 2.6.0's BLEU tokenizers `13a`, `intl`, `char`, `none` and `zh`,
//! reproduced exactly (including their regex quirks), for [`super::bleu`].
//!
//! It does not lowercase, does not do the `rstrip()` that BLEU applies before
//! tokenizing (the caller does), and has no `ja-mecab`, `ko-mecab`, `spm` or
//! `flores*` tokenizers (they need external models).
//!
//! sacreBLEU's tokenizers are chains of regex substitutions. `re.sub` scans
//! left to right and never re-examines a character consumed by an earlier
//! match, so `"a..b"` becomes `"a . .b"` after the first rule, not
//! `"a . . b"`. Each rule below is therefore a left-to-right scanner with one
//! character of lookahead that consumes a matched pair as a whole, which is
//! exactly what the regex engine does for these fixed-width patterns.

use std::fmt;
use std::str::FromStr;

use crate::metrics::ngram::{multibyte_ws_len, split_ranges};
use crate::metrics::pytext::{is_py_whitespace, py_strip};

mod unicode_tables;

pub use unicode_tables::REGEX_MODULE_VERSION;

/// One of sacreBLEU's BLEU tokenizers (`--tokenize` / `tokenize=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tokenizer {
    /// `13a`: mteval-v13a.pl as reimplemented by sacreBLEU (the default).
    #[default]
    Mteval13a,
    /// `intl`: mteval-v14 international tokenization on Unicode punctuation and symbols.
    Intl,
    /// `char`: every non-whitespace character is a token.
    Char,
    /// `none`: whitespace splitting only.
    None,
    /// `zh`: Chinese characters split apart, the rest like `13a`'s regex part.
    Zh,
}

impl Tokenizer {
    /// All tokenizers, in the order used in the golden files.
    pub const ALL: [Tokenizer; 5] =
        [Tokenizer::Mteval13a, Tokenizer::Intl, Tokenizer::Char, Tokenizer::None, Tokenizer::Zh];

    /// sacreBLEU's name, as used in `tok:` of the signature.
    pub fn name(self) -> &'static str {
        match self {
            Tokenizer::Mteval13a => "13a",
            Tokenizer::Intl => "intl",
            Tokenizer::Char => "char",
            Tokenizer::None => "none",
            Tokenizer::Zh => "zh",
        }
    }

    /// The string sacreBLEU's tokenizer object returns for `line`
    /// (`Tokenizer13a()(line)` etc.). Meant for tests and debugging; BLEU
    /// itself takes the tokens as byte ranges ([`Tokenizer::token_ranges`]).
    pub fn tokenize(self, line: &str) -> String {
        match self {
            // " ".join(line): every character, whitespace included.
            Tokenizer::Char => {
                let mut out = String::with_capacity(line.len() * 2);
                for (i, c) in line.chars().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push(c);
                }
                out
            }
            Tokenizer::None => line.to_owned(),
            _ => {
                let (mut scratch, mut buf, mut ranges) = (TokScratch::default(), Vec::new(), Vec::new());
                let text = self.token_ranges(line, &mut scratch, &mut buf, &mut ranges);
                // the regex tokenizers end with ' '.join(line.split())
                let tokens: Vec<_> = ranges.iter().map(|&(a, b)| String::from_utf8_lossy(&text[a..b])).collect();
                tokens.join(" ")
            }
        }
    }

    /// The tokens of `line` under this tokenizer, as byte ranges (in `ranges`)
    /// of the returned text: `line` itself when the tokenizer only inserts
    /// spaces (13a without entities, `<skipped>` or line breaks; `none`), else
    /// `buf` holding a rewritten line. Every token is valid UTF-8 (see
    /// [`split_regexp`]). For [`Tokenizer::Char`] these are the whitespace-split
    /// words, not the characters, which the caller takes directly.
    pub(crate) fn token_ranges<'a>(
        self,
        line: &'a str,
        s: &mut TokScratch,
        buf: &'a mut Vec<u8>,
        ranges: &mut Vec<(usize, usize)>,
    ) -> &'a [u8] {
        match self {
            Tokenizer::Mteval13a => {
                let text = prepare_13a(line.as_bytes(), &mut s.b, buf);
                split_regexp(text, true, ranges);
                text
            }
            Tokenizer::Zh => {
                prepare_zh(line, buf);
                split_regexp(buf, false, ranges);
                buf
            }
            Tokenizer::Intl => {
                buf.clear();
                tokenize_intl(line, s, buf);
                split_ranges(buf, ranges);
                buf
            }
            Tokenizer::Char | Tokenizer::None => {
                split_ranges(line.as_bytes(), ranges);
                line.as_bytes()
            }
        }
    }
}

impl fmt::Display for Tokenizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error for an unknown tokenizer name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTokenizer(pub String);

impl fmt::Display for UnknownTokenizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown BLEU tokenizer {:?} (expected 13a, intl, char, none or zh)", self.0)
    }
}

impl std::error::Error for UnknownTokenizer {}

impl FromStr for Tokenizer {
    type Err = UnknownTokenizer;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tokenizer::ALL.into_iter().find(|t| t.name() == s).ok_or_else(|| UnknownTokenizer(s.to_owned()))
    }
}

/// Reusable buffers for the multi-pass tokenizers.
#[derive(Default, Debug)]
pub(crate) struct TokScratch {
    b: Vec<u8>,
    cls: Vec<UniClass>,
    off: Vec<usize>,
    s1: Vec<usize>,
    s2: Vec<usize>,
}

impl TokScratch {
    /// Drops buffers that one huge segment blew up, so a thread does not
    /// keep hundreds of MB alive.
    pub(crate) fn trim(&mut self) {
        const KEEP: usize = 1 << 20;
        if self.b.capacity() > KEEP {
            self.b = Vec::new();
        }
        for v in [&mut self.off, &mut self.s1, &mut self.s2] {
            if v.capacity() > KEEP {
                *v = Vec::new();
            }
        }
        if self.cls.capacity() > KEEP {
            self.cls = Vec::new();
        }
    }
}

// ---------------------------------------------------------------- 13a / zh

/// `tokenizer_13a.py`'s "language-independent part" before the shared regex
/// part: `<skipped>` removed, line breaks joined, four entities decoded.
/// Returns `line` itself when none of them occurs (the usual case), else `out`
/// holding the rewritten line; `tmp` is scratch.
fn prepare_13a<'a>(line: &'a [u8], tmp: &mut Vec<u8>, out: &'a mut Vec<u8>) -> &'a [u8] {
    // One pass to learn which replacements can apply at all (usually none).
    let (mut lt, mut nl, mut amp) = (false, false, false);
    for &c in line {
        lt |= c == b'<';
        nl |= c == b'\n';
        amp |= c == b'&';
    }
    if !(lt || nl || amp) {
        return line;
    }
    // The replacements run in this order, each over the result of the
    // previous one, exactly like the chain of str.replace calls.
    out.clear();
    out.extend_from_slice(line);
    if lt {
        replace_in(out, tmp, b"<skipped>", b"");
    }
    if nl {
        replace_in(out, tmp, b"-\n", b"");
        replace_in(out, tmp, b"\n", b" ");
    }
    if amp {
        replace_in(out, tmp, b"&quot;", b"\"");
        replace_in(out, tmp, b"&amp;", b"&");
        replace_in(out, tmp, b"&lt;", b"<");
        replace_in(out, tmp, b"&gt;", b">");
    }
    out
}

/// `tokenizer_zh.py` before the shared regex part (which it runs *without*
/// padding and without 13a's entity and `<skipped>` handling): strip, then
/// spaces around every character its range table calls Chinese. Writes `out`.
fn prepare_zh(line: &str, out: &mut Vec<u8>) {
    out.clear();
    let mut buf = [0u8; 4];
    for c in py_strip(line).chars() {
        if is_zh_char(c) {
            out.push(b' ');
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            out.push(b' ');
        } else {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// Python `str.replace(pat, rep)` on bytes: non-overlapping, left to right.
/// `buf` is left in `a`; `b` is scratch.
fn replace_in(a: &mut Vec<u8>, b: &mut Vec<u8>, pat: &[u8], rep: &[u8]) {
    let Some(first) = find(a, pat, 0) else {
        return;
    };
    b.clear();
    b.extend_from_slice(&a[..first]);
    let mut i = first;
    while let Some(j) = find(a, pat, i) {
        b.extend_from_slice(&a[i..j]);
        b.extend_from_slice(rep);
        i = j + pat.len();
    }
    b.extend_from_slice(&a[i..]);
    std::mem::swap(a, b);
}

fn find(hay: &[u8], pat: &[u8], from: usize) -> Option<usize> {
    let (&p0, rest) = pat.split_first()?;
    let mut i = from;
    while let Some(off) = hay.get(i..)?.iter().position(|&b| b == p0) {
        let j = i + off;
        if hay.get(j + 1..j + pat.len()) == Some(rest) {
            return Some(j);
        }
        i = j + 1;
    }
    None
}

/// `tokenizer_re.py` (`TokenizerRegexp`), the part 13a and zh share, followed
/// by `split()`: writes the byte ranges of the tokens of `text` (padded with a
/// space on each side first when `pad`, as 13a does) into `out`. The regex
/// chain is
///
/// 1. `([\{-\~\[-\` -\&\(-\+\:-\@\/])` → `' \1 '`
/// 2. `([^0-9])([\.,])` → `'\1 \2 '`
/// 3. `([\.,])([^0-9])` → `' \1 \2'`
/// 4. `([0-9])(-)` → `'\1 \2 '`
///
/// The rules only insert spaces, so every token is a stretch of the input and
/// one left-to-right scan can decide where the inserted spaces fall:
///
/// - Rule 1 isolates its punctuation (a token of its own; the space in its
///   class is whitespace anyway).
/// - Rule 4 splits every `-` preceded by a digit from both neighbours: rules
///   1–3 never put a space between a digit and a `-`, and a digit is never
///   consumed by an earlier match of rule 4.
/// - Rules 2 and 3 only act next to `.` and `,`. For a maximal run of k of
///   them, the regex engine's non-overlapping left-to-right matching depends
///   only on whether the characters just before (L) and after (R) the run are
///   digits (an inserted space, rule 1 punctuation, the padding or any other
///   character count as non-digits; no padding counts as a digit, since no
///   match can start or end there). Working through both rules: the gaps
///   inside the run always get a space; the gap before it does unless
///   L, R are digits and k = 1 (`5.5`); the gap after it does unless R is a
///   digit and k + [L is a digit] is even (`a..5` keeps `.5`).
///
/// All patterns are ASCII, so this works on UTF-8 bytes: a multi-byte character
/// only ever plays a non-digit, and no space lands inside one; tokens are valid
/// UTF-8. The test `regexp_part_equals_literal_regex_model` checks the scan
/// against a literal transcription of the four substitutions.
pub(crate) fn split_regexp(text: &[u8], pad: bool, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let n = text.len();
    // `start..i` is the current token (empty when start == i).
    let mut start = 0;
    // Ends the current token at `at` (if it is not empty); the next starts there.
    fn cut(out: &mut Vec<(usize, usize)>, start: &mut usize, at: usize) {
        if *start < at {
            out.push((*start, at));
        }
        *start = at;
    }
    let digit_at = |i: usize| text.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i < n {
        let c = text[i];
        match REGEXP_CLASS[c as usize] {
            PLAIN => {
                // most bytes: letters, digits, continuation bytes
                i += 1;
                while i < n && REGEXP_CLASS[text[i] as usize] == PLAIN {
                    i += 1;
                }
            }
            SPACE => {
                cut(out, &mut start, i);
                i += 1;
                start = i;
            }
            MAYBE_SPACE => match multibyte_ws_len(text, i) {
                0 => i += 1,
                w => {
                    cut(out, &mut start, i);
                    i += w;
                    start = i;
                }
            },
            PUNCT => {
                cut(out, &mut start, i);
                cut(out, &mut start, i + 1);
                i += 1;
            }
            HYPHEN => {
                if i > 0 && digit_at(i - 1) {
                    cut(out, &mut start, i);
                    cut(out, &mut start, i + 1);
                }
                i += 1;
            }
            _ => {
                // a run of '.' and ','
                let mut j = i + 1;
                while j < n && is_dot_comma(text[j]) {
                    j += 1;
                }
                let k = j - i;
                let left_digit = if i == 0 { !pad } else { digit_at(i - 1) };
                let right_digit = if j == n { !pad } else { digit_at(j) };
                if !(left_digit && right_digit && k == 1) {
                    cut(out, &mut start, i);
                }
                for m in i + 1..j {
                    cut(out, &mut start, m);
                }
                if !(right_digit && (k + usize::from(left_digit)) % 2 == 0) {
                    cut(out, &mut start, j);
                }
                i = j;
            }
        }
    }
    cut(out, &mut start, n);
}

/// Byte classes of [`split_regexp`]'s scan.
const PLAIN: u8 = 0;
/// Python whitespace (ASCII).
const SPACE: u8 = 1;
/// Lead byte of a multi-byte character that may be Python whitespace.
const MAYBE_SPACE: u8 = 2;
/// Rule 1's class without the space: `{|}~`, `` [\]^_` ``, `!`..`&`, `(`..`+`, `:`..`@`, `/`.
const PUNCT: u8 = 3;
const HYPHEN: u8 = 4;
const DOT_COMMA: u8 = 5;

static REGEXP_CLASS: [u8; 256] = {
    let mut table = [PLAIN; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = match b {
            0x09..=0x0D | 0x1C..=0x20 => SPACE,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => MAYBE_SPACE,
            b'{'..=b'~' | b'['..=b'`' | b'!'..=b'&' | b'('..=b'+' | b':'..=b'@' | b'/' => PUNCT,
            b'-' => HYPHEN,
            b'.' | b',' => DOT_COMMA,
            _ => PLAIN,
        };
        c += 1;
    }
    table
};

#[inline]
fn is_dot_comma(c: u8) -> bool {
    c == b'.' || c == b','
}

/// sacreBLEU's `TokenizerZh._is_chinese_char`, as it actually behaves.
///
/// Its table is compared as Python strings, and two entries meant for the
/// supplementary planes are written with 4-digit `\u` escapes:
/// `u'\u20000'` is U+2000 followed by `'0'`, `u'\u2a6d6'` is U+2A6D + `'6'`,
/// `u'\u2f800'` is U+2F80 + `'0'`, `u'\u2fa1d'` is U+2FA1 + `'d'`. With
/// string comparison `'\u2000' + '0' <= c <= '\u2a6d' + '6'` holds for
/// U+2001..=U+2A6D, so General Punctuation (— “ ” …), currency (€), arrows,
/// maths, dingbats etc. count as Chinese, while CJK Extension B
/// (U+20000..) and the Compatibility Supplement (U+2F800..) do not. The
/// union below was computed from sacreBLEU's own function over every code
/// point (see the tests).
pub fn is_zh_char(c: char) -> bool {
    matches!(c as u32,
        0x2001..=0x2A6D
        | 0x2E80..=0x2FDF
        | 0x2FF0..=0x303F
        | 0x3100..=0x312F
        | 0x31A0..=0x31EF
        | 0x3200..=0x4DB5
        | 0x4E00..=0x9FBB
        | 0xF900..=0xFA2D
        | 0xFA30..=0xFA6A
        | 0xFA70..=0xFAD9
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF)
}

// ---------------------------------------------------------------- intl

/// Unicode general-category group of a character, as far as `intl` cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UniClass {
    /// `\p{N}`: Nd, Nl, No.
    Number,
    /// `\p{P}`: Pc, Pd, Ps, Pe, Pi, Pf, Po.
    Punct,
    /// `\p{S}`: Sm, Sc, Sk, So.
    Symbol,
    /// Anything else (letters, marks, separators, unassigned, ...).
    Other,
}

/// Class of `c` according to the `regex` module sacreBLEU uses (Unicode 17
/// in regex 2026.5.9), not Rust's or Python's `unicodedata` tables.
pub fn uni_class(c: char) -> UniClass {
    let cp = c as u32;
    if cp < 0x80 {
        return ASCII_CLASS[cp as usize];
    }
    if let Some(&k) = BMP_CLASS.get(cp as usize) {
        return CLASSES[k as usize];
    }
    uni_class_search(cp)
}

const CLASSES: [UniClass; 4] = [UniClass::Other, UniClass::Number, UniClass::Punct, UniClass::Symbol];

/// The BMP part of the table expanded at compile time (64 KiB), so the
/// common case is one load instead of a binary search.
static BMP_CLASS: [u8; 0x1_0000] = {
    let mut t = [0u8; 0x1_0000];
    let r = &unicode_tables::RANGES;
    let mut i = 0;
    while i < r.len() {
        let (a, b, k) = r[i];
        let code = match k {
            UniClass::Other => 0,
            UniClass::Number => 1,
            UniClass::Punct => 2,
            UniClass::Symbol => 3,
        };
        let mut cp = a;
        while cp <= b && cp < 0x1_0000 {
            t[cp as usize] = code;
            cp += 1;
        }
        i += 1;
    }
    t
};

fn uni_class_search(cp: u32) -> UniClass {
    let t = &unicode_tables::RANGES;
    // first range whose end is >= cp
    let i = t.partition_point(|&(_, end, _)| end < cp);
    match t.get(i) {
        Some(&(start, _, k)) if start <= cp => k,
        _ => UniClass::Other,
    }
}

const ASCII_CLASS: [UniClass; 128] = {
    let mut t = [UniClass::Other; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c.is_ascii_digit() {
            UniClass::Number
        } else if matches!(c, b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~') {
            UniClass::Symbol
        } else if c.is_ascii_punctuation() {
            UniClass::Punct
        } else {
            UniClass::Other
        };
        i += 1;
    }
    t
};

/// `tokenizer_intl.py` (`TokenizerV14International`):
///
/// 1. `(\P{N})(\p{P})` → `'\1 \2 '`
/// 2. `(\p{P})(\P{N})` → `' \1 \2'`
/// 3. `(\p{S})` → `' \1 '`
///
/// No padding, so (as documented there) a number followed by a line-final
/// dot keeps the dot: `"2019."` stays one token.
///
/// The rules only ever insert spaces, so the characters of the line appear
/// in every intermediate string in their original order. Each character is
/// decoded and classified once; the streams are lists of items, each either
/// an original character (by index) or an inserted space (class Other, so
/// it is `\P{N}` and not `\p{P}` for the next rule, as in the regex chain).
fn tokenize_intl(line: &str, s: &mut TokScratch, out: &mut Vec<u8>) {
    let bytes = line.as_bytes();
    // decode once: class and start offset of every character
    s.cls.clear();
    s.off.clear();
    for (i, c) in line.char_indices() {
        s.cls.push(uni_class(c));
        s.off.push(i);
    }
    s.off.push(bytes.len());
    let (cls, off) = (&s.cls, &s.off);
    let class_of = |item: usize| cls.get(item).copied().unwrap_or(UniClass::Other);

    // rule 1: original characters -> stream 1
    let s1 = &mut s.s1;
    s1.clear();
    let m = cls.len();
    let mut i = 0;
    while i < m {
        if i + 1 < m && class_of(i + 1) == UniClass::Punct && class_of(i) != UniClass::Number {
            s1.extend_from_slice(&[i, SPACE_ITEM, i + 1, SPACE_ITEM]);
            i += 2;
        } else {
            s1.push(i);
            i += 1;
        }
    }
    // rule 2: stream 1 -> stream 2
    let s2 = &mut s.s2;
    s2.clear();
    let mut k = 0;
    while k < s1.len() {
        let x = s1[k];
        if let Some(&y) = s1.get(k + 1) {
            if class_of(x) == UniClass::Punct && class_of(y) != UniClass::Number {
                s2.extend_from_slice(&[SPACE_ITEM, x, SPACE_ITEM, y]);
                k += 2;
                continue;
            }
        }
        s2.push(x);
        k += 1;
    }
    // rule 3 while writing: spaces around symbols; original bytes are
    // copied in runs between inserted spaces.
    out.reserve(bytes.len() + (s2.len() - m) + 8);
    let at = |j: usize| off.get(j).copied().unwrap_or(bytes.len());
    let push = |out: &mut Vec<u8>, a: usize, b: usize| {
        if let Some(x) = bytes.get(a..b) {
            out.extend_from_slice(x);
        }
    };
    let (mut copied, mut cur) = (0, 0);
    for &item in s2.iter() {
        if item == SPACE_ITEM {
            push(out, copied, cur);
            out.push(b' ');
            copied = cur;
            continue;
        }
        let (a, b) = (at(item), at(item + 1));
        if class_of(item) == UniClass::Symbol {
            push(out, copied, a);
            out.push(b' ');
            push(out, a, b);
            out.push(b' ');
            copied = b;
        }
        cur = b;
    }
    push(out, copied, cur);
}

/// An inserted space in the intl streams (never a character index).
const SPACE_ITEM: usize = usize::MAX;

/// True if Python's `str.split()` would drop `c` (re-exported for BLEU's
/// `char` tokenizer, whose tokens are the non-whitespace characters).
#[inline]
pub(crate) fn is_ws(c: char) -> bool {
    is_py_whitespace(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::pytext::py_split;

    /// Rule 1's character class, transcribed from the regex.
    fn is_13a_punct(c: u8) -> bool {
        matches!(c, b'{'..=b'~' | b'['..=b'`' | b' '..=b'&' | b'('..=b'+' | b':'..=b'@' | b'/')
    }

    fn tok(t: Tokenizer, s: &str) -> String {
        t.tokenize(s)
    }

    // Every expected value below is the output of sacreBLEU 2.6.0's
    // tokenizer object on the same input (Python 3.11, regex 2026.5.9).

    #[test]
    fn t13a_basic_punct_and_final_period() {
        // Tokenizer13a()('Hello, world. (x)') == 'Hello , world . ( x )'
        assert_eq!(tok(Tokenizer::Mteval13a, "Hello, world. (x)"), "Hello , world . ( x )");
    }

    #[test]
    fn t13a_numbers_keep_separators_but_split_dash() {
        // Tokenizer13a()('1,000.50 3-4 2.0.') == '1,000.50 3 - 4 2.0 .'
        assert_eq!(tok(Tokenizer::Mteval13a, "1,000.50 3-4 2.0."), "1,000.50 3 - 4 2.0 .");
    }

    #[test]
    fn t13a_non_overlapping_matches() {
        // Tokenizer13a()('a..b,,c') == 'a . . b , , c'
        assert_eq!(tok(Tokenizer::Mteval13a, "a..b,,c"), "a . . b , , c");
        // Tokenizer13a()('U.S.A. e.g.,x') == 'U . S . A . e . g . , x'
        assert_eq!(tok(Tokenizer::Mteval13a, "U.S.A. e.g.,x"), "U . S . A . e . g . , x");
        // Rule 2 also fires on ' .' created by the padding:
        // Tokenizer13a()('.5 and 5.') == '. 5 and 5 .'
        assert_eq!(tok(Tokenizer::Mteval13a, ".5 and 5."), ". 5 and 5 .");
    }

    #[test]
    fn t13a_apostrophe_and_hyphen_stay() {
        // Tokenizer13a()("don't a-b -c") == "don't a-b -c"
        assert_eq!(tok(Tokenizer::Mteval13a, "don't a-b -c"), "don't a-b -c");
    }

    #[test]
    fn t13a_entities_skipped_and_newlines() {
        // Tokenizer13a()('&quot;x&quot; &amp;quot; &lt;b&gt; <skipped>y foo-\nbar\nbaz')
        //   == '" x " & quot ; < b > y foobar baz'
        assert_eq!(
            tok(Tokenizer::Mteval13a, "&quot;x&quot; &amp;quot; &lt;b&gt; <skipped>y foo-\nbar\nbaz"),
            "\" x \" & quot ; < b > y foobar baz"
        );
        // Tokenizer13a()('<skip<skipped>ped>') == '< skipped >'
        assert_eq!(tok(Tokenizer::Mteval13a, "<skip<skipped>ped>"), "< skipped >");
    }

    #[test]
    fn t13a_python_whitespace_and_non_ascii() {
        // Tokenizer13a()('a\x1cb\xa0c. Ü.') == 'a b c . Ü .'
        assert_eq!(tok(Tokenizer::Mteval13a, "a\u{1c}b\u{a0}c. Ü."), "a b c . Ü .");
        // Tokenizer13a()('€5,Ü,5') == '€5 , Ü , 5'
        assert_eq!(tok(Tokenizer::Mteval13a, "€5,Ü,5"), "€5 , Ü , 5");
    }

    #[test]
    fn t13a_empty() {
        assert_eq!(tok(Tokenizer::Mteval13a, ""), "");
        assert_eq!(tok(Tokenizer::Mteval13a, " \t "), "");
    }

    #[test]
    fn intl_punct_and_symbols() {
        // TokenizerV14International()('«Bonjour», dit-il… $5+3=8 ©') ==
        //   '« Bonjour » , dit - il … $ 5 + 3 = 8 ©'
        assert_eq!(tok(Tokenizer::Intl, "«Bonjour», dit-il… $5+3=8 ©"), "« Bonjour » , dit - il … $ 5 + 3 = 8 ©");
    }

    #[test]
    fn intl_digits_keep_separators_and_final_dot() {
        // TokenizerV14International()('1,000.50 Jahr 2019. Ende.') == '1,000.50 Jahr 2019 . Ende .'
        assert_eq!(tok(Tokenizer::Intl, "1,000.50 Jahr 2019. Ende."), "1,000.50 Jahr 2019 . Ende .");
        // ... but a number and a line-final dot stay together:
        // TokenizerV14International()('Im Jahr 2019.') == 'Im Jahr 2019.'
        assert_eq!(tok(Tokenizer::Intl, "Im Jahr 2019."), "Im Jahr 2019.");
    }

    #[test]
    fn intl_unicode_classes_from_regex_module() {
        // regex 2026.5.9 knows Unicode 17: U+20C1 SAUDI RIYAL SIGN is \p{S}
        // (Python 3.11's unicodedata says Cn).
        // TokenizerV14International()('10\u20c1x') == '10 \u20c1 x'
        assert_eq!(tok(Tokenizer::Intl, "10\u{20c1}x"), "10 \u{20c1} x");
        // U+2E5D (Pd, Unicode 14) is \p{P}; U+2E5E is unassigned.
        // TokenizerV14International()('a\u2e5db\u2e5ec') == 'a \u2e5d b\u2e5ec'
        assert_eq!(tok(Tokenizer::Intl, "a\u{2e5d}b\u{2e5e}c"), "a \u{2e5d} b\u{2e5e}c");
        // Fullwidth digits and superscripts are \p{N}:
        // TokenizerV14International()('１２３，４５ x²,y') == '１２３，４５ x² , y'
        assert_eq!(tok(Tokenizer::Intl, "１２３，４５ x²,y"), "１２３，４５ x² , y");
        // Emoji are So: TokenizerV14International()('ok👍🏽!') == 'ok 👍 🏽 !'
        assert_eq!(tok(Tokenizer::Intl, "ok👍🏽!"), "ok 👍 🏽 !");
        // ASCII classes: '$+<=>^`|~' are S, the rest of ASCII punctuation P.
        for c in "$+<=>^`|~".chars() {
            assert_eq!(uni_class(c), UniClass::Symbol, "{c}");
        }
        for c in "!\"#%&'()*,-./:;?@[\\]_{}".chars() {
            assert_eq!(uni_class(c), UniClass::Punct, "{c}");
        }
        assert_eq!(uni_class('٣'), UniClass::Number);
        assert_eq!(uni_class('Ⅻ'), UniClass::Number); // Nl
        assert_eq!(uni_class('、'), UniClass::Punct);
        assert_eq!(uni_class('€'), UniClass::Symbol);
        assert_eq!(uni_class('\u{301}'), UniClass::Other); // Mn
        assert_eq!(uni_class('\u{10FFFF}'), UniClass::Other);
    }

    #[test]
    fn zh_ranges_with_sacrebleu_quirks() {
        // TokenizerZh._is_chinese_char(c) for these code points:
        let expect = [
            (0x2000, false),
            (0x2001, true),
            (0x2014, true), // EM DASH counts as Chinese (quirk)
            (0x20AC, true), // EURO SIGN (quirk)
            (0x2A6D, true),
            (0x2A6E, false),
            (0x2E7F, false),
            (0x2F81, true),
            (0x2FA2, true),
            (0x3041, false), // hiragana is not in the table
            (0x4DB5, true),
            (0x4DB6, false),
            (0x9FBB, true),
            (0x9FBC, false),
            (0xFA2E, false),
            (0xFF41, true),
            (0x20000, false), // Extension B is *not* covered (quirk)
            (0x2A6D6, false),
            (0x2F800, false),
        ];
        for (cp, want) in expect {
            let c = char::from_u32(cp).unwrap_or('\0');
            assert_eq!(is_zh_char(c), want, "U+{cp:04X}");
        }
    }

    #[test]
    fn zh_tokenizer_output() {
        // TokenizerZh()(' 使用Partner Center (合作伙伴)，1,000.5个。 ') ==
        //   '使 用 Partner Center ( 合 作 伙 伴 ) ， 1,000.5 个 。'
        assert_eq!(
            tok(Tokenizer::Zh, " 使用Partner Center (合作伙伴)，1,000.5个。 "),
            "使 用 Partner Center ( 合 作 伙 伴 ) ， 1,000.5 个 。"
        );
        // No padding in zh: TokenizerZh()('.5 b.') == '.5 b .' (13a: '. 5 b .')
        assert_eq!(tok(Tokenizer::Zh, ".5 b."), ".5 b .");
        assert_eq!(tok(Tokenizer::Mteval13a, ".5 b."), ". 5 b .");
        // No entity handling in zh: TokenizerZh()('&amp;') == '& amp ;'
        assert_eq!(tok(Tokenizer::Zh, "&amp;"), "& amp ;");
        // 'A—B “C”' : TokenizerZh()('A—B “C”') == 'A — B “ C ”'
        assert_eq!(tok(Tokenizer::Zh, "A—B “C”"), "A — B “ C ”");
    }

    #[test]
    fn char_and_none() {
        // TokenizerChar()('ab c') == 'a b   c'
        assert_eq!(tok(Tokenizer::Char, "ab c"), "a b   c");
        assert_eq!(tok(Tokenizer::None, " a  b "), " a  b ");
    }

    #[test]
    fn names_round_trip() {
        for t in Tokenizer::ALL {
            assert_eq!(t.name().parse::<Tokenizer>(), Ok(t));
        }
        assert!("mecab".parse::<Tokenizer>().is_err());
        assert_eq!(Tokenizer::default(), Tokenizer::Mteval13a);
    }

    /// Literal model of one `re.sub` with a two-character pattern, on chars.
    fn naive_pair(v: &[char], f: impl Fn(char) -> bool, g: impl Fn(char) -> bool, lead: bool) -> Vec<char> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < v.len() {
            if i + 1 < v.len() && f(v[i]) && g(v[i + 1]) {
                if lead {
                    out.extend([' ', v[i], ' ', v[i + 1]]);
                } else {
                    out.extend([v[i], ' ', v[i + 1], ' ']);
                }
                i += 2;
            } else {
                out.push(v[i]);
                i += 1;
            }
        }
        out
    }

    fn join_split(v: &[char]) -> String {
        let s: String = v.iter().collect();
        py_split(&s).collect::<Vec<_>>().join(" ")
    }

    fn naive_intl(line: &str) -> String {
        let v: Vec<char> = line.chars().collect();
        let v = naive_pair(&v, |x| uni_class(x) != UniClass::Number, |y| uni_class(y) == UniClass::Punct, false);
        let v = naive_pair(&v, |x| uni_class(x) == UniClass::Punct, |y| uni_class(y) != UniClass::Number, true);
        let v: Vec<char> = v
            .iter()
            .flat_map(|&c| if uni_class(c) == UniClass::Symbol { vec![' ', c, ' '] } else { vec![c] })
            .collect();
        join_split(&v)
    }

    fn naive_regexp(line: &str, pad: bool) -> String {
        let mut v: Vec<char> = Vec::new();
        if pad {
            v.push(' ');
        }
        for c in line.chars() {
            if c.is_ascii() && is_13a_punct(c as u8) {
                v.extend([' ', c, ' ']);
            } else {
                v.push(c);
            }
        }
        if pad {
            v.push(' ');
        }
        let v = naive_pair(&v, |x| !x.is_ascii_digit(), |y| y == '.' || y == ',', false);
        let v = naive_pair(&v, |x| x == '.' || x == ',', |y| !y.is_ascii_digit(), true);
        let v = naive_pair(&v, |x| x.is_ascii_digit(), |y| y == '-', false);
        join_split(&v)
    }

    const ALPHABET: &[char] = &[
        'a', 'Z', '1', '9', '.', ',', '-', '(', ')', '$', '+', '\'', ' ', '\t', '\n', '\u{a0}', 'é', '٣', '²', '«',
        '»', '…', '€', '©', '、', '。', '１', '，', '合', '👍', '\u{20c1}', '\u{301}', '&', ';', '<', '>',
    ];

    proptest::proptest! {
        #[test]
        fn intl_equals_literal_regex_model(idx in proptest::collection::vec(0..ALPHABET.len(), 0..30)) {
            let line: String = idx.iter().map(|&i| ALPHABET[i]).collect();
            proptest::prop_assert_eq!(tok(Tokenizer::Intl, &line), naive_intl(&line));
        }

        #[test]
        fn regexp_part_equals_literal_regex_model(idx in proptest::collection::vec(0..ALPHABET.len(), 0..30)) {
            let line: String = idx.iter().map(|&i| ALPHABET[i]).collect();
            // zh without Chinese characters and without outer whitespace is
            // exactly TokenizerRegexp; 13a without & < \n is it with padding.
            if !line.chars().any(is_zh_char) && line == py_strip(&line) {
                proptest::prop_assert_eq!(tok(Tokenizer::Zh, &line), naive_regexp(&line, false));
            }
            if !line.contains(['&', '<', '\n']) {
                proptest::prop_assert_eq!(tok(Tokenizer::Mteval13a, &line), naive_regexp(&line, true));
            }
        }
    }

    /// The scan of `split_regexp` against the literal substitutions on every
    /// string of up to 7 characters over the characters the rules care about
    /// (digit, '.', ',', '-', rule-1 punctuation, whitespace, letters).
    #[test]
    fn split_regexp_equals_literal_regex_model_exhaustively() {
        const CHARS: [char; 8] = ['a', '1', '.', ',', '-', '(', ' ', '\u{a0}'];
        let mut ranges = Vec::new();
        let mut line = String::new();
        for len in 0..=7u32 {
            for mut code in 0..CHARS.len().pow(len) {
                line.clear();
                for _ in 0..len {
                    line.push(CHARS[code % CHARS.len()]);
                    code /= CHARS.len();
                }
                for pad in [false, true] {
                    split_regexp(line.as_bytes(), pad, &mut ranges);
                    let got: Vec<&str> = ranges.iter().map(|&(a, b)| &line[a..b]).collect();
                    assert_eq!(got.join(" "), naive_regexp(&line, pad), "{line:?} pad {pad}");
                }
            }
        }
    }

    #[test]
    fn bmp_table_agrees_with_search() {
        for cp in 0x80..0x1_0000u32 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(uni_class(c), uni_class_search(cp), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn table_is_sorted_and_disjoint() {
        let t = &unicode_tables::RANGES;
        for w in t.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0);
        }
    }
}
