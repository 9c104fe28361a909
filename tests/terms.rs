//! Terminology end to end on real data: the UI labels of the ru releases, a
//! glossary mined from HT and checked against MT, and a hand-written glossary
//! on the seed the project started from.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn lqa() -> Command {
    Command::cargo_bin("lqa").expect("lqa binary built")
}

fn scan_with_glossary(input: &Path, glossary: &Path, out: &Path, extra: &[&str]) {
    lqa()
        .arg("scan")
        .arg(input)
        .args(extra)
        .args(["--quiet", "--glossary"])
        .arg(glossary)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

fn rows_where<'a>(
    rows: &'a [std::collections::HashMap<String, String>],
    pairs: &[(&str, &str)],
) -> Vec<&'a std::collections::HashMap<String, String>> {
    rows.iter().filter(|r| pairs.iter().all(|(k, v)| r[*k] == *v)).collect()
}

#[test]
fn applies_to_is_a_lexical_divergence_between_ht_and_mt_in_the_ru_releases() {
    let out = tempfile::tempdir().unwrap();
    common::scan_shared("releases", out.path());
    let terms = common::read_csv(&out.path().join("terms.csv"));
    // Counted outside lqa (Python over the bold runs of every span pair with equal bold
    // counts in releases/*/partner-center-pr.ru-ru): HT «Применяется к» 28, MT «Относится к» 30.
    let applies = rows_where(&terms, &[("locale", "ru-RU"), ("term", "Applies to")]);
    let got: Vec<(&str, &str, &str, &str, &str)> = applies
        .iter()
        .map(|r| {
            (
                r["rendering"].as_str(),
                r["stem_group"].as_str(),
                r["ht_count"].as_str(),
                r["mt_count"].as_str(),
                r["divergence"].as_str(),
            )
        })
        .collect();
    assert_eq!(got, [("Применяется к", "1", "28", "0", "lexical"), ("Относится к", "2", "0", "30", "lexical")]);
    // "Customers" is «Клиенты» throughout; «Customers (клиенты)» (the English label with its
    // translation) is the same form, collapsed into it: no divergence worth a reviewer's time.
    let customers = rows_where(&terms, &[("locale", "ru-RU"), ("term", "Customers")]);
    assert_eq!(customers.len(), 1);
    assert_eq!((customers[0]["rendering"].as_str(), customers[0]["divergence"].as_str()), ("Клиенты", "form"));
    // Every MT «Относится к» is a term-inconsistent finding (HT's rendering dominates).
    let checks = common::read_csv(&out.path().join("checks.csv"));
    let inconsistent = rows_where(&checks, &[("locale", "ru-RU"), ("check", "term-inconsistent"), ("origin", "MT")]);
    assert_eq!(
        inconsistent.iter().filter(|r| r["message"].starts_with("label \"Applies to\" rendered «Относится к»")).count(),
        30
    );
}

#[test]
fn a_mined_glossary_lists_ht_renderings_and_checks_mt_against_them() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("glossary.csv");
    let releases = common::shared_corpus().join("releases");
    lqa()
        .args(["terms", "mine"])
        .arg(&releases)
        .args(["--releases", "--min-count", "5", "--out"])
        .arg(&glossary)
        .assert()
        .success()
        .stdout(predicate::str::contains("mined "));
    let mined = common::read_csv(&glossary);
    let applies = rows_where(&mined, &[("locale", "ru-RU"), ("source", "Applies to")]);
    assert_eq!(applies.len(), 1);
    assert_eq!(applies[0]["approved"], "Применяется к");
    assert_eq!((applies[0]["ht_count"].as_str(), applies[0]["ht_total"].as_str()), ("28", "28"));
    assert_eq!(applies[0]["mt_renderings"], "Относится к (30)");
    assert_eq!(applies[0]["context"], "label");

    // Round trip: the mined glossary flags exactly the 30 MT labels, and no HT one.
    let out = dir.path().join("out");
    scan_with_glossary(&releases, &glossary, &out, &["--releases"]);
    let checks = common::read_csv(&out.join("checks.csv"));
    let missing: Vec<_> = rows_where(&checks, &[("locale", "ru-RU"), ("check", "glossary-missing")])
        .into_iter()
        .filter(|r| r["message"].starts_with("\"Applies to\""))
        .collect();
    assert_eq!(missing.len(), 30);
    assert!(missing.iter().all(|r| r["origin"] == "MT" && r["target"].contains("Относится к")));
    let terms = common::read_csv(&out.join("terms.csv"));
    let status: Vec<(&str, &str)> = rows_where(&terms, &[("locale", "ru-RU"), ("term", "Applies to")])
        .iter()
        .map(|r| (r["rendering"].as_str(), r["glossary_status"].as_str()))
        .collect();
    assert_eq!(status, [("Применяется к", "approved"), ("Относится к", "not-approved")]);
}

#[test]
fn a_glossary_catches_the_seed_mistranslation() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("ru.csv");
    std::fs::write(&glossary, "locale,source,approved,forbidden,note\nru,Update,Обновить,Изменить,UI verb\nru,customer details,сведения о клиенте,,\n").unwrap();
    let seed = common::root().join("data/sample/seeds/002_9a7d2bbe8808cd69.md");
    let out = dir.path().join("out");
    scan_with_glossary(&seed, &glossary, &out, &[]);
    let checks = common::read_csv(&out.join("checks.csv"));
    // d9f43-107: "**Update customer details**" → «Дополнительные сведения об обновлении клиента»
    // ("additional information about updating the customer"): neither the verb nor the details.
    let seg = rows_where(&checks, &[("id", "d9f43-107")]);
    let found: Vec<&str> = seg.iter().map(|r| r["check"].as_str()).collect();
    assert_eq!(found, ["glossary-missing", "glossary-missing"], "{seg:?}");
    assert!(seg.iter().all(|r| r["category"] == "terminology" && r["severity"] == "major"));
}

#[test]
fn a_bad_glossary_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("bad.csv");
    std::fs::write(&glossary, "locale,source,approved\nru,Update,Обновить\nru,,Изменить\n").unwrap();
    lqa()
        .args(["scan", "data/sample/seeds", "--quiet", "--glossary"])
        .arg(&glossary)
        .arg("--out")
        .arg(dir.path().join("out"))
        .current_dir(common::root())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.csv:3: empty source term"));
    assert!(!Path::new(&dir.path().join("out/checks.csv")).exists(), "nothing scanned with a broken glossary");
}

#[test]
fn consistency_lists_sources_translated_more_than_one_way() {
    let out = tempfile::tempdir().unwrap();
    common::scan_shared("releases", out.path());
    let rows = common::read_csv(&out.path().join("consistency.csv"));
    // grep over releases/*/partner-center-pr.de-de: the source "(days)" is «(Tage)» twice and
    // «(in Tagen)» once; the HT file (2019-07-01) has «(Tage)».
    let days = rows_where(&rows, &[("locale", "de-DE"), ("kind", "same-source"), ("shared", "(days)")]);
    let got: Vec<(&str, &str, &str, &str)> = days
        .iter()
        .map(|r| (r["variant"].as_str(), r["variants"].as_str(), r["ht_count"].as_str(), r["mt_count"].as_str()))
        .collect();
    assert_eq!(got, [("(Tage)", "2", "1", "1"), ("(in Tagen)", "2", "0", "1")]);
    // A target shared by different sources is listed once per source.
    let same_target = rows_where(&rows, &[("kind", "same-target")]);
    assert!(!same_target.is_empty());
    for row in &same_target {
        let siblings =
            same_target.iter().filter(|r| r["locale"] == row["locale"] && r["shared"] == row["shared"]).count();
        assert_eq!(siblings.to_string(), row["variants"]);
    }
}

#[test]
fn a_forbidden_label_rendering_is_a_critical_finding() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("labels.csv");
    // A house rule for the example: the label "Edit" is «Редактировать», never «Изменить».
    std::fs::write(&glossary, "locale,source,approved,forbidden,context\nru-RU,Edit,Редактировать,Изменить,label\n")
        .unwrap();
    let file =
        common::shared_corpus().join("sample/partner-center-pr.ru-ru/Archive/China-update-customer-account-info.md");
    let out = dir.path().join("out");
    scan_with_glossary(&file, &glossary, &out, &[]);
    let checks = common::read_csv(&out.join("checks.csv"));
    let forbidden = rows_where(&checks, &[("check", "glossary-forbidden")]);
    // 5e401-110: "select **Account**, then **Edit**." → «… **Учетная запись**, а затем **Изменить**.»
    // (grep: the file's only **Edit** label).
    assert_eq!(forbidden.len(), 1, "{forbidden:?}");
    assert_eq!((forbidden[0]["id"].as_str(), forbidden[0]["severity"].as_str()), ("5e401-110", "critical"));
    assert!(forbidden[0]["message"].contains("«Изменить»"));
}
