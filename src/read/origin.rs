//! Settings for the exchange formats (XLIFF, TMX, PO, CSV) and the rules
//! that decide each unit's origin (HT or MT) from its own markers.
//!
//! A reader lists a unit's markers as (field, value) pairs in priority order:
//! `state-qualifier`, `mt-match`, `prop:x-origin`, `creationid`, `flag`,
//! `comment`, `state`, … and the pseudo-fields `format` (`xliff`, `tmx`, `po`,
//! `csv`) and `path` (the file's path below the scan root). The user's
//! `[[formats.origin-rule]]`s are tried first, in order; then the built-in
//! meaning of well-known markers; then `default-origin`.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// The `[formats]` section of the config file.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FormatConfig {
    /// The target locale of every XLIFF/TMX/PO/CSV file, instead of the file's own.
    pub locale: Option<String>,
    /// The source language: the TMX variant that is the source when the header
    /// says `srclang="*all*"`, and the language a bilingual CSV's source is in.
    pub source_language: String,
    /// The origin of a unit no marker decides: "HT", "MT" or "unknown".
    pub default_origin: OriginName,
    /// Column names of bilingual CSV/TSV files.
    pub columns: Columns,
    /// Rules tried before the built-in markers, first match wins.
    pub origin_rule: Vec<OriginRule>,
}

impl Default for FormatConfig {
    fn default() -> FormatConfig {
        FormatConfig {
            locale: None,
            source_language: "en".to_string(),
            default_origin: OriginName(Origin::Unknown),
            columns: Columns::default(),
            origin_rule: Vec::new(),
        }
    }
}

/// Header names of a bilingual CSV/TSV (matched case-insensitively). Only
/// `source` and `target` must be present; a file whose header lacks them is
/// not a bilingual file and is passed over.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Columns {
    pub source: String,
    pub target: String,
    pub locale: String,
    pub origin: String,
    pub id: String,
    pub document: String,
}

impl Default for Columns {
    fn default() -> Columns {
        Columns {
            source: "source".into(),
            target: "target".into(),
            locale: "locale".into(),
            origin: "origin".into(),
            id: "id".into(),
            document: "document".into(),
        }
    }
}

/// `field` (a marker name, `path` or `format`) whose value matches `value`
/// (case-insensitive; `*` matches any run of characters) means `origin`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OriginRule {
    pub field: String,
    pub value: String,
    pub origin: OriginName,
}

/// An origin as written in the config: `HT`, `MT` or `unknown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OriginName(pub Origin);

impl Serialize for OriginName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.0.label())
    }
}

impl<'de> Deserialize<'de> for OriginName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<OriginName, D::Error> {
        let text = String::deserialize(d)?;
        match text.to_ascii_lowercase().as_str() {
            "ht" => Ok(OriginName(Origin::Human)),
            "mt" => Ok(OriginName(Origin::Machine)),
            "unknown" => Ok(OriginName(Origin::Unknown)),
            _ => Err(serde::de::Error::custom(format!("origin '{text}' is not HT, MT or unknown"))),
        }
    }
}

/// A unit's markers, in the reader's priority order.
pub type Markers = Vec<(String, String)>;

impl FormatConfig {
    /// The origin of a unit with these markers in the file at `path`.
    pub fn origin(&self, markers: &[(String, String)], path: &str) -> Origin {
        for rule in &self.origin_rule {
            let hit = if rule.field.eq_ignore_ascii_case("path") {
                glob(&rule.value, path)
            } else {
                markers.iter().any(|(f, v)| f.eq_ignore_ascii_case(&rule.field) && glob(&rule.value, v))
            };
            if hit {
                return rule.origin.0;
            }
        }
        markers.iter().find_map(|(f, v)| builtin(f, v)).unwrap_or(self.default_origin.0)
    }
}

/// The meaning lqa gives well-known markers without any rule.
fn builtin(field: &str, value: &str) -> Option<Origin> {
    let field = field.to_ascii_lowercase();
    let value = value.trim().to_ascii_lowercase();
    match field.as_str() {
        // XLIFF 1.2 state-qualifier values.
        "state-qualifier" => match value.as_str() {
            "mt-suggestion" | "leveraged-mt" => Some(Origin::Machine),
            "leveraged-tm"
            | "exact-match"
            | "fuzzy-match"
            | "id-match"
            | "leveraged-inherited"
            | "leveraged-glossary"
            | "leveraged-repository" => Some(Origin::Human),
            _ => None,
        },
        // The target equals a candidate an MT engine proposed (XLIFF alt-trans, mtc:match).
        "mt-match" | "its:mtconfidence" => Some(Origin::Machine),
        "its:person" | "its:revperson" => Some(Origin::Human),
        // Free-form origin labels: a document's ms.translationtype, a TMX prop, a CSV column, a PO comment.
        // SDL Trados `<sdl:seg origin>` values first (they are not free-form), then free-form labels.
        "origin" => sdl_origin(&value).or_else(|| word(&value)),
        "translationtype" | "comment" | "annotators" => word(&value),
        f if f.starts_with("prop:") => {
            let prop = &f[5..];
            let about_origin = ["origin", "translation", "mt", "provenance", "source-type", "match"];
            about_origin.iter().any(|k| prop.contains(k)).then(|| word(&value)).flatten()
        }
        // User ids: only the conventional MT ids mean something ("MT!" in Trados TMs).
        "creationid" | "changeid" | "creationtool" => {
            (word(&value) == Some(Origin::Machine)).then_some(Origin::Machine)
        }
        // A translated, reviewed or signed-off unit with no MT marker before it is human work.
        "state" => match value.as_str() {
            "translated"
            | "reviewed"
            | "final"
            | "signed-off"
            | "needs-review-translation"
            | "needs-review-l10n"
            | "needs-review-adaptation" => Some(Origin::Human),
            _ => None,
        },
        _ => None,
    }
}

/// The origin an SDL Trados `origin` value (`<sdl:seg origin>`, the TM's
/// translation-unit origin) names. SDL's `DefaultTranslationOrigin` constants
/// (Trados Studio API documentation, FileTypeSupport and LanguagePlatform):
/// `mt`, `nmt` (neural), `amt` (adaptive; `adaptive-mt` in older Studio
/// files) and `automatic-translation` are machine translation; `interactive`
/// is "manually adapted or translated from scratch", so human; `tm` and
/// `document-match` (a context TM such as PerfectMatch) leverage earlier
/// human work. `auto-propagated` ("translated using AutoPropagation from
/// internal matches") copies another segment of the same file, whose origin
/// the unit does not keep: it decides nothing (later markers or the default
/// do), like `source` (source copied to target), `auto-aligned` and `unknown`.
fn sdl_origin(value: &str) -> Option<Origin> {
    match value {
        "mt" | "nmt" | "amt" | "adaptive-mt" | "automatic-translation" => Some(Origin::Machine),
        "interactive" | "tm" | "document-match" => Some(Origin::Human),
        _ => None,
    }
}

/// The origin a free-form label names, if it names one.
pub fn word(value: &str) -> Option<Origin> {
    let v: String = value.trim().to_ascii_lowercase().chars().filter(|c| !matches!(c, ' ' | '-' | '_')).collect();
    match v.as_str() {
        "mt" | "mt!" | "machine" | "machinetranslation" | "machinetranslated" | "nmt" | "smt" | "rawmt"
        | "mtsuggestion" | "leveragedmt" => Some(Origin::Machine),
        "ht" | "human" | "humantranslation" | "humantranslated" | "tm" | "translator" | "mtpe" | "postedited"
        | "postedit" | "pe" | "leveragedtm" => Some(Origin::Human),
        _ => None,
    }
}

/// Case-insensitive match with `*` as "any run of characters".
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) =
        (pattern.to_lowercase().chars().collect(), text.to_lowercase().chars().collect());
    // Classic two-pointer wildcard match with backtracking to the last star.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < t.len() {
        if i < p.len() && p[i] != '*' && p[i] == t[j] {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pairs: &[(&str, &str)]) -> Markers {
        pairs.iter().map(|(f, v)| (f.to_string(), v.to_string())).collect()
    }

    #[test]
    fn builtin_markers_in_priority_order() {
        let c = FormatConfig::default();
        assert_eq!(
            c.origin(&m(&[("state-qualifier", "leveraged-mt"), ("state", "translated")]), "a.xlf"),
            Origin::Machine
        );
        assert_eq!(
            c.origin(&m(&[("state-qualifier", "exact-match"), ("state", "translated")]), "a.xlf"),
            Origin::Human
        );
        assert_eq!(c.origin(&m(&[("state", "translated")]), "a.xlf"), Origin::Human);
        assert_eq!(c.origin(&m(&[("state", "new")]), "a.xlf"), Origin::Unknown);
        assert_eq!(c.origin(&m(&[("prop:x-origin", "Machine Translation")]), "a.tmx"), Origin::Machine);
        assert_eq!(c.origin(&m(&[("prop:x-client", "MT")]), "a.tmx"), Origin::Unknown, "not an origin prop");
        assert_eq!(c.origin(&m(&[("creationid", "MT!")]), "a.tmx"), Origin::Machine);
        assert_eq!(c.origin(&m(&[("creationid", "jsmith")]), "a.tmx"), Origin::Unknown);
        assert_eq!(c.origin(&m(&[("flag", "fuzzy")]), "a.po"), Origin::Unknown, "fuzzy means nothing without a rule");
    }

    /// Hostile-input issue, item 14: SDL's `origin="adaptive-mt"` was unknown while `mt` and `nmt` were MT.
    #[test]
    fn sdl_adaptive_mt_origin_is_mt() {
        let c = FormatConfig::default();
        let sdl = |origin: &str| c.origin(&m(&[("origin", origin), ("format", "xliff")]), "a.sdlxliff");
        for mt in ["mt", "nmt", "adaptive-mt", "amt", "automatic-translation"] {
            assert_eq!(sdl(mt), Origin::Machine, "{mt}");
        }
        assert_eq!(sdl("interactive"), Origin::Human);
        assert_eq!(sdl("tm"), Origin::Human);
        assert_eq!(sdl("document-match"), Origin::Human);
        // Copied from another segment of the file, whose origin the unit does not keep.
        assert_eq!(sdl("auto-propagated"), Origin::Unknown);
        assert_eq!(sdl("source"), Origin::Unknown);
    }

    #[test]
    fn user_rules_come_first_and_glob() {
        let text = "[[origin-rule]]\nfield = \"flag\"\nvalue = \"fuzzy\"\norigin = \"MT\"\n\
                    [[origin-rule]]\nfield = \"path\"\nvalue = \"human/*\"\norigin = \"ht\"\n";
        let c: FormatConfig = toml::from_str(text).unwrap();
        assert_eq!(c.origin(&m(&[("flag", "fuzzy")]), "x/de.po"), Origin::Machine);
        assert_eq!(c.origin(&m(&[("state-qualifier", "leveraged-mt")]), "Human/de.xlf"), Origin::Human);
        let bad: Result<FormatConfig, _> =
            toml::from_str("[[origin-rule]]\nfield=\"x\"\nvalue=\"y\"\norigin=\"robot\"\n");
        assert!(bad.unwrap_err().to_string().contains("'robot' is not HT, MT or unknown"));
    }

    #[test]
    fn globbing() {
        assert!(glob("DeepL*", "deepl-2024"));
        assert!(glob("*mt*", "leveraged-MT!"));
        assert!(glob("a*b*c", "aXXbYYc"));
        assert!(!glob("a*b", "a-c"));
        assert!(glob("*", ""));
        assert!(!glob("", "x"));
    }
}
