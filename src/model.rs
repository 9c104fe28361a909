//! The data model every reader produces and every later stage consumes:
//! [`Document`], [`Segment`], [`Text`], [`Origin`], [`Locale`] and inline [`Markup`].
//!
//! Nothing here reads files or writes reports; it only describes what was read.

use std::fmt;

use serde::Serialize;

/// Who produced a translation, from the file's own marker (`ms.translationtype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Origin {
    /// `HT`: human translation.
    Human,
    /// `MT`: machine translation.
    Machine,
    /// The marker is missing or has a value lqa does not know.
    Unknown,
}

impl Origin {
    /// Parses the value of `ms.translationtype`; case-insensitive, anything else is `Unknown`.
    pub fn from_marker(value: &str) -> Origin {
        match value.trim().to_ascii_uppercase().as_str() {
            "HT" => Origin::Human,
            "MT" => Origin::Machine,
            _ => Origin::Unknown,
        }
    }

    /// The label used in reports: `HT`, `MT` or `unknown`.
    pub fn label(self) -> &'static str {
        match self {
            Origin::Human => "HT",
            Origin::Machine => "MT",
            Origin::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A BCP 47 locale tag in canonical case: `ru-RU`, `zh-CN`, `zh-Hans`, `sr-Latn-RS`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Locale(String);

impl Locale {
    /// The tag used when a document names no locale and none can be inferred.
    pub const UNDETERMINED: &'static str = "und";

    /// The longest locale code read from a file, in bytes: real tags are a few
    /// subtags long (`sr-Latn-RS`, `zh-Hant-TW`); a longer value (a 5 MB `trgLang`)
    /// is rejected before it is parsed.
    pub const MAX_LEN: usize = 64;

    /// Parses a locale code as a BCP 47 language tag (RFC 5646, with the
    /// `language-tags` crate) in canonical case: language lower case, script title
    /// case, region upper case (`ru-ru` → `ru-RU`, `ZH-hant` → `zh-Hant`).
    /// Underscores are read as hyphens (`pt_BR` → `pt-BR`); surrounding blanks and
    /// quotes are ignored and an empty code is `und`. The error says why a code is
    /// not a tag (too long, a space, markup…) without quoting it.
    pub fn parse(tag: &str) -> Result<Locale, String> {
        let tag = tag.trim().trim_matches(|c| c == '"' || c == '\'');
        if tag.len() > Self::MAX_LEN {
            return Err(format!("a locale code of {} bytes (at most {})", tag.len(), Self::MAX_LEN));
        }
        if tag.is_empty() {
            return Ok(Locale(Self::UNDETERMINED.to_string()));
        }
        language_tags::LanguageTag::parse(&tag.replace('_', "-"))
            .map(|parsed| Locale(parsed.into_string()))
            .map_err(|e| format!("not a BCP 47 locale code: {e}"))
    }

    /// [`Locale::parse`] on a gettext locale name (a PO `Language:` header, a file or
    /// folder name): `ll_CC.codeset@modifier`, the codeset dropped, the modifiers
    /// `latin` and `cyrillic` read as scripts (`sr_RS@latin` → `sr-Latn-RS`), another
    /// modifier kept as a variant when it can be one (`ca@valencia` → `ca-valencia`).
    pub fn from_gettext(name: &str) -> Result<Locale, String> {
        let name = name.trim();
        if name.len() > Self::MAX_LEN {
            return Self::parse(name);
        }
        let (code, modifier) = name.split_once('@').unwrap_or((name, ""));
        let code = code.split_once('.').map_or(code, |(code, _codeset)| code);
        let script = match modifier.to_ascii_lowercase().as_str() {
            "latin" => Some("Latn"),
            "cyrillic" => Some("Cyrl"),
            _ => None,
        };
        let mut subtags: Vec<&str> = code.split(['_', '-']).collect();
        if let Some(script) = script {
            subtags.insert(1.min(subtags.len()), script);
        } else if (5..=8).contains(&modifier.len()) && modifier.chars().all(|c| c.is_ascii_alphanumeric()) {
            subtags.push(modifier);
        }
        Self::parse(&subtags.join("-"))
    }

    /// A locale from text lqa trusts (the config file, a glossary, tests): as
    /// [`Locale::parse`], and a code that is not a tag is kept, its subtags cased as
    /// a tag's would be. Locale codes read from a file go through [`Locale::parse`].
    pub fn new(tag: &str) -> Locale {
        if let Ok(locale) = Self::parse(tag) {
            return locale;
        }
        let tag = tag.trim().trim_matches(|c| c == '"' || c == '\'');
        let mut out = String::with_capacity(tag.len());
        for (i, sub) in tag.split(['-', '_']).enumerate() {
            if i > 0 {
                out.push('-');
            }
            let is_alpha = sub.chars().all(|c| c.is_ascii_alphabetic());
            if i == 0 {
                out.push_str(&sub.to_ascii_lowercase());
            } else if sub.len() == 4 && is_alpha {
                let mut chars = sub.chars();
                if let Some(first) = chars.next() {
                    out.push(first.to_ascii_uppercase());
                    out.push_str(&chars.as_str().to_ascii_lowercase());
                }
            } else if sub.len() == 2 && is_alpha {
                out.push_str(&sub.to_ascii_uppercase());
            } else {
                out.push_str(&sub.to_ascii_lowercase());
            }
        }
        Locale(out)
    }

    /// Looks for a locale in a path: a component that is a locale (`ru-ru`) or that
    /// ends in one after a dot (`partner-center-pr.ru-ru`, the Microsoft Docs repo layout).
    pub fn from_path(path: &std::path::Path) -> Option<Locale> {
        path.components().rev().find_map(|component| {
            let name = component.as_os_str().to_str()?;
            let candidate = name.rsplit('.').next()?;
            looks_like_locale(candidate).then(|| Locale::new(candidate))
        })
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag: `ru` for `ru-RU`.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

/// `ll-cc` or `ll-Ssss` or `ll-Ssss-cc`, with a 2–3 letter language.
fn looks_like_locale(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let alpha = |p: &str, lens: &[usize]| lens.contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic());
    match parts.as_slice() {
        [lang, region] => alpha(lang, &[2, 3]) && (alpha(region, &[2, 4])),
        [lang, script, region] => alpha(lang, &[2, 3]) && alpha(script, &[4]) && alpha(region, &[2]),
        _ => false,
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A piece of text as it stands in the file, and its normalised form.
///
/// `raw` is kept byte for byte (minus a front-matter string escape layer, see the
/// reader); `normalized` is what lqa compares: HTML entities and Markdown backslash
/// escapes decoded, Unicode NFC, runs of whitespace collapsed to one space, trimmed.
///
/// A `Text` depends on its raw form alone, so equal raw texts are shared
/// ([`crate::intern::TextInterner`]); segments hold them as `Arc<Text>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub raw: String,
    /// The normalised form when it differs from `raw` (most texts are already normal: they
    /// keep one copy, see [`Text::normalized`]).
    normalized: Option<Box<str>>,
    /// Inline markup of the raw text, in order of appearance.
    pub markup: Vec<Markup>,
    /// Words of the normalised text (split on Python's whitespace).
    pub words: usize,
}

impl Text {
    /// Builds the normalised form, the markup and the word count from the raw text.
    pub fn new(raw: String) -> Text {
        let normalized = crate::normalize::normalize(&raw);
        let markup = crate::markup::extract(&raw);
        let words = crate::metrics::pytext::py_split(&normalized).count();
        let normalized = (normalized != raw).then(|| normalized.into_boxed_str());
        Text { raw, normalized, markup, words }
    }

    /// What lqa compares: the raw text with HTML entities decoded, Markdown escapes removed
    /// and whitespace collapsed (see [`crate::normalize`]).
    pub fn normalized(&self) -> &str {
        self.normalized.as_deref().unwrap_or(&self.raw)
    }
}

/// One kind of inline markup found in a segment's raw text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum MarkupKind {
    /// `**bold**` or `__bold__`; `text` is the label inside.
    Bold,
    /// `*italic*` or `_italic_`.
    Italic,
    /// `[text](url)`; `text` is the link text, `url` its target.
    Link,
    /// `![alt](url)`.
    Image,
    /// `` `code` ``.
    Code,
    /// An HTML tag such as `<br/>` or `</td>`; `text` is the whole tag.
    HtmlTag,
    /// An HTML entity such as `&gt;`; `text` is the entity as written.
    Entity,
    /// A Markdown backslash escape such as `\<`; `text` is the escaped character.
    Escape,
}

/// One inline markup element of a segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Markup {
    pub kind: MarkupKind,
    /// The label, link text, code, tag, entity or escaped character.
    pub text: String,
    /// The URL of a link or image; empty otherwise.
    pub url: String,
}

/// One translation unit: the target text and its English source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The unit's id as the file gives it (`d9f43-108`). Ids are renumbered
    /// between versions of a document; never align versions by id.
    pub id: String,
    /// 1-based line of the segment's opening tag.
    pub line: usize,
    /// The English source and the translation, shared with every equal text of the scan.
    pub source: std::sync::Arc<Text>,
    pub target: std::sync::Arc<Text>,
    /// Who translated this segment: the document's label for Markdown, the
    /// unit's own marker (state, provenance, properties) for XLIFF, TMX, PO and CSV.
    pub origin: Origin,
    /// Set when the segment was recovered from damaged markup (see the reader).
    pub recovered: bool,
}

/// Metadata from a document's front matter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Raw value of `ms.translationtype`, if present.
    pub translation_type: Option<String>,
    /// Raw value of `ms.contentlocale`, if present.
    pub content_locale: Option<String>,
    pub open_loc_file_hash: Option<String>,
    pub source_git_commit: Option<String>,
    pub last_handoff: Option<String>,
    pub loc_file_id: Option<String>,
    /// Every other key, in file order, with its unquoted value.
    pub other: Vec<(String, String)>,
}

/// One file read: its metadata and segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The path as it was walked (the scan root joined with the file's path below it).
    pub path: String,
    /// The path below its release folder (or below the scan root); the identity
    /// of "the same document" across releases.
    pub relative_path: String,
    /// The release label: the release folder's name, or [`DEFAULT_RELEASE`].
    pub release: String,
    pub locale: Locale,
    /// The document's label (`ms.translationtype`), or the origin all its
    /// segments share; `Unknown` when they differ ([`Document::origin_label`]
    /// then says `mixed`). Per-segment figures use [`Segment::origin`].
    pub origin: Origin,
    pub front_matter: FrontMatter,
    pub segments: Vec<Segment>,
    /// Notes about damaged markup that was recovered (line, message).
    pub warnings: Vec<(usize, String)>,
}

impl Document {
    /// The origin every segment shares, `None` when they differ (or for no segments).
    pub fn common_origin(segments: &[Segment]) -> Option<Origin> {
        let first = segments.first()?.origin;
        segments.iter().all(|s| s.origin == first).then_some(first)
    }

    /// Whether the segments have more than one origin.
    pub fn is_mixed(&self) -> bool {
        Document::common_origin(&self.segments).is_none() && !self.segments.is_empty()
    }

    /// `HT`, `MT`, `unknown`, or `mixed` when the segments' origins differ.
    pub fn origin_label(&self) -> &'static str {
        if self.is_mixed() {
            "mixed"
        } else {
            self.origin.label()
        }
    }

    /// The origins present among the segments, in `Origin` order (the
    /// document's own origin when it has no segment).
    pub fn origins(&self) -> Vec<Origin> {
        let mut present = [false; 3];
        for s in &self.segments {
            present[s.origin as usize] = true;
        }
        let origins: Vec<Origin> =
            [Origin::Human, Origin::Machine, Origin::Unknown].into_iter().filter(|o| present[*o as usize]).collect();
        if origins.is_empty() {
            vec![self.origin]
        } else {
            origins
        }
    }
}

/// The release label of a scan without `--releases`.
pub const DEFAULT_RELEASE: &str = "current";

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn locale_case_is_normalised() {
        assert_eq!(Locale::new("ru-ru").as_str(), "ru-RU");
        assert_eq!(Locale::new("ZH-hans").as_str(), "zh-Hans");
        assert_eq!(Locale::new("sr_latn_rs").as_str(), "sr-Latn-RS");
        assert_eq!(Locale::new("\"ja-JP\"").as_str(), "ja-JP");
        assert_eq!(Locale::new("").as_str(), "und");
        assert_eq!(Locale::parse("pt_br").unwrap().as_str(), "pt-BR");
        assert_eq!(Locale::parse("ZH-hant").unwrap().as_str(), "zh-Hant");
        assert_eq!(Locale::parse("es-419").unwrap().as_str(), "es-419");
        assert!(Locale::parse("f r").is_err());
        assert!(Locale::parse("<b>fr</b>").is_err());
        assert!(Locale::parse(&"a".repeat(65)).unwrap_err().contains("65 bytes"));
        assert_eq!(Locale::from_gettext("sr_RS@latin").unwrap().as_str(), "sr-Latn-RS");
        assert_eq!(Locale::from_gettext("sr@cyrillic").unwrap().as_str(), "sr-Cyrl");
        assert_eq!(Locale::from_gettext("de_DE.UTF-8@euro").unwrap().as_str(), "de-DE");
        assert_eq!(Locale::from_gettext("ca@valencia").unwrap().as_str(), "ca-valencia");
        assert_eq!(Locale::new("ru-RU").language(), "ru");
    }

    #[test]
    fn locale_from_microsoft_docs_repo_folder() {
        let p = Path::new("corpus/sample/partner-center-pr.ko-kr/partner-center/a.md");
        assert_eq!(Locale::from_path(p).map(|l| l.0), Some("ko-KR".to_string()));
        assert_eq!(Locale::from_path(Path::new("docs/de-de/a.md")).map(|l| l.0), Some("de-DE".into()));
        // "partner-center" has no two-letter region part: not a locale.
        assert_eq!(Locale::from_path(Path::new("partner-center/a.md")), None);
    }

    #[test]
    fn origin_markers() {
        assert_eq!(Origin::from_marker("HT"), Origin::Human);
        assert_eq!(Origin::from_marker(" mt "), Origin::Machine);
        assert_eq!(Origin::from_marker("Human"), Origin::Unknown);
    }
}
