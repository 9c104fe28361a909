//! Which target run renders which UI label of the source: by evidence, not by order alone.
//!
//! MT reorders and displaces `**`, so the n-th bold run of a target is often not
//! the translation of the n-th label of its source (a de rendering «aus» for
//! "Customers"). Pairing is done in two passes over a locale's distinct segments:
//! 1. order pairs of segments whose source and target have as many runs give
//!    each label's *usual rendering*: its most frequent form, seen in at least
//!    two segments (one segment corroborates nothing);
//! 2. an order pair is kept unless the evidence contradicts it — the run is
//!    another label's usual rendering, the label's own usual rendering stands in
//!    the target outside every run, or the run starts or ends inside a word
//!    (`**Kund**en`) —; where the counts differ, a label is paired with the one
//!    run that holds its usual rendering.
//!
//! Bold in the source that is emphasis ("**not**") is no label ([`forms::is_ui_label`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::FxBuildHasher;

use super::forms::{self, unspaced};
use super::stem::Rule;
use crate::model::{Locale, MarkupKind, Text};

/// The runs of one segment: the source's bold labels (tidied) and the target's runs (trimmed).
#[derive(Debug, Default)]
pub struct Runs {
    pub source: Vec<String>,
    /// Whether each source run is a UI label rather than emphasis.
    pub ui: Vec<bool>,
    pub target: Vec<String>,
    /// Whether each target run starts or ends inside a word.
    pub mid_word: Vec<bool>,
    /// Each target run's form key ([`forms::form_key`]).
    pub keys: Vec<String>,
}

/// A label without surrounding spaces and trailing colons or full stops (`Applies to:` → `Applies to`).
pub fn tidy(label: &str) -> String {
    label.trim().trim_end_matches([':', '：', '.', '。', ' ']).trim().to_string()
}

/// Text inside “…” quotation marks, in order.
fn quotations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('\u{201C}') {
        let after = &rest[open + '\u{201C}'.len_utf8()..];
        let Some(close) = after.find('\u{201D}') else { break };
        out.push(after[..close].trim().to_string());
        rest = &after[close + '\u{201D}'.len_utf8()..];
    }
    out
}

/// Whether the bold run `inner` of `raw` touches a letter outside its markers
/// (`**Kund**en`), in a language that separates words with spaces.
fn inside_word(raw: &str, inner: &str) -> bool {
    let marked = format!("**{inner}**");
    let Some(at) = raw.find(&marked) else { return false };
    let before = raw[..at].chars().next_back();
    let after = raw[at + marked.len()..].chars().next();
    before.is_some_and(crate::charclass::is_alphanumeric) || after.is_some_and(crate::charclass::is_alphanumeric)
}

/// The runs of a segment (for zh, target “quotations” when the target has no bold).
pub fn runs(locale: &Locale, source: &Text, target: &Text) -> Runs {
    let bold = |t: &Text| -> Vec<(String, String)> {
        t.markup
            .iter()
            .filter(|m| m.kind == MarkupKind::Bold)
            .map(|m| (crate::normalize::normalize(&m.text), m.text.clone()))
            .collect()
    };
    let source_runs = bold(source);
    if source_runs.is_empty() {
        return Runs::default();
    }
    let language = locale.language();
    let spaced = !unspaced(language);
    let mut target_runs = bold(target);
    if target_runs.is_empty() && language == "zh" {
        target_runs = quotations(target.normalized()).into_iter().map(|q| (q, String::new())).collect();
    }
    let ui = source_runs.iter().map(|(_, raw)| forms::is_ui_label(raw.trim(), &source.raw)).collect();
    let source = source_runs.iter().map(|(n, _)| tidy(n)).collect();
    let mid_word =
        target_runs.iter().map(|(_, raw)| spaced && !raw.is_empty() && inside_word(&target.raw, raw)).collect();
    let target: Vec<String> = target_runs.iter().map(|(n, _)| forms::trim(language, n)).collect();
    let keys = target.iter().map(|t| forms::form_key(language, t)).collect();
    Runs { source, ui, target, mid_word, keys }
}

impl Runs {
    /// The (source, target) run indices paired by order: as many runs on both
    /// sides, and no target run is another position's source label (an
    /// untranslated name moved by the word order shows the order is wrong).
    pub fn by_order(&self) -> Vec<(usize, usize)> {
        if self.source.len() != self.target.len() {
            return Vec::new();
        }
        let crossed = self.target.iter().enumerate().any(|(i, t)| {
            self.source
                .iter()
                .enumerate()
                .any(|(j, s)| i != j && s.eq_ignore_ascii_case(t) && !self.source[i].eq_ignore_ascii_case(t))
        });
        if crossed {
            return Vec::new();
        }
        (0..self.source.len())
            .filter(|&i| !self.source[i].is_empty() && !self.target[i].is_empty())
            .collect::<Vec<_>>()
            .into_iter()
            .map(|i| (i, i))
            .collect()
    }
}

/// One order pair of a segment, for [`Evidence`].
#[derive(Debug)]
pub struct Seen {
    label: String,
    key: String,
    text: String,
    single: bool,
}

/// The usual renderings of a locale's labels, from the order pairs of every segment.
#[derive(Debug, Default)]
pub struct Evidence {
    /// label → form key → (segments with one run only, all segments, first written form).
    seen: BTreeMap<String, BTreeMap<String, (usize, usize, String)>>,
    /// label → its usual rendering and that rendering's form key (made by [`Evidence::finish`]).
    usual: HashMap<String, (String, String), FxBuildHasher>,
}

impl Evidence {
    /// The order pairs of one segment worth counting: (label, form key, written
    /// form, whether the segment has one run only).
    pub fn seen(runs: &Runs) -> Vec<Seen> {
        let single = runs.source.len() == 1;
        runs.by_order()
            .into_iter()
            .filter(|&(i, j)| runs.ui[i] && !runs.mid_word[j])
            .filter(|&(_, j)| !runs.keys[j].is_empty())
            .map(|(i, j)| Seen {
                label: runs.source[i].clone(),
                key: runs.keys[j].clone(),
                text: runs.target[j].clone(),
                single,
            })
            .collect()
    }

    /// Counts the order pairs of one segment ([`Evidence::seen`]).
    pub fn add(&mut self, seen: Vec<Seen>) {
        for s in seen {
            let entry = self.seen.entry(s.label).or_default().entry(s.key).or_insert((0, 0, String::new()));
            if entry.1 == 0 {
                entry.2 = s.text;
            }
            entry.0 += usize::from(s.single);
            entry.1 += 1;
        }
    }

    /// Settles each label's usual rendering: its most frequent form in segments
    /// with one run (order cannot mislead there), then in all, when seen in two segments or more.
    pub fn finish(&mut self) {
        for (label, forms) in &self.seen {
            let best =
                forms.iter().max_by(|a, b| (a.1 .0, a.1 .1).cmp(&(b.1 .0, b.1 .1)).then_with(|| b.1 .2.cmp(&a.1 .2)));
            if let Some((key, (_, _, text))) = best.filter(|(_, (_, count, _))| *count >= 2) {
                self.usual.insert(label.clone(), (text.clone(), key.clone()));
            }
        }
    }

    /// A label's usual rendering ([`Evidence::finish`]).
    pub fn usual(&self, label: &str) -> Option<&str> {
        self.usual.get(label).map(|(text, _)| text.as_str())
    }

    /// The form key of a label's usual rendering.
    fn usual_key(&self, label: &str) -> Option<&str> {
        self.usual.get(label).map(|(_, key)| key.as_str())
    }
}

/// Whether run `j` renders (or holds) `label`'s usual rendering (equal form keys first: the common case).
fn renders(language: &str, runs: &Runs, j: usize, evidence: &Evidence, label: &str) -> bool {
    let (Some(usual), Some(key)) = (evidence.usual(label), evidence.usual_key(label)) else { return false };
    let run = &runs.target[j];
    runs.keys[j] == key || forms::same_form(language, run, usual) || forms::contains_other(language, run, usual)
}

/// Whether a trimmed run starts or ends with a connector or a stray bracket.
fn broken(run: &str) -> bool {
    let connector = |c: char| matches!(c, '&' | '/' | '-' | '–' | ':' | ',' | ';' | '+' | '(' | '[' | ']' | ')' | '|');
    let opens = run.matches(['(', '[']).count();
    let closes = run.matches([')', ']']).count();
    run.chars().next().is_some_and(connector)
        || run.chars().next_back().is_some_and(|c| connector(c) && !(matches!(c, ')' | ']') && opens == closes))
}

/// The (source label, target rendering) pairs of a segment the evidence supports.
pub fn pairs(
    language: &str,
    rule: &Rule,
    runs: &Runs,
    (source, target): (&str, &str),
    evidence: &Evidence,
    lexicon: &Lexicon,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let order = runs.by_order();
    if order.is_empty() {
        // Counts differ: a label goes with the one run that holds its usual rendering.
        for (i, label) in runs.source.iter().enumerate() {
            if !runs.ui[i] || evidence.usual(label).is_none() {
                continue;
            }
            let mut holders = runs
                .target
                .iter()
                .enumerate()
                .filter(|(j, _)| !runs.mid_word[*j] && renders(language, runs, *j, evidence, label));
            if let (Some((_, t)), None) = (holders.next(), holders.next()) {
                out.push((label.clone(), t.clone()));
            }
        }
        return out;
    }
    let mut target_tokens: Option<Vec<u32>> = None;
    for (i, j) in order {
        let (label, run) = (&runs.source[i], &runs.target[j]);
        if !runs.ui[i] || runs.mid_word[j] {
            continue;
        }
        // A run that starts or ends with a connector (`& Cloudprodukte`, `documents]/`) is cut out of a longer one.
        if broken(run) {
            continue;
        }
        let usual = evidence.usual(label);
        if !renders(language, runs, j, evidence, label) {
            // The usual rendering in another run, or in the target outside every run: misaligned.
            let elsewhere = usual.is_some_and(|u| {
                (0..runs.target.len()).any(|k| renders(language, runs, k, evidence, label))
                    || rule.contains(&forms::drop_apostrophe_suffixes(target), u)
            });
            // A run whose words translate other words of the source, or that lacks
            // a label word's translation the target holds elsewhere: misaligned.
            let supported = lexicon.supports(language, rule, label, run, source);
            let away = lexicon.label_elsewhere(
                language,
                rule,
                label,
                run,
                target_tokens.get_or_insert_with(|| lexicon.target_ids(language, rule, target)),
            );
            if elsewhere || !supported || away {
                continue;
            }
        }
        // Another run is a cognate of this label while this run is not (`Katalog` next to «Bildung»): crossed.
        let cognate_elsewhere = !forms::cognate(run, label)
            && runs.target.iter().enumerate().any(|(k, t)| k != j && forms::cognate(t, label));
        if cognate_elsewhere {
            continue;
        }
        // The run is the usual rendering of another label of the segment.
        let other = runs.source.iter().enumerate().any(|(k, other)| {
            k != i
                && other != label
                && evidence.usual(other).is_some_and(|u| {
                    forms::same_form(language, run, u)
                        && evidence.usual(label).is_none_or(|own| !forms::same_form(language, own, u))
                })
        });
        if other {
            continue;
        }
        out.push((label.clone(), run.clone()));
    }
    out
}

/// English words too common to say which part of a source a rendering translates.
const ENGLISH_STOP: &[&str] = &[
    "the", "a", "an", "to", "of", "in", "on", "for", "and", "or", "is", "are", "be", "your", "you", "this", "that",
    "with", "by", "from", "as", "at", "it", "if", "can", "will", "then", "not", "all", "any", "over", "per", "into",
];

/// The Snowball English stem of a lower-cased word.
fn english_stem(word: &str) -> String {
    thread_local! {
        static ENGLISH: rust_stemmers::Stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    }
    ENGLISH.with(|stemmer| stemmer.stem(word).into_owned())
}

/// The lower-cased words of a target text (a Turkish suffix after an apostrophe
/// dropped), or its character bigrams for an unspaced language.
fn surface_tokens(language: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_surface(language, text, &mut String::new(), |w| out.push(w.to_string()));
    out
}

/// [`surface_tokens`] without an allocation per token: each is written into
/// `buf` and passed to `f` (the counting loop's hot path).
fn each_surface(language: &str, text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    if unspaced(language) {
        let mut prev: Option<char> = None;
        let mut count = 0;
        for c in text.chars().filter(|c| crate::charclass::is_alphanumeric(*c)).flat_map(char::to_lowercase) {
            if let Some(p) = prev {
                buf.clear();
                buf.push(p);
                buf.push(c);
                f(buf);
            }
            prev = Some(c);
            count += 1;
        }
        if count == 1 {
            if let Some(p) = prev {
                buf.clear();
                buf.push(p);
                f(buf);
            }
        }
        return;
    }
    let cut;
    let text = if language == "tr" {
        cut = forms::drop_apostrophe_suffixes(text);
        cut.as_str()
    } else {
        text
    };
    let turkish = matches!(language, "tr" | "az");
    for w in
        text.split(|c: char| !(crate::charclass::is_alphanumeric(c) || c == '\'' || c == '’')).filter(|w| !w.is_empty())
    {
        buf.clear();
        if w.is_ascii() && !turkish {
            buf.push_str(w);
            buf.make_ascii_lowercase();
        } else {
            buf.push_str(&forms::lower(language, w));
        }
        f(buf);
    }
}

/// The tokens of a target text for association: stems for spaced languages,
/// character bigrams for unspaced ones; once each, sorted.
pub fn target_tokens(language: &str, rule: &Rule, text: &str) -> Vec<String> {
    let mut tokens: Vec<String> = surface_tokens(language, text)
        .into_iter()
        .map(|w| if unspaced(language) { w } else { rule.words(&w).concat() })
        .collect();
    tokens.sort();
    tokens.dedup();
    tokens
}

/// Which English word each target token translates, by Dice association over a
/// locale's segments: 2·both / (token's segments + word's segments).
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Token and word ids, and the segments holding each.
    target: HashMap<String, u32, FxBuildHasher>,
    target_count: Vec<u32>,
    english: HashMap<String, u32, FxBuildHasher>,
    english_count: Vec<u32>,
    both: HashMap<(u32, u32), u32, FxBuildHasher>,
    /// Each token's best association with any English word.
    best: Vec<f64>,
    /// Each English word's most associated token (seen together 3 times or more, Dice 0.3 or more).
    translation: HashMap<u32, u32, FxBuildHasher>,
    tokens: Vec<String>,
    /// Caches of the stemming done while counting: lower-cased English word →
    /// word id (`None`: a stop word), target surface word → token id (`None`: not wanted).
    english_surface: HashMap<String, Option<u32>, FxBuildHasher>,
    target_surface: HashMap<String, Option<u32>, FxBuildHasher>,
}

impl Lexicon {
    /// Counts the association of every token of `wanted` with the English words of each segment.
    pub fn build<'a>(
        segments: impl Iterator<Item = (&'a str, &'a str)>,
        language: &str,
        rule: &Rule,
        wanted: &HashSet<String, FxBuildHasher>,
    ) -> Lexicon {
        let mut lexicon = Lexicon::default();
        // Each surface word is stemmed once.
        let mut stems: HashMap<String, Option<u32>, FxBuildHasher> = HashMap::default();
        let mut tokens: Vec<u32> = Vec::new();
        let mut words: Vec<u32> = Vec::new();
        let mut buf = String::new();
        let mut lower = String::new();
        for (source, target) in segments {
            tokens.clear();
            each_surface(language, target, &mut buf, |w| {
                let id = match stems.get(w) {
                    Some(id) => *id,
                    None => {
                        let token = if unspaced(language) { w.to_string() } else { rule.words(w).concat() };
                        let id = wanted.contains(&token).then(|| {
                            let next = lexicon.target.len() as u32;
                            *lexicon.target.entry(token).or_insert(next)
                        });
                        if id == Some(lexicon.target_count.len() as u32) {
                            lexicon.target_count.push(0);
                        }
                        stems.insert(w.to_string(), id);
                        id
                    }
                };
                tokens.extend(id);
            });
            if tokens.is_empty() {
                continue;
            }
            tokens.sort_unstable();
            tokens.dedup();
            words.clear();
            for w in source.split(|c: char| !crate::charclass::is_alphanumeric(c)).filter(|w| !w.is_empty()) {
                lower.clear();
                if w.is_ascii() {
                    lower.push_str(w);
                    lower.make_ascii_lowercase();
                } else {
                    lower.push_str(&w.to_lowercase());
                }
                let id = match lexicon.english_surface.get(lower.as_str()) {
                    Some(id) => *id,
                    None => {
                        let id = (!ENGLISH_STOP.contains(&lower.as_str())).then(|| {
                            let stem = english_stem(&lower);
                            let next = lexicon.english.len() as u32;
                            let id = *lexicon.english.entry(stem).or_insert(next);
                            if id == next {
                                lexicon.english_count.push(0);
                            }
                            id
                        });
                        lexicon.english_surface.insert(lower.clone(), id);
                        id
                    }
                };
                words.extend(id);
            }
            words.sort_unstable();
            words.dedup();
            for &w in &words {
                lexicon.english_count[w as usize] += 1;
            }
            for &t in &tokens {
                lexicon.target_count[t as usize] += 1;
                for &w in &words {
                    *lexicon.both.entry((t, w)).or_default() += 1;
                }
            }
        }
        let mut best = vec![0.0f64; lexicon.target_count.len()];
        let mut translation: HashMap<u32, (f64, u32), FxBuildHasher> = HashMap::default();
        for (&(t, w), &both) in &lexicon.both {
            let total = lexicon.target_count[t as usize] + lexicon.english_count[w as usize];
            let dice = 2.0 * f64::from(both) / f64::from(total);
            if dice > best[t as usize] {
                best[t as usize] = dice;
            }
            if both >= 3 && dice >= 0.3 {
                let e = translation.entry(w).or_insert((dice, t));
                if (dice, std::cmp::Reverse(t)) > (e.0, std::cmp::Reverse(e.1)) {
                    *e = (dice, t);
                }
            }
        }
        lexicon.best = best;
        lexicon.translation = translation.into_iter().map(|(w, (_, t))| (w, t)).collect();
        let mut tokens = vec![String::new(); lexicon.target.len()];
        for (token, &id) in &lexicon.target {
            tokens[id as usize].clone_from(token);
        }
        lexicon.tokens = tokens;
        lexicon.target_surface = stems;
        lexicon
    }

    /// The word ids of an English text (its words known to the lexicon; unknown ones `None`), once each.
    fn english_ids(&self, text: &str) -> Vec<Option<u32>> {
        let mut ids: Vec<Option<u32>> = text
            .split(|c: char| !crate::charclass::is_alphanumeric(c))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| !ENGLISH_STOP.contains(&w.as_str()))
            .map(|w| match self.english_surface.get(&w) {
                Some(id) => *id,
                None => self.english.get(&english_stem(&w)).copied(),
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The token ids of a target text known to the lexicon (for [`Lexicon::label_elsewhere`]), sorted.
    pub fn target_ids(&self, language: &str, rule: &Rule, text: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = surface_tokens(language, text)
            .into_iter()
            .filter_map(|w| match self.target_surface.get(&w) {
                Some(id) => *id,
                None => {
                    let token = if unspaced(language) { w } else { rule.words(&w).concat() };
                    self.target.get(&token).copied()
                }
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn token_ids(&self, tokens: &[String]) -> Vec<Option<u32>> {
        tokens.iter().map(|t| self.target.get(t).copied()).collect()
    }

    /// Segments holding both the token and the English word.
    fn together(&self, t: Option<u32>, w: Option<u32>) -> u32 {
        let (Some(t), Some(w)) = (t, w) else { return 0 };
        self.both.get(&(t, w)).copied().unwrap_or(0)
    }

    fn dice(&self, t: Option<u32>, w: Option<u32>) -> f64 {
        let (Some(t), Some(w)) = (t, w) else { return 0.0 };
        let both = self.both.get(&(t, w)).copied().unwrap_or(0);
        if both == 0 {
            return 0.0;
        }
        let total = self.target_count[t as usize] + self.english_count[w as usize];
        2.0 * f64::from(both) / f64::from(total)
    }

    fn best_of(&self, t: Option<u32>, words: &[Option<u32>]) -> f64 {
        words.iter().map(|&w| self.dice(t, w)).fold(0.0, f64::max)
    }

    /// Whether `rendering` translates `label` within `source`: some token of it
    /// translates a label word (its association with the best of them is at
    /// least a quarter of its association with the best word of the source),
    /// and no token translates another English word of the source instead
    /// («Ekle'yi seçin» for "Add": «seçin» is "select"). For unspaced languages
    /// (character bigrams) at most half the tokens may. A label of stop words
    /// only is never refuted.
    pub fn supports(&self, language: &str, rule: &Rule, label: &str, rendering: &str, source: &str) -> bool {
        let label_ids = self.english_ids(label);
        if label_ids.is_empty() {
            return true;
        }
        let all_ids = self.english_ids(source);
        let other_ids: Vec<Option<u32>> = all_ids.iter().filter(|id| !label_ids.contains(id)).copied().collect();
        let tokens = target_tokens(language, rule, rendering);
        let token_ids = self.token_ids(&tokens);
        let own = |t: Option<u32>| {
            let mine = self.best_of(t, &label_ids);
            mine > 0.0 && 4.0 * mine >= self.best_of(t, &all_ids)
        };
        // A token strongly tied to another word of the source and not to the label.
        // Three segments at least: rare words tie by chance.
        let foreign = |(token, t): (&String, Option<u32>)| {
            let other =
                other_ids.iter().filter(|&&w| self.together(t, w) >= 3).map(|&w| self.dice(t, w)).fold(0.0, f64::max);
            other > 0.0 && self.best_of(t, &label_ids) < 0.5 * other && !forms::is_function_word(language, token)
        };
        let foreigners = tokens.iter().zip(token_ids.iter().copied()).filter(|&p| foreign(p)).count();
        // Long labels (chart titles, headings) tolerate a stray word a quarter of the time.
        let content = tokens.iter().filter(|t| !forms::is_function_word(language, t)).count();
        let allowed = if unspaced(language) { content / 2 } else { content / 4 };
        token_ids.iter().any(|&t| own(t)) && foreigners <= allowed
    }

    /// Whether the target holds, outside `run`, the usual translation of a word
    /// of `label` that `run` lacks: the run is not where the label went.
    pub fn label_elsewhere(&self, language: &str, rule: &Rule, label: &str, run: &str, target: &[u32]) -> bool {
        let run_tokens = target_tokens(language, rule, run);
        let near = |a: &str, b: &str| {
            let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            a == b || (!unspaced(language) && common >= 4)
        };
        let words = self.english_ids(label);
        let missing = words
            .iter()
            .filter(|w| {
                let Some(&id) = w.and_then(|w| self.translation.get(&w)) else { return false };
                let token = &self.tokens[id as usize];
                !forms::is_function_word(language, token)
                    && !run_tokens.iter().any(|t| near(t, token))
                    && target.binary_search(&id).is_ok()
            })
            .count();
        // A short label may lack nothing; a long one (a heading) half of its words.
        missing > 0 && (words.len() <= 2 || 2 * missing >= words.len())
    }

    /// Whether some token of `text` (words a run holds around a label's
    /// rendering) translates a word of `label` rather than any other English word.
    pub fn part_of_label(&self, language: &str, rule: &Rule, label: &str, text: &str) -> bool {
        let label_ids = self.english_ids(label);
        self.token_ids(&target_tokens(language, rule, text)).into_iter().any(|t| {
            let Some(id) = t else { return false };
            let own = self.best_of(t, &label_ids);
            own > 0.0 && 2.0 * own >= self.best.get(id as usize).copied().unwrap_or(0.0)
        })
    }
}
