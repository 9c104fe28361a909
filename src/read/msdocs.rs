//! Parser for Microsoft Docs "bilingual span" (sxs) Markdown, with no I/O.
//!
//! A segment is
//! `<span data-ttu-id="ID">TARGET</span><span class="sxs-lookup"><span data-stu-id="ID">SOURCE</span></span>`,
//! wherever it stands: in headings after `<a name>` anchors, list items, link
//! text, tables, raw HTML cells, alert blocks, and inside front-matter strings
//! where the quotes are written `\"`. The scanner looks for every
//! `data-ttu-id=` so that the segment count always equals the number of
//! occurrences (the corpus manifests count exactly that); an occurrence it
//! cannot read is an error, never silently dropped.
//!
//! It does not interpret the surrounding Markdown: block structure is
//! irrelevant to translation quality, inline markup inside segments is
//! extracted by [`crate::markup`].

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::error::{ParseError, ParseErrorKind};
use crate::intern::TextInterner;
use crate::model::{FrontMatter, Segment};

/// A parsed document body: front matter, segments in file order, and notes
/// about damaged markup that was recovered.
#[derive(Debug, Default)]
pub struct Parsed {
    pub front_matter: FrontMatter,
    pub segments: Vec<Segment>,
    pub warnings: Vec<(usize, String)>,
}

const TTU_ID: &str = "data-ttu-id=";
const SPAN_CLOSE: &str = "</span>";

/// Finders of the two markers: memchr's SIMD substring search, built once (std's
/// `str::find` built a Two-Way searcher on every call: 4–5% of a scan's instructions).
static TTU: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(TTU_ID));
static CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(SPAN_CLOSE));

/// Where `marker` first occurs in `haystack`.
fn find(haystack: &str, marker: &Finder) -> Option<usize> {
    marker.find(haystack.as_bytes())
}

/// The ways an attribute quote is written in real files, longest first:
/// `&quot;` (a damaged export that entity-encoded every quote from some point
/// on), `\"` (inside a YAML double-quoted front-matter value), `"` and `'`.
const QUOTES: [&str; 4] = ["&quot;", "\\\"", "\"", "'"];

/// Parses a whole file's text (a UTF-8 BOM, if any, already removed or not),
/// with texts of its own (see [`parse_with`] to share them across files).
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    parse_with(text, &TextInterner::default())
}

/// [`parse`], taking every segment text from `texts`, so equal texts are stored once.
pub fn parse_with(text: &str, texts: &TextInterner) -> Result<Parsed, ParseError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut parsed = Parsed { front_matter: parse_front_matter(text)?, ..Parsed::default() };
    let mut lines = LineCounter::default();
    let mut cursor = 0;
    while let Some(rel) = find(&text[cursor..], &TTU) {
        let at = cursor + rel;
        let line = lines.line_at(text, at);
        let (segment, end, warnings) = parse_segment(text, at, line, texts)?;
        parsed.warnings.extend(warnings.into_iter().map(|w| (line, w)));
        parsed.segments.push(segment);
        cursor = end;
    }
    Ok(parsed)
}

/// Reads the segment whose `data-ttu-id=` starts at byte `at`. Returns the
/// segment, the byte offset just past it, and warnings about recovered damage.
fn parse_segment(
    text: &str,
    at: usize,
    line: usize,
    texts: &TextInterner,
) -> Result<(Segment, usize, Vec<String>), ParseError> {
    let err = |kind| ParseError { line, kind };
    let mut warnings = Vec::new();
    let mut entity_quotes = false;

    // data-ttu-id=QUOTE ID QUOTE >
    let mut c = Cursor { text, pos: at + TTU_ID.len() };
    // Where, not what: the bytes are not quoted (the file may not be a localization file at all).
    let bad_id = || {
        let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        err(ParseErrorKind::BadSegmentId { column: text[line_start..at].chars().count() + 1 })
    };
    let open_quote = c.quote().ok_or_else(bad_id)?;
    let id = c.id().ok_or_else(bad_id)?;
    let close_quote = c.quote().ok_or_else(bad_id)?;
    c.spaces();
    if c.eat(">").is_none() {
        return Err(bad_id());
    }
    entity_quotes |= open_quote == "&quot;" || close_quote == "&quot;";
    // Inside a YAML double-quoted value the text has one more escape layer.
    let yaml_escaped = open_quote == "\\\"";

    // TARGET </span>, with no other segment starting in between.
    let target_start = c.pos;
    let target_len =
        find(&text[target_start..], &CLOSE).ok_or_else(|| err(ParseErrorKind::UnclosedSpan { id: id.to_string() }))?;
    let target_raw = &text[target_start..target_start + target_len];
    if find(target_raw, &TTU).is_some() {
        return Err(err(ParseErrorKind::UnclosedSpan { id: id.to_string() }));
    }
    c.pos = target_start + target_len + SPAN_CLOSE.len();

    // <span class="sxs-lookup"><span data-stu-id="ID">
    let missing = || err(ParseErrorKind::MissingSource { id: id.to_string() });
    let mut source_quotes = Vec::with_capacity(4);
    let source_id = (|| {
        c.eat("<span")?;
        c.spaces();
        c.eat("class=")?;
        source_quotes.push(c.quote_opt()?);
        c.eat("sxs-lookup")?;
        source_quotes.push(c.quote_opt()?);
        c.spaces();
        c.eat(">")?;
        c.spaces();
        c.eat("<span")?;
        c.spaces();
        c.eat("data-stu-id=")?;
        source_quotes.push(c.quote_opt()?);
        let source_id = c.id()?;
        source_quotes.push(c.quote_opt()?);
        c.spaces();
        c.eat(">")?;
        Some(source_id)
    })()
    .ok_or_else(missing)?;
    entity_quotes |= source_quotes.contains(&"&quot;");

    // SOURCE </span></span>
    let source_start = c.pos;
    let unclosed_source = || err(ParseErrorKind::UnclosedSource { id: id.to_string() });
    let source_len = find(&text[source_start..], &CLOSE).ok_or_else(unclosed_source)?;
    let source_raw = &text[source_start..source_start + source_len];
    let end = source_start + source_len + SPAN_CLOSE.len();
    if find(source_raw, &TTU).is_some() || !text[end..].starts_with(SPAN_CLOSE) {
        return Err(unclosed_source());
    }

    if entity_quotes {
        warnings.push(format!("segment {id}: attribute quotes written as &quot;; segment recovered"));
    }
    if source_id != id {
        warnings.push(format!("segment {id}: source is labelled data-stu-id=\"{source_id}\""));
    }
    let unescape = |s: &str| {
        if yaml_escaped {
            yaml_unescape(s)
        } else {
            s.to_string()
        }
    };
    let segment = Segment {
        id: id.to_string(),
        line,
        source: texts.intern(&unescape(source_raw)),
        target: texts.intern(&unescape(target_raw)),
        // The document's label, set by the caller once the front matter is read.
        origin: crate::model::Origin::Unknown,
        recovered: entity_quotes,
    };
    Ok((segment, end + SPAN_CLOSE.len(), warnings))
}

/// A read position in the text with small matchers for the span grammar.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn eat(&mut self, literal: &str) -> Option<()> {
        self.rest().starts_with(literal).then(|| self.pos += literal.len())
    }

    fn spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    fn quote(&mut self) -> Option<&'static str> {
        let quote = QUOTES.into_iter().find(|q| self.rest().starts_with(q))?;
        self.pos += quote.len();
        Some(quote)
    }

    /// A quote, or none: `class=sxs-lookup` without quotes is still readable.
    fn quote_opt(&mut self) -> Option<&'static str> {
        Some(self.quote().unwrap_or(""))
    }

    /// A segment id: letters, digits, `-`, `_`, `.`, `:`; at least one, at most 64.
    fn id(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let len = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b)).count();
        if len == 0 || len > 64 {
            return None;
        }
        self.pos += len;
        Some(&rest[..len])
    }
}

/// Counts lines forward through the text; queries must not go backwards.
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, at: usize) -> usize {
        self.line += memchr::memchr_iter(b'\n', &text.as_bytes()[self.pos..at]).count();
        self.pos = at;
        self.line + 1
    }
}

/// Reads the YAML front matter (`---` … `---` at the top of the file):
/// known `ms.*` keys into fields, every other top-level key into `other`.
/// Values may be plain, single- or double-quoted; indented continuation lines
/// (folded or block values) are joined to their key's value with a space.
fn parse_front_matter(text: &str) -> Result<FrontMatter, ParseError> {
    let mut fm = FrontMatter::default();
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    if lines.next().map(str::trim_end) != Some("---") {
        return Ok(fm);
    }
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut closed = false;
    for line in lines {
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        let starts_key = line.chars().next().is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#');
        match line.split_once(':').filter(|_| starts_key) {
            Some((key, value)) if !key.contains(' ') => {
                entries.push((key.trim().to_string(), value.trim().to_string()))
            }
            _ => {
                if let Some((_, value)) = entries.last_mut() {
                    let more = line.trim();
                    if !more.is_empty() {
                        if !value.is_empty() {
                            value.push(' ');
                        }
                        value.push_str(more);
                    }
                }
            }
        }
    }
    if !closed {
        return Err(ParseError { line: 1, kind: ParseErrorKind::UnclosedFrontMatter });
    }
    for (key, value) in entries {
        let value = unquote(&value);
        let slot = match key.as_str() {
            "title" => &mut fm.title,
            "description" => &mut fm.description,
            "ms.translationtype" => &mut fm.translation_type,
            "ms.contentlocale" => &mut fm.content_locale,
            "ms.openlocfilehash" => &mut fm.open_loc_file_hash,
            "ms.sourcegitcommit" => &mut fm.source_git_commit,
            "ms.lasthandoff" => &mut fm.last_handoff,
            "ms.locfileid" => &mut fm.loc_file_id,
            _ => {
                fm.other.push((key, value));
                continue;
            }
        };
        *slot = Some(value);
    }
    Ok(fm)
}

/// Removes YAML quoting from a scalar: `"a \"b\""` → `a "b"`, `'it''s'` → `it's`.
fn unquote(value: &str) -> String {
    let v = value.trim();
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        yaml_unescape(&v[1..v.len() - 1])
    } else if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        v[1..v.len() - 1].replace("''", "'")
    } else {
        v.to_string()
    }
}

/// Undoes the escapes of a YAML double-quoted string that occur in front matter.
fn yaml_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(e @ ('"' | '\\' | '/')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MarkupKind;

    fn seg(id: &str, target: &str, source: &str) -> String {
        format!(
            "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
        )
    }

    // Front matter of seeds/000 (ko-KR, HT), verbatim.
    const SEED_FRONT: &str = "---\ntitle: 고객 계정 정보 (21Vianet에서 운영 하는 파트너 센터) 업데이트\nms.topic: article\nms.date: 10/29/2018\ndescription: 파트너 센터에서 고객의 청구 정보와 기타 회사 세부 정보를 업데이트할 수 있습니다.\nauthor: MaggiePucciEvans\nms.author: evansma\nms.openlocfilehash: 57f6f322ae1244d99ff16d6f6ed4a3ddd3d61728\nms.sourcegitcommit: b1ab80345b4e4af649fb8cc51d96d798e0791ade\nms.translationtype: HT\nms.contentlocale: ko-KR\nms.lasthandoff: 04/23/2019\nms.locfileid: \"62132463\"\n---\n";

    #[test]
    fn front_matter_fields_and_other_keys() {
        let p = parse(SEED_FRONT).unwrap();
        let fm = &p.front_matter;
        assert_eq!(fm.translation_type.as_deref(), Some("HT"));
        assert_eq!(fm.content_locale.as_deref(), Some("ko-KR"));
        assert_eq!(fm.open_loc_file_hash.as_deref(), Some("57f6f322ae1244d99ff16d6f6ed4a3ddd3d61728"));
        assert_eq!(fm.source_git_commit.as_deref(), Some("b1ab80345b4e4af649fb8cc51d96d798e0791ade"));
        assert_eq!(fm.last_handoff.as_deref(), Some("04/23/2019"));
        assert_eq!(fm.loc_file_id.as_deref(), Some("62132463"), "quoted value is unquoted");
        assert_eq!(fm.other.len(), 4);
        assert_eq!(fm.other[0], ("ms.topic".to_string(), "article".to_string()));
        assert!(p.segments.is_empty());
    }

    #[test]
    fn unquoted_locfileid_and_missing_translationtype() {
        let p = parse("---\nms.locfileid: 57584417\nms.contentlocale: ru-ru\n---\nbody\n").unwrap();
        assert_eq!(p.front_matter.loc_file_id.as_deref(), Some("57584417"));
        assert_eq!(p.front_matter.translation_type, None);
        assert_eq!(p.front_matter.content_locale.as_deref(), Some("ru-ru"));
    }

    #[test]
    fn spans_inside_front_matter_values_with_escaped_quotes_and_crlf() {
        // quirks/2018-08-23_71fb26c0 (ru-RU), first two lines, with its CRLF line ends.
        let text = "---\r\ntitle: \"<span data-ttu-id=\\\"67bc4-101\\\">Управление программами поощрений в Центре партнеров | Центр партнеров</span><span class=\\\"sxs-lookup\\\"><span data-stu-id=\\\"67bc4-101\\\">Manage your Incentives in Partner Center | Partner Center</span></span>\"\r\nms.translationtype: HT\r\n---\r\n";
        let p = parse(text).unwrap();
        assert_eq!(p.segments.len(), 1);
        let s = &p.segments[0];
        assert_eq!(s.id, "67bc4-101");
        assert_eq!(s.line, 2);
        assert_eq!(s.source.raw, "Manage your Incentives in Partner Center | Partner Center");
        assert_eq!(s.target.raw, "Управление программами поощрений в Центре партнеров | Центр партнеров");
        assert!(!s.recovered);
        assert_eq!(p.front_matter.translation_type.as_deref(), Some("HT"));
        assert!(p.front_matter.title.as_deref().unwrap().starts_with("<span data-ttu-id=\"67bc4-101\">"));
    }

    #[test]
    fn two_segments_on_one_line_in_a_list_item() {
        // seeds/000 line 20 (ko-KR).
        let line = format!(
            "1.  {} {}\n",
            seg(
                "d3a80-108",
                "**대시보드** 메뉴에서 **고객**을 선택합니다.",
                "From the **Dashboard** menu, select **Customers**."
            ),
            seg("d3a80-109", "목록에서 고객을 선택 합니다.", "Then choose a customer from the list.")
        );
        let p = parse(&format!("{SEED_FRONT}{line}")).unwrap();
        assert_eq!(p.segments.len(), 2);
        assert_eq!(p.segments[0].line, 15);
        assert_eq!(p.segments[1].line, 15);
        assert_eq!(p.segments[1].source.raw, "Then choose a customer from the list.");
        let bold: Vec<&str> = p.segments[0]
            .source
            .markup
            .iter()
            .filter(|m| m.kind == MarkupKind::Bold)
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(bold, ["Dashboard", "Customers"]);
        assert_eq!(p.segments[0].target.markup.len(), 2);
    }

    #[test]
    fn heading_after_anchor_and_bold_outside_the_pair() {
        // seeds/000 line 15 and quirks/2018-08-23 line 13.
        let text = format!(
            "# <a name=\"update-customer-account-information\"></a>{}\n\n**{}**\n",
            seg("d3a80-103", "고객 계정 정보 업데이트", "Update customer account information"),
            seg("67bc4-104", "Область применения", "Applies to")
        );
        let p = parse(&text).unwrap();
        assert_eq!(p.segments.len(), 2);
        assert_eq!(p.segments[0].target.raw, "고객 계정 정보 업데이트");
        assert_eq!(p.segments[1].source.raw, "Applies to");
        assert_eq!(p.segments[1].line, 3);
        assert!(p.segments[1].source.markup.is_empty(), "bold outside the pair is not the segment's markup");
    }

    #[test]
    fn link_text_table_html_cell_and_alert_block() {
        // Real lines, verbatim: ru-RU link list item (86310-131) and table row
        // (fe51d-111/112), ru-RU <td> cell (00529-111), ko-KR segment after <br>
        // (008bd-156, mpn-create-a-partner-center-account.md), ru-RU alert block (86310-120).
        let text = format!(
            "- [{}](billing-invoicing.md)\n|{}  | {} |\n<td>{}</td>\n<br>{}\n   > [!NOTE]\n   > {}\n",
            seg("86310-131", "Выставление счетов и счетов-фактур", "Billing and invoicing"),
            seg("fe51d-111", "Для поддержки этих служб", "To support these services"),
            seg("fe51d-112", "Процедура", "Do this:"),
            seg("00529-111", "Даты", "Dates"),
            seg(
                "008bd-156",
                "VAT 번호 – VAT 등록 번호라고도 합니다.",
                "VAT number – Also known as a VAT Registration Number."
            ),
            seg(
                "86310-120",
                "Если у вас нет этого фильтра, ваша организация не будет иметь подходящих обязательств.",
                "If you do not have this filter, your organization does not have a qualifying commitment."
            )
        );
        let p = parse(&text).unwrap();
        let ids: Vec<(&str, usize)> = p.segments.iter().map(|s| (s.id.as_str(), s.line)).collect();
        assert_eq!(
            ids,
            [
                ("86310-131", 1),
                ("fe51d-111", 2),
                ("fe51d-112", 2),
                ("00529-111", 3),
                ("008bd-156", 4),
                ("86310-120", 6)
            ]
        );
        assert_eq!(p.segments[2].source.raw, "Do this:");
        assert_eq!(p.segments[4].target.raw, "VAT 번호 – VAT 등록 번호라고도 합니다.");
    }

    #[test]
    fn newline_inside_a_segment_and_bom() {
        let text = format!("\u{FEFF}{}\n{}", seg("b1-1", "первая\r\nстрока", "first\r\nline"), seg("b1-2", "x", "y"));
        let p = parse(&text).unwrap();
        assert_eq!(p.segments[0].target.normalized(), "первая строка");
        assert_eq!(p.segments[0].source.raw, "first\r\nline");
        assert_eq!(p.segments[1].line, 4, "target and source each hold one newline");
    }

    #[test]
    fn entities_and_escapes_raw_kept_normalized_decoded() {
        let p = parse(&seg(
            "c1-1",
            "Выберите **Параметры** &gt; **Учетная запись**",
            "Select **Settings** &gt; **Account**",
        ))
        .unwrap();
        let s = &p.segments[0];
        assert_eq!(s.source.raw, "Select **Settings** &gt; **Account**");
        assert_eq!(s.source.normalized(), "Select **Settings** > **Account**");
        let p = parse(&seg("c1-2", "ping \\<ip\\>", "ping \\<ip\\>")).unwrap();
        assert_eq!(p.segments[0].source.normalized(), "ping <ip>");
    }

    #[test]
    fn entity_encoded_attribute_quotes_are_recovered() {
        // The damage seen in real Microsoft Docs exports: from one point on every '"'
        // is written &quot;, attributes included. Built here from seeds/000's segment 111.
        let text = "<span data-ttu-id=\"d3a80-111&quot;>내용을 변경한 후 **제출**을 선택합니다.</span><span class=&quot;sxs-lookup&quot;><span data-stu-id=&quot;d3a80-111&quot;>After you&#39;ve made your changes, select **Submit**.</span></span>\n\n<span data-ttu-id=&quot;d3a80-112&quot;>&quot;확인&quot;</span><span class=&quot;sxs-lookup&quot;><span data-stu-id=&quot;d3a80-112&quot;>&quot;OK&quot;</span></span>";
        let p = parse(text).unwrap();
        assert_eq!(p.segments.len(), 2);
        assert!(p.segments.iter().all(|s| s.recovered));
        assert_eq!(p.segments[0].source.normalized(), "After you've made your changes, select **Submit**.");
        assert_eq!(p.segments[1].target.normalized(), "\"확인\"");
        assert_eq!(p.warnings.len(), 2);
        assert_eq!(p.warnings[1].0, 3);
    }

    #[test]
    fn unrecognisable_id_is_reported() {
        let err = parse("x\n<span data-ttu-id=&quo;>a</span>").unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.kind, ParseErrorKind::BadSegmentId { column: 7 });
        assert_eq!(err.to_string(), "line 2: unrecognisable segment id after data-ttu-id= at column 7");
    }

    #[test]
    fn truncated_files_are_errors_with_lines() {
        let full = format!("{}\n{}\n", seg("d1-1", "a", "b"), seg("d1-2", "c", "d"));
        // Cut inside the second segment's source.
        let cut = &full[..full.len() - 12];
        assert_eq!(
            parse(cut).unwrap_err(),
            ParseError { line: 2, kind: ParseErrorKind::UnclosedSource { id: "d1-2".into() } }
        );
        // Cut inside the target.
        let cut = &full[..full.find("c</span>").unwrap()];
        assert_eq!(parse(cut).unwrap_err().kind, ParseErrorKind::UnclosedSpan { id: "d1-2".into() });
        // Cut right after the target.
        let cut = &full[..full.rfind("<span class").unwrap()];
        assert_eq!(parse(cut).unwrap_err().kind, ParseErrorKind::MissingSource { id: "d1-2".into() });
        // A target never closed before the next segment starts.
        let broken = format!("<span data-ttu-id=\"e1-1\">a\n{}", seg("e1-2", "c", "d"));
        assert_eq!(
            parse(&broken).unwrap_err(),
            ParseError { line: 1, kind: ParseErrorKind::UnclosedSpan { id: "e1-1".into() } }
        );
        // Front matter never closed.
        assert_eq!(parse("---\ntitle: x\n").unwrap_err().kind, ParseErrorKind::UnclosedFrontMatter);
    }

    #[test]
    fn files_without_spans_have_zero_segments() {
        let p = parse("---\nms.translationtype: HT\n---\n<div class=\"hub\"><h1>Partner Center</h1></div>\n").unwrap();
        assert!(p.segments.is_empty());
        assert_eq!(parse("").unwrap().segments.len(), 0);
    }
}
