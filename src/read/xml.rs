//! The XML layer the XLIFF and TMX readers share, on quick-xml.
//!
//! The file is streamed; a reader asks for the subtree of each unit it cares
//! about (`<trans-unit>`, `<unit>`, `<tu>`) and gets a small tree of that
//! unit alone, so memory stays bounded by the largest unit, not the file.
//! Text is decoded: XML's five entities and character references are
//! resolved; a DOCTYPE is skipped and no other entity is ever resolved (an
//! unknown `&name;` stays as written), so external entities cannot be read.
//! The document must be well-formed: one root, no text outside it, every
//! namespace prefix declared. Errors carry the line and column.

use std::io::{BufRead, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, Result};

/// An element with its children, or a run of decoded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// One element: its local name, attributes (qualified names as written,
/// values decoded) and children, and the line its start tag is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub line: usize,
}

impl Element {
    /// The value of an attribute by qualified (`xml:lang`) or local (`lang`) name, case-insensitive.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .or_else(|| self.attrs.iter().find(|(k, _)| local(k).eq_ignore_ascii_case(name)))
            .map(|(_, v)| v.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element of this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// All text below this element, tags dropped.
    pub fn text(&self) -> String {
        let mut out = String::new();
        collect_text(self, &mut out);
        out
    }
}

fn collect_text(e: &Element, out: &mut String) {
    for n in &e.children {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element(c) => collect_text(c, out),
        }
    }
}

/// Writes `nodes` as segment text: text as decoded, inline elements as tags
/// (`<g id="1">…</g>`, `<x id="2"/>`) that the markup checks see as HTML
/// tags. `substitute` may give the text that stands for an element instead
/// (XLIFF 2's `<cp hex>` is a character).
pub fn inline(nodes: &[Node], substitute: &dyn Fn(&Element) -> Option<String>, out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if let Some(text) = substitute(e) {
                    out.push_str(&text);
                    continue;
                }
                out.push('<');
                out.push_str(&e.name);
                for (k, v) in &e.attrs {
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    out.push_str(&v.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;"));
                    out.push('"');
                }
                if e.children.is_empty() {
                    out.push_str("/>");
                } else {
                    out.push('>');
                    inline(&e.children, substitute, out);
                    out.push_str("</");
                    out.push_str(&e.name);
                    out.push('>');
                }
            }
        }
    }
}

/// How deep elements may nest inside a unit (real inline markup: under 10 levels).
pub const MAX_DEPTH: usize = 256;

/// What [`XmlStream::next_item`] gives.
#[derive(Debug)]
pub enum Item {
    /// A start tag (`empty` for `<x/>`), children not read.
    Start(Element, bool),
    End(String),
    Text(String),
    Eof,
}

/// A [`BufRead`] that keeps the bytes consumed since its mark (the start of the XML event being
/// read) and counts lines and columns up to there, so a message can give the line and column of
/// any byte of the current event without the file being held in memory.
pub struct Positions<R> {
    inner: R,
    /// Bytes consumed before `recent`, the 1-based line there, and the characters from that
    /// line's start up to there.
    base: u64,
    line: usize,
    column: usize,
    recent: Vec<u8>,
    /// The offset of the first NUL byte consumed (a binary file).
    nul: Option<u64>,
}

impl<R: BufRead> Positions<R> {
    pub fn new(inner: R) -> Positions<R> {
        Positions { inner, base: 0, line: 1, column: 0, recent: Vec::new(), nul: None }
    }

    /// Moves the mark to the end of what was consumed.
    pub fn mark(&mut self) {
        let newlines = memchr::memchr_iter(b'\n', &self.recent).count();
        let tail = match memchr::memrchr(b'\n', &self.recent) {
            Some(p) => {
                self.column = 0;
                &self.recent[p + 1..]
            }
            None => &self.recent[..],
        };
        self.column += chars(tail);
        self.line += newlines;
        self.base += self.recent.len() as u64;
        self.recent.clear();
    }

    /// The 1-based line and column of a byte offset (offsets before the mark give the mark's).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut rel = (offset as u64).saturating_sub(self.base).min(self.recent.len() as u64) as usize;
        // quick-xml may point inside a multi-byte character (found by cargo-fuzz).
        while rel > 0 && rel < self.recent.len() && (self.recent[rel] & 0xC0) == 0x80 {
            rel -= 1;
        }
        let before = &self.recent[..rel];
        let line = self.line + memchr::memchr_iter(b'\n', before).count();
        let column = match memchr::memrchr(b'\n', before) {
            Some(p) => chars(&before[p + 1..]) + 1,
            None => self.column + chars(before) + 1,
        };
        (line, column)
    }
}

/// The offset, within the text and moved back to a character boundary (quick-xml may point
/// inside a multi-byte character: found by cargo-fuzz).
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Characters in UTF-8 bytes (bytes that do not continue a character).
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

impl<R: BufRead> Read for Positions<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Positions<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        // The inner buffer is still filled (consume follows fill_buf): this does not read.
        if let Ok(buffer) = self.inner.fill_buf() {
            let consumed = &buffer[..n.min(buffer.len())];
            if self.nul.is_none() {
                let at = self.base + self.recent.len() as u64;
                self.nul = memchr::memchr(0, consumed).map(|p| at + p as u64);
            }
            self.recent.extend_from_slice(consumed);
        }
        self.inner.consume(n);
    }
}

/// A streaming reader over a file's text, whole in memory or read as it goes.
pub struct XmlStream<'a, R: BufRead = &'a [u8]> {
    input: Input<'a, R>,
    /// The current event's bytes (reused) when reading as it goes.
    buf: Vec<u8>,
    path: &'a Path,
    /// Open elements (local names), to report a file that ends inside one.
    open: Vec<(String, usize)>,
    /// The root element's line, and whether it has ended (a second root is an error).
    root: Option<(usize, bool)>,
    /// Namespace prefixes in scope, with the depth of the element declaring each.
    prefixes: Vec<(String, usize)>,
}

/// Where the XML comes from: a whole text (quick-xml's borrowing reader, the fastest), or a
/// reader it is read from as it goes (large files; lines counted by [`Positions`]).
enum Input<'a, R> {
    Text {
        reader: quick_xml::Reader<&'a [u8]>,
        text: &'a str,
        /// Byte offset and line of the last line count, so lines are counted once.
        counted: (usize, usize),
    },
    Stream(quick_xml::Reader<Positions<R>>),
}

fn configured<R>(mut reader: quick_xml::Reader<R>) -> quick_xml::Reader<R> {
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    config.expand_empty_elements = false;
    reader
}

impl<'a> XmlStream<'a> {
    pub fn new(text: &'a str, path: &'a Path) -> XmlStream<'a> {
        let reader = configured(quick_xml::Reader::from_reader(text.as_bytes()));
        XmlStream::with(Input::Text { reader, text, counted: (0, 1) }, path)
    }
}

impl<'a, R: BufRead> XmlStream<'a, R> {
    /// A stream over UTF-8 bytes read as they are needed (quick-xml checks the encoding).
    pub fn from_reader(input: R, path: &'a Path) -> XmlStream<'a, R> {
        let reader = configured(quick_xml::Reader::from_reader(Positions::new(input)));
        XmlStream::with(Input::Stream(reader), path)
    }

    fn with(input: Input<'a, R>, path: &'a Path) -> XmlStream<'a, R> {
        XmlStream { input, buf: Vec::new(), path, open: Vec::new(), root: None, prefixes: Vec::new() }
    }

    /// The file the stream reads (for messages).
    pub fn path(&self) -> &'a Path {
        self.path
    }

    /// The offset of the first NUL byte read so far when reading as it goes (the file is
    /// binary; a whole text was checked before).
    pub fn nul_offset(&self) -> Option<usize> {
        match &self.input {
            Input::Text { .. } => None,
            Input::Stream(reader) => reader.get_ref().nul.map(|at| at as usize),
        }
    }

    fn buffer_position(&self) -> usize {
        match &self.input {
            Input::Text { reader, .. } => reader.buffer_position() as usize,
            Input::Stream(reader) => reader.buffer_position() as usize,
        }
    }

    fn error_position(&self) -> usize {
        match &self.input {
            Input::Text { reader, .. } => reader.error_position() as usize,
            Input::Stream(reader) => reader.error_position() as usize,
        }
    }

    /// The 1-based line and column of a byte offset (of the current event when streaming).
    fn position(&mut self, offset: usize) -> (usize, usize) {
        let line = self.line_at(offset);
        match &self.input {
            Input::Stream(reader) => reader.get_ref().position(offset),
            Input::Text { text, .. } => {
                let offset = floor_char_boundary(text, offset);
                let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..offset]).map_or(0, |p| p + 1);
                (line, text[line_start..offset].chars().count() + 1)
            }
        }
    }

    /// The 1-based line of a byte offset.
    fn line_at(&mut self, offset: usize) -> usize {
        match &mut self.input {
            Input::Stream(reader) => reader.get_ref().position(offset).0,
            Input::Text { text, counted, .. } => {
                let offset = floor_char_boundary(text, offset);
                // Offsets rarely go backwards: counting resumes from the last one.
                let (from, line) = if offset >= counted.0 { *counted } else { (0, 1) };
                let line = line + memchr::memchr_iter(b'\n', &text.as_bytes()[from..offset]).count();
                *counted = (offset, line);
                line
            }
        }
    }

    /// An error at a byte offset: `path:line: column C: message`.
    pub fn error_at(&mut self, offset: usize, message: impl std::fmt::Display) -> Error {
        let (line, column) = self.position(offset);
        Error::Input { path: self.path.to_path_buf(), line, message: format!("column {column}: {message}") }
    }

    /// An error at the current position.
    pub fn error(&mut self, message: impl std::fmt::Display) -> Error {
        let at = self.buffer_position();
        self.error_at(at, message)
    }

    /// The next start tag, end tag, text run or the end of the file; comments,
    /// processing instructions, the declaration and a DOCTYPE are skipped.
    pub fn next_item(&mut self) -> Result<Item> {
        let mut buf = std::mem::take(&mut self.buf);
        let item = loop {
            match self.event(&mut buf) {
                Ok(Some(item)) => break Ok(item),
                Ok(None) => {}
                Err(e) => break Err(e),
            }
        };
        self.buf = buf;
        item
    }

    /// Reads one event: an item, or `None` for what is skipped.
    fn event(&mut self, buf: &mut Vec<u8>) -> Result<Option<Item>> {
        let before = self.buffer_position();
        let read = match &mut self.input {
            Input::Text { reader, .. } => reader.read_event(),
            Input::Stream(reader) => {
                reader.get_mut().mark();
                buf.clear();
                reader.read_event_into(buf)
            }
        };
        let event = match read {
            Ok(event) => event,
            // Streaming: bytes that are not UTF-8, as a file read whole reports them.
            Err(quick_xml::Error::Encoding(_)) if matches!(self.input, Input::Stream(_)) => {
                let line = self.line_at(self.error_position());
                return Err(Error::InvalidUtf8 { path: self.path.to_path_buf(), line });
            }
            Err(e) => {
                let at = self.error_position();
                return Err(self.error_at(at, format!("malformed XML: {}", describe(&e))));
            }
        };
        Ok(Some(match event {
            Event::Start(e) => {
                let element = self.start(&e, before, false)?;
                self.open.push((element.name.clone(), element.line));
                Item::Start(element, false)
            }
            Event::Empty(e) => Item::Start(self.start(&e, before, true)?, true),
            Event::End(e) => {
                self.open.pop();
                let depth = self.open.len();
                self.prefixes.retain(|(_, d)| *d < depth);
                if depth == 0 {
                    self.root = self.root.map(|(line, _)| (line, true));
                }
                Item::End(local(e.name().as_ref()).to_string())
            }
            Event::Text(t) => {
                if self.open.is_empty() {
                    let raw: &str = &t;
                    if let Some(skip) = raw.bytes().position(|b| !b.is_ascii_whitespace()) {
                        return Err(self.outside_root(before + skip));
                    }
                }
                Item::Text(t.xml10_content().into_owned())
            }
            Event::CData(_) | Event::GeneralRef(_) if self.open.is_empty() => {
                return Err(self.outside_root(before));
            }
            Event::CData(t) => Item::Text(t.into_inner().into_owned()),
            Event::GeneralRef(r) => {
                let text = if let Ok(Some(c)) = r.resolve_char_ref() {
                    c.to_string()
                } else if let Some(text) = quick_xml::escape::resolve_predefined_entity(&r) {
                    text.to_string()
                } else {
                    // Never resolved (no DTD is read): kept as written.
                    format!("&{};", &*r)
                };
                Item::Text(text)
            }
            Event::Eof => {
                if let Some((name, line)) = self.open.last().cloned() {
                    let at = self.buffer_position();
                    let name = shown(&name);
                    return Err(self.error_at(at, format!("the file ends inside {name} opened on line {line}")));
                }
                Item::Eof
            }
            _ => return Ok(None),
        }))
    }

    /// Text (or CDATA, a reference) outside the root element: not well-formed.
    fn outside_root(&mut self, at: usize) -> Error {
        let message = if self.root.is_some() { "text after the root element" } else { "text before the root element" };
        self.error_at(at, message)
    }

    /// A start tag at byte `at` (`empty` for `<x/>`), checked for what makes
    /// a document not well-formed: a second root, an undeclared namespace prefix.
    fn start(&mut self, e: &BytesStart, at: usize, empty: bool) -> Result<Element> {
        let depth = self.open.len();
        if let (0, Some((line, true))) = (depth, self.root) {
            let name = shown(e.name().as_ref());
            return Err(self.error_at(at, format!("a second root element {name} after the root of line {line} ended")));
        }
        let element = self.element(e, at)?;
        for (key, _) in &element.attrs {
            if let Some(prefix) = key.strip_prefix("xmlns:") {
                self.prefixes.push((prefix.to_string(), depth));
            }
        }
        let bound = |prefixes: &[(String, usize)], qualified: &str| match qualified.split_once(':') {
            None => true,
            Some((prefix, _)) => prefix == "xml" || prefix == "xmlns" || prefixes.iter().any(|(p, _)| p == prefix),
        };
        let qualified = e.name().as_ref().to_string();
        let problem = if !bound(&self.prefixes, &qualified) {
            Some(format!("undeclared namespace prefix on {}", shown(&element.name)))
        } else if !element.attrs.iter().all(|(key, _)| bound(&self.prefixes, key)) {
            Some(format!("undeclared namespace prefix on an attribute of {}", shown(&element.name)))
        } else {
            None
        };
        if let Some(message) = problem {
            return Err(self.error_at(at, message));
        }
        if empty {
            // An empty element's declarations end with it.
            self.prefixes.retain(|(_, d)| *d < depth);
        }
        if depth == 0 {
            self.root = Some((element.line, empty));
        }
        Ok(element)
    }

    fn element(&mut self, e: &BytesStart, at: usize) -> Result<Element> {
        let name = local(e.name().as_ref()).to_string();
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = match a {
                Ok(a) => a,
                Err(err) => return Err(self.error_at(at, format!("malformed attribute in {}: {err}", shown(&name)))),
            };
            let key = a.key.as_ref().to_string();
            let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(_) => a.value.to_string(),
            };
            attrs.push((key, value));
        }
        let line = self.line_at(at);
        Ok(Element { name, attrs, children: Vec::new(), line })
    }

    /// Reads the rest of an element whose start tag was just returned, with
    /// an explicit stack (no recursion, so a hostile file cannot overflow the
    /// thread's stack). Elements nested deeper than [`MAX_DEPTH`] below it are
    /// an error naming the line, so every tree handed out is shallow enough
    /// for the recursive walkers ([`Element::text`], [`inline`], drop).
    pub fn subtree(&mut self, element: Element, empty: bool) -> Result<Element> {
        if empty {
            return Ok(element);
        }
        let mut open = vec![element];
        loop {
            let item = self.next_item()?;
            let Some(top) = open.last_mut() else { return Err(self.error("unbalanced element")) };
            match item {
                Item::Start(child, true) => top.children.push(Node::Element(child)),
                Item::Start(child, false) => {
                    if open.len() >= MAX_DEPTH {
                        let (name, line) = (shown(&open[0].name), open[0].line);
                        let message =
                            format!("elements nested more than {MAX_DEPTH} deep inside {name} of line {line}");
                        return Err(self.error(message));
                    }
                    open.push(child);
                }
                Item::Text(t) => match top.children.last_mut() {
                    Some(Node::Text(prev)) => prev.push_str(&t),
                    _ => top.children.push(Node::Text(t)),
                },
                // The end of the innermost open element (Eof only comes with none open).
                Item::End(_) | Item::Eof => {
                    let Some(done) = open.pop() else { return Err(self.error("unbalanced element")) };
                    match open.last_mut() {
                        Some(parent) => parent.children.push(Node::Element(done)),
                        None => return Ok(done),
                    }
                }
            }
        }
    }

    /// The root element (its start tag only), or `None` for a file with no element.
    pub fn root(&mut self) -> Result<Option<(Element, bool)>> {
        loop {
            match self.next_item()? {
                Item::Start(e, empty) => return Ok(Some((e, empty))),
                Item::Text(t) if t.trim().is_empty() => {}
                Item::Text(_) => return Err(self.error("text before the root element")),
                Item::End(_) | Item::Eof => return Ok(None),
            }
        }
    }
}

/// Element names of the formats lqa reads (XLIFF 1.2 and 2.x with SDL's and
/// memoQ's additions, TMX, their inline codes) and of the files most often
/// mistaken for them (HTML, SVG, Android and .NET resources): only these are
/// named in messages.
const VOCABULARY: &[&str] = &[
    "xliff",
    "file",
    "header",
    "body",
    "group",
    "trans-unit",
    "unit",
    "segment",
    "ignorable",
    "source",
    "target",
    "seg-source",
    "alt-trans",
    "note",
    "notes",
    "bin-unit",
    "skeleton",
    "internal-file",
    "external-file",
    "context-group",
    "context",
    "count-group",
    "count",
    "prop-group",
    "prop",
    "phase-group",
    "phase",
    "tool",
    "glossary",
    "reference",
    "mrk",
    "g",
    "x",
    "bx",
    "ex",
    "ph",
    "bpt",
    "ept",
    "it",
    "sub",
    "pc",
    "sc",
    "ec",
    "sm",
    "em",
    "cp",
    "originalData",
    "data",
    "matches",
    "match",
    "seg-defs",
    "seg",
    "tmx",
    "tu",
    "tuv",
    "ut",
    "hi",
    "map",
    "ude",
    "html",
    "head",
    "svg",
    "resources",
    "string",
    "root",
    "martif",
    "tbx",
    "text",
];

/// How a message shows an element name from a file: `<target>` for a name
/// of [`VOCABULARY`], `<…>` for any other, so that a file that is not a
/// localization file (a linked secret, say) never has its bytes quoted.
pub fn shown(name: &str) -> String {
    if VOCABULARY.contains(&local(name)) {
        format!("<{}>", local(name))
    } else {
        "<…>".to_string()
    }
}

/// A quick-xml error in words, element names shown as [`shown`] does and
/// nothing else of the file quoted (the position is given by the caller).
fn describe(e: &quick_xml::Error) -> String {
    use quick_xml::errors::IllFormedError as Ill;
    let end = |name: &str| shown(name).replacen('<', "</", 1);
    match e {
        quick_xml::Error::IllFormed(ill) => match ill {
            Ill::MismatchedEndTag { expected, found } => {
                format!("expected the end tag {}, found {}", end(expected), end(found))
            }
            Ill::UnmatchedEndTag(found) => format!("the end tag {} closes no open element", end(found)),
            Ill::MissingEndTag(open) => format!("{} is never closed", shown(open)),
            Ill::MissingDeclVersion(_) => "the XML declaration does not start with version".to_string(),
            other => other.to_string(),
        },
        quick_xml::Error::Syntax(syntax) => syntax.to_string(),
        quick_xml::Error::InvalidAttr(attr) => format!("malformed attribute: {attr}"),
        quick_xml::Error::Escape(_) => "a malformed entity or character reference".to_string(),
        quick_xml::Error::Namespace(_) => "a namespace prefix error".to_string(),
        quick_xml::Error::Encoding(_) => "text that is not in the declared encoding".to_string(),
        quick_xml::Error::Io(io) => io.to_string(),
    }
}

/// The local part of a qualified name (`mtc:match` → `match`).
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The local name of the root element of an XML text, without reading further
/// (format sniffing); `None` for a text with no element.
pub fn root_name(text: &str, path: &Path) -> Result<Option<String>> {
    Ok(XmlStream::new(text, path).root()?.map(|(e, _)| e.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Result<Element> {
        let mut s = XmlStream::new(text, Path::new("t.xml"));
        let (root, empty) = s.root()?.expect("a root");
        s.subtree(root, empty)
    }

    #[test]
    fn entities_cdata_and_inline_tags() {
        let root =
            tree("<a x=\"1 &amp; 2\">A &lt;b&gt; &#x41;<![CDATA[<raw>]]><g id=\"1\">in</g><x id=\"2\"/></a>").unwrap();
        assert_eq!(root.attr("x"), Some("1 & 2"));
        let mut out = String::new();
        inline(&root.children, &|_| None, &mut out);
        assert_eq!(out, "A <b> A<raw><g id=\"1\">in</g><x id=\"2\"/>");
        assert_eq!(root.text(), "A <b> A<raw>in");
    }

    #[test]
    fn external_entities_are_never_resolved() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<a>&xxe;</a>";
        assert_eq!(tree(text).unwrap().text(), "&xxe;");
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = tree("<a>\n  <b></c>\n</a>").unwrap_err().to_string();
        assert!(e.starts_with("t.xml:2: column "), "{e}");
        let e = tree("<a>\n<target>text").unwrap_err().to_string();
        assert!(e.contains("ends inside <target> opened on line 2"), "{e}");
    }

    /// Hostile-input issue, item 9: messages quoted the names in a file that is no localization
    /// file (`expected `</password>`…`); names outside the formats' vocabulary are now `<…>`.
    #[test]
    fn errors_never_quote_names_outside_the_vocabulary() {
        let e = tree("<a>\n  <target></hunter2>\n</a>").unwrap_err().to_string();
        assert_eq!(e, "t.xml:2: column 11: malformed XML: expected the end tag </target>, found </…>");
        let e = tree("<secret-AKIA1234>\n<b>text").unwrap_err().to_string();
        assert_eq!(e, "t.xml:2: column 8: the file ends inside <…> opened on line 2");
        assert_eq!(shown("sdl:seg"), "<seg>");
    }

    /// Hostile-input issue, item 17: two concatenated roots were read as one document, and
    /// undeclared namespace prefixes were accepted; a file that is not well-formed XML is now an
    /// error with the position.
    #[test]
    fn two_roots_and_undeclared_prefixes_are_not_well_formed() {
        let read_all = |text: &str| -> Result<usize> {
            let mut s = XmlStream::new(text, Path::new("t.xml"));
            let mut elements = 0;
            loop {
                match s.next_item()? {
                    Item::Start(..) => elements += 1,
                    Item::Eof => return Ok(elements),
                    _ => {}
                }
            }
        };
        let e = read_all("<xliff>\n<file/></xliff>\n<xliff>\n<file/></xliff>").unwrap_err().to_string();
        assert_eq!(e, "t.xml:3: column 1: a second root element <xliff> after the root of line 1 ended");
        let e = read_all("<tmx/><tmx/>").unwrap_err().to_string();
        assert_eq!(e, "t.xml:1: column 7: a second root element <tmx> after the root of line 1 ended");
        let e = read_all("<a/>\ntrailing text").unwrap_err().to_string();
        assert_eq!(e, "t.xml:2: column 1: text after the root element");
        let e = read_all("<xliff>\n  <sdl:seg/></xliff>").unwrap_err().to_string();
        assert_eq!(e, "t.xml:2: column 3: undeclared namespace prefix on <seg>");
        let e = read_all("<xliff>\n<target its:person=\"x\"/></xliff>").unwrap_err().to_string();
        assert_eq!(e, "t.xml:2: column 1: undeclared namespace prefix on an attribute of <target>");
        // Declared on the element, an ancestor, or xml: (always bound): well-formed.
        let ok =
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<xliff xmlns:sdl=\"u\"><sdl:seg xmlns:its=\"i\" its:person=\"p\"/>\
                  <tuv xml:lang=\"de\"/></xliff>\n<!-- after -->\n";
        assert_eq!(read_all(ok).unwrap(), 3);
        // A prefix declared on a sibling is out of scope.
        let e = read_all("<r><a xmlns:p=\"u\"/><p:b/></r>").unwrap_err().to_string();
        assert!(e.contains("undeclared namespace prefix on <…>"), "{e}");
    }
}
