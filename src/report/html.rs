//! `index.html`: one self-contained page a reviewer opens in a browser — the
//! quality of every locale × origin with pass/fail, the charts (inline SVG),
//! with several releases what changed in each document segment by segment,
//! per locale the MT segments furthest from their HT with word- and
//! character-level differences, the most inconsistent UI labels, the QA
//! findings (filterable by check and severity), and the run's manifest.
//!
//! No network, no framework: inline CSS and a few lines of JavaScript. Every
//! corpus text is HTML-escaped. Tables are capped (the CSV reports hold
//! everything) so the page stays small on corpus dumps. Drawn from a
//! [`Page`] (a scan's, or the merge of its shards'), never from the corpus.

use std::fmt::Write as _;
use std::io::Write;

use similar::{ChangeTag, TextDiff};

use crate::error::{Error, Result};
use crate::model::Origin;
use crate::report::manifest::Manifest;
use crate::report::page::{
    EditRow, EditedDocument, Page, EDITED_DOCUMENTS_PER_STEP, EDITS_PER_DOCUMENT, FINDINGS_SHOWN,
};

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A word- (or, for ja/zh, character-) level diff of `old` → `new` as HTML:
/// deletions in `<del>`, insertions in `<ins>`, all text escaped.
///
/// A text the page cut ([`crate::report::page::shown`]) is diffed on its kept
/// part; its "… (N more characters …)" marker follows, greyed, outside the diff.
pub fn diff(old: &str, new: &str, by_char: bool) -> (String, String) {
    let (old, old_more) = crate::report::page::split_shown(old);
    let (new, new_more) = crate::report::page::split_shown(new);
    let (mut left, mut right) = diff_texts(old, new, by_char);
    for (cell, more) in [(&mut left, old_more), (&mut right, new_more)] {
        if !more.is_empty() {
            let _ = write!(cell, "<span class=muted>{}</span>", escape(more));
        }
    }
    (left, right)
}

fn diff_texts(old: &str, new: &str, by_char: bool) -> (String, String) {
    let diff = if by_char { TextDiff::from_chars(old, new) } else { TextDiff::from_words(old, new) };
    let (mut left, mut right) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        let text = escape(change.value());
        match change.tag() {
            ChangeTag::Equal => {
                left.push_str(&text);
                right.push_str(&text);
            }
            ChangeTag::Delete => {
                let _ = write!(left, "<del>{text}</del>");
            }
            ChangeTag::Insert => {
                let _ = write!(right, "<ins>{text}</ins>");
            }
        }
    }
    (left, right)
}

/// A locale's heading and the head of its table (`class` empty for none).
fn locale_table(h: &mut String, locale: &str, class: &str, headers: &[&str]) {
    let _ = write!(h, "<h3>{}</h3><table", escape(locale));
    if !class.is_empty() {
        let _ = write!(h, " class=\"{class}\"");
    }
    h.push_str("><thead><tr>");
    for header in headers {
        let _ = write!(h, "<th>{header}</th>");
    }
    h.push_str("</tr></thead><tbody>");
}

/// Whether a locale's texts are diffed by character (Japanese, Chinese) rather than by word.
fn by_char(locale: &str) -> bool {
    matches!(locale.split('-').next(), Some("ja" | "zh"))
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1280px;padding:0 24px;color:#222}\
h1{font-size:24px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #ccc}h3{font-size:16px}\
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}\
th{background:#f3f3f3;cursor:pointer}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow-wrap:normal}th{overflow-wrap:normal}\
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}\
del{background:#ffd7d5;text-decoration:line-through}ins{background:#ccffd8;text-decoration:none}\
.charts svg{width:100%;height:auto;max-width:960px;display:block;margin:12px 0}\
.muted{color:#666}code{font-size:12px}select{margin-right:12px}\
tr.doc td{background:#f6f8fa}table.edits{table-layout:fixed}table.edits th{cursor:default}table.edits th:first-child{width:140px}";

const SCRIPT: &str = "function sortTable(th){const t=th.closest('table'),i=[...th.parentNode.children].indexOf(th),\
b=t.tBodies[0],r=[...b.rows],asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';\
r.sort((x,y)=>{const a=x.cells[i].innerText,c=y.cells[i].innerText,na=parseFloat(a),nc=parseFloat(c);\
const v=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c);return asc?v:-v});r.forEach(x=>b.appendChild(x))}\
document.querySelectorAll('table:not(.edits) th').forEach(th=>th.addEventListener('click',()=>sortTable(th)));\
function filterFindings(){const c=document.getElementById('fcheck').value,s=document.getElementById('fsev').value;\
let n=0;document.querySelectorAll('#findings tbody tr').forEach(r=>{const ok=(!c||r.dataset.check===c)&&(!s||r.dataset.sev===s);\
r.style.display=ok?'':'none';if(ok)n++});document.getElementById('fcount').innerText=n}\
document.getElementById('fcheck').addEventListener('change',filterFindings);\
document.getElementById('fsev').addEventListener('change',filterFindings);";

/// Writes index.html of a page and the run's manifest.
pub fn write(page: &Page, manifest: &Manifest, out: &mut dyn Write) -> Result<()> {
    let html = html(page, manifest)?;
    out.write_all(html.as_bytes()).map_err(|e| Error::Io { path: "index.html".into(), source: e })
}

fn html(page: &Page, manifest: &Manifest) -> Result<String> {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>lqa report</title><style>{STYLE}</style></head><body>"
    );
    let _ = write!(
        h,
        "<h1>Translation quality report</h1><p class=\"muted\">{} files, {} segments, {} locales, {} HT×MT pairs, {} QA findings. Full data in the CSV files beside this page.</p>",
        page.documents,
        page.segments,
        page.locales.len(),
        page.pairs,
        page.findings
    );

    // Summary per locale × origin.
    let _ = write!(
        h,
        "<h2 id=\"summary\">Quality per locale and origin</h2><p class=\"muted\">MQM-style score = 100 × (1 − penalty points / source words), each finding weighed by its check's measured precision (info findings cost nothing); passes at ≥ {:.2} with no finding of the fail-on severity. TER, chrF and BLEU: MT against HT over the locale's pairs, which cover the share of sources with both an HT and an MT rendering (coverage); identical = share of those pairs where MT equals HT.</p>\
         <table><thead><tr><th>locale</th><th>origin</th><th>documents</th><th>segments</th><th>source words</th><th>info</th><th>minor</th><th>major</th><th>critical</th><th>score</th><th>per 1,000 words</th><th>verdict</th><th>top checks (findings, points)</th><th>TER</th><th>chrF</th><th>BLEU</th><th>coverage</th><th>identical</th></tr></thead><tbody>",
        manifest.quality_model.gate.threshold
    );
    let fmt = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.2}"));
    for locale in &page.locales {
        for row in &locale.origins {
            let verdict =
                if row.passes { "<span class=\"pass\">pass</span>" } else { "<span class=\"fail\">fail</span>" };
            let mt_row = row.origin == Origin::Machine.label();
            let metric = |i: usize| if mt_row { fmt(locale.corpus.map(|c| c[i])) } else { String::new() };
            let share = |v: Option<f64>| {
                if mt_row {
                    v.map_or(String::new(), |v| format!("{:.0}%", 100.0 * v))
                } else {
                    String::new()
                }
            };
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td>{verdict}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
                escape(&locale.locale),
                escape(&row.origin),
                row.documents,
                row.segments,
                row.source_words,
                row.info,
                row.minor,
                row.major,
                row.critical,
                fmt(row.score),
                fmt(row.per_thousand_words),
                escape(&row.top_checks),
                metric(0),
                metric(1),
                metric(3),
                share(locale.coverage),
                share(locale.share_identical),
            );
        }
    }
    h.push_str("</tbody></table>");

    // Charts, inline.
    h.push_str("<h2 id=\"charts\">Charts</h2><div class=\"charts\">");
    for chart in crate::report::charts::charts(page) {
        let svg = crate::report::charts::svg(&chart)?;
        // Drop the XML prolog if any; the SVG's text was escaped by plotters.
        let svg = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
        h.push_str(svg);
    }
    h.push_str("</div>");

    // What each release did, over all locales and per locale.
    let steps = page.steps();
    if !steps.is_empty() {
        let _ = write!(
            h,
            "<h2 id=\"releases\">Releases</h2><p class=\"muted\">Between consecutive releases: documents whose HT/MT label changed, and aligned targets (same source, same position) whose text changed. <b>relabel-only</b>: labels changed and no target did, or most documents were relabelled while at most {:.0}% of the targets changed — the label is metadata, not a new translation. Per document in changes.csv; segment by segment below and in segment_changes.csv.</p><table><thead><tr><th>from</th><th>to</th><th>verdict</th><th>relabelled documents</th><th>relabel-only documents</th><th>targets changed</th><th>per locale</th></tr></thead><tbody>",
            100.0 * crate::releases::RELABEL_ONLY_MAX_SHARE
        );
        for step in &steps {
            let per_locale: Vec<String> = page
                .locales
                .iter()
                .flat_map(|l| {
                    l.releases
                        .iter()
                        .filter(|r| r.release == step.to && !r.first)
                        .map(|r| format!("{} {}", escape(&l.locale), r.transition().label()))
                })
                .collect();
            let share = step.percent_changed();
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td><b>{}</b></td><td>{} of {}</td><td>{}</td><td>{} of {} ({share:.1}%)</td><td>{}</td></tr>",
                escape(&step.from),
                escape(&step.to),
                step.transition().label(),
                step.relabelled,
                step.documents,
                step.relabel_only,
                step.targets_changed,
                step.aligned,
                per_locale.join(", ")
            );
        }
        h.push_str("</tbody></table>");
        edits_section(page, &mut h);
    }

    // Worst MT segments per locale.
    h.push_str("<h2 id=\"worst\">MT segments furthest from their HT</h2><p class=\"muted\">Per locale, the pairs with the largest normalised character edit distance; <del>deleted</del> from the HT, <ins>inserted</ins> in the MT. TER edits count insertions, deletions, substitutions and shifts.</p>");
    for locale in page.locales.iter().filter(|l| !l.worst.is_empty()) {
        let by_char = by_char(&locale.locale);
        locale_table(
            &mut h,
            &locale.locale,
            "",
            &[
                "source (English)",
                "HT (reference)",
                "MT (hypothesis)",
                "distance",
                "TER edits (ins/del/sub/shift)",
                "chrF",
            ],
        );
        for p in &locale.worst {
            let (left, right) = diff(&p.human, &p.machine, by_char);
            let [ins, del, sub, shift] = p.edits;
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{left}</td><td>{right}</td><td class=n>{:.1}</td><td class=n>{ins}/{del}/{sub}/{shift}</td><td class=n>{:.1}</td></tr>",
                escape(&p.source),
                p.distance,
                p.chrf
            );
        }
        h.push_str("</tbody></table>");
    }

    // Terminology.
    h.push_str("<h2 id=\"terms\">Inconsistent UI labels</h2><p class=\"muted\">Bold labels of the English source rendered with different words (lexical divergence) in a locale; group 1 is the dominant rendering. All labels in terms.csv.</p>");
    for locale in page.locales.iter().filter(|l| !l.labels.is_empty()) {
        locale_table(&mut h, &locale.locale, "", &["label", "rendering", "group", "HT", "MT", "example"]);
        for label in &locale.labels {
            for r in &label.renderings {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td><code>{}</code></td></tr>",
                    escape(&label.source),
                    escape(&r.text),
                    r.group,
                    r.ht,
                    r.mt,
                    escape(&r.example)
                );
            }
        }
        h.push_str("</tbody></table>");
    }

    // Findings, filterable.
    let _ = write!(
        h,
        "<h2 id=\"findings\">QA findings</h2><p class=\"muted\">Showing <span id=\"fcount\">{}</span> of {} (the first {FINDINGS_SHOWN} in document order; all in checks.csv).</p>\
         <label>check <select id=\"fcheck\"><option value=\"\">all</option>",
        page.shown_findings.len(),
        page.findings
    );
    for c in &page.checks {
        let _ = write!(h, "<option>{}</option>", escape(c));
    }
    h.push_str("</select></label><label>severity <select id=\"fsev\"><option value=\"\">all</option><option>minor</option><option>major</option><option>critical</option></select></label>");
    h.push_str("<table id=\"findings\"><thead><tr><th>locale</th><th>origin</th><th>path:line</th><th>check</th><th>severity</th><th>message</th><th>source</th><th>target</th></tr></thead><tbody>");
    for f in &page.shown_findings {
        let _ = write!(
            h,
            "<tr data-check=\"{check}\" data-sev=\"{severity}\"><td>{}</td><td>{}</td><td><code>{}:{}</code></td><td>{check}</td><td>{severity}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&f.locale),
            escape(&f.origin),
            escape(&f.path),
            f.line,
            escape(&f.message),
            escape(&f.source),
            escape(&f.target),
            check = escape(&f.check),
            severity = escape(&f.severity),
        );
    }
    h.push_str("</tbody></table>");

    // Manifest.
    let signatures = &manifest.signatures;
    let per_locale = |map: &std::collections::BTreeMap<String, String>| {
        map.iter().map(|(l, s)| format!("{}: {}", escape(l), escape(s))).collect::<Vec<_>>().join("<br>")
    };
    let _ = write!(
        h,
        "<h2 id=\"manifest\">Run</h2><table><tbody>\
         <tr><th>lqa</th><td>{}</td></tr><tr><th>metrics match</th><td>sacreBLEU {}</td></tr>\
         <tr><th>inputs</th><td>{}</td></tr><tr><th>files read / skipped</th><td>{} / {}</td></tr>\
         <tr><th>input hash (FxHash of paths, origins and texts)</th><td><code>{:016x}</code></td></tr>\
         <tr><th>signatures</th><td><code>{}</code><br><code>{}</code><br><code>{}</code><br><code>{}</code></td></tr>\
         <tr><th>time</th><td>not recorded: the same input gives a byte-identical page</td></tr></tbody></table>",
        escape(&manifest.lqa_version),
        escape(&manifest.sacrebleu_version_matched),
        escape(&manifest.inputs.join(", ")),
        manifest.files_read,
        manifest.files_skipped,
        page.input_hash(),
        per_locale(&signatures.ter),
        escape(&signatures.chrf),
        escape(&signatures.chrf_plus),
        per_locale(&signatures.bleu)
    );
    let _ = writeln!(h, "<script>{SCRIPT}</script></body></html>");
    Ok(h)
}

/// "What changed between releases": per locale and release step the most
/// edited documents, each with its first segment edits, old → new.
fn edits_section(page: &Page, h: &mut String) {
    let _ = write!(
        h,
        "<h2 id=\"edits\">What changed between releases</h2><p class=\"muted\">Segment by segment, per document in both releases: <b>source-changed</b> (an English source edited: a removed and an added source between the same unchanged segments, at least {:.0}% similar by characters), <b>added</b>, <b>removed</b>, <b>retranslated</b> (same source, new target); <del>old</del> → <ins>new</ins>. Per locale and release the {EDITED_DOCUMENTS_PER_STEP} documents with the most edited sources, {EDITS_PER_DOCUMENT} edits each (source changes first); every edit in segment_changes.csv.</p>",
        100.0 * crate::edits::MIN_SIMILARITY
    );
    for locale in page.locales.iter().filter(|l| !l.edit_steps.is_empty()) {
        let by_char = by_char(&locale.locale);
        locale_table(h, &locale.locale, "edits", &["edit", "English source", "target"]);
        for step in &locale.edit_steps {
            for doc in &step.shown {
                edited_document_rows(h, &step.from, &step.to, doc, by_char);
            }
            if step.documents > step.shown.len() {
                let _ = write!(
                    h,
                    "<tr><td colspan=\"3\" class=\"muted\">{} → {}: {} more documents in segment_changes.csv</td></tr>",
                    escape(&step.from),
                    escape(&step.to),
                    step.documents - step.shown.len()
                );
            }
        }
        h.push_str("</tbody></table>");
    }
}

/// A document's header row (releases, path, counts per kind) and its shown edits.
fn edited_document_rows(h: &mut String, from: &str, to: &str, doc: &EditedDocument, by_char: bool) {
    let counts: Vec<String> = crate::edits::EditKind::ALL
        .iter()
        .zip(doc.counts)
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| format!("{n} {}", kind.label()))
        .collect();
    let _ = write!(
        h,
        "<tr class=\"doc\"><td colspan=\"3\"><b>{} → {}</b> <code>{}</code> ({}): {}</td></tr>",
        escape(from),
        escape(to),
        escape(&doc.path),
        escape(&doc.status),
        counts.join(", ")
    );
    for edit in &doc.shown {
        let (source, target) = edit_cells(edit, by_char);
        let similarity =
            edit.similarity.map_or(String::new(), |s| format!(" <span class=\"muted\">{:.0}%</span>", 100.0 * s));
        let _ = write!(h, "<tr><td>{}{similarity}</td><td>{source}</td><td>{target}</td></tr>", escape(&edit.kind));
    }
    let more = doc.counts.iter().sum::<usize>() - doc.shown.len();
    if more > 0 {
        let _ =
            write!(h, "<tr><td></td><td colspan=\"2\" class=\"muted\">{more} more in segment_changes.csv</td></tr>");
    }
}

/// The English and target cells of an edit: old → new as a diff, a whole text
/// inserted (added) or deleted (removed), the unchanged source once.
fn edit_cells(edit: &EditRow, by_char: bool) -> (String, String) {
    let pair = |old: &str, new: &str, by_char: bool| {
        if old.is_empty() {
            format!("<ins>{}</ins>", escape(new))
        } else if new.is_empty() {
            format!("<del>{}</del>", escape(old))
        } else if old == new {
            escape(new)
        } else {
            let (left, right) = diff(old, new, by_char);
            format!("{left}<br>→ {right}")
        }
    };
    (pair(&edit.old_source, &edit.new_source, false), pair(&edit.old_target, &edit.new_target, by_char))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_attribute_breakouts() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("\"><img onerror=x>"), "&quot;&gt;&lt;img onerror=x&gt;");
        assert_eq!(escape("мы'все & co"), "мы&#39;все &amp; co");
    }

    #[test]
    fn diff_marks_words_and_escapes_them() {
        let (left, right) = diff("Выберите <b>Клиенты</b>", "Выберите <b>клиентов</b>", false);
        assert!(left.contains("<del>") && right.contains("<ins>"));
        assert!(!left.contains("<b>") && left.contains("&lt;b&gt;"));
        let (left, right) = diff("选择客户", "选择帐户", true);
        assert_eq!(left, "选择<del>客</del>户");
        assert_eq!(right, "选择<ins>帐</ins>户");
    }
}
