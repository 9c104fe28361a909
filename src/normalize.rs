//! Text normalisation for comparison: entity and escape decoding, NFC, whitespace.
//!
//! The raw text of a segment is always kept; this module only derives the form
//! lqa compares and indexes by. It does not strip Markdown (bold, links): markup
//! is part of the translation and is checked separately.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The comparison form of a raw segment text:
/// 1. HTML entities decoded (`&gt;` → `>`, `&#39;` → `'`, `&#x27;` → `'`);
/// 2. Markdown backslash escapes decoded (`\<ip\>` → `<ip>`, `\*` → `*`);
/// 3. Unicode NFC;
/// 4. every run of whitespace (Python's definition, which includes NBSP and
///    U+001C..U+001F) collapsed to one space, and the ends trimmed.
///
/// Steps 1 and 2 happen in one left-to-right pass, so `\&gt;` stays `&gt;`
/// (an escaped ampersand), as CommonMark reads it.
pub fn normalize(raw: &str) -> String {
    let decoded = decode(raw);
    let composed: String = if crate::charclass::is_plain_nfc(&decoded) {
        decoded
    } else {
        match is_nfc_quick(decoded.chars()) {
            IsNormalized::Yes => decoded,
            _ => decoded.nfc().collect(),
        }
    };
    collapse_whitespace(&composed)
}

/// Decodes HTML entities and Markdown backslash escapes in one pass.
pub fn decode(raw: &str) -> String {
    if !raw.contains(['&', '\\']) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find(['&', '\\']) {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        if let Some(after) = rest.strip_prefix('\\') {
            match after.chars().next() {
                Some(c) if c.is_ascii_punctuation() => {
                    out.push(c);
                    rest = &after[1..];
                }
                _ => {
                    out.push('\\');
                    rest = after;
                }
            }
        } else if let Some((decoded, len)) = entity_at(rest) {
            out.push(decoded);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// If `s` starts with a known HTML entity, returns its character and byte length.
pub fn entity_at(s: &str) -> Option<(char, usize)> {
    let body = s.strip_prefix('&')?;
    // Entities are short; don't scan a whole paragraph for a ';'.
    let end = body.bytes().take(12).position(|b| b == b';')?;
    let name = &body[..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code)?
    } else {
        named_entity(name)?
    };
    Some((c, end + 2))
}

/// The named entities that occur in documentation markup. Unknown names are left as written.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "shy" => '\u{AD}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "check" => '✓',
        _ => return None,
    })
}

/// Collapses each run of whitespace (Python's set, as sacreBLEU splits on it) to one
/// ASCII space and trims both ends.
pub fn collapse_whitespace(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in crate::metrics::pytext::py_split(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when `s` has no whitespace but single ASCII spaces between other
/// characters (most segments): then collapsing is a copy. Told from the bytes:
/// the only multi-byte Python whitespace characters start with C2 (U+0085,
/// U+00A0), E1 (U+1680), E2 (U+2000..U+205F) or E3 80 80 (U+3000).
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' if b.get(i + 1) == Some(&b' ') => return false,
            b'\t'..=b'\r' | 0x1c..=0x1f | 0xc2 | 0xe1 | 0xe2 => {
                // Ask the character itself (C2 and E2 also start non-whitespace).
                let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else { return false };
                if crate::metrics::pytext::is_py_whitespace(c) {
                    return false;
                }
                i += c.len_utf8();
                continue;
            }
            0xe3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsed_texts_are_told_from_their_bytes() {
        // Every scalar value between two letters: the fast check agrees with collapsing.
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            for s in [format!("a{c}b"), format!("{c}"), format!("a {c}")] {
                let slow = {
                    let words: Vec<&str> = crate::metrics::pytext::py_split(&s).collect();
                    words.join(" ")
                };
                assert_eq!(is_collapsed(&s), slow == s, "{c:?} in {s:?}");
                assert_eq!(collapse_whitespace(&s), slow);
            }
        }
    }

    #[test]
    fn entities_are_decoded() {
        // Real text: "Settings &gt; Account settings" (partner-center docs, ja-JP).
        assert_eq!(normalize("**設定** &gt; **アカウント設定**"), "**設定** > **アカウント設定**");
        assert_eq!(normalize("we&#39;re &quot;ok&quot; &#x27;x&#X27;"), "we're \"ok\" 'x'");
        // NBSP from &nbsp; is whitespace and collapses with its neighbours.
        assert_eq!(normalize("a &nbsp; b"), "a b");
    }

    #[test]
    fn unknown_or_broken_entities_stay() {
        assert_eq!(normalize("R&D &bogus; &#xZZ; & done"), "R&D &bogus; &#xZZ; & done");
        assert_eq!(normalize("&"), "&");
        assert_eq!(normalize("&#1114112;"), "&#1114112;");
    }

    #[test]
    fn backslash_escapes_are_decoded() {
        // Real source text: "run `ping \<ip\>`" style escapes in partner-center docs.
        assert_eq!(normalize(r"\<ip\> \*not bold\* C:\Windows"), r"<ip> *not bold* C:\Windows");
        assert_eq!(normalize(r"\\server"), r"\server");
        assert_eq!(normalize(r"\&gt;"), "&gt;");
        assert_eq!(normalize("trailing \\"), "trailing \\");
    }

    #[test]
    fn nfc_and_whitespace() {
        // "é" as e + combining acute composes to U+00E9.
        assert_eq!(normalize("cafe\u{301}"), "caf\u{e9}");
        assert_eq!(normalize("  a\r\n\tb\u{1c}c\u{3000}d  "), "a b c d");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \n "), "");
    }
}
