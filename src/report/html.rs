//! `index.html`: one self-contained page a reviewer opens in a browser — the
//! quality of every locale × origin with pass/fail, the charts (inline SVG),
//! per locale the MT segments furthest from their HT with word- and
//! character-level differences, the most inconsistent UI labels, the QA
//! findings (filterable by check and severity), and the run's manifest.
//!
//! No network, no framework: inline CSS and a few lines of JavaScript. Every
//! corpus text is HTML-escaped. Tables are capped (the CSV reports hold
//! everything) so the page stays small on corpus dumps. Reads only the scan.

use std::fmt::Write as _;
use std::io::Write;

use similar::{ChangeTag, TextDiff};

use crate::error::{Error, Result};
use crate::model::Origin;
use crate::Scan;

/// Worst MT segments shown per locale.
pub const WORST_PER_LOCALE: usize = 15;
/// Findings shown (all are in checks.csv).
pub const FINDINGS_SHOWN: usize = 2_000;
/// Inconsistent labels shown per locale.
pub const LABELS_PER_LOCALE: usize = 10;

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
pub fn diff(old: &str, new: &str, by_char: bool) -> (String, String) {
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

/// A 64-bit hash of every document's path, origin and segment texts, in scan
/// order: the same input gives the same hash (reported in the manifest). Each
/// distinct text is hashed once (texts are shared), so a corpus dump costs
/// little more than one pass over its segments.
pub fn input_hash(scan: &Scan) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let build = rustc_hash::FxBuildHasher;
    let mut text_hash: rustc_hash::FxHashMap<*const crate::model::Text, u64> = Default::default();
    let mut hasher = build.build_hasher();
    for doc in &scan.corpus.documents {
        doc.path.hash(&mut hasher);
        doc.origin.label().hash(&mut hasher);
        for s in &doc.segments {
            s.origin.label().hash(&mut hasher);
            for text in [&s.source, &s.target] {
                let h = *text_hash.entry(std::sync::Arc::as_ptr(text)).or_insert_with(|| build.hash_one(&text.raw));
                hasher.write_u64(h);
            }
        }
    }
    hasher.finish()
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1280px;padding:0 24px;color:#222}\
h1{font-size:24px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #ccc}h3{font-size:16px}\
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}\
th{background:#f3f3f3;cursor:pointer}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow-wrap:normal}th{overflow-wrap:normal}\
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}\
del{background:#ffd7d5;text-decoration:line-through}ins{background:#ccffd8;text-decoration:none}\
.charts svg{width:100%;height:auto;max-width:960px;display:block;margin:12px 0}\
.muted{color:#666}code{font-size:12px}select{margin-right:12px}";

const SCRIPT: &str = "function sortTable(th){const t=th.closest('table'),i=[...th.parentNode.children].indexOf(th),\
b=t.tBodies[0],r=[...b.rows],asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';\
r.sort((x,y)=>{const a=x.cells[i].innerText,c=y.cells[i].innerText,na=parseFloat(a),nc=parseFloat(c);\
const v=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c);return asc?v:-v});r.forEach(x=>b.appendChild(x))}\
document.querySelectorAll('th').forEach(th=>th.addEventListener('click',()=>sortTable(th)));\
function filterFindings(){const c=document.getElementById('fcheck').value,s=document.getElementById('fsev').value;\
let n=0;document.querySelectorAll('#findings tbody tr').forEach(r=>{const ok=(!c||r.dataset.check===c)&&(!s||r.dataset.sev===s);\
r.style.display=ok?'':'none';if(ok)n++});document.getElementById('fcount').innerText=n}\
document.getElementById('fcheck').addEventListener('change',filterFindings);\
document.getElementById('fsev').addEventListener('change',filterFindings);";

/// Renders index.html.
pub fn render(scan: &Scan, out: &mut dyn Write) -> Result<()> {
    let page = page(scan)?;
    out.write_all(page.as_bytes()).map_err(|e| Error::Io { path: "index.html".into(), source: e })
}

fn page(scan: &Scan) -> Result<String> {
    let config = &scan.config.quality;
    let signatures = crate::report::manifest::signatures(scan);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>lqa report</title><style>{STYLE}</style></head><body>"
    );
    let _ = write!(
        h,
        "<h1>Translation quality report</h1><p class=\"muted\">{} files, {} segments, {} locales, {} HT×MT pairs, {} QA findings. Full data in the CSV files beside this page.</p>",
        scan.corpus.documents.len(),
        scan.segment_count(),
        scan.locales.len(),
        scan.pairs.len(),
        scan.findings.len()
    );

    // Summary per locale × origin.
    let _ = write!(
        h,
        "<h2 id=\"summary\">Quality per locale and origin</h2><p class=\"muted\">MQM-style score = 100 × (1 − penalty points / source words); passes at ≥ {:.2} with no finding of the fail-on severity. TER, chrF and BLEU: MT against HT over the locale's pairs.</p>\
         <table><thead><tr><th>locale</th><th>origin</th><th>documents</th><th>segments</th><th>source words</th><th>minor</th><th>major</th><th>critical</th><th>score</th><th>per 1,000 words</th><th>verdict</th><th>TER</th><th>chrF</th><th>BLEU</th></tr></thead><tbody>",
        config.gate.threshold
    );
    for summary in &scan.locales {
        let Some(locale) = &summary.locale else { continue };
        let corpus = summary.corpus_scores();
        for (origin, counts) in &summary.by_origin {
            let tally = scan.quality.locales.get(&(locale.clone(), *origin)).cloned().unwrap_or_default();
            let fmt = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.2}"));
            let verdict = if tally.passes(config) {
                "<span class=\"pass\">pass</span>"
            } else {
                "<span class=\"fail\">fail</span>"
            };
            let metric = |i: usize| if *origin == Origin::Machine { fmt(corpus.map(|c| c[i])) } else { String::new() };
            use crate::checks::Severity;
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td>{verdict}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
                escape(locale.as_str()),
                origin.label(),
                counts.documents,
                counts.segments,
                counts.source_words,
                tally.count(Severity::Minor),
                tally.count(Severity::Major),
                tally.count(Severity::Critical),
                fmt(tally.score(config)),
                fmt(tally.per_thousand_words(config)),
                metric(0),
                metric(1),
                metric(3),
            );
        }
    }
    h.push_str("</tbody></table>");

    // Charts, inline.
    h.push_str("<h2 id=\"charts\">Charts</h2><div class=\"charts\">");
    for chart in crate::report::charts::charts(scan) {
        let svg = crate::report::charts::svg(&chart)?;
        // Drop the XML prolog if any; the SVG's text was escaped by plotters.
        let svg = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
        h.push_str(svg);
    }
    h.push_str("</div>");

    // What each release did, over all locales and per locale.
    let steps = crate::releases::steps(&scan.corpus.releases, &scan.releases);
    if !steps.is_empty() {
        let _ = write!(
            h,
            "<h2 id=\"releases\">Releases</h2><p class=\"muted\">Between consecutive releases: documents whose HT/MT label changed, and aligned targets (same source, same position) whose text changed. <b>relabel-only</b>: labels changed and no target did, or most documents were relabelled while at most {:.0}% of the targets changed — the label is metadata, not a new translation. Per document in changes.csv.</p><table><thead><tr><th>from</th><th>to</th><th>verdict</th><th>relabelled documents</th><th>relabel-only documents</th><th>targets changed</th><th>per locale</th></tr></thead><tbody>",
            100.0 * crate::releases::RELABEL_ONLY_MAX_SHARE
        );
        for step in &steps {
            let per_locale: Vec<String> = scan
                .releases
                .iter()
                .filter(|r| r.origin.is_none() && r.release == step.to && !r.first)
                .map(|r| format!("{} {}", escape(r.locale.as_str()), r.transition().label()))
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
    }

    // Worst MT segments per locale.
    h.push_str("<h2 id=\"worst\">MT segments furthest from their HT</h2><p class=\"muted\">Per locale, the pairs with the largest normalised character edit distance; <del>deleted</del> from the HT, <ins>inserted</ins> in the MT. TER edits count insertions, deletions, substitutions and shifts.</p>");
    for summary in &scan.locales {
        let Some(locale) = &summary.locale else { continue };
        let mut pairs: Vec<&crate::score::Pair> =
            scan.pairs.iter().filter(|p| &scan.groups[p.group].locale == locale && !p.scores.exact).collect();
        if pairs.is_empty() {
            continue;
        }
        pairs.sort_by(|a, b| {
            b.scores.normalized_distance.total_cmp(&a.scores.normalized_distance).then(a.group.cmp(&b.group))
        });
        pairs.truncate(WORST_PER_LOCALE);
        let by_char = matches!(locale.language(), "ja" | "zh");
        let _ = write!(
            h,
            "<h3>{}</h3><table><thead><tr><th>source (English)</th><th>HT (reference)</th><th>MT (hypothesis)</th><th>distance</th><th>TER edits (ins/del/sub/shift)</th><th>chrF</th></tr></thead><tbody>",
            escape(locale.as_str())
        );
        for p in pairs {
            let group = &scan.groups[p.group];
            let (mt, ht) = (&group.machine[p.machine], &group.human[p.human]);
            let (left, right) = diff(&ht.text, &mt.text, by_char);
            let t = &p.scores.ter;
            let [_, chrf, _, _] = p.scores.sentence_scores(locale);
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{left}</td><td>{right}</td><td class=n>{:.1}</td><td class=n>{}/{}/{}/{}</td><td class=n>{chrf:.1}</td></tr>",
                escape(&group.source),
                p.scores.normalized_distance,
                t.insertions,
                t.deletions,
                t.substitutions,
                t.shifts
            );
        }
        h.push_str("</tbody></table>");
    }

    // Terminology.
    h.push_str("<h2 id=\"terms\">Inconsistent UI labels</h2><p class=\"muted\">Bold labels of the English source rendered with different words (lexical divergence) in a locale; group 1 is the dominant rendering. All labels in terms.csv.</p>");
    for summary in &scan.locales {
        let Some(locale) = &summary.locale else { continue };
        let mut labels: Vec<&crate::terms::Label> = scan
            .terms
            .labels
            .iter()
            .filter(|l| &l.locale == locale && l.divergence == crate::terms::Divergence::Lexical)
            .collect();
        if labels.is_empty() {
            continue;
        }
        labels.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.source.cmp(&b.source)));
        labels.truncate(LABELS_PER_LOCALE);
        let _ = write!(
            h,
            "<h3>{}</h3><table><thead><tr><th>label</th><th>rendering</th><th>group</th><th>HT</th><th>MT</th><th>example</th></tr></thead><tbody>",
            escape(locale.as_str())
        );
        for label in labels {
            for r in &label.renderings {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td><code>{}</code></td></tr>",
                    escape(&label.source),
                    escape(&r.text),
                    r.group,
                    r.ht_count,
                    r.mt_count,
                    escape(&scan.corpus.documents[r.example].path)
                );
            }
        }
        h.push_str("</tbody></table>");
    }

    // Findings, filterable.
    let mut checks: Vec<&str> = scan.findings.iter().map(|(_, _, f)| f.check).collect();
    checks.sort_unstable();
    checks.dedup();
    let shown = scan.findings.len().min(FINDINGS_SHOWN);
    let _ = write!(
        h,
        "<h2 id=\"findings\">QA findings</h2><p class=\"muted\">Showing <span id=\"fcount\">{shown}</span> of {} (the first {FINDINGS_SHOWN} in document order; all in checks.csv).</p>\
         <label>check <select id=\"fcheck\"><option value=\"\">all</option>",
        scan.findings.len()
    );
    for c in &checks {
        let _ = write!(h, "<option>{}</option>", escape(c));
    }
    h.push_str("</select></label><label>severity <select id=\"fsev\"><option value=\"\">all</option><option>minor</option><option>major</option><option>critical</option></select></label>");
    h.push_str("<table id=\"findings\"><thead><tr><th>locale</th><th>origin</th><th>path:line</th><th>check</th><th>severity</th><th>message</th><th>source</th><th>target</th></tr></thead><tbody>");
    for (d, s, f) in scan.findings.iter().take(FINDINGS_SHOWN) {
        let doc = &scan.corpus.documents[*d];
        let seg = &doc.segments[*s];
        let severity = crate::quality::severity_label(f.severity);
        let _ = write!(
            h,
            "<tr data-check=\"{}\" data-sev=\"{severity}\"><td>{}</td><td>{}</td><td><code>{}:{}</code></td><td>{}</td><td>{severity}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(f.check),
            escape(doc.locale.as_str()),
            seg.origin.label(),
            escape(&doc.path),
            seg.line,
            escape(f.check),
            escape(&f.message),
            escape(&seg.source.raw),
            escape(&seg.target.raw)
        );
    }
    h.push_str("</tbody></table>");

    // Manifest.
    let bleu: Vec<String> = signatures.bleu.iter().map(|(l, s)| format!("{}: {}", escape(l), escape(s))).collect();
    let _ = write!(
        h,
        "<h2 id=\"manifest\">Run</h2><table><tbody>\
         <tr><th>lqa</th><td>{}</td></tr><tr><th>metrics match</th><td>sacreBLEU {}</td></tr>\
         <tr><th>inputs</th><td>{}</td></tr><tr><th>files read / skipped</th><td>{} / {}</td></tr>\
         <tr><th>input hash (FxHash of paths, origins and texts)</th><td><code>{:016x}</code></td></tr>\
         <tr><th>signatures</th><td><code>{}</code><br><code>{}</code><br><code>{}</code><br><code>{}</code></td></tr>\
         <tr><th>time</th><td>not recorded: the same input gives a byte-identical page</td></tr></tbody></table>",
        crate::report::score::LQA_VERSION,
        crate::metrics::chrf::SACREBLEU_VERSION,
        escape(&scan.config.inputs().join(", ")),
        scan.corpus.documents.len(),
        scan.corpus.skipped.len(),
        input_hash(scan),
        escape(&signatures.ter),
        escape(&signatures.chrf),
        escape(&signatures.chrf_plus),
        bleu.join("<br>")
    );
    let _ = writeln!(h, "<script>{SCRIPT}</script></body></html>");
    Ok(h)
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
