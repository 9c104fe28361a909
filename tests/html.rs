//! index.html: self-contained, every corpus text escaped, sections present.

mod common;

use assert_cmd::Command;

const FRONT: &str = "---\nms.contentlocale: ru-ru\nms.translationtype: {O}\n---\n";

#[test]
fn hostile_segments_show_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).unwrap();
    let span = |target: &str, source: &str| {
        format!("<span data-ttu-id=\"a1b2c-101\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-101\">{source}</span></span>\n")
    };
    let source = "\"><img src=x onerror=alert(2)> Select **Save**.";
    std::fs::write(corpus.join("ht.md"), FRONT.replace("{O}", "HT") + &span("Выберите **Сохранить**.", source))
        .unwrap();
    std::fs::write(
        corpus.join("mt.md"),
        FRONT.replace("{O}", "MT") + &span("<script>alert(1)</script> Выберите **Сохранить**", source),
    )
    .unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("lqa")
        .unwrap()
        .arg("scan")
        .arg(&corpus)
        .arg("--quiet")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!html.contains("<script>alert(1)"), "a corpus script must not run");
    assert!(!html.contains("<img src=x"), "a corpus tag must not render");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    // Exactly one script element: the page's own.
    assert_eq!(html.matches("<script>").count(), 1);
    // No network: nothing loaded from elsewhere (the SVG namespace URI is a name, not a fetch).
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link"));
}

#[test]
fn the_page_holds_every_section_and_inline_charts() {
    let out = tempfile::tempdir().unwrap();
    common::scan_shared("releases", out.path());
    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    for id in ["summary", "charts", "releases", "edits", "worst", "terms", "findings", "manifest"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "section {id}");
    }
    assert_eq!(html.matches("<svg").count(), 6, "six charts inline");
    // The ru "Applies to" divergence is on the page with both renderings.
    assert!(html.contains("Применяется к") && html.contains("Относится к"));
    // The 2018 portal rename, and the edits left to segment_changes.csv.
    assert!(html.contains("<td>source-changed <span class=\"muted\">53%</span></td><td>Partner <del>Dashboard</del><br>→ Partner <ins>Center</ins></td>"));
    assert!(html.contains("more in segment_changes.csv") && html.contains("more documents in segment_changes.csv"));
    assert!(html.len() < 3_000_000, "{} bytes", html.len());
}

#[test]
fn a_renamed_ui_label_is_one_glance_away() {
    let out = tempfile::tempdir().unwrap();
    common::scan_shared("seed", out.path());
    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    let section = &html[html.find("id=\"edits\"").unwrap()..html.find("id=\"worst\"").unwrap()];
    // The seed's 2017-07-18 → 2018-02-19 step: "**Edit**" became "**Update**", «Изменить» «Обновить».
    let step = "<b>2017-07-18_fb7ce2e0 → 2018-02-19_441d52a7</b> <code>partner-center-pr.ru-ru/partner-center/update-customer-account-info.md</code> (revised): 1 source-changed";
    let row = &section[section.find(step).unwrap()..];
    let row = &row[..row.find("</tr><tr class=\"doc\">").unwrap()];
    assert!(row.contains("<td>source-changed <span class=\"muted\">87%</span></td>"), "{row}");
    assert!(
        row.contains("then <del>**Edit**.</del><br>→ From the customer menu")
            && row.contains("then <ins>**Update**.</ins>")
    );
    assert!(row.contains("а затем <del>**Изменить**.</del><br>→ В меню клиента выберите **Учетная запись**, а затем <ins>**Обновить**.</ins>"));
}
