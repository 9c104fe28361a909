//! Extraction of inline Markdown/HTML markup from a segment's raw text.
//!
//! Finds bold and italic runs, links with their URLs, images, inline code, HTML
//! tags, entities and backslash escapes, in order of appearance. It is a
//! forgiving scanner for what occurs inside one translation segment, not a
//! CommonMark parser: block structure (lists, tables, headings) lives outside
//! segments and is not looked at.

use crate::model::{Markup, MarkupKind};
use crate::normalize::entity_at;

/// Every inline markup element of `raw`, in order of its opening position.
pub fn extract(raw: &str) -> Vec<Markup> {
    let bytes = raw.as_bytes();
    let mut found: Vec<(usize, Markup)> = Vec::new();
    // Closing delimiters already paired with an opening one; skipped when reached.
    let mut closers: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(pos) = closers.iter().position(|&c| c == i) {
            let closer = closers.swap_remove(pos);
            i = closer + delimiter_len(bytes, closer);
            continue;
        }
        let rest = &raw[i..];
        let step = match bytes[i] {
            b'\\' => match rest[1..].chars().next() {
                Some(c) if c.is_ascii_punctuation() => {
                    found.push((i, markup(MarkupKind::Escape, c.to_string(), "")));
                    2
                }
                _ => 1,
            },
            b'&' => match entity_at(rest) {
                Some((_, len)) => {
                    found.push((i, markup(MarkupKind::Entity, rest[..len].to_string(), "")));
                    len
                }
                None => 1,
            },
            b'`' => {
                let run = rest.bytes().take_while(|&b| b == b'`').count();
                let fence = &rest[..run];
                match rest[run..].find(fence) {
                    Some(end) => {
                        let code = rest[run..run + end].trim();
                        found.push((i, markup(MarkupKind::Code, code.to_string(), "")));
                        run + end + run
                    }
                    None => run,
                }
            }
            b'<' => match html_tag_len(rest) {
                Some(len) => {
                    found.push((i, markup(MarkupKind::HtmlTag, rest[..len].to_string(), "")));
                    len
                }
                None => 1,
            },
            b'!' if rest[1..].starts_with('[') => match link_at(&rest[1..]) {
                Some((text, url, _)) => {
                    found.push((i, markup(MarkupKind::Image, text.to_string(), url)));
                    // Continue inside the alt text; the URL holds no markup.
                    2
                }
                None => 1,
            },
            b'[' => match link_at(rest) {
                Some((text, url, _)) => {
                    found.push((i, markup(MarkupKind::Link, text.to_string(), url)));
                    1
                }
                None => 1,
            },
            b'*' | b'_' => emphasis_at(raw, i, &mut found, &mut closers),
            _ => rest.chars().next().map_or(1, char::len_utf8),
        };
        i += step;
    }
    found.sort_by_key(|(pos, _)| *pos);
    found.into_iter().map(|(_, m)| m).collect()
}

fn markup(kind: MarkupKind, text: String, url: &str) -> Markup {
    Markup { kind, text, url: url.to_string() }
}

fn delimiter_len(bytes: &[u8], at: usize) -> usize {
    let c = bytes[at];
    bytes[at..].iter().take(2).take_while(|&&b| b == c).count().max(1)
}

/// Handles `**`, `__`, `*` and `_` at byte `i`; returns how far to advance.
fn emphasis_at(raw: &str, i: usize, found: &mut Vec<(usize, Markup)>, closers: &mut Vec<usize>) -> usize {
    let bytes = raw.as_bytes();
    let c = bytes[i];
    let double = bytes.get(i + 1) == Some(&c);
    let width = if double { 2 } else { 1 };
    let after = &raw[i + width..];
    // An opening delimiter is followed by a non-space; an intraword `_` (snake_case) is no delimiter.
    let opens = after.chars().next().is_some_and(|n| !n.is_whitespace() && n as u32 != c as u32);
    let intraword = c == b'_' && i > 0 && raw[..i].chars().next_back().is_some_and(crate::charclass::is_alphanumeric);
    if !opens || intraword {
        return width;
    }
    let delimiter = if double { &raw[i..i + 2] } else { &raw[i..i + 1] };
    let mut search = 0;
    while let Some(rel) = after[search..].find(delimiter) {
        let close = i + width + search + rel;
        let before_close = raw[..close].chars().next_back();
        let next = bytes.get(close + width).copied();
        // A single `*` that is half of a `**` is not a closer for it.
        let part_of_double = !double && (next == Some(c) || (close > 0 && bytes[close - 1] == c));
        if before_close.is_some_and(|b| !b.is_whitespace()) && !part_of_double && close > i + width {
            let kind = if double { MarkupKind::Bold } else { MarkupKind::Italic };
            found.push((i, markup(kind, raw[i + width..close].to_string(), "")));
            closers.push(close);
            return width;
        }
        search += rel + width;
    }
    width
}

/// `[text](url)` at the start of `s`: the text, the URL and the total length.
/// Brackets nest inside the text (`[![img](a)](b)` is a link around an image).
fn link_at(s: &str) -> Option<(&str, &str, usize)> {
    let mut depth = 0usize;
    let mut close = None;
    for (pos, b) in s.bytes().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    close = Some(pos);
                    break;
                }
            }
            b'\n' if depth > 0 && s[..pos].ends_with('\n') => return None,
            _ => {}
        }
    }
    let close = close?;
    let after = s[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    let target = after[..end].trim();
    // A link title may follow the URL: [x](url "title").
    let url = target.split_whitespace().next().unwrap_or("");
    Some((&s[1..close], url, close + 2 + end + 1))
}

/// Length of an HTML tag at the start of `s` (`<br/>`, `</td>`, `<a name="x">`, `<!-- c -->`).
fn html_tag_len(s: &str) -> Option<usize> {
    let body = &s[1..];
    if body.starts_with("!--") {
        return body.find("-->").map(|end| end + 4);
    }
    let first = body.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/') {
        return None;
    }
    let end = body.find(['>', '<', '\n'])?;
    (body.as_bytes()[end] == b'>').then_some(end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(raw: &str) -> Vec<(MarkupKind, String, String)> {
        extract(raw).into_iter().map(|m| (m.kind, m.text, m.url)).collect()
    }

    #[test]
    fn bold_labels_in_order() {
        // Real source: seeds/000 (ko-KR), "From the **Dashboard** menu, select **Customers**."
        let m = kinds("From the **Dashboard** menu, select **Customers**.");
        assert_eq!(
            m,
            vec![(MarkupKind::Bold, "Dashboard".into(), "".into()), (MarkupKind::Bold, "Customers".into(), "".into())]
        );
        // Korean target with a particle glued to the bold run: **고객**을
        let m = kinds("**대시보드** 메뉴에서 **고객**을 선택합니다.");
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].1, "고객");
    }

    #[test]
    fn links_images_code_tags_entities_escapes() {
        let m = kinds(
            "See [Partner Center](https://partner.microsoft.com \"PC\") and ![logo](media/a.png), run `Get-Item` &gt; \\<ip\\><br/>",
        );
        let kinds_only: Vec<MarkupKind> = m.iter().map(|x| x.0).collect();
        assert_eq!(
            kinds_only,
            vec![
                MarkupKind::Link,
                MarkupKind::Image,
                MarkupKind::Code,
                MarkupKind::Entity,
                MarkupKind::Escape,
                MarkupKind::Escape,
                MarkupKind::HtmlTag
            ]
        );
        assert_eq!(m[0].2, "https://partner.microsoft.com");
        assert_eq!(m[1].2, "media/a.png");
        assert_eq!(m[2].1, "Get-Item");
        assert_eq!(m[6].1, "<br/>");
    }

    #[test]
    fn italic_and_snake_case() {
        assert_eq!(kinds("*Unity InputManager*"), vec![(MarkupKind::Italic, "Unity InputManager".into(), "".into())]);
        assert!(kinds("use snake_case_names here").is_empty());
        assert!(kinds("2 * 3 * 4").is_empty());
    }

    #[test]
    fn link_inside_bold_is_found() {
        let m = kinds("**[Billing](billing.md)** page");
        assert_eq!(m[0].0, MarkupKind::Bold);
        assert_eq!(m[1].0, MarkupKind::Link);
        assert_eq!(m[1].2, "billing.md");
    }

    #[test]
    fn unbalanced_markup_never_panics() {
        for s in ["**", "*", "[", "[a](", "![", "`", "<", "&", "\\", "**a", "_a_b", "[[a]](b", "é**", "**é"] {
            let _ = extract(s);
        }
    }
}
