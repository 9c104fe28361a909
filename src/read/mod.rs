//! Readers: one per input format, each turning a file into [`Document`]s.
//!
//! This layer does the file I/O and what every format shares (binary content,
//! UTF-8 or UTF-16 with a BOM, format detection, locale and origin of the
//! units); the per-format modules parse text with no I/O:
//! - [`msdocs`]: Microsoft Docs bilingual-span Markdown (`.md`), one document per file;
//! - [`xliff`]: XLIFF 1.2 and 2.x (`.xlf`, `.xliff`, `.sdlxliff`, `.mqxliff`), one document per `<file>`;
//! - [`tmx`]: TMX 1.4 (`.tmx`), one document per target language;
//! - [`po`]: gettext PO (`.po`);
//! - [`delimited`]: bilingual CSV/TSV (`.csv`, `.tsv`), one document per locale and document column.
//!
//! `.xml` files are read when their root element is `<xliff>` or `<tmx>`, and
//! CSV/TSV files when their header names a source and a target column; other
//! such files are passed over like images (no reader takes them).

pub mod delimited;
pub mod msdocs;
pub mod origin;
pub mod po;
pub mod tmx;
pub mod xliff;
pub mod xml;

use std::path::Path;

use crate::error::{Error, Result};
use crate::intern::TextInterner;
use crate::model::{Document, FrontMatter, Locale, Origin, Segment};

pub use origin::FormatConfig;

/// An input format lqa can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Microsoft Docs bilingual-span Markdown (`.md`, `.markdown`).
    MsDocsMarkdown,
    /// XLIFF 1.2 or 2.x, the version from the file.
    Xliff,
    /// TMX 1.4 (1.1–1.4 read alike).
    Tmx,
    /// gettext PO.
    Po,
    /// Comma- or tab-separated bilingual table.
    Delimited,
    /// `.xml`: XLIFF or TMX by its root element, otherwise not read.
    Xml,
}

impl Format {
    /// The format a file of this name is read as, by extension (case-insensitive).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::MsDocsMarkdown),
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" | "mxliff" => Some(Format::Xliff),
            "tmx" => Some(Format::Tmx),
            "po" => Some(Format::Po),
            "csv" | "tsv" | "tab" => Some(Format::Delimited),
            "xml" => Some(Format::Xml),
            _ => None,
        }
    }
}

/// One unit as a reader found it, before texts are interned and the origin decided.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    /// 1-based line where the unit starts.
    pub line: usize,
    pub source: String,
    pub target: String,
    /// Origin markers in priority order (see [`origin`]).
    pub markers: origin::Markers,
}

/// One document as a reader found it: a part of the file (an XLIFF `<file>`,
/// a TMX target language, a CSV document column) with its units.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Part {
    /// The part's name within the file (`original` of an XLIFF `<file>`), if any.
    pub name: Option<String>,
    /// The target locale the file gives, if it gives one.
    pub locale: Option<String>,
    pub title: Option<String>,
    pub units: Vec<Unit>,
    /// Units already turned into segments as they were read (streamed files: see [`Convert`]).
    pub segments: Vec<Segment>,
    /// Notes about the file (line, message) for warnings.csv.
    pub warnings: Vec<(usize, String)>,
}

/// A locale code read from a file (`what` names the attribute or field, `line` is where
/// it stands), in canonical case; one that is not a BCP 47 tag, or longer than
/// [`Locale::MAX_LEN`] bytes, is an error naming the path and line, so the file is
/// skipped with its reason (`trgLang="f r"`, markup, a 5 MB value).
pub(crate) fn locale_code(value: &str, what: &str, path: &Path, line: usize) -> Result<String> {
    checked_locale(Locale::parse(value), what, path, line)
}

/// [`locale_code`] on a gettext locale name (PO, see [`Locale::from_gettext`]).
pub(crate) fn gettext_locale_code(value: &str, what: &str, path: &Path, line: usize) -> Result<String> {
    checked_locale(Locale::from_gettext(value), what, path, line)
}

fn checked_locale(parsed: std::result::Result<Locale, String>, what: &str, path: &Path, line: usize) -> Result<String> {
    parsed.map(|locale| locale.as_str().to_string()).map_err(|reason| Error::Input {
        path: path.to_path_buf(),
        line,
        message: format!("invalid locale in {what}: {reason}"),
    })
}

/// Reads and parses one file in whatever format it is. An empty list means
/// the file is not a bilingual file lqa reads (an `.xml` of another kind, a
/// CSV without source and target columns).
pub fn read_documents(
    path: &Path,
    source: &Source,
    config: &FormatConfig,
    texts: &TextInterner,
) -> Result<Vec<Document>> {
    let bytes = read_bytes(path, u64::MAX)?;
    parse_documents(path, &bytes, source, config, texts)
}

/// The default of `lqa scan --max-file-size`: 1 GiB. Real exports are far smaller (the
/// largest file of ../shared/corpus is under 1 MB), a file of this size already takes
/// several times its size in memory once parsed, and a larger one is usually a mistake
/// (a dump, an image renamed, a sparse file); it is listed in skipped.csv with its size.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1 << 30;

/// How many leading bytes are looked at before a file is read whole: a NUL among them
/// means a binary file, skipped without reading the rest (an 8 GB sparse `.po` took
/// 8.4 GB of memory and 45 s just to be found binary).
pub const SNIFF_BYTES: u64 = 8192;

/// A file's bytes, unless it is larger than `max_size` (then [`Error::TooLarge`], nothing
/// read) or its first [`SNIFF_BYTES`] hold a NUL without a UTF-16 byte-order mark (then
/// [`Error::Binary`] with the offset the whole file would give, the rest not read).
pub fn read_bytes(path: &Path, max_size: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |e| Error::Io { path: path.to_path_buf(), source: e };
    let too_large = |size| Error::TooLarge { path: path.to_path_buf(), size, limit: max_size };
    let (mut file, size, mut bytes) = open_sniffed(path, max_size)?;
    // The size may be stale (a file still being written): read at most one byte past the limit.
    bytes.reserve_exact(usize::try_from(size).unwrap_or(0).saturating_sub(bytes.len()));
    (&mut file)
        .take(max_size.saturating_add(1).saturating_sub(bytes.len() as u64))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The first [`SNIFF_BYTES`] of a file, checked as [`read_bytes`] checks them (size, NUL), for
/// a reader that then streams the file.
pub fn read_bytes_head(path: &Path, max_size: u64) -> Result<Vec<u8>> {
    open_sniffed(path, max_size).map(|(_, _, head)| head)
}

/// The file open after its first [`SNIFF_BYTES`], its size, and those bytes.
fn open_sniffed(path: &Path, max_size: u64) -> Result<(std::fs::File, u64, Vec<u8>)> {
    use std::io::Read;
    let io = |e| Error::Io { path: path.to_path_buf(), source: e };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > max_size {
        return Err(Error::TooLarge { path: path.to_path_buf(), size, limit: max_size });
    }
    let mut head = Vec::new();
    (&mut file).take(SNIFF_BYTES).read_to_end(&mut head).map_err(io)?;
    if !matches!(head.as_slice(), [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) {
        if let Some(offset) = memchr::memchr(0, &head) {
            return Err(Error::Binary { path: path.to_path_buf(), offset });
        }
    }
    Ok((file, size, head))
}

/// [`read_documents`] on bytes already read.
pub fn parse_documents(
    path: &Path,
    bytes: &[u8],
    source: &Source,
    config: &FormatConfig,
    texts: &TextInterner,
) -> Result<Vec<Document>> {
    let format = Format::from_path(path).unwrap_or(Format::MsDocsMarkdown);
    if format == Format::MsDocsMarkdown {
        return parse_bytes_with(path, bytes, source, texts).map(|d| vec![d]);
    }
    let text = match format {
        Format::Po => po_text(path, bytes)?,
        _ => decode(path, bytes)?,
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let (parts, format_name) = match format {
        Format::Po => (po::parse(text, path)?, "po"),
        Format::Delimited => match delimited::parse(text, path, &config.columns)? {
            Some(parts) => (parts, "csv"),
            None => return Ok(Vec::new()),
        },
        _ => match xml_parts(path, format, xml::root_name(text, path)?, |kind| match kind {
            XmlKind::Xliff => xliff::parse(text, path),
            XmlKind::Tmx => tmx::parse(text, path, &config.source_language),
        })? {
            Some(found) => found,
            None => return Ok(Vec::new()),
        },
    };
    Ok(documents(parts, format_name, format, path, source, config, texts))
}

/// The two XML formats lqa reads.
enum XmlKind {
    Xliff,
    Tmx,
}

/// The parts of an XML file by its root element (`parse` reads the file as that format);
/// `None` for an `.xml` of another kind, an error for an `.xlf` or `.tmx` that is neither.
fn xml_parts(
    path: &Path,
    format: Format,
    root: Option<String>,
    parse: impl FnOnce(XmlKind) -> Result<Vec<Part>>,
) -> Result<Option<(Vec<Part>, &'static str)>> {
    Ok(Some(match root.as_deref() {
        Some("xliff") => (parse(XmlKind::Xliff)?, "xliff"),
        Some("tmx") => (parse(XmlKind::Tmx)?, "tmx"),
        _ if format == Format::Xml => return Ok(None),
        // Another root, or none: say which.
        found => {
            let what = if format == Format::Tmx { "TMX (<tmx>)" } else { "XLIFF (<xliff>)" };
            return Err(Error::Input {
                path: path.to_path_buf(),
                line: 0,
                message: match found {
                    Some(name) => format!("not {what}: the root element is {}", xml::shown(name)),
                    None => format!("not {what}: no root element"),
                },
            });
        }
    }))
}

/// The documents of a file's parts, with the locale its path gives where a part gives none.
fn documents(
    parts: Vec<Part>,
    format_name: &str,
    format: Format,
    path: &Path,
    source: &Source,
    config: &FormatConfig,
    texts: &TextInterner,
) -> Vec<Document> {
    // PO files are named after their language in gettext's layouts (po/fr.po,
    // locale/de/LC_MESSAGES/app.po), which the general path rule does not see.
    let path_locale = match format {
        Format::Po => po::locale_from_path(path)
            .and_then(|tag| Locale::from_gettext(&tag).ok())
            .or_else(|| Locale::from_path(path)),
        _ => Locale::from_path(path),
    };
    build(parts, path_locale, source, config, texts, format_name)
}

/// XLIFF and TMX files larger than this are parsed as they are read, never held whole in
/// memory (a 1 GB XLIFF took 1 GB for its bytes before a unit was read).
pub const STREAM_ABOVE: u64 = 16 << 20;

/// Reads and parses one file, no larger than `max_size` bytes (see [`read_bytes`]); large UTF-8
/// XLIFF and TMX files are streamed (see [`STREAM_ABOVE`]).
pub fn read_documents_within(
    path: &Path,
    source: &Source,
    config: &FormatConfig,
    texts: &TextInterner,
    max_size: u64,
) -> Result<Vec<Document>> {
    read_documents_streaming_above(path, source, config, texts, max_size, STREAM_ABOVE)
}

/// [`read_documents_within`] with the streaming threshold given (tests stream small files).
pub fn read_documents_streaming_above(
    path: &Path,
    source: &Source,
    config: &FormatConfig,
    texts: &TextInterner,
    max_size: u64,
    stream_above: u64,
) -> Result<Vec<Document>> {
    let format = Format::from_path(path).unwrap_or(Format::MsDocsMarkdown);
    if matches!(format, Format::Xliff | Format::Tmx | Format::Xml) {
        if let Some(docs) = stream_xml(path, format, source, config, texts, max_size, stream_above)? {
            return Ok(docs);
        }
    }
    let bytes = read_bytes(path, max_size)?;
    parse_documents(path, &bytes, source, config, texts)
}

/// Streams an XML file larger than `stream_above` bytes; `None` when it is to be read whole
/// (small, over the size limit, UTF-16 or binary by its first bytes: [`read_bytes`] says why).
fn stream_xml(
    path: &Path,
    format: Format,
    source: &Source,
    config: &FormatConfig,
    texts: &TextInterner,
    max_size: u64,
    stream_above: u64,
) -> Result<Option<Vec<Document>>> {
    use std::io::{BufRead, BufReader, Read};
    let io = |e| Error::Io { path: path.to_path_buf(), source: e };
    let open = || -> Result<BufReader<std::fs::File>> {
        let mut file = BufReader::with_capacity(1 << 16, std::fs::File::open(path).map_err(io)?);
        // A UTF-8 byte-order mark is not part of the XML.
        if file.fill_buf().map_err(io)?.starts_with(b"\xEF\xBB\xBF") {
            file.consume(3);
        }
        Ok(file)
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size <= stream_above {
        return Ok(None);
    }
    let head = read_bytes_head(path, max_size)?;
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Ok(None);
    }
    let binary = |nul: Option<usize>| nul.map(|offset| Error::Binary { path: path.to_path_buf(), offset });
    let mut sniff = xml::XmlStream::from_reader(open()?, path);
    let root = match sniff.root() {
        Ok(root) => root.map(|(e, _)| e.name),
        Err(e) => return Err(binary(sniff.nul_offset()).unwrap_or(e)),
    };
    // What is read past the size limit (a file still growing) is not read.
    let limit = max_size.saturating_add(1);
    let mut stream = xml::XmlStream::from_reader(open()?.take(limit), path);
    let parsed = xml_parts(path, format, root, |kind| match kind {
        XmlKind::Xliff => xliff::parse_stream(&mut stream, Some(&Convert { config, source, texts, format: "xliff" })),
        XmlKind::Tmx => {
            let convert = Convert { config, source, texts, format: "tmx" };
            tmx::parse_stream(&mut stream, &config.source_language, Some(&convert))
        }
    });
    if let Some(e) = binary(stream.nul_offset()) {
        return Err(e);
    }
    Ok(match parsed? {
        Some((parts, format_name)) => Some(documents(parts, format_name, format, path, source, config, texts)),
        None => Some(Vec::new()),
    })
}

/// Text of a non-Markdown file: UTF-8, or UTF-16 with its byte-order mark
/// (TMX and XLIFF exports often are); a NUL elsewhere means a binary file.
fn decode<'a>(path: &Path, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, str>> {
    let input = |message: &str| Error::Input { path: path.to_path_buf(), line: 0, message: message.to_string() };
    let utf16 = |little: bool| -> Result<std::borrow::Cow<'a, str>> {
        let body = &bytes[2..];
        if !body.len().is_multiple_of(2) {
            return Err(input("invalid UTF-16 (an odd number of bytes)"));
        }
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).map(Into::into).map_err(|_| input("invalid UTF-16 (unpaired surrogate)"))
    };
    match bytes {
        [0xFF, 0xFE, ..] => return utf16(true),
        [0xFE, 0xFF, ..] => return utf16(false),
        _ => {}
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary { path: path.to_path_buf(), offset });
    }
    utf8(path, bytes).map(Into::into)
}

/// Text of a PO file: as [`decode`] does, unless its header declares a
/// legacy charset (`charset=koi8-r`, `ISO-8859-1`, `Shift_JIS`…), which
/// gettext converts from and so does lqa (with encoding_rs). `CHARSET` (the
/// template placeholder), UTF-8 and ASCII are read as UTF-8.
fn po_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, str>> {
    let Some(encoding) = po::declared_charset(bytes) else { return decode(path, bytes) };
    if encoding == encoding_rs::UTF_8 || matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) {
        return decode(path, bytes);
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut read = 0;
    loop {
        let (result, used) = decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += used;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(text.into()),
            encoding_rs::DecoderResult::OutputFull => text.reserve(bytes.len() - read + 16),
            encoding_rs::DecoderResult::Malformed(_, _) => {
                let line = 1 + bytes[..read].iter().filter(|&&b| b == b'\n').count();
                return Err(Error::Input {
                    path: path.to_path_buf(),
                    line,
                    message: format!(
                        "invalid {} (the charset the header declares) at byte {}",
                        encoding.name(),
                        read.saturating_sub(1)
                    ),
                });
            }
        }
    }
}

/// The bytes as text: SIMD validation (simdutf8), std's only to locate an error.
fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes).map_err(|e| Error::invalid_utf8(path, bytes, e)),
    }
}

/// Turns a reader's parts into documents: locale (config, file, path), each
/// unit's origin from its markers, texts interned.
fn build(
    parts: Vec<Part>,
    path_locale: Option<Locale>,
    source: &Source,
    config: &FormatConfig,
    texts: &TextInterner,
    format: &str,
) -> Vec<Document> {
    let locale_of = |part: &Part| match (&config.locale, &part.locale) {
        (Some(tag), _) => Locale::new(tag),
        (None, Some(tag)) if !tag.trim().is_empty() => Locale::new(tag),
        _ => path_locale.clone().unwrap_or_else(|| Locale::new("")),
    };
    let locales: Vec<Locale> = parts.iter().map(locale_of).collect();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let locale = locales[i].clone();
            // Parts sharing a locale are told apart by name (or number) after '#'.
            let shared = locales.iter().filter(|l| **l == locale).count() > 1;
            let suffix = if shared {
                format!("#{}", part.name.clone().unwrap_or_else(|| (i + 1).to_string()))
            } else {
                String::new()
            };
            let convert = Convert { config, source, texts, format };
            let mut segments = part.segments;
            segments.extend(part.units.into_iter().map(|unit| convert.segment(unit)));
            Document {
                path: format!("{}{suffix}", source.display),
                relative_path: format!("{}{suffix}", source.relative),
                release: source.release.clone(),
                origin: Document::common_origin(&segments).unwrap_or(Origin::Unknown),
                locale,
                front_matter: FrontMatter { title: part.title, ..FrontMatter::default() },
                segments,
                warnings: part.warnings,
            }
        })
        .collect()
}

/// Turns a reader's units into segments: the origin decided from its markers, the texts
/// interned. A streamed file's units are turned as they are read, so they never pile up
/// (a 1 GB XLIFF held 8.9 million units, with three strings each, before its first segment).
pub struct Convert<'a> {
    pub config: &'a FormatConfig,
    pub source: &'a Source,
    pub texts: &'a TextInterner,
    /// The format's name, an origin marker (`format`).
    pub format: &'a str,
}

impl Convert<'_> {
    fn segment(&self, unit: Unit) -> Segment {
        let mut markers = unit.markers;
        markers.push(("format".to_string(), self.format.to_string()));
        Segment {
            origin: self.config.origin(&markers, &self.source.relative),
            id: unit.id,
            line: unit.line,
            source: self.texts.intern(&unit.source),
            target: self.texts.intern(&unit.target),
            recovered: false,
        }
    }

    /// Turns the part's units into segments.
    pub fn drain(&self, part: &mut Part) {
        let Part { units, segments, .. } = part;
        segments.extend(units.drain(..).map(|unit| self.segment(unit)));
    }
}

/// Where a file sits in a scan: how to show it and which release it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The release label (`current` without `--releases`).
    pub release: String,
    /// The path as walked, for reports.
    pub display: String,
    /// The path below the release folder or scan root.
    pub relative: String,
}

/// Reads and parses one file, taking its texts from `texts`. Binary content,
/// invalid UTF-8 and markup that cannot be read are errors naming the path and line.
pub fn read_file(path: &Path, source: &Source, texts: &TextInterner) -> Result<Document> {
    let bytes = read_bytes(path, u64::MAX)?;
    parse_bytes_with(path, &bytes, source, texts)
}

/// Parses a file's bytes as read from `path`, with texts of its own (tests, fuzzing).
pub fn parse_bytes(path: &Path, bytes: &[u8], source: &Source) -> Result<Document> {
    parse_bytes_with(path, bytes, source, &TextInterner::default())
}

/// Parses a file's bytes as read from `path`, taking its texts from `texts`.
pub fn parse_bytes_with(path: &Path, bytes: &[u8], source: &Source, texts: &TextInterner) -> Result<Document> {
    // UTF-8, or UTF-16 with its BOM as every other format; a NUL elsewhere means a binary file.
    let text = decode(path, bytes)?;
    let parsed = msdocs::parse_with(&text, texts).map_err(|e| Error::Parse {
        path: path.to_path_buf(),
        line: e.line,
        kind: e.kind,
    })?;
    let fm = parsed.front_matter;
    let locale = match fm.content_locale.as_deref() {
        Some(tag) if !tag.trim().is_empty() => {
            // The front matter's line: the first that names the key.
            let at = text.find("ms.contentlocale").unwrap_or(0);
            let line = 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count();
            Locale::new(&locale_code(tag, "ms.contentlocale", path, line)?)
        }
        _ => Locale::from_path(path).unwrap_or_else(|| Locale::new("")),
    };
    let origin = fm.translation_type.as_deref().map_or(Origin::Unknown, Origin::from_marker);
    let mut segments = parsed.segments;
    for segment in &mut segments {
        segment.origin = origin;
    }
    Ok(Document {
        path: source.display.clone(),
        relative_path: source.relative.clone(),
        release: source.release.clone(),
        locale,
        origin,
        front_matter: fm,
        segments,
        warnings: parsed.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DEFAULT_RELEASE;

    fn source() -> Source {
        Source { release: DEFAULT_RELEASE.into(), display: "x.md".into(), relative: "x.md".into() }
    }

    #[test]
    fn binary_and_invalid_utf8_name_where() {
        let p = Path::new("img.md");
        let err = parse_bytes(p, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &source()).unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 8, .. }), "{err}");
        let err = parse_bytes(p, b"---\nok\n\xff\xfe bad", &source()).unwrap_err();
        assert_eq!(err.line(), 3);
        assert_eq!(err.to_string(), "img.md:3: invalid UTF-8");
    }

    #[test]
    fn locale_from_front_matter_then_path() {
        let doc = parse_bytes(
            Path::new("partner-center-pr.ja-jp/a.md"),
            b"---\nms.contentlocale: ko-kr\nms.translationtype: MT\n---\n",
            &source(),
        )
        .unwrap();
        assert_eq!(doc.locale.as_str(), "ko-KR");
        assert_eq!(doc.origin, Origin::Machine);
        let doc = parse_bytes(Path::new("partner-center-pr.ja-jp/a.md"), b"no front matter", &source()).unwrap();
        assert_eq!(doc.locale.as_str(), "ja-JP");
        assert_eq!(doc.origin, Origin::Unknown);
    }

    /// Hostile-input issue, item 12: a PO file without a `Language:` header was `und` even at
    /// `po/fr.po` or `locale/de/LC_MESSAGES/app.po`, gettext's own layouts.
    #[test]
    fn po_without_language_header_takes_the_locale_of_gettext_layouts() {
        let po = b"msgid \"Save\"\nmsgstr \"Enregistrer\"\n";
        let locale = |path: &str| {
            let docs =
                parse_documents(Path::new(path), po, &source(), &FormatConfig::default(), &TextInterner::default());
            docs.unwrap()[0].locale.as_str().to_string()
        };
        assert_eq!(locale("project/po/fr.po"), "fr");
        assert_eq!(locale("po/pt_BR.po"), "pt-BR");
        assert_eq!(locale("locale/de/LC_MESSAGES/app.po"), "de");
        assert_eq!(locale("share/locale/zh_TW/LC_MESSAGES/app.po"), "zh-TW");
        assert_eq!(locale("docs.ru-ru/messages.po"), "ru-RU", "the general path rule still applies");
        assert_eq!(locale("messages.po"), "und");
    }

    /// Hostile-input issue, item 13: UTF-16 Markdown with a BOM was skipped as binary, a CR-only
    /// PO was one line (skipped), and a PO declaring `charset=koi8-r` lost all its units.
    #[test]
    fn utf16_markdown_cr_only_po_and_legacy_po_charsets_are_read() {
        let span = "<span data-ttu-id=\"a1b2c-101\">Сохранить</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-101\">Save</span></span>";
        let md = format!("---\nms.contentlocale: ru-ru\nms.translationtype: MT\n---\n{span}\n");
        for little in [true, false] {
            let mut bytes = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
            for unit in md.encode_utf16() {
                bytes.extend(if little { unit.to_le_bytes() } else { unit.to_be_bytes() });
            }
            let doc = parse_bytes(Path::new("a.md"), &bytes, &source()).unwrap();
            assert_eq!((doc.segments.len(), doc.locale.as_str()), (1, "ru-RU"));
        }
        let config = FormatConfig::default();
        let read = |name: &str, bytes: &[u8]| {
            parse_documents(Path::new(name), bytes, &source(), &config, &TextInterner::default())
        };
        let cr = "msgid \"\"\rmsgstr \"Language: de\\n\"\r\rmsgid \"Save\"\rmsgstr \"Speichern\"\r";
        let docs = read("cr.po", cr.as_bytes()).unwrap();
        assert_eq!((docs[0].segments.len(), docs[0].locale.as_str()), (1, "de"));
        assert_eq!(docs[0].segments[0].line, 4);
        // 321 entries in KOI8-R, as the header declares.
        let mut po = String::from(
            "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\"Content-Type: text/plain; charset=koi8-r\\n\"\n",
        );
        for i in 0..321 {
            po.push_str(&format!("\nmsgid \"Step {i}\"\nmsgstr \"Шаг {i}\"\n"));
        }
        let (koi8, _, lossy) = encoding_rs::KOI8_R.encode(&po);
        assert!(!lossy && std::str::from_utf8(&koi8).is_err());
        let docs = read("ru.po", &koi8).unwrap();
        assert_eq!(docs[0].segments.len(), 321);
        assert_eq!(docs[0].segments[320].target.raw, "Шаг 320");
        // Bytes the declared charset cannot have are an error with the line.
        let bad = b"msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=Shift_JIS\\n\"\n\nmsgid \"a\"\nmsgstr \"\x82\xff\"\n";
        let err = read("ja.po", bad).unwrap_err().to_string();
        assert!(err.starts_with("ja.po:5: invalid Shift_JIS"), "{err}");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_path(Path::new("a/TOC.MD")), Some(Format::MsDocsMarkdown));
        assert_eq!(Format::from_path(Path::new("a/b.yml")), None);
        assert_eq!(Format::from_path(Path::new("LICENSE")), None);
    }
}
