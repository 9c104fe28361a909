//! Markup checks: bold, italic, links and their URLs, inline code, HTML tags,
//! images, entities and backslash escapes must survive translation; and the
//! target must not hold garbled entities.
//!
//! Works on the markup the reader extracted ([`crate::markup`]) and on the raw
//! text; order is not compared, since translation legitimately reorders runs.

use std::collections::BTreeMap;

use super::{
    plural, Finding, ENTITY_MISMATCH, ESCAPE_MISMATCH, GARBLED_ENTITY, LINK_URL_CHANGED, MARKUP_BOLD, MARKUP_CODE,
    MARKUP_HTML, MARKUP_IMAGE, MARKUP_ITALIC, MARKUP_LINK,
};
use crate::metrics::pytext::is_py_whitespace as is_space;
use crate::model::{Locale, Markup, MarkupKind, Segment};
use crate::normalize::entity_at;

fn of_kind(markup: &[Markup], kind: MarkupKind) -> Vec<&Markup> {
    markup.iter().filter(|m| m.kind == kind).collect()
}

fn multiset(items: impl IntoIterator<Item = String>) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    for item in items {
        *map.entry(item).or_default() += 1;
    }
    map
}

/// Items of `a` with more occurrences than in `b`, each as often as it is in excess.
fn excess(a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>) -> Vec<String> {
    let mut out = Vec::new();
    for (item, &n) in a {
        let m = b.get(item).copied().unwrap_or(0);
        out.extend(std::iter::repeat_n(item.clone(), n.saturating_sub(m)));
    }
    out
}

/// A URL with a locale path segment (`/en-us/`, `/de-de/`) replaced by a
/// placeholder: pointing a link at the target locale's page is correct localisation.
fn url_key(url: &str) -> String {
    url.split('/')
        .map(|part| {
            let b = part.as_bytes();
            let localeish = b.len() == 5
                && b[2] == b'-'
                && b[..2].iter().all(u8::is_ascii_alphabetic)
                && b[3..].iter().all(u8::is_ascii_alphabetic);
            if localeish {
                "{locale}"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Chinese “…” quotations in a text (pairs of U+201C … U+201D).
fn chinese_quotations(text: &str) -> usize {
    text.matches('\u{201C}').count().min(text.matches('\u{201D}').count())
}

/// The marks that Chinese and Japanese style puts around a UI label or an
/// emphasised word instead of bold or italic: “…” and 「…」 (zh), 「…」 and
/// `[…]` that is not link text (ja).
fn cjk_label_marks(language: &str, text: &str) -> usize {
    let corners = text.matches('「').count().min(text.matches('」').count());
    match language {
        "zh" => chinese_quotations(text) + corners,
        "ja" => {
            let brackets = text.match_indices(']').filter(|(at, _)| !text[at + 1..].starts_with('(')).count();
            corners + brackets.min(text.matches('[').count())
        }
        _ => 0,
    }
}

pub(super) fn markup_checks(locale: &Locale, segment: &Segment, out: &mut Vec<Finding>) {
    let (s, t) = (&segment.source.markup, &segment.target.markup);
    for (check, kind, what) in [
        (&MARKUP_BOLD, MarkupKind::Bold, ("bold run", "bold runs")),
        (&MARKUP_ITALIC, MarkupKind::Italic, ("italic run", "italic runs")),
    ] {
        let (ns, mut nt) = (of_kind(s, kind).len(), of_kind(t, kind).len());
        // Microsoft's Chinese style renders a bold UI label as a “quotation”
        // (Select **Submit**. → 选择“提交”。): in zh, quotations the source does not
        // have stand in for missing bold or italic runs. Seen 251 times in zh-CN HT of ../shared/corpus.
        // Japanese style brackets UI labels ([発行者]) the same way, and both drop
        // bold and italic on emphasised ordinary words.
        let language = locale.language();
        // Not when the target's own bold is broken: escaped `\*\*` around a label (`\*\*[…]\*\*`;
        // an emptied `\*\*\*\*` left beside a quotation is escape-mismatch's), or a run that cuts a bracket pair.
        let raw = &segment.target.raw;
        let escaped_run = raw
            .match_indices("\\*\\*")
            .any(|(at, m)| raw[at + m.len()..].chars().next().is_some_and(|c| c != '\\' && !c.is_whitespace()));
        let broken = escaped_run
            || of_kind(t, kind)
                .iter()
                .any(|m| m.text.matches(['[', '「']).count() != m.text.matches([']', '」']).count());
        if nt < ns && matches!(language, "zh" | "ja") && !broken {
            let added = cjk_label_marks(language, &segment.target.raw)
                .saturating_sub(cjk_label_marks(language, &segment.source.raw));
            nt += added.min(ns - nt);
            // Bold on emphasised ordinary words ("**not**", "**new**") is dropped in their style too.
            let emphasis = of_kind(s, kind)
                .iter()
                .filter(|m| !crate::terms::forms::is_ui_label(m.text.trim(), &segment.source.raw))
                .count();
            nt += emphasis.min(ns - nt);
        }
        // Chinese and Japanese do not set emphasis in italics at all: a lost italic run is their style.
        let italic_style = kind == MarkupKind::Italic && nt < ns && matches!(language, "zh" | "ja");
        if ns != nt && !italic_style {
            out.push(check.finding(format!("source has {}, target {nt}", plural(ns, what.0, what.1))));
        }
    }

    let s_links = of_kind(s, MarkupKind::Link);
    let t_links = of_kind(t, MarkupKind::Link);
    if s_links.len() != t_links.len() {
        out.push(MARKUP_LINK.finding(format!(
            "source has {}, target {}",
            plural(s_links.len(), "link", "links"),
            t_links.len()
        )));
    }
    // A changed URL is a source URL gone *and* a new one in its place; a link
    // merely dropped is `markup-link`'s business.
    let s_urls = multiset(s_links.iter().map(|m| url_key(&m.url)));
    let t_urls = multiset(t_links.iter().map(|m| url_key(&m.url)));
    let (gone, new) = (excess(&s_urls, &t_urls), excess(&t_urls, &s_urls));
    if !gone.is_empty() && !new.is_empty() {
        out.push(LINK_URL_CHANGED.finding(format!(
            "source link URL {} is not in the target, which links to {} instead",
            gone.join(", "),
            new.join(", ")
        )));
    }

    // Inline code is copied verbatim: commands, parameters, paths.
    let s_code = multiset(of_kind(s, MarkupKind::Code).iter().map(|m| m.text.clone()));
    let t_code = multiset(of_kind(t, MarkupKind::Code).iter().map(|m| m.text.clone()));
    let mut diffs: Vec<String> =
        excess(&s_code, &t_code).iter().map(|c| format!("source code `{c}` is missing from the target")).collect();
    diffs.extend(excess(&t_code, &s_code).iter().map(|c| format!("target code `{c}` is not in the source")));
    if !diffs.is_empty() {
        out.push(MARKUP_CODE.finding(diffs.join("; ")));
    }

    let s_tags = multiset(of_kind(s, MarkupKind::HtmlTag).iter().map(|m| tag_name(&m.text)));
    let t_tags = multiset(of_kind(t, MarkupKind::HtmlTag).iter().map(|m| tag_name(&m.text)));
    if s_tags != t_tags {
        let mut names: Vec<&String> = s_tags.keys().chain(t_tags.keys()).collect();
        names.sort();
        names.dedup();
        let diffs: Vec<String> = names
            .into_iter()
            .filter_map(|n| {
                let (a, b) = (s_tags.get(n).copied().unwrap_or(0), t_tags.get(n).copied().unwrap_or(0));
                (a != b).then(|| format!("<{n}>: source {a}, target {b}"))
            })
            .collect();
        out.push(MARKUP_HTML.finding(format!("HTML tags differ: {}", diffs.join(", "))));
    }

    let s_img = multiset(of_kind(s, MarkupKind::Image).iter().map(|m| url_key(&m.url)));
    let t_img = multiset(of_kind(t, MarkupKind::Image).iter().map(|m| url_key(&m.url)));
    let mut diffs: Vec<String> =
        excess(&s_img, &t_img).iter().map(|u| format!("source image {u} is not in the target")).collect();
    diffs.extend(excess(&t_img, &s_img).iter().map(|u| format!("target image {u} is not in the source")));
    if !diffs.is_empty() {
        out.push(MARKUP_IMAGE.finding(diffs.join("; ")));
    }

    entity_mismatch(segment, out);
    escape_mismatch(segment, out);
}

/// `<br/>` → `br`, `</td>` → `/td`, `<a href="x">` → `a`, `<!-- c -->` → `!--`.
fn tag_name(tag: &str) -> String {
    let body = tag.trim_start_matches('<');
    if body.starts_with("!--") {
        return "!--".to_string();
    }
    let closing = body.starts_with('/');
    let name: String = body
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if closing {
        format!("/{name}")
    } else {
        name
    }
}

/// Entities compared by the character they stand for (`&#39;` = `&apos;`). An
/// entity lost is fine when the target writes its character out instead (real
/// targets turn `&gt;` into `>`); an entity added for a space character
/// (`&nbsp;` in French typography) is not flagged.
fn entity_mismatch(segment: &Segment, out: &mut Vec<Finding>) {
    let decoded = |markup: &[Markup]| -> BTreeMap<char, Vec<String>> {
        let mut map: BTreeMap<char, Vec<String>> = BTreeMap::new();
        for m in markup.iter().filter(|m| m.kind == MarkupKind::Entity) {
            if let Some((c, _)) = entity_at(&m.text) {
                map.entry(c).or_default().push(m.text.clone());
            }
        }
        map
    };
    // How often a character is written out (not as an entity) in a raw text.
    let literal = |raw: &str, markup: &[Markup], c: char| -> usize {
        let n = raw.chars().filter(|&x| x == c).count();
        if c == '&' {
            // Every entity starts with a literal '&'.
            n.saturating_sub(markup.iter().filter(|m| m.kind == MarkupKind::Entity).count())
        } else {
            n
        }
    };
    let (s, mut t) = (decoded(&segment.source.markup), decoded(&segment.target.markup));
    // A double-escaped `&amp;nbsp;` is garbled-entity's finding; not counted here again.
    let double_escaped = double_escapes(&segment.target.raw).len();
    if let Some(amps) = t.get_mut(&'&') {
        amps.truncate(amps.len().saturating_sub(double_escaped));
    }
    let mut diffs = Vec::new();
    let mut chars: Vec<char> = s.keys().chain(t.keys()).copied().collect();
    chars.sort_unstable();
    chars.dedup();
    for c in chars {
        let (ns, nt) = (s.get(&c).map_or(0, Vec::len), t.get(&c).map_or(0, Vec::len));
        let name = s.get(&c).or_else(|| t.get(&c)).and_then(|v| v.first()).cloned().unwrap_or_default();
        if ns > nt && literal(&segment.target.raw, &segment.target.markup, c) < ns - nt {
            diffs.push(format!("source has {name} {ns} times, target {nt}"));
        } else if nt > ns && !is_space(c) && literal(&segment.source.raw, &segment.source.markup, c) < nt - ns {
            diffs.push(format!("target has {name} {nt} times, source {ns}"));
        }
    }
    if !diffs.is_empty() {
        out.push(ENTITY_MISMATCH.finding(diffs.join("; ")));
    }
}

/// Backslash escapes of the source must stay escaped (an unescaped `*` or `<`
/// becomes markup). An escape the target adds is flagged too, except the `\.`
/// or `\)` after leading digits that keeps "1. Senaryo" from becoming a list.
fn escape_mismatch(segment: &Segment, out: &mut Vec<Finding>) {
    let escapes =
        |markup: &[Markup]| multiset(markup.iter().filter(|m| m.kind == MarkupKind::Escape).map(|m| m.text.clone()));
    let (s, mut t) = (escapes(&segment.source.markup), escapes(&segment.target.markup));
    let raw = segment.target.raw.trim_start();
    let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(c @ ('.' | ')')) = raw[digits..].strip_prefix('\\').and_then(|r| r.chars().next()) {
            if let Some(n) = t.get_mut(&c.to_string()) {
                *n = n.saturating_sub(1);
            }
        }
    }
    // Japanese targets write a UI label with its translation as `**[Sell]\(販売\)**`;
    // the escaped parentheses keep it from being read as a link.
    let labels = segment.target.raw.matches("]\\(").count();
    for c in ["(", ")"] {
        if let Some(n) = t.get_mut(c) {
            *n = n.saturating_sub(labels);
        }
    }
    let mut diffs: Vec<String> = Vec::new();
    for (c, n) in excess(&s, &t).into_iter().fold(BTreeMap::<String, usize>::new(), |mut m, c| {
        *m.entry(c).or_default() += 1;
        m
    }) {
        diffs.push(format!("source escape \\{c} is missing from the target {}", plural(n, "time", "times")));
    }
    for (c, n) in excess(&t, &s).into_iter().fold(BTreeMap::<String, usize>::new(), |mut m, c| {
        *m.entry(c).or_default() += 1;
        m
    }) {
        diffs.push(format!("target adds escape \\{c} {}", plural(n, "time", "times")));
    }
    if !diffs.is_empty() {
        out.push(ESCAPE_MISMATCH.finding(diffs.join("; ")));
    }
}

/// Scripts that never use an apostrophe between letters: an apostrophe entity
/// fused between two such letters is machine damage (`мы&#39;все`).
fn apostrophe_free_letter(c: char) -> bool {
    matches!(c as u32,
        0x0400..=0x04FF      // Cyrillic
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x4E00..=0x9FFF    // CJK ideographs
        | 0xAC00..=0xD7AF) // Hangul syllables
}

/// Double-escaped entities (`&amp;quot;`, `&amp;nbsp;`), entities missing their
/// `;` (`&#39 `), and apostrophe entities fused between letters of a script
/// that has no apostrophes. Each is flagged only when the source lacks it.
pub(super) fn garbled_entity(segment: &Segment, out: &mut Vec<Finding>) {
    let target = &segment.target.raw;
    let source = &segment.source.raw;
    let mut diffs = Vec::new();
    for text in double_escapes(target) {
        if !source.contains(text) {
            diffs.push(format!("double-escaped entity {text}"));
        }
    }
    for (pos, _) in target.match_indices('&') {
        let rest = &target[pos..];
        if let Some((c, len)) = entity_at(rest) {
            let before = target[..pos].chars().next_back();
            let after = rest[len..].chars().next();
            let fused = matches!(c, '\'' | '\u{2019}')
                && before.is_some_and(apostrophe_free_letter)
                && after.is_some_and(apostrophe_free_letter);
            if fused {
                diffs.push(format!("apostrophe entity {} between letters", &rest[..len]));
            }
            continue;
        }
        if let Some(broken) = broken_entity(rest) {
            if !broken_entities(source).contains(&broken) {
                diffs.push(format!("entity {broken} without its ';'"));
            }
        }
    }
    if !diffs.is_empty() {
        out.push(GARBLED_ENTITY.finding(diffs.join("; ")));
    }
}

/// Every `&amp;` followed by an entity's name (`&amp;nbsp;`, `&amp;quot;`), as written.
fn double_escapes(text: &str) -> Vec<&str> {
    text.match_indices("&amp;")
        .filter_map(|(pos, _)| {
            let rest = &text[pos..];
            let inner = &rest[4..]; // from the ';' of "&amp;": replace it by '&' to read the next entity
                                    // Entities are short: 13 characters cover the longest name plus ';'.
            let candidate: String = std::iter::once('&').chain(inner[1..].chars().take(13)).collect();
            entity_at(&candidate).map(|(_, len)| &rest[..4 + len])
        })
        .collect()
}

/// An entity name with no ';' at the start of `s` ("&#39 " or "&quot "), as written.
fn broken_entity(s: &str) -> Option<&str> {
    if entity_at(s).is_some() {
        return None;
    }
    let rest = s.strip_prefix('&')?;
    let len = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
    let name = &rest[..len];
    let known = ["amp", "lt", "gt", "quot", "apos", "nbsp"].contains(&name)
        || name.strip_prefix('#').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    (known && !rest[len..].starts_with(';')).then(|| &s[..1 + len])
}

fn broken_entities(text: &str) -> Vec<&str> {
    text.match_indices('&').filter_map(|(pos, _)| broken_entity(&text[pos..])).collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::run;
    use super::*;

    #[test]
    fn missing_bold_run() {
        // ../shared/corpus/sample/partner-center-pr.ko-kr/partner-center/reset-a-user-password.md, b64d3-110
        let f = run(
            "ko-KR",
            "설정  &gt; **사용자 관리** 로 이동합니다.",
            "Go to **Settings** &gt; **User management**.",
            "markup-bold",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "source has 2 bold runs, target 1");
    }

    #[test]
    fn bold_turned_into_escapes() {
        // ../shared/corpus/sample/partner-center-pr.zh-cn/partner-center/mfa-for-users.md, a4fb3-122
        // The bold label became a “quotation” (zh style, not a finding), but the
        // emptied ** ** left four escapes behind (an escape-mismatch).
        let (t, s) = ("所有用户的初始状态都为“已禁用” \\*\\*\\*\\* 。", "All users start out **Disabled**.");
        assert!(run("zh-CN", t, s, "markup-bold").is_empty());
        // ja-JP MT (create-a-service-request, judged): the label's bold escaped around it is lost bold.
        let ja = "\\*\\*[サービス リクエストの作成]\\*\\* セクションで、カテゴリを選択します。";
        let en = "In the **Create a service request** section, choose the category.";
        assert_eq!(run("ja-JP", ja, en, "markup-bold")[0].message, "source has 1 bold run, target 0");
        assert!(run("ja-JP", "[サービス リクエストの作成] セクションで、カテゴリを選択します。", en, "markup-bold")
            .is_empty());
        assert_eq!(run("zh-CN", t, s, "escape-mismatch")[0].message, "target adds escape \\* 4 times");
        // The same target without the quotation marks is a lost bold run.
        let bare = "所有用户的初始状态都为已禁用 \\*\\*\\*\\* 。";
        assert_eq!(run("zh-CN", bare, s, "markup-bold")[0].message, "source has 1 bold run, target 0");
        // Outside Chinese, quotation marks do not stand in for bold.
        assert_eq!(run("ja-JP", t, s, "markup-bold")[0].message, "source has 1 bold run, target 0");
    }

    #[test]
    fn zh_quotation_stands_in_for_bold() {
        // ../shared/corpus/sample/partner-center-pr.zh-cn/Archive/China-update-customer-account-info.md, 54de8-108 (HT)
        let s = "From the **Dashboard** menu, select **Customers**.";
        assert!(run("zh-CN", "从“仪表板”菜单中，选择“客户”。", s, "markup-bold").is_empty());
        // One of two labels quoted, the other lost: still one missing.
        assert_eq!(
            run("zh-CN", "从“仪表板”菜单中，选择客户。", s, "markup-bold")[0].message,
            "source has 2 bold runs, target 1"
        );
    }

    #[test]
    fn italic_runs_lost() {
        // ../shared/corpus/sample/partner-center-pr.de-de/partner-center/mpn-benefits-azure-cloud.md, 13bd8-128
        let s = "The two types of usage-based subscriptions that can be provisioned for these offers include *Azure monthly credit* and/or *Azure bulk (yearly) credit*:";
        let t = "Die beiden Arten von nutzungsbasierten Abonnements, die  für diese Angebote bereitgestellt werden können, umfassen monatliche Azure-Gutschrift und/oder Azure-Massenguthaben *(jährlich):*";
        assert_eq!(run("de-DE", t, s, "markup-italic")[0].message, "source has 2 italic runs, target 1");
        // The same target has a double space the source has not.
        assert_eq!(run("de-DE", t, s, "double-space").len(), 1);
    }

    #[test]
    fn link_count_and_url() {
        // ../shared/corpus/sample/partner-center-pr.ko-kr/partner-center/azure-usage.md, 9c48c-122:
        // the MT target reorders the two links; the same URLs, so nothing to flag.
        let s = "For more information, see [Get a customer's utilization records for Azure](/partner-center/develop/get-a-customer-s-utilization-record-for-azure) in the [Partner Center API](/partner-center/develop/).";
        let t = "자세한 내용은 [파트너 센터 API에서](/partner-center/develop/) [Azure에 대한 고객의 사용률 레코드 얻기를 참조하세요.](/partner-center/develop/get-a-customer-s-utilization-record-for-azure)";
        assert!(run("ko-KR", t, s, "link-url-changed").is_empty());
        assert!(run("ko-KR", t, s, "markup-link").is_empty());
        // Minimal edit (no single-line segment of the corpus changes a URL): one URL replaced.
        let t2 = t.replace("(/partner-center/develop/)", "(/partner-center/develop/overview)");
        let f = run("ko-KR", &t2, s, "link-url-changed");
        assert_eq!(
            f[0].message,
            "source link URL /partner-center/develop/ is not in the target, which links to /partner-center/develop/overview instead"
        );
        assert_eq!(f[0].category, super::super::Category::Accuracy);
        // Minimal edit: second link dropped.
        let t3 = "자세한 내용은 파트너 센터 API에서 [Azure에 대한 고객의 사용률 레코드 얻기를 참조하세요.](/partner-center/develop/get-a-customer-s-utilization-record-for-azure)";
        assert_eq!(run("ko-KR", t3, s, "markup-link")[0].message, "source has 2 links, target 1");
        assert!(run("ko-KR", t3, s, "link-url-changed").is_empty());
        // A locale segment pointed at the target locale is correct localisation.
        assert_eq!(url_key("https://docs.microsoft.com/en-us/a"), url_key("https://docs.microsoft.com/ko-kr/a"));
    }

    #[test]
    fn inline_code_must_be_verbatim() {
        // Minimal edit of ../shared/corpus/sample/partner-center-pr.ko-kr/partner-center/partner-security-requirements.md
        // (7c95e-184 names the cmdlet Get-PartnerUserSignActivity): the code span translated. No real instance in the corpus.
        let s = "Use the `Get-PartnerUserSignActivity` cmdlet.";
        let f = run("ko-KR", "`파트너사용자로그인활동가져오기` cmdlet을 사용합니다.", s, "markup-code");
        assert_eq!(
            f[0].message,
            "source code `Get-PartnerUserSignActivity` is missing from the target; target code `파트너사용자로그인활동가져오기` is not in the source"
        );
        assert!(run("ko-KR", "`Get-PartnerUserSignActivity` cmdlet을 사용합니다.", s, "markup-code").is_empty());
    }

    #[test]
    fn html_tag_added() {
        // ../shared/corpus/sample/partner-center-pr.ru-ru/partner-center/ms-learn-associate.md, 095fe-126:
        // the target adds "<адрес_электронной_почты>"; only ASCII-named tags count, so a minimal edit adds <br/>.
        let s = "If the Microsoft Learning account credentials are the same as the Partner University account credentials, select **Use email@address to associate my Microsoft Learning account**.";
        let t = "Если учетные данные для учетной записи Microsoft Learning не отличаются от учетных данных для учетной записи Университета партнеров,<br/> выберите **Use email@address to associate my Microsoft Learning account**.";
        assert_eq!(run("ru-RU", t, s, "markup-html")[0].message, "HTML tags differ: <br>: source 0, target 1");
        assert_eq!(tag_name("</TD>"), "/td");
        assert_eq!(tag_name("<a href=\"x\">"), "a");
    }

    #[test]
    fn image_url_changed() {
        // ../shared/corpus/sample/partner-center-pr.ja-jp/marketplace/azure-consumption-commitment-benefit.md, e4116-116:
        // alt text translated with brackets inside, same URLs: fine.
        let s = "[![Azure benefit eligible menu option.](media/azure-benefit/azure-benefit-eligible.png)](media/azure-benefit/azure-benefit-eligible.png#lightbox)";
        let t = "[![[Azure ベネフィット対象] メニュー オプション。](media/azure-benefit/azure-benefit-eligible.png)](media/azure-benefit/azure-benefit-eligible.png#lightbox)";
        assert!(run("ja-JP", t, s, "markup-image").is_empty());
        // Minimal edit: the image path localised.
        let t2 = t.replacen("azure-benefit-eligible.png)", "azure-benefit-eligible-ja.png)", 1);
        assert_eq!(
            run("ja-JP", &t2, s, "markup-image")[0].message,
            "source image media/azure-benefit/azure-benefit-eligible.png is not in the target; target image media/azure-benefit/azure-benefit-eligible-ja.png is not in the source"
        );
    }

    #[test]
    fn entity_written_out_is_accepted_lost_is_flagged() {
        // ../shared/corpus/sample/partner-center-pr.ko-kr/partner-center/reset-a-user-password.md, b64d3-110: &gt; kept.
        let s = "Go to **Settings** &gt; **User management**.";
        assert!(run("ko-KR", "설정  &gt; **사용자 관리** 로 이동합니다.", s, "entity-mismatch").is_empty());
        // Minimal edit: "&gt;" written as ">" (as real targets do) is fine; dropped altogether is not.
        assert!(run("ko-KR", "**설정** > **사용자 관리**로 이동합니다.", s, "entity-mismatch").is_empty());
        let f = run("ko-KR", "**설정**, **사용자 관리**로 이동합니다.", s, "entity-mismatch");
        assert_eq!(f[0].message, "source has &gt; 1 times, target 0");
        assert_eq!(f[0].severity, super::super::Severity::Minor);
    }

    #[test]
    fn added_nbsp_is_typography_double_escape_is_garbled() {
        // ../shared/corpus/sample/partner-center-pr.fr-fr/partner-center/use-the-reconciliation-files.md, 20cac-171 and 20cac-167
        assert!(run("fr-FR", "ID&nbsp;MPN revendeur", "Reseller MPN ID", "entity-mismatch").is_empty());
        let f = run("fr-FR", "ID&amp;nbsp;MPN revendeur", "Reseller MPN ID", "garbled-entity");
        assert_eq!(f[0].message, "double-escaped entity &amp;nbsp;");
        // Reported once, as garbled, not again as an added "&amp;".
        assert!(run("fr-FR", "ID&amp;nbsp;MPN revendeur", "Reseller MPN ID", "entity-mismatch").is_empty());
        // A plain "&amp;" is no double escape ("R&amp;D").
        assert!(run("fr-FR", "R&amp;D", "R&amp;D", "garbled-entity").is_empty());
        assert_eq!(f[0].severity, super::super::Severity::Major);
    }

    #[test]
    fn fused_and_broken_entities() {
        // Minimal edits (no real instance in the corpus) of seeds-style ru text: an apostrophe
        // entity between Cyrillic letters, and an entity missing its ';'.
        let s = "We&#39;re here to help.";
        assert_eq!(
            run("ru-RU", "Мы&#39;все здесь, чтобы помочь.", s, "garbled-entity")[0].message,
            "apostrophe entity &#39; between letters"
        );
        assert_eq!(run("ru-RU", "Мы &#39 здесь.", s, "garbled-entity")[0].message, "entity &#39 without its ';'");
        // French elision with an apostrophe entity is correct.
        assert!(run("fr-FR", "Nous sommes là pour l&#39;aide.", s, "garbled-entity").is_empty());
    }

    #[test]
    fn list_guard_escape_is_not_flagged() {
        // ../shared/corpus/sample/partner-center-pr.tr-tr/partner-center/mpn-benefits-azure-cloud.md, 94382-202
        assert!(run("tr-TR", "1\\. Senaryo", "Scenario 1", "escape-mismatch").is_empty());
        // Minimal edit of ../shared/corpus/sample/partner-center-pr.ko-kr/partner-center/compare-azure-offers.md,
        // 26efd-158: the source's escaped asterisk left bare in the target.
        let f =
            run("ko-KR", "매월 게시되고 USD로 가격 책정*", "Published monthly and priced in USD\\*", "escape-mismatch");
        assert_eq!(f[0].message, "source escape \\* is missing from the target 1 time");
        // data/sample/releases/2019-07-01/partner-center-pr.ja-jp/partner-center/customize-the-catalog.md, 1e28c-111
        let ja =
            "パートナー センター メニュー &gt; **[Sell]\\(販売\\)** &gt; **[Catalog]\\(カタログ\\)** に移動します。";
        assert!(run("ja-JP", ja, "Go to the Partner Center menu &gt; **Sell** &gt; **Catalog**.", "escape-mismatch")
            .is_empty());
        assert!(run(
            "ko-KR",
            "매월 게시되고 USD로 가격 책정\\*",
            "Published monthly and priced in USD\\*",
            "escape-mismatch"
        )
        .is_empty());
    }
}
