//! Constant-time Unicode character tests for the hot loops: letter, letter or
//! digit, and "NFC as it stands". Answers equal std's `char::is_alphabetic`,
//! `char::is_alphanumeric` and unicode-normalization's quick check; this module
//! only makes them cheap, it does not define new classes.
//!
//! Why: std answers a non-ASCII letter test by a binary search in a compressed
//! table (about 300 instructions), and lqa asks it for every character of
//! every segment several times over (terms, checks, tokenising). On the shared
//! corpus that was 6% of a scan's instructions. Here each Basic Multilingual
//! Plane character has one byte of flags, computed once from std and
//! unicode-normalization themselves (so the Unicode version always matches the
//! toolchain's); characters beyond the BMP ask std directly.

use std::sync::OnceLock;

use unicode_normalization::{is_nfc_quick, IsNormalized};

const ALPHABETIC: u8 = 1;
const NUMERIC: u8 = 2;
/// NFC_Quick_Check=Yes and canonical combining class 0: a string made only of
/// such characters is NFC without further thought.
const NFC_STARTER: u8 = 4;

const BMP: usize = 0x1_0000;

fn table() -> &'static [u8; BMP] {
    static TABLE: OnceLock<Box<[u8; BMP]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut flags = Box::new([0u8; BMP]);
        for (cp, slot) in flags.iter_mut().enumerate() {
            // Surrogates are not chars; their flags stay 0 and are never read.
            let Some(c) = char::from_u32(cp as u32) else { continue };
            let mut f = 0;
            if c.is_alphabetic() {
                f |= ALPHABETIC;
            }
            if c.is_numeric() {
                f |= NUMERIC;
            }
            if unicode_normalization::char::canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
            {
                f |= NFC_STARTER;
            }
            *slot = f;
        }
        flags
    })
}

/// `c.is_alphabetic()`, in constant time.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match table().get(c as usize) {
        Some(f) => f & ALPHABETIC != 0,
        None => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, in constant time.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match table().get(c as usize) {
        Some(f) => f & (ALPHABETIC | NUMERIC) != 0,
        None => c.is_alphanumeric(),
    }
}

/// True when `text` is certainly NFC: every character is a starter with
/// NFC_Quick_Check=Yes. False means "ask the full quick check", not "not NFC".
pub fn is_plain_nfc(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    let flags = table();
    text.chars().all(|c| flags.get(c as usize).is_some_and(|f| f & NFC_STARTER != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_answers_as_std_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{:04X}", c as u32);
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{:04X}", c as u32);
            if is_plain_nfc(c.encode_utf8(&mut [0; 4])) {
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn plain_nfc_is_conservative() {
        assert!(is_plain_nfc("Затем выберите клиента."));
        assert!(is_plain_nfc("設定を選択します"));
        // A combining acute after "e": NFC composes it, so not plain.
        assert!(!is_plain_nfc("e\u{301}"));
        // U+0958 is a composition exclusion (NFC_QC=No).
        assert!(!is_plain_nfc("\u{958}"));
    }
}
