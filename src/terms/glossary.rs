//! Glossaries: approved and forbidden target terms for English source terms,
//! per locale, read from CSV or TBX.
//!
//! CSV: a header row naming `locale`, `source`, `approved` (alternatives
//! separated by `|`), and optionally `forbidden` (also `|`-separated),
//! `case_sensitive` (true/false/yes/no/1/0, default false), `context` (`label`:
//! the term is checked only where it is a whole bold UI label, against the
//! target's label; empty: anywhere in the text) and `note`; other
//! columns are ignored (so a mined glossary with counts reads back). `locale`
//! is a tag (`ru-RU`), a language (`ru`, any region) or `*` (every locale).
//!
//! TBX (TBX-Basic, and the Microsoft Terminology Collection's per-language
//! files): each `termEntry` holds `langSet xml:lang=…` sections with `tig` or
//! `ntig` terms; the English terms are the sources, every other language's terms
//! are approved unless their `administrativeStatus` is deprecated, superseded or
//! forbidden, which makes them forbidden. DOCTYPEs and entities other than XML's
//! five are never resolved.
//!
//! This module reads; matching is in [`super::stem`], checking in [`super`].

use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Locale;
use crate::read::xml::Positions;

/// Which locales an entry applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocaleScope {
    All,
    Language(String),
    Exact(Locale),
}

impl LocaleScope {
    fn parse(text: &str) -> LocaleScope {
        let text = text.trim();
        if text == "*" || text.is_empty() {
            LocaleScope::All
        } else if text.contains(['-', '_']) {
            LocaleScope::Exact(Locale::new(text))
        } else {
            LocaleScope::Language(text.to_ascii_lowercase())
        }
    }

    /// Whether the entry applies to `locale`.
    pub fn covers(&self, locale: &Locale) -> bool {
        match self {
            LocaleScope::All => true,
            LocaleScope::Language(language) => locale.language() == language,
            LocaleScope::Exact(exact) => exact == locale,
        }
    }
}

/// One glossary entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub scope: LocaleScope,
    pub source: String,
    pub approved: Vec<String>,
    pub forbidden: Vec<String>,
    pub case_sensitive: bool,
    pub note: String,
    /// Checked only where the source term is a whole UI label (a bold run), against
    /// the target's label (`context` column `label`; mined glossaries), or anywhere in the text.
    pub label_only: bool,
    /// Where it was read: file and line.
    pub file: PathBuf,
    pub line: usize,
}

/// Reads a glossary file, CSV or TBX by extension (`.tbx`, `.xml` → TBX); one larger than
/// `max_size` bytes is an error before anything is read (see [`crate::read::read_bytes`]).
pub fn read(path: &Path, max_size: u64) -> Result<Vec<Entry>> {
    if is_tbx_name(path) {
        return read_tbx_file(path, max_size);
    }
    parse_bytes(&crate::read::read_bytes(path, max_size)?, path)
}

/// `.tbx` and `.xml` glossaries are TBX (others are CSV unless they start with `<?xml`).
fn is_tbx_name(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    ext == "tbx" || ext == "xml"
}

/// [`read`] on bytes already read (`path` picks CSV or TBX and names it in errors); fuzzing uses it.
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Vec<Entry>> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::invalid_utf8(path, bytes, e))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if is_tbx_name(path) || text.trim_start().starts_with("<?xml") {
        read_tbx(text, path)
    } else {
        read_csv(text, path)
    }
}

/// A TBX file, streamed: its size and first bytes are checked as [`crate::read::read_bytes`]
/// does, then it is parsed as it is read (a 2 GB glossary was read whole).
fn read_tbx_file(path: &Path, max_size: u64) -> Result<Vec<Entry>> {
    use std::io::Read;
    let head = crate::read::read_bytes_head(path, max_size)?;
    let io = |e| Error::Io { path: path.to_path_buf(), source: e };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file.take(max_size.saturating_add(1)));
    if head.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(input_error(path, "a UTF-16 glossary: save it as UTF-8"));
    }
    read_tbx_from(reader, path)
}

fn input_error(path: &Path, message: &str) -> Error {
    input(path, 1, message.to_string())
}

fn input(path: &Path, line: usize, message: String) -> Error {
    Error::Input { path: path.to_path_buf(), line, message }
}

fn split_terms(field: &str) -> Vec<String> {
    field.split('|').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
}

/// Parses glossary CSV text (`path` names it in errors).
pub fn read_csv(text: &str, path: &Path) -> Result<Vec<Entry>> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| input(path, 1, e.to_string()))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(locale), Some(source), Some(approved)) = (column("locale"), column("source"), column("approved")) else {
        return Err(input(path, 1, "the header must name the columns locale, source and approved".to_string()));
    };
    let (forbidden, case_sensitive, note) = (column("forbidden"), column("case_sensitive"), column("note"));
    let context = column("context");
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            input(path, line, e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
        let source_term = field(Some(source));
        if source_term.is_empty() {
            return Err(input(path, line, "empty source term".to_string()));
        }
        let entry = Entry {
            scope: LocaleScope::parse(field(Some(locale))),
            source: source_term.to_string(),
            approved: split_terms(field(Some(approved))),
            forbidden: split_terms(field(forbidden)),
            case_sensitive: match field(case_sensitive).to_ascii_lowercase().as_str() {
                "" | "false" | "no" | "0" => false,
                "true" | "yes" | "1" => true,
                other => return Err(input(path, line, format!("case_sensitive must be true or false, not '{other}'"))),
            },
            note: field(note).to_string(),
            label_only: match field(context).to_ascii_lowercase().as_str() {
                "" | "text" => false,
                "label" => true,
                other => return Err(input(path, line, format!("context must be label or empty, not '{other}'"))),
            },
            file: path.to_path_buf(),
            line,
        };
        if entry.approved.is_empty() && entry.forbidden.is_empty() {
            return Err(input(path, line, format!("'{}' has neither an approved nor a forbidden term", entry.source)));
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// Parses TBX text (`path` names it in errors).
pub fn read_tbx(text: &str, path: &Path) -> Result<Vec<Entry>> {
    read_tbx_from(text.as_bytes(), path)
}

/// Parses TBX as it is read (a large glossary is never held whole).
pub fn read_tbx_from<R: BufRead>(source: R, path: &Path) -> Result<Vec<Entry>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(Positions::new(source));
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    // State of the entry being read.
    let mut entries = Vec::new();
    let mut entry_line = 0;
    let mut lang: Option<String> = None;
    let mut sources: Vec<String> = Vec::new();
    let mut targets: Vec<(String, Vec<String>, Vec<String>)> = Vec::new(); // (lang, approved, forbidden)
    let mut term: Option<String> = None; // the current tig/ntig's term
    let mut status = String::new();
    let mut in_term = false;
    let mut in_status = false;
    let mut text_buf = String::new();
    // Open elements (name, line), to tell a truncated file; whether a root was seen.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut root_seen = false;
    loop {
        buf.clear();
        reader.get_mut().mark();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => {
                let line = reader.get_ref().position(reader.error_position() as usize).0;
                return Err(input(path, line, format!("TBX: {e}")));
            }
        };
        // The line of the end of the event just read (a start tag's line).
        let line_here = reader.get_ref().position(reader.buffer_position() as usize).0;
        match &event {
            Event::Start(e) | Event::Empty(e) if open.is_empty() => {
                let name = e.local_name().into_inner().to_string();
                if root_seen {
                    return Err(input(path, line_here, format!("not TBX: a second root element <{name}>")));
                }
                if !matches!(name.as_str(), "martif" | "tbx") {
                    let message = format!("not TBX (<martif> or <tbx>): the root element is <{name}>");
                    return Err(input(path, line_here, message));
                }
                root_seen = true;
            }
            Event::Text(t) if open.is_empty() && !t.xml10_content().trim().is_empty() => {
                return Err(input(path, line_here, "not TBX: text outside the root element".to_string()));
            }
            _ => {}
        }
        match &event {
            Event::Start(e) => open.push((e.local_name().into_inner().to_string(), line_here)),
            Event::End(_) => {
                open.pop();
            }
            _ => {}
        }
        match event {
            Event::DocType(_) => {} // never resolved
            Event::Start(e) => match e.local_name().into_inner() {
                "termEntry" | "conceptEntry" => {
                    entry_line = line_here;
                    sources.clear();
                    targets.clear();
                }
                "langSet" | "langSec" => {
                    lang = e.attributes().flatten().find(|a| a.key.local_name().into_inner() == "lang").and_then(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
                    });
                }
                "tig" | "ntig" | "termSec" => {
                    term = None;
                    status.clear();
                }
                "term" => {
                    in_term = true;
                    text_buf.clear();
                }
                "termNote" | "descrip" => {
                    in_status = e.attributes().flatten().any(|a| {
                        a.key.into_inner() == "type"
                            && a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .is_ok_and(|v| v.eq_ignore_ascii_case("administrativeStatus"))
                    });
                    text_buf.clear();
                }
                _ => {}
            },
            Event::Text(t) if in_term || in_status => text_buf.push_str(&t.xml10_content()),
            Event::CData(t) if in_term => text_buf.push_str(&t.xml10_content()),
            // Character references and XML's five entities only; any other entity is dropped, never resolved.
            Event::GeneralRef(r) if in_term || in_status => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text_buf.push(c);
                } else if let Some(text) = quick_xml::escape::resolve_predefined_entity(&r) {
                    text_buf.push_str(text);
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "term" => {
                    in_term = false;
                    term = Some(text_buf.trim().to_string());
                }
                "termNote" | "descrip" if in_status => {
                    in_status = false;
                    status = text_buf.trim().to_ascii_lowercase();
                }
                "tig" | "ntig" | "termSec" => {
                    let (Some(t), Some(l)) = (term.take(), lang.as_deref()) else { continue };
                    if t.is_empty() {
                        continue;
                    }
                    if l.to_ascii_lowercase().starts_with("en") {
                        sources.push(t);
                    } else {
                        let slot = match targets.iter().position(|(tl, _, _)| tl == l) {
                            Some(i) => i,
                            None => {
                                targets.push((l.to_string(), Vec::new(), Vec::new()));
                                targets.len() - 1
                            }
                        };
                        let bad = ["deprecated", "superseded", "forbidden", "notrecommended"];
                        if bad.iter().any(|b| status.replace(['-', ' '], "").contains(b)) {
                            targets[slot].2.push(t);
                        } else {
                            targets[slot].1.push(t);
                        }
                    }
                }
                "termEntry" | "conceptEntry" => {
                    for source in &sources {
                        for (l, approved, forbidden) in &targets {
                            entries.push(Entry {
                                scope: LocaleScope::parse(l),
                                source: source.clone(),
                                approved: approved.clone(),
                                forbidden: forbidden.clone(),
                                case_sensitive: false,
                                note: String::new(),
                                label_only: false,
                                file: path.to_path_buf(),
                                line: entry_line,
                            });
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((name, line)) = open.last() {
        let message = format!("TBX: the file ends inside <{name}> opened on line {line}");
        return Err(input(path, reader.get_ref().position(reader.buffer_position() as usize).0, message));
    }
    if !root_seen {
        return Err(input(path, 1, "not TBX: no root element (empty or not XML)".to_string()));
    }
    if entries.is_empty() {
        let message = "TBX: no term entry (<termEntry> or <conceptEntry>) with an English and a target term";
        return Err(input(path, 1, message.to_string()));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_alternatives_scopes_and_extra_columns() {
        let text = "locale,source,approved,forbidden,case_sensitive,note,ht_count\n\
                    ru-RU,Update,Обновить|Обновление,Изменить,false,UI button,12\n\
                    ja,Customer,顧客,,,,\n\
                    *,Partner Center,Partner Center|Центр партнеров,,true,,\n";
        let entries = read_csv(text, Path::new("g.csv")).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].approved, ["Обновить", "Обновление"]);
        assert_eq!(entries[0].forbidden, ["Изменить"]);
        assert_eq!(entries[0].line, 2);
        assert!(entries[1].scope.covers(&Locale::new("ja-JP")));
        assert!(!entries[1].scope.covers(&Locale::new("ko-KR")));
        assert!(entries[2].scope.covers(&Locale::new("de-DE")) && entries[2].case_sensitive);
    }

    #[test]
    fn malformed_csv_names_file_and_line() {
        let e = read_csv("locale,term\nru,x\n", Path::new("g.csv")).unwrap_err().to_string();
        assert!(e.starts_with("g.csv:1: the header must name"), "{e}");
        let e = read_csv("locale,source,approved\nru,Update,\n", Path::new("g.csv")).unwrap_err().to_string();
        assert!(e.starts_with("g.csv:2: 'Update' has neither"), "{e}");
        let e = read_csv("locale,source,approved,case_sensitive\nru,A,Б,maybe\n", Path::new("g.csv"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.csv:2: case_sensitive"), "{e}");
        let e = read_csv("locale,source,approved\nru,A,Б\nru,B\n", Path::new("g.csv")).unwrap_err().to_string();
        assert!(e.starts_with("g.csv:3: "), "{e}");
    }

    /// The layout of the Microsoft Terminology Collection's TBX files (written by hand).
    const MICROSOFT_TBX: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd" [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<martif type="TBX" xml:lang="en-US">
  <text><body>
    <termEntry id="5">
      <langSet xml:lang="en-US">
        <ntig><termGrp><term>customer</term><termNote type="partOfSpeech">Noun</termNote></termGrp></ntig>
      </langSet>
      <langSet xml:lang="ru-RU">
        <ntig><termGrp><term>клиент</term></termGrp></ntig>
      </langSet>
    </termEntry>
    <termEntry id="6">
      <langSet xml:lang="en-US"><tig><term>Update</term></tig></langSet>
      <langSet xml:lang="ru-RU">
        <tig><term>Обновить</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>Изменить</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>"#;

    #[test]
    fn tbx_terms_statuses_and_no_entity_resolution() {
        let entries = read_tbx(MICROSOFT_TBX, Path::new("ms.tbx")).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!((entries[0].source.as_str(), entries[0].approved.clone()), ("customer", vec!["клиент".to_string()]));
        assert_eq!(entries[0].scope, LocaleScope::Exact(Locale::new("ru-RU")));
        assert_eq!(entries[1].approved, ["Обновить"]);
        assert_eq!(entries[1].forbidden, ["Изменить"]);
        assert_eq!(entries[1].line, 13);
    }

    #[test]
    fn broken_tbx_names_the_line() {
        let text = "<martif>\n<text><body>\n<termEntry>\n<langSet xml:lang=\"ru\"></termEntry>\n";
        let e = read_tbx(text, Path::new("bad.tbx")).unwrap_err().to_string();
        assert!(e.starts_with("bad.tbx:4: TBX:"), "{e}");
    }

    /// Hostile-input issue, item 6: these were accepted as empty glossaries (exit 0, no warning).
    #[test]
    fn malformed_tbx_is_an_error_not_an_empty_glossary() {
        let error = |text: &str| read_tbx(text, Path::new("g.tbx")).unwrap_err().to_string();
        assert_eq!(error("\0\0\0\0"), "g.tbx:1: not TBX: text outside the root element");
        assert_eq!(error(""), "g.tbx:1: not TBX: no root element (empty or not XML)");
        assert_eq!(
            error("<html>\n<body>x</body></html>"),
            "g.tbx:1: not TBX (<martif> or <tbx>): the root element is <html>"
        );
        // Truncated in the middle of an entry (the first 13 lines of a real layout).
        let cut: String = MICROSOFT_TBX.lines().take(13).collect::<Vec<_>>().join("\n");
        assert!(error(&cut).contains("TBX: the file ends inside <termEntry> opened on line 13"), "{}", error(&cut));
        assert_eq!(
            error("<martif><text><body></body></text></martif>"),
            "g.tbx:1: TBX: no term entry (<termEntry> or <conceptEntry>) with an English and a target term"
        );
        assert!(error("<martif/><martif/>").contains("a second root element <martif>"));
    }
}
