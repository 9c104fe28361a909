//! How two renderings of one UI label differ, per language, from the least to
//! the most important: the same `form` (case, spacing — Korean spacing too —,
//! punctuation, quotes, word order, a Korean or Japanese particle, neighbouring
//! words picked up by the bold run), an `inflection` (one stem sequence), a
//! `derivation` (same roots, another part of speech: «Обновить» / «обновление»),
//! an `untranslated` variant (the English label kept, or "English (translation)"),
//! or `lexical` (different words).
//!
//! Also: trimming a target run to the term (brackets, quotes, a Turkish suffix
//! after an apostrophe) and telling a UI label from bold emphasis in the source.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

use rustc_hash::FxBuildHasher;

use super::stem::Rule;
use super::Divergence;

/// Results of a pure function of (language, text) a thread has computed:
/// the same renderings are compared with many others, and lowering and
/// splitting them is most of that cost. Bounded: past the bound it only stops
/// remembering.
struct Memo<V> {
    by_language: HashMap<String, HashMap<String, V, FxBuildHasher>, FxBuildHasher>,
    len: usize,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo { by_language: HashMap::default(), len: 0 }
    }
}

const MEMO_TEXTS: usize = 100_000;

thread_local! {
    static FORM_WORDS: RefCell<Memo<Vec<String>>> = RefCell::new(Memo::default());
    static FORM_KEYS: RefCell<Memo<String>> = RefCell::new(Memo::default());
}

/// `compute()`, remembered in `memo` per (language, text).
fn memoized<V: Clone>(
    memo: &'static LocalKey<RefCell<Memo<V>>>,
    language: &str,
    text: &str,
    compute: impl FnOnce() -> V,
) -> V {
    let known = memo.with(|m| m.try_borrow().ok()?.by_language.get(language)?.get(text).cloned());
    if let Some(v) = known {
        return v;
    }
    // Computed outside the borrow: `compute` may use another memo.
    let v = compute();
    memo.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            if m.len < MEMO_TEXTS {
                m.len += 1;
                m.by_language.entry(language.to_string()).or_default().insert(text.to_string(), v.clone());
            }
        }
    });
    v
}

/// Languages written without spaces between words (Korean spaces vary freely
/// inside a term: 테 넌 트 / 테넌트), compared with the spaces removed.
pub(super) fn unspaced(language: &str) -> bool {
    matches!(language, "ja" | "zh" | "ko" | "th")
}

/// Lower-cases, Turkish-aware (`I` → `ı`, `İ` → `i`) for Turkish and Azerbaijani.
pub fn lower(language: &str, text: &str) -> String {
    if matches!(language, "tr" | "az") {
        text.chars()
            .flat_map(|c| match c {
                'I' => vec!['ı'],
                'İ' => vec!['i'],
                c => c.to_lowercase().collect(),
            })
            .collect()
    } else {
        text.to_lowercase()
    }
}

/// Quotation marks and brackets trimmed from the edges of a rendering.
const EDGES: &[char] = &[
    '"', '\'', '«', '»', '“', '”', '„', '‘', '’', '‚', '「', '」', '『', '』', '(', ')', '（', '）', '[', ']', '<',
    '>', '‹', '›', '【', '】',
];

/// A target bold run trimmed to the term: surrounding spaces, quotation marks,
/// brackets, trailing colons and full stops; `’` unified with `'`; for
/// Turkish, the case suffix after an apostrophe (`Partner Center'da` →
/// `Partner Center`).
pub fn trim(language: &str, run: &str) -> String {
    let mut t = run.replace('’', "'");
    loop {
        let before = t.len();
        t = t.trim().trim_end_matches([':', '：', '.', '。', ',', '，', ';', '、']).to_string();
        // Only strip a bracket or quote pair, or one that is unpaired inside the run.
        let first = t.chars().next();
        let last = t.chars().next_back();
        if let (Some(f), Some(l)) = (first, last) {
            let strip_first = EDGES.contains(&f) && !closes_inside(&t, f);
            let strip_last = EDGES.contains(&l) && t.chars().count() > 1 && !opens_inside(&t, l);
            if strip_first {
                t = t[f.len_utf8()..].to_string();
            }
            if strip_last && !t.is_empty() {
                let l = t.chars().next_back().unwrap_or(l);
                if EDGES.contains(&l) {
                    t.truncate(t.len() - l.len_utf8());
                }
            }
        }
        if t.len() == before {
            break;
        }
    }
    if language == "tr" {
        if let Some(at) = t.rfind('\'') {
            let suffix = &t[at + 1..];
            if !suffix.is_empty()
                && suffix.chars().count() <= 5
                && suffix.chars().all(crate::charclass::is_alphabetic)
                && at > 0
            {
                t.truncate(at);
            }
        }
    }
    t
}

/// Turkish case suffixes after an apostrophe removed from every word (`Kaydet'i seçin` → `Kaydet seçin`).
pub fn drop_apostrophe_suffixes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    let mut prev_letter = false;
    for c in text.chars() {
        if skipping {
            if crate::charclass::is_alphabetic(c) {
                continue;
            }
            skipping = false;
        }
        if (c == '\'' || c == '’') && prev_letter {
            skipping = true;
            prev_letter = false;
            continue;
        }
        prev_letter = crate::charclass::is_alphanumeric(c);
        out.push(c);
    }
    out
}

/// Whether an opening mark `open` at the start of `t` is closed inside it (`(a) b` keeps its bracket).
fn closes_inside(t: &str, open: char) -> bool {
    let close = match open {
        '(' => ')',
        '（' => '）',
        '[' => ']',
        '「' => '」',
        '『' => '』',
        '【' => '】',
        _ => return false,
    };
    let inner = &t[open.len_utf8()..];
    inner.find(close).is_some_and(|at| at + close.len_utf8() < inner.len())
}

/// Whether a closing mark `close` at the end of `t` is opened inside it (`a (b)` keeps its bracket).
fn opens_inside(t: &str, close: char) -> bool {
    let open = match close {
        ')' => '(',
        '）' => '（',
        ']' => '[',
        '」' => '「',
        '』' => '『',
        '】' => '【',
        _ => return false,
    };
    t.contains(open)
}

/// The words of a rendering for form comparison: lower-cased letters and
/// digits; for unspaced languages one word with the spaces removed.
pub fn form_words(language: &str, text: &str) -> Vec<String> {
    memoized(&FORM_WORDS, language, text, || compute_form_words(language, text))
}

fn compute_form_words(language: &str, text: &str) -> Vec<String> {
    // A figure glued to a word («60derniers») is two words.
    let mut spaced_text = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.replace('’', "'").chars() {
        if let Some(p) = prev {
            if (p.is_ascii_digit() && crate::charclass::is_alphabetic(c))
                || (crate::charclass::is_alphabetic(p) && c.is_ascii_digit())
            {
                spaced_text.push(' ');
            }
        }
        spaced_text.push(c);
        prev = Some(c);
    }
    let lower = lower(language, &spaced_text);
    let stop = function_words(language);
    let words = lower.split(|c: char| !crate::charclass::is_alphanumeric(c)).filter(|w| !w.is_empty());
    match language {
        // Korean: a particle at the end of each word (고객이, 제품별로) is grammar, not the term.
        // Korean word order varies too (새 프로필 추가 / 추가 새 프로필): sorted words, joined.
        "ko" => {
            let mut w: Vec<&str> = words.filter(|w| !stop.contains(w)).map(|w| strip_particle(language, w)).collect();
            w.sort_unstable();
            vec![w.concat()]
        }
        _ if unspaced(language) => {
            let joined: String = words.collect();
            // の / を / 的 link the words of a term (サブスクリプションの管理 / サブスクリプションを管理).
            let joined: String =
                strip_particle(language, &joined).chars().filter(|c| !matches!(c, 'の' | 'を' | '的')).collect();
            vec![joined]
        }
        _ => {
            let all: Vec<String> = words.map(str::to_string).collect();
            let content: Vec<String> = all.iter().filter(|w| !stop.contains(&w.as_str())).cloned().collect();
            if content.is_empty() {
                all
            } else {
                content
            }
        }
    }
}

/// Articles, prepositions and pronouns a bold run picks up or drops around a
/// term («Ajouter un nouveau profil» / «Ajouter nouveau profil»).
fn function_words(language: &str) -> &'static [&'static str] {
    match language {
        "fr" => &[
            "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "à", "en", "et", "pour", "sur",
            "par", "votre", "vos", "cours", "pendant", "durant",
        ],
        "de" => &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "von", "vom",
            "im", "in", "zu", "zum", "zur", "für", "und", "auf", "aus", "an", "ihr", "ihre", "ihren", "sie",
        ],
        "es" | "pt" | "it" => {
            &["el", "la", "los", "las", "un", "una", "de", "del", "o", "a", "os", "as", "do", "da", "il", "lo", "di"]
        }
        "tr" => &["ve", "bir", "için"],
        "ko" => &["동안", "대한", "대", "한", "위한", "및"],
        "ru" => &["и", "в", "на", "для", "с", "по", "за", "о", "об", "от", "ли", "относительно"],
        _ => &[],
    }
}

/// Whether a (lower-cased) word is a function word of the language.
pub fn is_function_word(language: &str, word: &str) -> bool {
    function_words(language).contains(&word)
}

/// A word without a final particle (the longest of the language's list that leaves a stem).
fn strip_particle<'a>(language: &str, word: &'a str) -> &'a str {
    // A Japanese stem keeps two characters (次へ is "next", not 次 + へ).
    let keep = if language == "ja" { 2 } else { 1 };
    particles(language)
        .iter()
        .filter(|p| word.ends_with(*p) && word[..word.len() - p.len()].chars().count() >= keep)
        .max_by_key(|p| p.len())
        .map_or(word, |p| &word[..word.len() - p.len()])
}

/// The comparison key of a rendering's form: its form words, sorted for spaced
/// languages (word order is not a different term).
pub fn form_key(language: &str, text: &str) -> String {
    memoized(&FORM_KEYS, language, text, || {
        let mut words = form_words(language, text);
        words.sort();
        words.join(" ")
    })
}

/// Korean particles and Japanese particles and verb endings that attach to the
/// end of a term inside a bold run (`앱을`, `アプリを`).
fn particles(language: &str) -> &'static [&'static str] {
    match language {
        "ko" => &[
            "을",
            "를",
            "은",
            "는",
            "이",
            "가",
            "의",
            "에",
            "에서",
            "으로",
            "로",
            "와",
            "과",
            "도",
            "에는",
            "에서는",
            "으로는",
            "로는",
            "만",
            "까지",
            "부터",
            "별",
            "별로",
            "된",
            "동안",
            "대한",
            "위한",
            "이라는",
            "라는",
            "이나",
            "나",
            "을를",
            "에게",
            "한",
            "하기",
            "하여",
            "하고",
            "합니다",
            "하십시오",
            "하세요",
            "탭",
            "페이지",
            "메뉴",
            "단추",
            "버튼",
        ],
        "ja" => &[
            "を",
            "に",
            "は",
            "が",
            "の",
            "で",
            "と",
            "へ",
            "も",
            "から",
            "まで",
            "より",
            "では",
            "には",
            "として",
            "という",
            "します",
            "する",
            "して",
            "してください",
            "をクリック",
            "を選択",
            "を選択します",
            "をクリックします",
            "タブ",
            "ページ",
            "メニュー",
            "ボタン",
        ],
        "zh" => &["的", "中", "上", "页", "页面", "选项卡", "菜单", "按钮"],
        _ => &[],
    }
}

/// Whether `longer` is `shorter` plus a particle or verb ending (both unspaced keys).
fn plus_particle(language: &str, longer: &str, shorter: &str) -> bool {
    if shorter.chars().count() < 2 {
        return false;
    }
    longer.strip_prefix(shorter).is_some_and(|rest| particles(language).contains(&rest))
}

/// What the longer of two renderings holds around the shorter (its other form
/// words, or for unspaced languages its other characters), when one contains the other.
pub fn extra(language: &str, a: &str, b: &str) -> Option<String> {
    if !contains_other(language, a, b) {
        return None;
    }
    let (a, b) = (form_words(language, a), form_words(language, b));
    let (long, short) = if a.concat().chars().count() >= b.concat().chars().count() { (a, b) } else { (b, a) };
    if unspaced(language) {
        return Some(long.concat().replacen(&short.concat(), " ", 1));
    }
    Some(long.iter().filter(|w| !short.contains(w)).cloned().collect::<Vec<_>>().join(" "))
}

/// Whether one rendering is the other with neighbouring words (or, unspaced, characters) around it:
/// the shorter's form words stand consecutively inside the longer's.
pub fn contains_other(language: &str, a: &str, b: &str) -> bool {
    let (a, b) = (containment_words(language, a), containment_words(language, b));
    let (long, short) = if a.concat().chars().count() >= b.concat().chars().count() { (a, b) } else { (b, a) };
    if short.is_empty() || short == long {
        return false;
    }
    if unspaced(language) && language != "ko" {
        let (long, short) = (long.concat(), short.concat());
        // Two characters at least: one CJK character is too little to call containment.
        return short.chars().count() >= 2 && long.contains(&short);
    }
    long.windows(short.len()).any(|w| w == short.as_slice())
}

/// The words compared for containment: form words, but for Korean the words in
/// their order with final particles stripped (진단 보내기 is not inside 진단 데이터 보내기).
fn containment_words(language: &str, text: &str) -> Vec<String> {
    if language == "ko" {
        let lower = lower(language, text);
        return lower
            .split(|c: char| !crate::charclass::is_alphanumeric(c))
            .filter(|w| !w.is_empty())
            .map(|w| strip_particle(language, w).to_string())
            .collect();
    }
    form_words(language, text)
}

/// Whether the shorter of two renderings, one inside the other, is a fragment:
/// half the longer's letters or less (`ID` of `订阅 ID`, `기록` of `거래 기록`).
fn fragment(language: &str, a: &str, b: &str) -> bool {
    let (wa, wb) = (containment_words(language, a), containment_words(language, b));
    let (la, lb) = (wa.concat().chars().count(), wb.concat().chars().count());
    let (short, long) = if la <= lb { (&wa, &wb) } else { (&wb, &wa) };
    // Or half the words (`MPN kimliğini` of `Kurumsal Bayi MPN Kimliği`), or only
    // words it holds already (a run spilling over a repetition: `…: 지난 90일`).
    let repeats = if unspaced(language) && language != "ko" {
        let (s, l) = (short.concat(), long.concat());
        l.replacen(&s, "", 1).chars().all(|c| s.contains(c))
    } else {
        long.iter().all(|w| short.contains(w))
    };
    2 * la.min(lb) <= la.max(lb) || (!unspaced(language) && 2 * short.len() <= long.len()) || repeats
}

/// Whether two renderings are the same form: equal form keys (case, spacing,
/// punctuation, quotes, word order), or, for Korean and Japanese, one is the
/// other plus a particle.
pub fn same_form(language: &str, a: &str, b: &str) -> bool {
    let (ka, kb) = (form_key(language, a), form_key(language, b));
    if ka == kb {
        return true;
    }
    // Korean spacing inside a word (90일 / 90 일): the words joined in their order.
    if language == "ko" {
        let joined = |t: &str| containment_words(language, t).concat();
        if joined(a) == joined(b) {
            return true;
        }
    }
    // Chinese and Japanese word order (与我联系 / 联系我): the same characters, linking particles aside.
    if matches!(language, "zh" | "ja") {
        let chars = |t: &str| {
            let mut c: Vec<char> = form_key(language, t).chars().filter(|c| !matches!(c, '与' | '和' | '及')).collect();
            c.sort_unstable();
            c
        };
        let (ca, cb) = (chars(a), chars(b));
        if ca.len() >= 2 && ca == cb {
            return true;
        }
    }
    unspaced(language) && (plus_particle(language, &ka, &kb) || plus_particle(language, &kb, &ka))
}

/// Whether a rendering keeps the English label: equal to it (form), or
/// "English (translation)" / "translation (English)".
pub fn untranslated(language: &str, rendering: &str, label: &str) -> bool {
    let label_key = form_key("en", label);
    if label_key.is_empty() {
        return false;
    }
    if form_key("en", rendering) == label_key && !form_key(language, label).is_empty() {
        return true;
    }
    // "Apply profile (Profil anwenden)" or "Profil anwenden (Apply profile)".
    match (rendering.find(['(', '（']), rendering.rfind([')', '）'])) {
        (Some(open), Some(close)) if open < close => {
            let outside = &rendering[..open];
            let inside = &rendering[open..close];
            form_key("en", outside) == label_key || form_key("en", inside) == label_key
        }
        _ => false,
    }
}

/// Whether two stem sequences are one word family in another part of speech:
/// as many words, each pair sharing a root ([`shared_root`]), or a known irregular pair.
pub fn same_roots(language: &str, a: &[String], b: &[String]) -> bool {
    if a.is_empty() || a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).all(|(x, y)| x == y || shared_root(x, y, language) || irregular(x, y))
}

/// A root shared by two stems: 3 letters or more in common at the start, and
/// the shorter stem no more than 2 letters longer than that («обнов» / «обновлен»,
/// but not «kundenvereinbar» / «kundenvertrag», compounds of other words).
fn shared_root(x: &str, y: &str, language: &str) -> bool {
    // A Russian verb prefix (за-регистрируйтесь / регистрация) does not change the root.
    if language == "ru" {
        for prefix in ["за", "по", "пере", "вы", "от", "при", "на"] {
            let strip = |w: &str| w.strip_prefix(prefix).filter(|r| r.chars().count() >= 4).map(str::to_string);
            if let Some(bare) = strip(x) {
                if shared_root(&bare, y, "") {
                    return true;
                }
            }
            if let Some(bare) = strip(y) {
                if shared_root(x, &bare, "") {
                    return true;
                }
            }
        }
    }
    let common = x.chars().zip(y.chars()).take_while(|(a, b)| a == b).count();
    let (lx, ly) = (x.chars().count(), y.chars().count());
    // A longer tail is a compound («gesamt» / «gesamtanzahl»), except in agglutinative Turkish.
    let tail = if matches!(language, "tr" | "fi" | "hu") { 8 } else { 4 };
    common >= 3 && lx.min(ly) <= common + 2 && lx.max(ly) <= common + tail
}

/// Stems of one verb that share no prefix (French «mettre» / «mise»).
fn irregular(x: &str, y: &str) -> bool {
    const PAIRS: &[(&str, &str)] = &[("mettr", "mis"), ("mettr", "mise"), ("fair", "fait")];
    PAIRS.iter().any(|(a, b)| (x == *a && y == *b) || (x == *b && y == *a))
}

/// Whether a Latin-script rendering is a cognate of an English label (`Katalog` of
/// `Catalog`): a character distance of a third of the longer or less.
pub fn cognate(rendering: &str, label: &str) -> bool {
    let (r, l) = (rendering.to_lowercase(), label.to_lowercase());
    // Or the English label kept in it (`[Catalog](カタログ)`).
    if l.chars().count() >= 4 && r.contains(&l) {
        return true;
    }
    if !r.chars().any(|c| c.is_ascii_alphabetic()) || r.chars().count() < 4 {
        return false;
    }
    let longer = r.chars().count().max(l.chars().count());
    3 * crate::metrics::levenshtein::char_distance(&r, &l) <= longer
}

/// Admonition words set in bold, never UI labels.
const ADMONITIONS: &[&str] = &["note", "notes", "important", "tip", "warning", "caution", "example", "remarque"];

/// Words before a bold run that make it a UI label even in lower case.
const UI_VERBS: &[&str] =
    &["select", "click", "choose", "tap", "press", "enter", "open", "type", "check", "clear", "pick", "go", "under"];

/// Words after a bold run that make it a UI label even in lower case.
const UI_NOUNS: &[&str] = &[
    "page",
    "tab",
    "menu",
    "button",
    "field",
    "link",
    "box",
    "section",
    "pane",
    "list",
    "option",
    "options",
    "column",
    "blade",
    "area",
    "dialog",
    "window",
    "icon",
    "setting",
    "settings",
    "drop-down",
    "dropdown",
    "checkbox",
    "heading",
    "workspace",
    "tile",
    "panel",
    "screen",
    "view",
    "command",
    "toggle",
];

/// Whether a source bold run names a UI label rather than emphasis: capitalised
/// (or starting with a digit) and not an admonition, or in lower case right
/// after a UI verb ("select **save**") or before a UI noun ("the **billing** page").
/// Runs of more than 16 words, or sentences of more than 6, are prose set in bold, not labels.
pub fn is_ui_label(label: &str, source: &str) -> bool {
    // A heading or chart title set in bold is a label too; a sentence (ending in a full stop) is not.
    let words = label.split_whitespace().count();
    if words == 0 || words > 16 || (words > 6 && label.trim_end().ends_with('.')) {
        return false;
    }
    let lower = label.to_lowercase();
    if ADMONITIONS.contains(&lower.as_str()) {
        return false;
    }
    // Code (`PS C:\> Add-AzureRMAccount`) and comma-separated data (`Serial Number,Product ID`) are not labels.
    let code = label.contains(['\\', '>', '<', '{', '}', '$', '=', '`']) || label.starts_with("PS ");
    let data =
        label.matches(',').filter(|_| true).count() >= 2 && label.split(',').skip(1).all(|part| !part.starts_with(' '));
    if code || data {
        return false;
    }
    let first = label.chars().next().unwrap_or(' ');
    if first.is_uppercase() || first.is_ascii_digit() {
        return true;
    }
    let marked = format!("**{label}**");
    let Some(at) = source.find(&marked) else { return false };
    let before = source[..at].split_whitespace().next_back().map(|w| w.to_lowercase()).unwrap_or_default();
    let after = source[at + marked.len()..]
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !crate::charclass::is_alphanumeric(c) && c != '-').to_lowercase())
        .unwrap_or_default();
    UI_VERBS.contains(&before.trim_matches(|c: char| !crate::charclass::is_alphanumeric(c)))
        || UI_NOUNS.contains(&after.as_str())
}

/// The difference between renderings `a` and `b` of the English `label`. One
/// holding the other is a form difference when the words around it do not
/// translate the label (`part_of_label` says whether they do: neighbouring
/// words picked up by the run) or when it is a fragment of the other (a
/// partial run); otherwise («Partenaires de…» / «Espace partenaires de…») the
/// two are compared word by word.
pub fn difference(
    language: &str,
    rule: &Rule,
    label: &str,
    (a, b): (&str, &str),
    part_of_label: &dyn Fn(&str) -> bool,
) -> Divergence {
    if same_form(language, a, b) {
        return Divergence::Form;
    }
    if let Some(more) = extra(language, a, b) {
        if fragment(language, a, b) || !part_of_label(&more) {
            return Divergence::Form;
        }
    }
    let stems = |t: &str| -> Vec<String> { form_words(language, t).iter().map(|w| rule.words(w).concat()).collect() };
    let (sa, sb) = (stems(a), stems(b));
    let mut sorted_a = sa.clone();
    let mut sorted_b = sb.clone();
    sorted_a.sort();
    sorted_b.sort();
    if sorted_a == sorted_b {
        return Divergence::Inflection;
    }
    let compound = !unspaced(language) && (compound_of(&sa, &sb) || compound_of(&sb, &sa));
    if compound || inserted(language, a, b) {
        return Divergence::Form;
    }
    if untranslated(language, a, label) != untranslated(language, b, label) || english_words_only(language, a, b, label)
    {
        return Divergence::Untranslated;
    }
    if same_roots(language, &sa, &sb) || same_roots(language, &sorted_a, &sorted_b) {
        return Divergence::Derivation;
    }
    Divergence::Lexical
}

/// Whether `one` is a single word holding every stem of `parts` (two or more):
/// a compound of the other's words («Organisationsnamen» / «Name der
/// Organisation», «Onlinedienste» / «Online-Dienste», «Kundenkonto» / «Konto»).
fn compound_of(one: &[String], parts: &[String]) -> bool {
    match (one, parts) {
        // One word inside another is a compound only as its head, at the end
        // («Kundenkonto» / «Konto»); at the start it is a derivation («обновлен» / «обнов»).
        ([word], [part]) => word != part && part.chars().count() >= 3 && word.ends_with(part.as_str()),
        ([word], _) if word.chars().count() >= 6 => {
            parts.len() >= 2
                && parts.len() <= 3
                && parts.iter().all(|p| p.chars().count() >= 3 && word.contains(p.as_str()))
        }
        _ => false,
    }
}

/// Whether, in an unspaced language, the longer rendering is the shorter with
/// a few characters inserted in one place (新客户(最近 24 小时) / 新(最近 24 小时)):
/// a context word, not another term.
fn inserted(language: &str, a: &str, b: &str) -> bool {
    if !unspaced(language) || language == "ko" {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) =
        (form_key(language, a).chars().collect(), form_key(language, b).chars().collect());
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let gap = long.len() - short.len();
    if short.len() < 2 || gap == 0 || gap > 3 {
        return false;
    }
    let head = long.iter().zip(&short).take_while(|(x, y)| x == y).count();
    head >= 1 && long[head + gap..] == short[head..]
}

/// Whether the words one rendering has and the other lacks are all English
/// words of the label, kept untranslated («Include …» / «… einbeziehen»,
/// «Servicemanagement»: the label's words written as one).
fn english_words_only(language: &str, a: &str, b: &str, label: &str) -> bool {
    let english: Vec<String> = form_words("en", label);
    let joined = english.concat();
    let (wa, wb) = (form_words(language, a), form_words(language, b));
    let only = |x: &[String], y: &[String]| -> Vec<String> { x.iter().filter(|w| !y.contains(w)).cloned().collect() };
    let is_english = |w: &String| english.contains(w) || (*w == joined && english.len() > 1);
    [only(&wa, &wb), only(&wb, &wa)].iter().any(|extra| !extra.is_empty() && extra.iter().all(is_english))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Locale;

    fn diff(locale: &str, label: &str, a: &str, b: &str) -> Divergence {
        let l = Locale::new(locale);
        difference(l.language(), &Rule::for_locale(&l), label, (a, b), &|_| false)
    }

    #[test]
    fn trimming_keeps_the_term() {
        assert_eq!(trim("tr", "Partner Center'da"), "Partner Center");
        assert_eq!(trim("tr", "İş Ortağı Merkezi’nde"), "İş Ortağı Merkezi");
        assert_eq!(trim("de", "„Kunden“"), "Kunden");
        assert_eq!(trim("ja", "「次へ」"), "次へ");
        assert_eq!(trim("fr", "Paramètres :"), "Paramètres");
        // A bracket that belongs to the term stays.
        assert_eq!(trim("de", "Abonnement (Testversion)"), "Abonnement (Testversion)");
    }

    #[test]
    fn form_differences_are_not_terms() {
        // Korean spacing and particles (../shared/corpus sample, ko-KR).
        assert_eq!(diff("ko-KR", "Tenant", "테 넌 트", "테넌트"), Divergence::Form);
        assert_eq!(diff("ko-KR", "App", "앱을", "앱"), Divergence::Form);
        assert_eq!(diff("ko-KR", "New service request", "새 서비스 요청을", "새 서비스 요청"), Divergence::Form);
        assert_eq!(diff("ja-JP", "Next", "次へ", "次へを"), Divergence::Form);
        // Neighbouring words picked up by the run: «Konto aus», «Seite Zuweisungen».
        assert_eq!(diff("de-DE", "Account", "Konto aus", "Konto"), Divergence::Form);
        assert_eq!(diff("de-DE", "Assignments", "Seite Zuweisungen", "Zuweisungen"), Divergence::Form);
        assert_eq!(diff("fr-FR", "Save", "« Enregistrer »", "enregistrer"), Divergence::Form);
    }

    #[test]
    fn inflection_derivation_and_lexical() {
        assert_eq!(diff("ru-RU", "Customers", "Клиенты", "клиентов"), Divergence::Inflection);
        assert_eq!(diff("ru-RU", "Update", "Обновить", "обновление"), Divergence::Derivation);
        assert_eq!(diff("ru-RU", "Export", "Экспорт", "экспортируйте"), Divergence::Derivation);
        assert_eq!(diff("fr-FR", "Update", "Mettre à jour", "mise à jour"), Divergence::Derivation);
        assert_eq!(diff("ru-RU", "Update", "Обновить", "Изменить"), Divergence::Lexical);
        assert_eq!(diff("ru-RU", "Applies to", "Применяется к", "Относится к"), Divergence::Lexical);
        assert_eq!(diff("de-DE", "Apply profile", "Apply profile", "Profil anwenden"), Divergence::Untranslated);
        assert_eq!(
            diff("de-DE", "Apply profile", "Apply profile (Profil anwenden)", "Profil anwenden"),
            Divergence::Form
        );
        assert_eq!(diff("de-DE", "Settings", "Settings (Einstellungen)", "Optionen"), Divergence::Untranslated);
    }

    #[test]
    fn emphasis_is_not_a_label() {
        assert!(is_ui_label("Customers", "Select **Customers**."));
        assert!(!is_ui_label("and", "You must do this **and** that."));
        assert!(!is_ui_label("are not", "Refunds **are not** available."));
        assert!(!is_ui_label("Note", "**Note**: this applies."));
        assert!(is_ui_label("save", "Then select **save**."));
        assert!(is_ui_label("billing", "Open the **billing** page."));
    }
}
