//! Content checks: a target left in English (`untranslated`).
//!
//! The empty-target check lives in `check_segment` itself because it stops the
//! others. Numbers have their own module.

use super::{Finding, Prose, UNTRANSLATED};
use crate::model::{Locale, Segment};

/// Short function words that also occur inside product names ("Azure Database
/// for MySQL", "Dynamics 365 for Finance and Operations"); they alone do not
/// make a source "English prose to translate".
const NAME_FUNCTION_WORDS: &[&str] = &["and", "for", "the", "with", "from", "via"];

/// Flags a target identical to its source when the source has English words to
/// translate: at least 3 alphabetic words, two of them lowercase English words
/// of 3+ letters that are not a name's function word. One lowercase word is not
/// enough: product names carry one ("Microsoft Azure portal", "Microsoft 365
/// Apps for business", "Windows Server Standard, version 2004" all stay English
/// in the corpus). Command-line options (`-tenant`) are not words. URLs, code
/// and numbers stay as they are, so they never count.
pub(super) fn untranslated(locale: &Locale, segment: &Segment, source: &Prose, out: &mut Vec<Finding>) {
    if locale.language() == "en" || segment.target.normalized() != segment.source.normalized() {
        return;
    }
    let words: Vec<&str> = source
        .text
        .split(' ')
        .filter(|w| (!w.starts_with('-') && !w.contains(['\\', ':', '/', '='])) || w.ends_with(':'))
        .map(|w| w.trim_matches(|c: char| !crate::charclass::is_alphanumeric(c)))
        .filter(|w| {
            w.chars().any(crate::charclass::is_alphabetic)
                && w.chars().all(|c| crate::charclass::is_alphabetic(c) || c == '-' || c == '\'')
        })
        .collect();
    let lowercase: Vec<&&str> = words
        .iter()
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()) && !NAME_FUNCTION_WORDS.contains(w))
        .collect();
    if words.len() >= 3 && lowercase.len() >= 2 {
        out.push(UNTRANSLATED.finding(format!(
            "the target is identical to the English source ({} words, e.g. \"{}\")",
            words.len(),
            lowercase[0]
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::run;

    #[test]
    fn identical_english_sentence_is_flagged() {
        // ../shared/corpus/sample/partner-center-pr.de-de/partner-center/incentives-prepare-your-proof-of-execution.md, dab09-134
        let s = "In the **Proof documents** field, select **Drag or browse files to upload**.";
        let f = run("de-DE", s, s, "untranslated");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("identical"), "{}", f[0].message);
    }

    #[test]
    fn identical_heading_is_flagged() {
        // ../shared/corpus/sample/partner-center-pr.fr-fr/partner-center/announcements/2020-june.md, 52d07-243:
        // a heading left in English although French has words for it.
        let s = "End of life Microsoft Dynamics 365 Fraud Protection products:";
        assert_eq!(
            run("fr-FR", s, s, "untranslated")[0].message,
            "the target is identical to the English source (8 words, e.g. \"life\")"
        );
    }

    #[test]
    fn identical_url_template_is_not_flagged() {
        // ../shared/corpus/sample/partner-center-pr.de-de/partner-center/azure-usage.md, 377d2-135:
        // a REST path with placeholders, identical in every locale.
        let s = "/subscriptions/<Subscription ID>/resourceGroups/<Resource group name>/providers/Microsoft.Compute/virtualMachines/<VM Instance Name>?api-version=2017-12-01";
        assert!(run("de-DE", s, s, "untranslated").is_empty());
    }

    #[test]
    fn product_names_and_english_locales_are_not_flagged() {
        // "Partner Center" stays English in de-DE targets of the sample; no lowercase word.
        assert!(run("de-DE", "Partner Center", "Partner Center", "untranslated").is_empty());
        assert!(run("de-DE", "Azure Database for MySQL", "Azure Database for MySQL", "untranslated").is_empty());
        // releases/2018-08-01/partner-center-pr.ja-jp/partner-center/azure-reservations-buying.md, 87913-106
        assert!(run("ja-JP", "Microsoft Azure portal", "Microsoft Azure portal", "untranslated").is_empty());
        // sample/partner-center-pr.fr-fr/partner-center/add-licenses-or-services-to-an-existing-subscription.md, 1acfd-117
        let s = "Microsoft 365 Apps for business";
        assert!(run("fr-FR", s, s, "untranslated").is_empty());
        // releases/2018-08-01/partner-center-pr.de-de/partner-center/switch-azure-subscriptions-to-a-different-partner.md,
        // cee45-152: a PowerShell command line.
        let s = "PS C:\\\\&gt; Add-AzureRMAccount -tenant \"CustomerDomainName\"";
        assert!(run("de-DE", s, s, "untranslated").is_empty());
        let s = "In the **Proof documents** field, select **Drag or browse files to upload**.";
        assert!(run("en-GB", s, s, "untranslated").is_empty());
    }
}
