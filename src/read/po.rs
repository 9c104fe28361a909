//! gettext PO, with no I/O.
//!
//! Each translated entry is a segment (`msgstr`, or one per `msgstr[N]` of a
//! plural entry, form 0 against `msgid` and the others against
//! `msgid_plural`); its id is `msgctxt` or the line of its `msgid`, with
//! `[N]` for plural forms. The header entry gives the locale (`Language:`).
//! Untranslated and obsolete (`#~`) entries are not read (a warning counts
//! the untranslated ones). Origin markers: translator comments (`# …`,
//! `comment`), extracted comments (`#. …`, `extracted-comment`), each flag
//! (`#, fuzzy` → `flag`), then `state` = `translated` for an entry that is
//! not fuzzy — so by default a fuzzy entry's origin is unknown and any other
//! is HT unless a comment says MT; a rule such as
//! `{ field = "flag", value = "fuzzy", origin = "MT" }` changes that.

use std::path::Path;

use super::origin::Markers;
use super::{gettext_locale_code, Part, Unit};
use crate::error::{Error, Result};

#[derive(Default)]
struct Entry {
    line: usize,
    comments: Vec<(String, String)>,
    flags: Vec<String>,
    msgctxt: Option<String>,
    msgid: Option<String>,
    msgid_plural: Option<String>,
    msgstr: Vec<(usize, String)>,
}

/// Which string a continuation line adds to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Ctxt,
    Id,
    IdPlural,
    Str(usize),
}

/// Parses a PO file's text (`path` names it in errors).
pub fn parse(text: &str, path: &Path) -> Result<Vec<Part>> {
    let error = |line: usize, column: usize, message: &str| Error::Input {
        path: path.to_path_buf(),
        line,
        message: format!("column {column}: {message}"),
    };
    let mut part = Part::default();
    let mut entries: Vec<Entry> = Vec::new();
    let mut entry = Entry::default();
    let mut field = Field::None;
    for (n, raw_line) in lines(text).enumerate() {
        let line_no = n + 1;
        let line = raw_line.trim_start();
        let indent = raw_line.len() - line.len();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("#~") {
            // Obsolete entries are kept by gettext for reuse; they are not in use.
            field = Field::None;
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            if entry.msgid.is_some() {
                entries.push(std::mem::take(&mut entry));
            }
            field = Field::None;
            match rest.chars().next() {
                Some(',') => {
                    entry.flags.extend(rest[1..].split(',').map(|f| f.trim().to_string()).filter(|f| !f.is_empty()))
                }
                Some('.') => entry.comments.push(("extracted-comment".into(), rest[1..].trim().to_string())),
                Some(':') | Some('|') => {}
                _ => entry.comments.push(("comment".into(), rest.trim().to_string())),
            }
            continue;
        }
        if line.starts_with('"') {
            let s = unquote(line).map_err(|(col, m)| error(line_no, indent + col, &m))?;
            let target = match field {
                Field::Ctxt => entry.msgctxt.as_mut(),
                Field::Id => entry.msgid.as_mut(),
                Field::IdPlural => entry.msgid_plural.as_mut(),
                Field::Str(i) => entry.msgstr.iter_mut().find(|(k, _)| *k == i).map(|(_, s)| s),
                Field::None => None,
            };
            match target {
                Some(t) => t.push_str(&s),
                None => return Err(error(line_no, indent + 1, "a string continues no msgid, msgstr or msgctxt")),
            }
            continue;
        }
        let (keyword, rest) = line.split_at(line.find([' ', '\t', '"']).unwrap_or(line.len()));
        let known = matches!(keyword, "msgctxt" | "msgid" | "msgid_plural" | "msgstr")
            || (keyword.starts_with("msgstr[") && keyword.ends_with(']'));
        if !known {
            // What was found is not quoted: the file may be no PO file at all (a linked secret).
            return Err(error(line_no, indent + 1, "expected msgid, msgstr, msgctxt, a string or a comment"));
        }
        let value = unquote(rest.trim_start()).map_err(|(col, m)| {
            error(line_no, indent + keyword.len() + (rest.len() - rest.trim_start().len()) + col, &m)
        })?;
        match keyword {
            "msgctxt" => {
                if entry.msgid.is_some() {
                    entries.push(std::mem::take(&mut entry));
                }
                entry.msgctxt = Some(value);
                field = Field::Ctxt;
            }
            "msgid" => {
                if entry.msgid.is_some() {
                    entries.push(std::mem::take(&mut entry));
                }
                entry.line = line_no;
                entry.msgid = Some(value);
                field = Field::Id;
            }
            "msgid_plural" => {
                entry.msgid_plural = Some(value);
                field = Field::IdPlural;
            }
            "msgstr" => {
                entry.msgstr.push((0, value));
                field = Field::Str(0);
            }
            // msgstr[N], the only other keyword `known` lets through.
            k => {
                let i: usize = k[7..k.len() - 1]
                    .parse()
                    .map_err(|_| error(line_no, indent + 8, "the plural index of msgstr[N] is not a number"))?;
                entry.msgstr.push((i, value));
                field = Field::Str(i);
            }
        }
        if keyword != "msgid" && keyword != "msgctxt" && entry.msgid.is_none() {
            let keyword = if keyword.starts_with("msgstr[") { "msgstr[N]" } else { keyword };
            return Err(error(line_no, indent + 1, &format!("{keyword} before any msgid")));
        }
    }
    if entry.msgid.is_some() {
        entries.push(entry);
    }
    let mut untranslated = (0usize, 0usize);
    for e in entries {
        let msgid = e.msgid.clone().unwrap_or_default();
        if msgid.is_empty() && e.msgctxt.is_none() {
            // The header entry.
            if let Some((_, header)) = e.msgstr.first() {
                for field in header.lines() {
                    if let Some((k, v)) = field.split_once(':') {
                        if k.trim().eq_ignore_ascii_case("Language") && !v.trim().is_empty() {
                            // The header entry's line: the field's own depends on how its strings are split.
                            part.locale = Some(gettext_locale_code(v, "the Language header", path, e.line)?);
                        }
                    }
                }
            }
            continue;
        }
        let fuzzy = e.flags.iter().any(|f| f == "fuzzy");
        let mut markers: Markers = e.comments.clone();
        markers.extend(e.flags.iter().map(|f| ("flag".to_string(), f.clone())));
        if !fuzzy {
            markers.push(("state".into(), "translated".into()));
        }
        let base = e.msgctxt.clone().unwrap_or_else(|| format!("L{}", e.line));
        let plural = e.msgid_plural.is_some();
        for (i, msgstr) in &e.msgstr {
            if msgstr.is_empty() {
                untranslated.0 += 1;
                if untranslated.1 == 0 {
                    untranslated.1 = e.line;
                }
                continue;
            }
            let source = if *i == 0 { msgid.clone() } else { e.msgid_plural.clone().unwrap_or_else(|| msgid.clone()) };
            let id = if plural { format!("{base}[{i}]") } else { base.clone() };
            part.units.push(Unit { id, line: e.line, source, target: msgstr.clone(), markers: markers.clone() });
        }
    }
    if untranslated.0 > 0 {
        part.warnings
            .push((untranslated.1, format!("{} untranslated entr(ies) (empty msgstr) not read", untranslated.0)));
    }
    Ok(vec![part])
}

/// The charset a PO file's header declares (`Content-Type: text/plain;
/// charset=koi8-r`), if encoding_rs knows it; `None` for none, the template
/// placeholder `CHARSET`, or an unknown label. Only the header entry (before
/// the second `msgid`) is looked at; it is ASCII whatever the charset.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let first = memchr::memmem::find(bytes, b"msgid")?;
    let header_end = memchr::memmem::find(&bytes[first + 5..], b"\nmsgid").map_or(bytes.len(), |i| first + 5 + i);
    let header = &bytes[..header_end];
    let at = memchr::memmem::find(header, b"charset=")? + b"charset=".len();
    let label: Vec<u8> = header[at..]
        .iter()
        .copied()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .take(40)
        .collect();
    if label.eq_ignore_ascii_case(b"CHARSET") || label.eq_ignore_ascii_case(b"ascii") {
        return None;
    }
    encoding_rs::Encoding::for_label_no_replacement(&label)
}

/// The locale gettext's file layouts give a PO file: the folder above
/// `LC_MESSAGES` (`locale/de/LC_MESSAGES/app.po`), or the file's own name
/// when it is a language code (`po/fr.po`, `pt_BR.po`, `sr@latin.po`).
pub fn locale_from_path(path: &Path) -> Option<String> {
    let is_code = |name: &str| {
        let (tag, _modifier) = name.split_once('@').unwrap_or((name, ""));
        let mut subtags = tag.split(['_', '-']);
        let language = subtags.next().unwrap_or_default();
        let region = subtags.next();
        (2..=3).contains(&language.len())
            && language.chars().all(|c| c.is_ascii_alphabetic())
            && region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
            && subtags.next().is_none()
    };
    let parent = path.parent();
    if parent.and_then(Path::file_name).is_some_and(|n| n == "LC_MESSAGES") {
        let folder = parent.and_then(Path::parent).and_then(Path::file_name)?.to_str()?;
        return is_code(folder).then(|| folder.to_string());
    }
    let stem = path.file_stem()?.to_str()?;
    is_code(stem).then(|| stem.to_string())
}

/// The lines of a text ended by `\n`, `\r\n` or a lone `\r` (classic Mac
/// OS files; gettext reads them), without their ends.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match memchr::memchr2(b'\n', b'\r', current.as_bytes()) {
            Some(i) => {
                let skip = if current[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&current[i + skip..]);
                Some(&current[..i])
            }
            None => {
                rest = None;
                (!current.is_empty()).then_some(current)
            }
        }
    })
}

/// A C-quoted PO string (`"a\"b\n"`); the error gives the 1-based column within `s`.
fn unquote(s: &str) -> std::result::Result<String, (usize, String)> {
    let Some(inner) = s.strip_prefix('"') else { return Err((1, "expected a quoted string".into())) };
    let mut out = String::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let rest = inner[i + 1..].trim();
                if !rest.is_empty() && !rest.starts_with('#') {
                    return Err((i + 3, "text after the closing quote".into()));
                }
                return Ok(out);
            }
            '\\' => {
                let Some((_, e)) = chars.next() else { break };
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'v' => out.push('\u{b}'),
                    '0'..='7' => {
                        let mut v = e.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            match chars.peek() {
                                Some((_, d)) if d.is_digit(8) => {
                                    v = v * 8 + d.to_digit(8).unwrap_or(0);
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                    }
                    'x' => {
                        let mut v: u32 = 0;
                        while let Some((_, d)) = chars.peek().copied().filter(|(_, d)| d.is_ascii_hexdigit()) {
                            // C reads every hex digit; a long run saturates (and is no character).
                            v = v.saturating_mul(16).saturating_add(d.to_digit(16).unwrap_or(0));
                            chars.next();
                        }
                        out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                    }
                    other => out.push(other),
                }
            }
            c => out.push(c),
        }
    }
    Err((s.chars().count() + 1, "unterminated string (no closing quote)".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(unquote(r#""a\"b\n\t\\ \101\x42""#).unwrap(), "a\"b\n\t\\ AB");
        assert!(unquote("\"open").unwrap_err().1.contains("unterminated"));
        // Found by cargo-fuzz (read_formats): a hex escape longer than 8 digits overflowed.
        assert_eq!(unquote(r#""\x41\x123456789abcdef0z""#).unwrap(), "A\u{FFFD}z");
    }
}
