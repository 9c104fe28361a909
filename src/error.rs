//! The library's one error type. Every variant names the path, and the line where
//! there is one, so a message alone tells a user where to look.

use std::path::PathBuf;

/// What went wrong while reading a corpus or writing reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },

    #[error("{}: binary file (NUL byte at byte {offset})", path.display())]
    Binary { path: PathBuf, offset: usize },

    /// A file larger than the scan's `--max-file-size`: not read at all (a hostile or
    /// mistaken input must not take the batch's memory).
    #[error("{}: {}", path.display(), too_large(*size, *limit))]
    TooLarge { path: PathBuf, size: u64, limit: u64 },

    #[error("{}:{line}: invalid UTF-8", path.display())]
    InvalidUtf8 { path: PathBuf, line: usize },

    #[error("{}:{line}: {kind}", path.display())]
    Parse { path: PathBuf, line: usize, kind: ParseErrorKind },

    #[error("{}: {message}", path.display())]
    Walk { path: PathBuf, message: String },

    #[error("{}: {source}", path.display())]
    Csv { path: PathBuf, source: csv::Error },

    /// A git repository that cannot be read as asked (`--git`): not a
    /// repository, no such branch, a shallow history, a missing object.
    #[error("{}: {message}", path.display())]
    Git { path: PathBuf, message: String },

    /// A problem with the content of an input other than a corpus file
    /// (a pairs file without the needed columns, line counts that differ).
    #[error("{}{}: {message}", path.display(), if *line > 0 { format!(":{line}") } else { String::new() })]
    Input { path: PathBuf, line: usize, message: String },
}

/// Why a file over `--max-file-size` was not read, and how to read it.
fn too_large(size: u64, limit: u64) -> String {
    format!("file of {size} bytes is larger than --max-file-size ({limit} bytes): not read; raise --max-file-size to read it")
}

impl Error {
    /// The error for bytes of `path` that are not UTF-8, with the line of the first bad byte.
    pub fn invalid_utf8(path: &std::path::Path, bytes: &[u8], error: std::str::Utf8Error) -> Error {
        let line = 1 + bytes[..error.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        Error::InvalidUtf8 { path: path.to_path_buf(), line }
    }

    /// The 1-based line the error points at, or 0 when it concerns the whole file.
    pub fn line(&self) -> usize {
        match self {
            Error::InvalidUtf8 { line, .. } | Error::Parse { line, .. } | Error::Input { line, .. } => *line,
            _ => 0,
        }
    }

    /// The path the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::Io { path, .. }
            | Error::Binary { path, .. }
            | Error::TooLarge { path, .. }
            | Error::InvalidUtf8 { path, .. }
            | Error::Parse { path, .. }
            | Error::Walk { path, .. }
            | Error::Csv { path, .. }
            | Error::Git { path, .. }
            | Error::Input { path, .. } => path,
        }
    }

    /// The message without the `path:line:` prefix, for the `reason` column of skipped.csv.
    pub fn reason(&self) -> String {
        match self {
            Error::Io { source, .. } => source.to_string(),
            Error::Binary { offset, .. } => format!("binary file (NUL byte at byte {offset})"),
            Error::TooLarge { size, limit, .. } => too_large(*size, *limit),
            Error::InvalidUtf8 { .. } => "invalid UTF-8".to_string(),
            Error::Parse { kind, .. } => kind.to_string(),
            Error::Walk { message, .. } => message.clone(),
            Error::Csv { source, .. } => source.to_string(),
            Error::Git { message, .. } | Error::Input { message, .. } => message.clone(),
        }
    }
}

/// Why a bilingual-span file could not be parsed. Carried with a line by
/// [`ParseError`] (no I/O, no path) and by [`Error::Parse`] (with the path).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    #[error("front matter opened with '---' is never closed")]
    UnclosedFrontMatter,
    /// The column (1-based, in characters) of `data-ttu-id=`; the bytes that
    /// follow are not quoted, as the file may not be a localization file at all.
    #[error("unrecognisable segment id after data-ttu-id= at column {column}")]
    BadSegmentId { column: usize },
    #[error("unclosed <span data-ttu-id=\"{id}\">: no </span> before the next segment or the end of the file")]
    UnclosedSpan { id: String },
    #[error(
        "segment {id}: the English source (<span class=\"sxs-lookup\"><span data-stu-id=…>) is missing or damaged"
    )]
    MissingSource { id: String },
    #[error("segment {id}: the English source is not closed with </span></span>")]
    UnclosedSource { id: String },
}

/// A parse error with the 1-based line it occurred on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
pub struct ParseError {
    pub line: usize,
    pub kind: ParseErrorKind,
}

/// Result with the library's error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A message line safe for a terminal or a CI log: control characters
/// (newline, carriage return, ESC, …, and the C1 controls) and the Unicode
/// line and paragraph separators are written as `\n`, `\r`, `\u{1b}`, so a
/// file name cannot end a line early, forge an `lqa: FAIL:` line or send
/// terminal escapes; other text, backslashes included, is written as it is.
pub fn printable(message: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !message.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len() + 8);
    for c in message.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod printable_tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("dir/a.po"), "dir/a.po");
        assert_eq!(printable("x\nlqa: FAIL: ru-RU"), "x\\nlqa: FAIL: ru-RU");
        assert_eq!(printable("\u{1b}[31mred\u{7}\r\u{85}\u{2028}"), "\\u{1b}[31mred\\u{7}\\r\\u{85}\\u{2028}");
        assert_eq!(printable("Приложение «Партнер»\tok"), "Приложение «Партнер»\\tok");
    }
}
