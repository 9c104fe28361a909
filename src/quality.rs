//! The MQM-style quality model: turns QA findings into penalty points, a
//! per-word penalty and a 0–100 score, tallied per document, per locale ×
//! origin and per release × locale × origin, and decides which of those pass
//! the gate. The weights, per-check overrides and the gate come from
//! [`QualityConfig`], read from TOML (`lqa config --default` prints the
//! defaults with comments).
//!
//! This module finds nothing (see [`crate::checks`]) and prints nothing; the
//! binary turns a failed gate into exit code 1.
//!
//! The model, as in MQM scorecards:
//! - penalty points of a finding = severity weight (minor 1, major 5, critical 25)
//!   × category weight (1 for every category by default);
//! - per-word penalty = points / source words (the English source's
//!   whitespace-separated words, as in locales.csv);
//! - score = 100 × (1 − per-word penalty), floored at 0 (a 3-word label with a
//!   critical finding would otherwise score −733);
//! - normed penalty = points per 1,000 source words.
//!
//! Tallies keep integer counts of findings per (check, severity, category) and compute
//! points only when asked, so they add up exactly in any order (sharded runs,
//! parallel reductions) and a change of weights needs no rescan.

use std::collections::BTreeMap;
use std::ops::AddAssign;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::checks::{Category, Finding, Severity};
use crate::error::{Error, Result};
use crate::model::{Document, Locale, Origin};
use crate::LocatedFinding;

/// The default configuration, with comments; [`QualityConfig::default`] equals its parse (tested).
pub const DEFAULT_TOML: &str = r#"# lqa quality model (MQM-style). Use with: lqa scan --config lqa.toml PATH...
# Every key is optional: a missing key keeps the default shown here.

# Penalty points per finding, by severity. `info` findings are reported and
# never penalised: checks whose measured precision is under 70% default to it.
[severity]
info = 0.0
minor = 1.0
major = 5.0
critical = 25.0

# Multiplier of the severity points, by MQM category.
[category]
accuracy = 1.0
fluency = 1.0
terminology = 1.0
style = 1.0
locale-convention = 1.0
markup = 1.0

# Pass/fail per locale and origin (HT, MT, unknown):
#   score = 100 * (1 - penalty points / source words), floored at 0, where
#   penalty points = sum over findings of
#     severity points * category multiplier * the check's weight,
#   the weight being the check's measured precision (the README's table:
#   the share of its findings a reviewer acted on; 1 for unmeasured checks).
# A locale x origin passes when its score >= threshold and it has no finding
# of severity `fail-on` or worse ("minor", "major", "critical", or "none";
# `info` findings never fail it).
# The exit code reflects the gate (1 = failed) only when `enabled` is true or
# --fail-under / --fail-on is given; reports always show pass/fail.
[gate]
enabled = false
threshold = 99.0
fail-on = "critical"

# Per-check overrides, keyed by check id (see the README's list of checks):
# change the severity, category or weight of a check, or turn it off.
[checks]
# "double-space" = { severity = "minor" }
# "term-inconsistent" = { weight = 1.0 }
# "length-ratio" = { enabled = false }
# "numbers-differ" = { category = "locale-convention", severity = "critical" }

# How XLIFF, TMX, PO and bilingual CSV/TSV files are read (Markdown takes
# its locale and origin from its front matter).
[formats]
# The target locale of every such file, instead of the file's own
# (target-language, trgLang, xml:lang, Language:, the locale column, the path).
# locale = "de-DE"
# TMX: the source variant when the header says srclang="*all*".
source-language = "en"
# The origin of a unit that no marker or rule decides: "HT", "MT" or "unknown".
default-origin = "unknown"

# Bilingual CSV/TSV header names (case-insensitive). A file without the
# source and target columns is not read.
[formats.columns]
source = "source"
target = "target"
locale = "locale"
origin = "origin"
id = "id"
document = "document"

# Origin rules, tried in order before the built-in markers; the first match wins.
# `field` is a unit's marker (below), "path" (the file's path below the scan
# root) or "format" (xliff, tmx, po, csv); `value` matches case-insensitively,
# `*` standing for any text. Markers, in the order the built-ins try them:
#   XLIFF 1.2: origin (SDL sdl:seg), state-qualifier (mt-suggestion, leveraged-mt
#              = MT; leveraged-tm, exact-match, fuzzy-match... = HT), mt-match
#              (the target equals an <alt-trans> whose origin names MT),
#              alt-trans.origin, its:revperson, its:person, its:mtconfidence,
#              phase, state (translated, reviewed, final, signed-off = HT)
#   XLIFF 2.x: mt-match (an <mtc:match type="mt"> equal to the target),
#              mtc.origin, its:*, substate, state
#   TMX:       prop:TYPE (the unit's <prop>s; x-origin, x-translation-type...
#              with values MT/HT/machine/human), changeid, creationid ("MT!")
#   PO:        comment (# MT), extracted-comment, flag (fuzzy, c-format...),
#              state (translated for every entry that is not fuzzy = HT)
#   CSV:       origin (the origin column)
# Examples:
# [[formats.origin-rule]]
# field = "flag"
# value = "fuzzy"
# origin = "MT"
# [[formats.origin-rule]]
# field = "path"
# value = "vendor-mt/*"
# origin = "MT"
"#;

/// Penalty points per finding, by severity.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeverityWeights {
    pub info: f64,
    pub minor: f64,
    pub major: f64,
    pub critical: f64,
}

impl Default for SeverityWeights {
    fn default() -> Self {
        SeverityWeights { info: 0.0, minor: 1.0, major: 5.0, critical: 25.0 }
    }
}

/// Multipliers by MQM category.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CategoryWeights {
    pub accuracy: f64,
    pub fluency: f64,
    pub terminology: f64,
    pub style: f64,
    pub locale_convention: f64,
    pub markup: f64,
}

impl Default for CategoryWeights {
    fn default() -> Self {
        CategoryWeights {
            accuracy: 1.0,
            fluency: 1.0,
            terminology: 1.0,
            style: 1.0,
            locale_convention: 1.0,
            markup: 1.0,
        }
    }
}

/// The finding severity that fails the gate by itself, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    Minor,
    Major,
    Critical,
    None,
}

impl FailOn {
    /// The least severity that fails, or `None` when findings alone never fail.
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Minor => Some(Severity::Minor),
            FailOn::Major => Some(Severity::Major),
            FailOn::Critical => Some(Severity::Critical),
            FailOn::None => None,
        }
    }
}

/// Pass/fail rule for each locale × origin.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct GateConfig {
    /// Whether a failed gate changes the exit code.
    pub enabled: bool,
    /// Least passing score, 0–100.
    pub threshold: f64,
    pub fail_on: FailOn,
}

impl Default for GateConfig {
    fn default() -> Self {
        GateConfig { enabled: false, threshold: 99.0, fail_on: FailOn::Critical }
    }
}

/// A per-check override of the catalogue's defaults.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckOverride {
    pub severity: Option<Severity>,
    pub category: Option<Category>,
    pub enabled: Option<bool>,
    /// The finding's weight in the score (default: the check's measured precision).
    pub weight: Option<f64>,
}

/// The quality model's settings (the TOML file).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct QualityConfig {
    pub severity: SeverityWeights,
    pub category: CategoryWeights,
    pub gate: GateConfig,
    /// Overrides by check id.
    pub checks: BTreeMap<String, CheckOverride>,
    /// How XLIFF, TMX, PO and CSV files are read: locale, columns, origin rules.
    pub formats: crate::read::FormatConfig,
}

impl QualityConfig {
    /// Reads a TOML config file; errors name the file and line.
    pub fn from_file(path: &Path) -> Result<QualityConfig> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io { path: path.to_path_buf(), source: e })?;
        QualityConfig::from_toml(&text, path)
    }

    /// Parses TOML text (`path` only names it in errors) and validates it:
    /// weights finite and not negative, threshold within 0–100, known check ids.
    pub fn from_toml(text: &str, path: &Path) -> Result<QualityConfig> {
        let input = |line: usize, message: String| Error::Input { path: path.to_path_buf(), line, message };
        let config: QualityConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |span| 1 + text[..span.start.min(text.len())].matches('\n').count());
            input(line, e.message().to_string())
        })?;
        let line_of = |needle: &str| {
            text.lines().position(|l| l.trim_start().trim_start_matches('"').starts_with(needle)).map_or(0, |i| i + 1)
        };
        let s = &config.severity;
        let c = &config.category;
        for (name, weight) in [
            ("info", s.info),
            ("minor", s.minor),
            ("major", s.major),
            ("critical", s.critical),
            ("accuracy", c.accuracy),
            ("fluency", c.fluency),
            ("terminology", c.terminology),
            ("style", c.style),
            ("locale-convention", c.locale_convention),
            ("markup", c.markup),
        ] {
            if !weight.is_finite() || weight < 0.0 {
                return Err(input(line_of(name), format!("weight '{name}' must be a number >= 0, not {weight}")));
            }
        }
        let threshold = config.gate.threshold;
        if !(0.0..=100.0).contains(&threshold) {
            return Err(input(line_of("threshold"), format!("gate threshold must be within 0-100, not {threshold}")));
        }
        for (id, o) in &config.checks {
            if let Some(w) = o.weight.filter(|w| !w.is_finite() || *w < 0.0) {
                return Err(input(line_of(id), format!("weight of check '{id}' must be a number >= 0, not {w}")));
            }
            if crate::checks::find_check(id).is_none() {
                let known: Vec<&str> = crate::checks::CHECKS.iter().map(|c| c.id).collect();
                return Err(input(
                    line_of(id),
                    format!("unknown check '{id}' in [checks] (known: {})", known.join(", ")),
                ));
            }
        }
        Ok(config)
    }

    /// Applies the per-check overrides to a finding: `None` when its check is turned off.
    pub fn apply(&self, mut finding: Finding) -> Option<Finding> {
        if let Some(o) = self.checks.get(finding.check) {
            if o.enabled == Some(false) {
                return None;
            }
            finding.severity = o.severity.unwrap_or(finding.severity);
            finding.category = o.category.unwrap_or(finding.category);
        }
        Some(finding)
    }

    /// The weight of a finding of `check`: the override's, else the check's measured precision.
    pub fn weight(&self, check: &str) -> f64 {
        self.checks.get(check).and_then(|o| o.weight).unwrap_or_else(|| crate::checks::precision::weight(check))
    }

    /// Penalty points of one finding of this severity and category.
    pub fn points(&self, severity: Severity, category: Category) -> f64 {
        let s = match severity {
            Severity::Info => self.severity.info,
            Severity::Minor => self.severity.minor,
            Severity::Major => self.severity.major,
            Severity::Critical => self.severity.critical,
        };
        let c = &self.category;
        s * match category {
            Category::Accuracy => c.accuracy,
            Category::Fluency => c.fluency,
            Category::Terminology => c.terminology,
            Category::Style => c.style,
            Category::LocaleConvention => c.locale_convention,
            Category::Markup => c.markup,
        }
    }
}

const SEVERITIES: [Severity; 4] = [Severity::Info, Severity::Minor, Severity::Major, Severity::Critical];

/// Additive counts behind a quality score: segments, source words and findings
/// per (check, severity, category).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub segments: u64,
    pub source_words: u64,
    /// Findings per (check, severity, category): what the score weighs by each
    /// check's measured precision, the counts per severity, and the top checks.
    pub checks: BTreeMap<(&'static str, Severity, Category), u64>,
}

impl AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, other: &Tally) {
        self.segments += other.segments;
        self.source_words += other.source_words;
        for (key, n) in &other.checks {
            *self.checks.entry(*key).or_default() += n;
        }
    }
}

impl Tally {
    /// Counts one finding.
    pub fn add_finding(&mut self, finding: &Finding) {
        *self.checks.entry((finding.check, finding.severity, finding.category)).or_default() += 1;
    }

    /// Findings of one severity.
    pub fn count(&self, severity: Severity) -> u64 {
        self.checks.iter().filter(|((_, s, _), _)| *s == severity).map(|(_, n)| n).sum()
    }

    /// All findings.
    pub fn total_findings(&self) -> u64 {
        self.checks.values().sum()
    }

    /// Penalty points under `config`'s weights (summed in a fixed order).
    pub fn points(&self, config: &QualityConfig) -> f64 {
        // In check id order, so the sum is the same whatever order the tallies were added in.
        let mut points = 0.0;
        for (&(check, severity, category), &n) in &self.checks {
            points += n as f64 * config.points(severity, category) * config.weight(check);
        }
        points
    }

    /// [`Tally::top_checks`] as text: `numbers-differ 12 (47.0 pts); markup-bold 3 (12.8 pts)`.
    pub fn top_checks_text(&self, config: &QualityConfig, n: usize) -> String {
        self.top_checks(config, n)
            .iter()
            .map(|(check, count, points)| format!("{check} {count} ({points:.1} pts)"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The checks that cost the most points, most first (ties by id), with their
    /// findings and points: what drives this score.
    pub fn top_checks(&self, config: &QualityConfig, n: usize) -> Vec<(&'static str, u64, f64)> {
        let mut by_check: BTreeMap<&'static str, (u64, f64)> = BTreeMap::new();
        for (&(check, severity, category), &count) in &self.checks {
            let e = by_check.entry(check).or_default();
            e.0 += count;
            e.1 += count as f64 * config.points(severity, category) * config.weight(check);
        }
        let mut list: Vec<(&'static str, u64, f64)> =
            by_check.into_iter().filter(|(_, (_, p))| *p > 0.0).map(|(c, (k, p))| (c, k, p)).collect();
        list.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(b.0)));
        list.truncate(n);
        list
    }

    /// Score 0–100 (100 × (1 − points per source word), floored at 0); `None` without source words.
    pub fn score(&self, config: &QualityConfig) -> Option<f64> {
        (self.source_words > 0).then(|| (100.0 * (1.0 - self.points(config) / self.source_words as f64)).max(0.0))
    }

    /// Penalty points per 1,000 source words; `None` without source words.
    pub fn per_thousand_words(&self, config: &QualityConfig) -> Option<f64> {
        (self.source_words > 0).then(|| 1000.0 * self.points(config) / self.source_words as f64)
    }

    /// The worst severity found, if any.
    pub fn worst(&self) -> Option<Severity> {
        SEVERITIES.into_iter().rev().find(|&s| self.count(s) > 0)
    }

    /// Whether this passes the gate: score at or above the threshold (an empty
    /// tally has nothing to fail) and no finding at or above `fail-on`.
    pub fn passes(&self, config: &QualityConfig) -> bool {
        let score_ok = self.score(config).is_none_or(|s| s >= config.gate.threshold);
        let findings_ok = match (config.gate.fail_on.severity(), self.worst()) {
            (Some(limit), Some(worst)) => worst < limit,
            _ => true,
        };
        score_ok && findings_ok
    }
}

/// Source words of a segment: whitespace-separated words of its normalised English source.
pub fn source_words(segment: &crate::model::Segment) -> u64 {
    segment.source.words as u64
}

/// Quality tallies of a scan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QualityReport {
    /// One per document, in document order.
    pub documents: Vec<Tally>,
    /// Per (locale, origin).
    pub locales: BTreeMap<(Locale, Origin), Tally>,
    /// Per (release, locale, origin).
    pub releases: BTreeMap<(String, Locale, Origin), Tally>,
}

impl QualityReport {
    /// Tallies every document and finding (findings in document order, as
    /// [`crate::Scan::findings`] holds them).
    pub fn build(documents: &[Document], findings: &[LocatedFinding]) -> QualityReport {
        use rayon::prelude::*;
        let mut tallies: Vec<Tally> = documents
            .par_iter()
            .map(|doc| Tally {
                segments: doc.segments.len() as u64,
                source_words: doc.segments.iter().map(source_words).sum(),
                checks: BTreeMap::new(),
            })
            .collect();
        for (d, _, finding) in findings {
            tallies[*d].add_finding(finding);
        }
        let mut report = QualityReport::default();
        let mut findings = findings.iter().peekable();
        for (d, (doc, tally)) in documents.iter().zip(&tallies).enumerate() {
            let mut add = |origin: Origin, tally: &Tally| {
                *report.locales.entry((doc.locale.clone(), origin)).or_default() += tally;
                *report.releases.entry((doc.release.clone(), doc.locale.clone(), origin)).or_default() += tally;
            };
            if !doc.is_mixed() {
                add(doc.origins()[0], tally);
                while findings.next_if(|(fd, _, _)| *fd == d).is_some() {}
                continue;
            }
            // Units of one file may differ in origin (XLIFF, TMX, PO): tally each origin's segments apart.
            let mut parts = [Tally::default(), Tally::default(), Tally::default()];
            for s in &doc.segments {
                let part = &mut parts[s.origin as usize];
                part.segments += 1;
                part.source_words += source_words(s);
            }
            while let Some((_, s, finding)) = findings.next_if(|(fd, _, _)| *fd == d) {
                parts[doc.segments[*s].origin as usize].add_finding(finding);
            }
            for origin in doc.origins() {
                add(origin, &parts[origin as usize]);
            }
        }
        report.documents = tallies;
        report
    }

    /// One locale's tallies summed over origins.
    pub fn locale_total(&self, locale: &Locale) -> Tally {
        let mut total = Tally::default();
        for ((l, _), tally) in &self.locales {
            if l == locale {
                total += tally;
            }
        }
        total
    }

    /// The (locale, origin) rows that fail the gate, in locale then origin order.
    pub fn failures<'a>(&'a self, config: &'a QualityConfig) -> impl Iterator<Item = (&'a Locale, Origin, &'a Tally)> {
        self.locales.iter().filter(|(_, t)| !t.passes(config)).map(|((l, o), t)| (l, *o, t))
    }
}

/// Why a tally fails, for one line of the gate's output (empty when it passes).
pub fn failure_reason(tally: &Tally, config: &QualityConfig) -> String {
    let mut reasons = Vec::new();
    if let Some(score) = tally.score(config) {
        if score < config.gate.threshold {
            reasons.push(format!("score {score:.2} < {:.2}", config.gate.threshold));
        }
    }
    if let (Some(limit), Some(worst)) = (config.gate.fail_on.severity(), tally.worst()) {
        if worst >= limit {
            let counts: Vec<String> = SEVERITIES
                .into_iter()
                .rev()
                .filter(|&s| s >= limit && tally.count(s) > 0)
                .map(|s| format!("{} {}", tally.count(s), severity_label(s)))
                .collect();
            reasons.push(format!("{} finding(s)", counts.join(", ")));
        }
    }
    reasons.join("; ")
}

/// The lower-case name of a severity, as in reports.
pub fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "info",
        Severity::Minor => "minor",
        Severity::Major => "major",
        Severity::Critical => "critical",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Check, NUMBERS_DIFFER, TARGET_EMPTY};

    fn finding(check: &Check) -> Finding {
        Finding { check: check.id, category: check.category, severity: check.severity, message: String::new() }
    }

    #[test]
    fn default_toml_parses_to_the_defaults() {
        let parsed = QualityConfig::from_toml(DEFAULT_TOML, Path::new("default.toml")).unwrap();
        assert_eq!(parsed, QualityConfig::default());
    }

    #[test]
    fn partial_config_keeps_the_other_defaults() {
        let text = "[severity]\nmajor = 10\n[checks]\n\"double-space\" = { enabled = false }\n";
        let config = QualityConfig::from_toml(text, Path::new("x.toml")).unwrap();
        assert_eq!(config.severity.major, 10.0);
        assert_eq!(config.severity.critical, 25.0);
        assert_eq!(config.gate.threshold, 99.0);
        assert_eq!(config.checks["double-space"].enabled, Some(false));
    }

    #[test]
    fn config_errors_name_file_and_line() {
        let bad_key = "[severity]\nminor = 1\nmajr = 5\n";
        let e = QualityConfig::from_toml(bad_key, Path::new("q.toml")).unwrap_err().to_string();
        assert!(e.starts_with("q.toml:3: "), "{e}");
        assert!(e.contains("majr"), "{e}");

        let unknown_check = "[checks]\n\n\"no-such-check\" = { enabled = false }\n";
        let e = QualityConfig::from_toml(unknown_check, Path::new("q.toml")).unwrap_err().to_string();
        assert!(e.starts_with("q.toml:3: unknown check 'no-such-check'"), "{e}");

        let negative = "[category]\nmarkup = -1\n";
        let e = QualityConfig::from_toml(negative, Path::new("q.toml")).unwrap_err().to_string();
        assert!(e.starts_with("q.toml:2: weight 'markup'"), "{e}");

        let threshold = "[gate]\nthreshold = 101\n";
        let e = QualityConfig::from_toml(threshold, Path::new("q.toml")).unwrap_err().to_string();
        assert!(e.starts_with("q.toml:2: gate threshold"), "{e}");

        let bad_severity = "[checks]\n\"double-space\" = { severity = \"fatal\" }\n";
        let e = QualityConfig::from_toml(bad_severity, Path::new("q.toml")).unwrap_err().to_string();
        assert!(e.starts_with("q.toml:2: "), "{e}");
    }

    #[test]
    fn score_follows_the_mqm_formula() {
        // Weights of 1 and double-space made minor: plain MQM points.
        let text = "[checks]\n\"numbers-differ\" = { weight = 1.0 }\n\"double-space\" = { severity = \"minor\", weight = 1.0 }\n";
        let config = QualityConfig::from_toml(text, Path::new("q.toml")).unwrap();
        let mut tally = Tally { segments: 10, source_words: 200, ..Tally::default() };
        tally.add_finding(&config.apply(finding(&NUMBERS_DIFFER)).unwrap()); // major accuracy: 5 points
        tally.add_finding(&config.apply(finding(&crate::checks::DOUBLE_SPACE)).unwrap()); // minor fluency: 1 point
        assert_eq!(tally.points(&config), 6.0);
        // 100 × (1 − 6/200) = 97
        assert_eq!(tally.score(&config), Some(97.0));
        assert_eq!(tally.per_thousand_words(&config), Some(30.0));
        assert!(!tally.passes(&config), "97 < 99");
        let lenient = QualityConfig { gate: GateConfig { threshold: 95.0, ..GateConfig::default() }, ..config };
        assert!(tally.passes(&lenient));
    }

    #[test]
    fn category_weights_multiply_severity_points() {
        let mut config = QualityConfig::default();
        config.category.accuracy = 2.0;
        let mut tally = Tally { segments: 1, source_words: 100, ..Tally::default() };
        tally.add_finding(&finding(&NUMBERS_DIFFER));
        // 5 points × 2 × numbers-differ's measured precision.
        let precision = crate::checks::precision::weight("numbers-differ");
        assert!(precision < 1.0);
        assert_eq!(tally.points(&config), 10.0 * precision);
    }

    #[test]
    fn findings_weigh_by_measured_precision_and_info_costs_nothing() {
        let config = QualityConfig::default();
        let mut tally = Tally { segments: 1, source_words: 100, ..Tally::default() };
        tally.add_finding(&finding(&crate::checks::DOUBLE_SPACE));
        assert_eq!(crate::checks::DOUBLE_SPACE.severity, Severity::Info);
        assert_eq!(tally.points(&config), 0.0);
        tally.add_finding(&finding(&NUMBERS_DIFFER));
        tally.add_finding(&finding(&NUMBERS_DIFFER));
        tally.add_finding(&finding(&TARGET_EMPTY));
        let top = tally.top_checks(&config, 3);
        // target-empty (unmeasured, weight 1): 25 points; numbers-differ 2 × 5 × precision; double-space none.
        assert_eq!(top.iter().map(|t| (t.0, t.1)).collect::<Vec<_>>(), [("target-empty", 1), ("numbers-differ", 2)]);
        assert_eq!(top[1].2, 10.0 * crate::checks::precision::weight("numbers-differ"));
    }

    #[test]
    fn a_critical_finding_fails_whatever_the_score() {
        let config = QualityConfig::default();
        let mut tally = Tally { segments: 1000, source_words: 1_000_000, ..Tally::default() };
        tally.add_finding(&finding(&TARGET_EMPTY));
        assert!(tally.score(&config).is_some_and(|s| s > 99.99));
        assert!(!tally.passes(&config));
        assert_eq!(failure_reason(&tally, &config), "1 critical finding(s)");
        let none = QualityConfig { gate: GateConfig { fail_on: FailOn::None, ..GateConfig::default() }, ..config };
        assert!(tally.passes(&none));
    }

    #[test]
    fn score_is_floored_at_zero_and_undefined_without_words() {
        let config = QualityConfig::default();
        let mut tally = Tally { segments: 1, source_words: 3, ..Tally::default() };
        tally.add_finding(&finding(&TARGET_EMPTY));
        assert_eq!(tally.score(&config), Some(0.0));
        assert_eq!(Tally::default().score(&config), None);
        assert!(Tally::default().passes(&config));
    }

    #[test]
    fn overrides_change_or_drop_findings() {
        let text = "[checks]\n\"numbers-differ\" = { severity = \"critical\", category = \"locale-convention\" }\n\
                    \"double-space\" = { enabled = false }\n";
        let config = QualityConfig::from_toml(text, Path::new("x.toml")).unwrap();
        let changed = config.apply(finding(&NUMBERS_DIFFER)).unwrap();
        assert_eq!((changed.severity, changed.category), (Severity::Critical, Category::LocaleConvention));
        assert_eq!(config.apply(finding(&crate::checks::DOUBLE_SPACE)), None);
        assert_eq!(config.apply(finding(&TARGET_EMPTY)), Some(finding(&TARGET_EMPTY)));
    }

    #[test]
    fn tallies_add_in_any_order() {
        let config = QualityConfig::default();
        let mut a = Tally { segments: 2, source_words: 30, ..Tally::default() };
        a.add_finding(&finding(&NUMBERS_DIFFER));
        let mut b = Tally { segments: 5, source_words: 70, ..Tally::default() };
        b.add_finding(&finding(&TARGET_EMPTY));
        let mut ab = a.clone();
        ab += &b;
        let mut ba = b.clone();
        ba += &a;
        assert_eq!(ab, ba);
        assert_eq!(ab.points(&config), 25.0 + 5.0 * crate::checks::precision::weight("numbers-differ"));
        assert_eq!(ab.source_words, 100);
    }
}
