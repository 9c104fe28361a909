//! How a term is found in a target text, per language:
//! - languages with a Snowball stemmer (rust-stemmers: ru, de, fr, es, it, pt, tr,
//!   nl, sv, da, no/nb, fi, hu, ro, el, ar, ta, en): words are lower-cased and
//!   stemmed, and a term matches a run of consecutive words with the same stems
//!   («клиентов» matches «Клиенты»);
//! - Japanese and Chinese (no spaces between words): a case-insensitive substring;
//! - Korean (particles attach to the end of a word: 고객을, 고객의): each word of the
//!   term is a prefix of consecutive words of the text;
//! - any other language: whole words, case-insensitive.
//!
//! This module only compares texts; glossaries and consistency are elsewhere.

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxBuildHasher;

use crate::model::Locale;

/// The matching rule of a language.
pub enum Rule {
    /// A Snowball stemmer, and the index of its algorithm in [`ALGORITHMS`] (its stem cache).
    Stem(Stemmer, usize),
    Substring,
    Prefix,
    Words,
}

/// The languages with a Snowball stemmer, and its algorithm.
const ALGORITHMS: [(&[&str], Algorithm); 18] = [
    (&["ru"], Algorithm::Russian),
    (&["de"], Algorithm::German),
    (&["fr"], Algorithm::French),
    (&["es"], Algorithm::Spanish),
    (&["it"], Algorithm::Italian),
    (&["pt"], Algorithm::Portuguese),
    (&["tr"], Algorithm::Turkish),
    (&["nl"], Algorithm::Dutch),
    (&["sv"], Algorithm::Swedish),
    (&["da"], Algorithm::Danish),
    (&["no", "nb", "nn"], Algorithm::Norwegian),
    (&["fi"], Algorithm::Finnish),
    (&["hu"], Algorithm::Hungarian),
    (&["ro"], Algorithm::Romanian),
    (&["el"], Algorithm::Greek),
    (&["ar"], Algorithm::Arabic),
    (&["ta"], Algorithm::Tamil),
    (&["en"], Algorithm::English),
];

/// Words a thread keeps stemmed per algorithm: a corpus repeats its vocabulary,
/// and Snowball stemming is most of what comparing terms costs. Bounded, so a
/// huge vocabulary only stops being cached.
const STEM_CACHE_WORDS: usize = 200_000;

type StemCache = HashMap<String, String, FxBuildHasher>;

thread_local! {
    /// Per algorithm: a word as written → its stem (of the lower-cased word).
    static STEMS: RefCell<Vec<StemCache>> = RefCell::new((0..ALGORITHMS.len()).map(|_| StemCache::default()).collect());
}

impl Rule {
    /// The rule for a locale's language.
    pub fn for_locale(locale: &Locale) -> Rule {
        let language = locale.language();
        if let Some(i) = ALGORITHMS.iter().position(|(languages, _)| languages.contains(&language)) {
            return Rule::Stem(Stemmer::create(ALGORITHMS[i].1), i);
        }
        match language {
            "ja" | "zh" => Rule::Substring,
            "ko" => Rule::Prefix,
            _ => Rule::Words,
        }
    }

    /// The text's comparison key: stems (or lower-cased words) joined by spaces;
    /// for substring languages the lower-cased letters and digits alone.
    pub fn key(&self, text: &str) -> String {
        match self {
            Rule::Substring => {
                text.chars().filter(|c| crate::charclass::is_alphanumeric(*c)).flat_map(char::to_lowercase).collect()
            }
            _ => self.words(text).join(" "),
        }
    }

    /// Lower-cased words (letters, digits, `'` inside a word), stemmed where the language has a stemmer.
    pub fn words(&self, text: &str) -> Vec<String> {
        let words = text
            .split(|c: char| !(crate::charclass::is_alphanumeric(c) || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty());
        match self {
            Rule::Stem(stemmer, algorithm) => {
                let stem = |w: &str| stemmer.stem(&w.to_lowercase()).into_owned();
                STEMS.with(|cache| match cache.try_borrow_mut() {
                    Ok(mut cache) => {
                        let Some(cache) = cache.get_mut(*algorithm) else { return words.map(stem).collect() };
                        words
                            .map(|w| match cache.get(w) {
                                Some(s) => s.clone(),
                                None => {
                                    let s = stem(w);
                                    if cache.len() < STEM_CACHE_WORDS {
                                        cache.insert(w.to_string(), s.clone());
                                    }
                                    s
                                }
                            })
                            .collect()
                    }
                    // Not reachable (stemming does not stem), but never panic.
                    Err(_) => words.map(stem).collect(),
                })
            }
            _ => words.map(str::to_lowercase).collect(),
        }
    }

    /// Whether `term` occurs in `text` under this rule.
    pub fn contains(&self, text: &str, term: &str) -> bool {
        match self {
            Rule::Substring => {
                let term = self.key(term);
                !term.is_empty() && self.key(text).contains(&term)
            }
            Rule::Prefix => {
                let (text, term) = (self.words(text), self.words(term));
                !term.is_empty()
                    && text
                        .windows(term.len())
                        .any(|w| w.iter().zip(&term).all(|(word, t)| word.starts_with(t.as_str())))
            }
            Rule::Stem(..) | Rule::Words => {
                let (text, term) = (self.words(text), self.words(term));
                !term.is_empty() && text.windows(term.len()).any(|w| w == term.as_slice())
            }
        }
    }
}

/// Whether `term` occurs in the English `text` as whole words (case-insensitive
/// unless `case_sensitive`).
pub fn source_contains(text: &str, term: &str, case_sensitive: bool) -> bool {
    let term = term.trim();
    if term.is_empty() {
        return false;
    }
    let fold = |s: &str| if case_sensitive { s.to_string() } else { s.to_lowercase() };
    let (text, term) = (fold(text), fold(term));
    let is_word = |c: char| crate::charclass::is_alphanumeric(c) || c == '_';
    let mut from = 0;
    while let Some(at) = text[from..].find(&term) {
        let start = from + at;
        let end = start + term.len();
        let before = text[..start].chars().next_back().is_none_or(|c| !is_word(c));
        let after = text[end..].chars().next().is_none_or(|c| !is_word(c));
        if before && after {
            return true;
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(tag: &str) -> Rule {
        Rule::for_locale(&Locale::new(tag))
    }

    #[test]
    fn russian_cases_share_a_stem_and_different_words_do_not() {
        let ru = rule("ru-RU");
        // ../shared/corpus: "Customers" is «Клиенты» and «клиентов» (one lexeme, two cases).
        assert_eq!(ru.key("Клиенты"), ru.key("клиентов"));
        // "Applies to": HT «Применяется к», MT «Относится к» (different words).
        assert_ne!(ru.key("Применяется к"), ru.key("Относится к"));
        assert!(ru.contains("Выберите вкладку «Клиенты».", "клиентов"));
        assert!(!ru.contains("Дополнительные сведения об обновлении клиента", "Изменить"));
    }

    #[test]
    fn german_compound_words_are_whole_words() {
        let de = rule("de-DE");
        assert!(de.contains("Wählen Sie Kunden aus.", "Kunde"));
        assert!(!de.contains("Kundenkonto", "Konto"), "no match inside a compound");
    }

    #[test]
    fn japanese_and_chinese_match_substrings() {
        assert!(rule("ja-JP").contains("[顧客] を選択します。", "顧客"));
        assert!(rule("zh-CN").contains("选择“客户”。", "客户"));
        assert!(!rule("zh-CN").contains("选择“帐户”。", "客户"));
    }

    #[test]
    fn korean_matches_word_prefixes_before_particles() {
        let ko = rule("ko-KR");
        assert!(ko.contains("고객을 선택합니다.", "고객"));
        assert!(!ko.contains("신규고객 선택", "고객"), "the term must start a word");
    }

    #[test]
    fn english_source_terms_match_on_word_boundaries() {
        assert!(source_contains("Select **Update** to save.", "update", false));
        assert!(!source_contains("Select **Updated** items.", "update", false));
        assert!(!source_contains("Select **Update**.", "update", true));
        assert!(source_contains("Go to Partner Center.", "Partner Center", true));
    }
}
