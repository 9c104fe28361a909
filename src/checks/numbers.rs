//! The `numbers-differ` check: digit sequences of the source must reappear in
//! the target, whatever the locale's grouping and decimal separators.
//!
//! Numbers in URLs, inline code and HTML tags are ignored (see `Prose`). Only
//! digits are compared, not units, currencies or date formats.

use std::collections::BTreeMap;

use super::{Finding, Prose, NUMBERS_DIFFER};

/// One number as written, with its comparison forms.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Number {
    /// As written in the prose (`6,000`, `1 000`, `３０`).
    written: String,
    /// All digits with separators removed and leading zeros dropped: `6,000`,
    /// `6.000`, `6 000` and `6000` are all `6000`; `100.80` and `100,80` are
    /// `10080`. Dropping separators rather than parsing them keeps `1,000`
    /// (en grouping) equal to `1.000` (de grouping) with no locale table.
    joined: String,
    /// Each digit group on its own (`31.01.` → `31`, `1`), for reformatted
    /// dates: `1/31` in English is `31.01.` in German.
    parts: Vec<String>,
    /// Written against Latin letters (`21Vianet`, `COVID-19`, `3rd`, `O365`):
    /// part of a name or an ordinal, translated as a whole ("世纪互联",
    /// "新冠肺炎", "Dritt-"), so not compared.
    glued: bool,
}

fn strip_zeros(digits: &str) -> String {
    let s = digits.trim_start_matches('0');
    if s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// ASCII value of an ASCII or fullwidth (U+FF10..U+FF19) digit.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32),
        _ => None,
    }
}

/// The numbers of a normalised prose text, in order. A separator (`,` `.` `'`,
/// or a space — NBSP and narrow NBSP are spaces after normalisation — followed
/// by exactly three digits) between digit groups continues the number.
fn numbers(text: &str) -> Vec<Number> {
    // Most texts hold no digit: ASCII, or fullwidth U+FF10..U+FF19 (UTF-8 EF BC 90..99).
    let bytes = text.as_bytes();
    let fullwidth = |w: &[u8]| w[0] == 0xEF && w[1] == 0xBC && (0x90..=0x99).contains(&w[2]);
    if !bytes.iter().any(u8::is_ascii_digit) && !bytes.windows(3).any(fullwidth) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let before = start.checked_sub(1).and_then(|b| chars.get(b)).copied();
        let before2 = start.checked_sub(2).and_then(|b| chars.get(b)).copied();
        let glued_before = before.is_some_and(|c| c.is_ascii_alphabetic())
            || (before == Some('-') && before2.is_some_and(|c| c.is_ascii_alphabetic()));
        let mut parts = vec![String::new()];
        loop {
            while let Some(d) = chars.get(i).and_then(|&c| digit(c)) {
                if let Some(last) = parts.last_mut() {
                    last.push(d);
                }
                i += 1;
            }
            let sep = chars.get(i).copied();
            let next_is_digit = chars.get(i + 1).is_some_and(|&c| digit(c).is_some());
            let continues = match sep {
                Some(',' | '.' | '\'' | '\u{FF0C}' | '\u{FF0E}') => next_is_digit,
                Some(' ') => {
                    let group = chars[i + 1..].iter().take_while(|&&c| digit(c).is_some()).count();
                    group == 3 && parts.last().is_some_and(|p| p.len() <= 3)
                }
                _ => false,
            };
            if !continues {
                break;
            }
            parts.push(String::new());
            i += 1;
        }
        let glued = glued_before || chars.get(i).is_some_and(|c| c.is_ascii_alphabetic());
        let written: String = chars[start..i].iter().collect();
        let mut joined = strip_zeros(&parts.concat());
        // "10K API calls" is "10.000 API-Aufrufe" in de-DE.
        let thousands = chars.get(i).is_some_and(|&c| c == 'K') && !chars.get(i + 1).is_some_and(|c| c.is_alphabetic());
        if thousands && parts.len() == 1 {
            joined.push_str("000");
        }
        let parts = parts.iter().map(|p| strip_zeros(p)).collect();
        out.push(Number { written, joined, parts, glued });
    }
    out
}

/// English words a translator may legitimately turn into digits: cardinals
/// ("Fifteen days" → "15 Tage"), ordinals ("fourth decimal place" → "4 桁目")
/// and months ("November 7, 2018" → "2018 年 11 月 7 日"). A target number
/// matching one in the source is not "added".
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("hundred", 100),
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Whether a target-only number is explained by the source's wording. A lone
/// "1" always is: the English article ("an account", "a single place") becomes
/// a counted "1" in Japanese, Chinese and Korean ("1 つ", "1 か所").
fn spelled_in(source: &str, value: &str) -> bool {
    if value == "1" {
        return true;
    }
    let lower = source.to_lowercase();
    NUMBER_WORDS
        .iter()
        .any(|(word, n)| n.to_string() == value && lower.split(|c: char| !c.is_alphabetic()).any(|w| w == *word))
}

/// Numbers of `a` not found in `b`: first by their joined form, then, for the
/// rest, by their digit groups (so a reformatted date still matches).
fn unmatched<'a>(a: &'a [Number], b: &[Number]) -> Vec<&'a Number> {
    let mut joined: BTreeMap<&str, usize> = BTreeMap::new();
    for n in b {
        *joined.entry(n.joined.as_str()).or_default() += 1;
    }
    let mut rest_a = Vec::new();
    for n in a {
        match joined.get_mut(n.joined.as_str()) {
            Some(count) if *count > 0 => *count -= 1,
            _ => rest_a.push(n),
        }
    }
    // Digit groups of the b numbers not matched above.
    let mut parts: BTreeMap<String, usize> = BTreeMap::new();
    let mut left = joined.clone();
    for n in b {
        if let Some(count) = left.get_mut(n.joined.as_str()) {
            if *count > 0 {
                *count -= 1;
                for p in &n.parts {
                    *parts.entry(p.clone()).or_default() += 1;
                }
            }
        }
    }
    let mut missing = Vec::new();
    for n in rest_a {
        let mut need: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &n.parts {
            *need.entry(p.as_str()).or_default() += 1;
        }
        if need.iter().all(|(p, k)| parts.get(*p).is_some_and(|have| have >= k)) {
            for (p, k) in need {
                if let Some(have) = parts.get_mut(p) {
                    *have -= k;
                }
            }
        } else {
            missing.push(n);
        }
    }
    missing
}

pub(super) fn numbers_differ(source: &Prose, target: &Prose, out: &mut Vec<Finding>) {
    let s = numbers(&source.text);
    let t = numbers(&target.text);
    if s.is_empty() && t.is_empty() {
        return;
    }
    // Glued numbers take part in matching ("31st" pairs with "31", "1er" with "1")
    // but are never reported themselves.
    let missing: Vec<&Number> = unmatched(&s, &t).into_iter().filter(|n| !n.glued).collect();
    // A number the target adds is flagged only when its value is new: repeating
    // a source number ("24 X 7" → "24 h/24 et 7 j/7") or spelling out a source
    // word as digits is translation, not an error.
    let in_source = |value: &str| s.iter().any(|n| n.joined == value || n.parts.iter().any(|p| p == value));
    let added: Vec<&Number> = unmatched(&t, &s)
        .into_iter()
        .filter(|n| !n.glued && !in_source(&n.joined) && !spelled_in(&source.text, &n.joined))
        .collect();
    let mut messages: Vec<String> =
        missing.iter().map(|n| format!("number {} in the source is missing from the target", n.written)).collect();
    messages.extend(added.iter().map(|n| format!("number {} in the target is not in the source", n.written)));
    if !messages.is_empty() {
        out.push(NUMBERS_DIFFER.finding(messages.join("; ")));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::run;
    use super::*;

    #[test]
    fn grouping_separators_of_every_locale_match() {
        // ../shared/corpus/sample/partner-center-pr.tr-tr/partner-center/manage-your-partner-network-benefits.md, 91384-142
        let src =
            "$6,000, $12,000 or/and $13,000/year (or each of them equivalent in local currency) Azure bulk credit";
        let tr = "$6.000, $12.000 veya/ve $13000/Year (veya bunların her biri yerel para biriminde eşdeğer) Azure toplu kredisi";
        assert!(run("tr-TR", tr, src, "numbers-differ").is_empty());
        // Same segment in ko-KR (manage-your-partner-network-benefits.md, 56664-146): grouping dropped.
        let ko = "$6000, $12000 또는/및 $13000/년(또는 이에 상응하는 각국 현지 통화) Azure 대량 크레딧";
        assert!(run("ko-KR", ko, src, "numbers-differ").is_empty());
        // Minimal edits of the same: NBSP, narrow NBSP and a plain space as fr groupings, fullwidth digits.
        let fr = "6\u{A0}000 $, 12\u{202F}000 $ ou 13 000 $/an";
        assert!(run("fr-FR", fr, "$6,000, $12,000 or $13,000/year", "numbers-differ").is_empty());
        let ja = "$６,０００、$12,000、$13,000/年";
        assert!(run("ja-JP", ja, "$6,000, $12,000 or $13,000/year", "numbers-differ").is_empty());
    }

    #[test]
    fn decimal_comma_matches_decimal_point() {
        // ../shared/corpus/sample/partner-center-pr.ko-kr/partner-center/effective-unit-price-calculation.md, 78315-123,
        // with the target's "0.868" written the German way (minimal edit).
        let src = "**UP** = Unit price of the resource/hour = 0.868";
        assert!(run("de-DE", "**UP** = Einzelpreis der Ressource/Stunde = 0,868", src, "numbers-differ").is_empty());
    }

    #[test]
    fn changed_number_is_flagged_both_ways() {
        // ../shared/corpus/sample/partner-center-pr.de-de/partner-center/merge-accounts.md, e832c-159:
        // the MT target turns MPN ID 1111111 into 11111111.
        let src = "a [global MPN ID of 1111111](https://partner.microsoft.com/pcv/accountsettings/connectedpartnerprofile) and one subordinate [location MPN IDs of 2222222](https://partner.microsoft.com/pcv/accountsettings/locationsprofile).";
        let de = "eine [globale MPN-ID von 11111111](https://partner.microsoft.com/pcv/accountsettings/connectedpartnerprofile) und eine [UNTERGEORDNETE STANDORT-MPN-ID von 2222222 .](https://partner.microsoft.com/pcv/accountsettings/locationsprofile)";
        let f = run("de-DE", de, src, "numbers-differ");
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].message,
            "number 1111111 in the source is missing from the target; number 11111111 in the target is not in the source"
        );
    }

    #[test]
    fn reformatted_dates_and_spelled_numbers_match() {
        // ../shared/corpus/sample/partner-center-pr.de-de/marketplace/billing-invoicing.md, 05689-132 (first sentence):
        // "1/31" → "31.01.", "2/27" → "27.02.".
        let src = "Meaning, if one were to subscribe on 1/31, the billing end date would be adjusted to 2/27.";
        let de = "Das bedeutet, dass das Abrechnungsenddatum am 31.01. auf den 27.02. angepasst wird.";
        assert!(run("de-DE", de, src, "numbers-differ").is_empty());
        // ../shared/corpus/sample/partner-center-pr.de-de/partner-center/renew-mpn-offers.md, be68d-111: "Fifteen" → "15".
        let src = "Fifteen days before your anniversary date, Microsoft will remind you of your upcoming anniversary.";
        assert!(run(
            "de-DE",
            "15 Tage vor dem Jahrestag erhalten Sie von Microsoft eine Erinnerung.",
            src,
            "numbers-differ"
        )
        .is_empty());
    }

    #[test]
    fn names_with_digits_and_repeated_numbers_are_not_flagged() {
        // data/sample/snapshot/partner-center-pr.zh-cn/Archive/China-update-customer-account-info.md, 54de8-105
        assert!(run("zh-CN", "由世纪互联运营的合作伙伴中心", "Partner Center operated by 21Vianet", "numbers-differ")
            .is_empty());
        // data/sample/snapshot/partner-center-pr.fr-fr/partner-center/azure-plan-lp.md, 7ac69-130 (shortened)
        let src = "Billing partners who provide 24 X 7 cloud-operations management will become eligible.";
        let fr = "Un partenaire de facturation qui assure la gestion des opérations cloud 24 h/24 et 7 j/7 devient éligible.";
        assert!(run("fr-FR", fr, src, "numbers-differ").is_empty());
        // Same segment, ja-JP (90b55-130): "24 X 7" became "24 時間 365 日": 7 lost, 365 new.
        let ja = "24 時間 365 日体制でクラウド運用管理を提供する請求パートナーには資格があります。";
        assert_eq!(
            run("ja-JP", ja, src, "numbers-differ")[0].message,
            "number 7 in the source is missing from the target; number 365 in the target is not in the source"
        );
    }

    #[test]
    fn thousands_suffix() {
        // ../shared/corpus/releases (de-DE), 24e8a-111
        let src = "With the paid connection, you will be getting 10K API calls per day.";
        let de = "Mit der kostenpflichtigen Verbindung erhalten Sie 10.000 API-Aufrufe pro Tag.";
        assert!(run("de-DE", de, src, "numbers-differ").is_empty());
    }

    #[test]
    fn ordinal_suffixes_match_plain_digits() {
        // data/sample/releases/2020-01-01/partner-center-pr.de-de/partner-center/add-a-new-customer.md, 6500e-121
        let src =
            "the current Microsoft Cloud Agreement will be supported in the CSP program until January 31st, 2020.";
        let de = "wird der aktuelle Microsoft Cloud-Vertrag noch bis zum 31. Januar 2020 im CSP-Programm unterstützt.";
        assert!(run("de-DE", de, src, "numbers-differ").is_empty());
        // data/sample/snapshot/partner-center-pr.fr-fr/partner-center/azure-plan-lp.md, 7ac69-117
        let src =
            "Starting February 1, 2020, the existing Microsoft Cloud Agreement will be removed from the CSP program.";
        let fr = "À partir du 1er février 2020, le contrat Microsoft Cloud existant sera supprimé du programme CSP.";
        assert!(run("fr-FR", fr, src, "numbers-differ").is_empty());
    }

    #[test]
    fn numbers_in_urls_and_code_are_ignored() {
        // Minimal edit of ../shared/corpus/sample/partner-center-pr.de-de/partner-center/azure-usage.md, 377d2-135:
        // the API version sits in a URL in the source and in code in the target.
        let src = "Call https://management.azure.com/x?api-version=2017-12-01 now.";
        let de = "Rufen Sie `x?api-version=2018-01-01` jetzt auf.";
        assert!(run("de-DE", de, src, "numbers-differ").is_empty());
    }

    #[test]
    fn number_forms() {
        let n = numbers("1 000 and 2,5 and ３０");
        let joined: Vec<&str> = n.iter().map(|x| x.joined.as_str()).collect();
        assert_eq!(joined, vec!["1000", "25", "30"]);
        // A list "1, 2" is two numbers; "5 100" (group before is ≤ 3 digits, 3 after) reads as 5100.
        assert_eq!(numbers("1, 2").len(), 2);
        let glued: Vec<bool> = numbers("21Vianet COVID-19 3rd 2019年 ５").iter().map(|n| n.glued).collect();
        assert_eq!(glued, vec![true, true, true, false, false]);
    }
}
