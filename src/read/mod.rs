//! Readers: one per input format, each turning a file into a [`Document`].
//!
//! This layer does the file I/O and the checks every format shares (binary
//! content, UTF-8, BOM); the per-format modules parse text with no I/O.
//! Microsoft Docs bilingual Markdown is the only format so far.

pub mod msdocs;

use std::path::Path;

use crate::error::{Error, Result};
use crate::intern::TextInterner;
use crate::model::{Document, Locale, Origin};

/// An input format lqa can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Microsoft Docs bilingual-span Markdown (`.md`, `.markdown`).
    MsDocsMarkdown,
}

impl Format {
    /// The format a file of this name is read as, by extension (case-insensitive).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::MsDocsMarkdown),
            _ => None,
        }
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
    let bytes = std::fs::read(path).map_err(|e| Error::Io { path: path.to_path_buf(), source: e })?;
    parse_bytes_with(path, &bytes, source, texts)
}

/// Parses a file's bytes as read from `path`, with texts of its own (tests, fuzzing).
pub fn parse_bytes(path: &Path, bytes: &[u8], source: &Source) -> Result<Document> {
    parse_bytes_with(path, bytes, source, &TextInterner::default())
}

/// Parses a file's bytes as read from `path`, taking its texts from `texts`.
pub fn parse_bytes_with(path: &Path, bytes: &[u8], source: &Source, texts: &TextInterner) -> Result<Document> {
    // Text files never hold NUL; a NUL means an image, archive or other binary.
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary { path: path.to_path_buf(), offset });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| Error::invalid_utf8(path, bytes, e))?;
    let parsed = msdocs::parse_with(text, texts).map_err(|e| Error::Parse {
        path: path.to_path_buf(),
        line: e.line,
        kind: e.kind,
    })?;
    let fm = parsed.front_matter;
    let locale = match fm.content_locale.as_deref() {
        Some(tag) if !tag.trim().is_empty() => Locale::new(tag),
        _ => Locale::from_path(path).unwrap_or_else(|| Locale::new("")),
    };
    let origin = fm.translation_type.as_deref().map_or(Origin::Unknown, Origin::from_marker);
    Ok(Document {
        path: source.display.clone(),
        relative_path: source.relative.clone(),
        release: source.release.clone(),
        locale,
        origin,
        front_matter: fm,
        segments: parsed.segments,
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

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_path(Path::new("a/TOC.MD")), Some(Format::MsDocsMarkdown));
        assert_eq!(Format::from_path(Path::new("a/b.yml")), None);
        assert_eq!(Format::from_path(Path::new("LICENSE")), None);
    }
}
