//! Charts: the data behind each chart equals the reports it summarises, every
//! chart renders to SVG and PNG without system fonts, and the files are the
//! same whatever the thread count.

mod common;

use assert_cmd::Command;
use lqa::report::charts::{charts, Kind};
use lqa::report::page::Page;

fn scan_releases() -> lqa::Scan {
    let config =
        lqa::ScanConfig { paths: vec![common::shared_corpus().join("releases")], releases: true, ..Default::default() };
    lqa::scan(&config, &lqa::NoProgress).unwrap()
}

#[test]
fn chart_data_equals_the_reports() {
    let scan = scan_releases();
    let all = charts(&Page::of(&scan));
    let names: Vec<&str> = all.iter().map(|c| c.name).collect();
    assert_eq!(names, ["quality", "metrics", "distance", "findings", "terms", "trend"]);
    let locales = lqa::report::render_to_vec(lqa::report::csv::locales, &scan).unwrap();
    let rows: Vec<std::collections::HashMap<String, String>> =
        csv::Reader::from_reader(locales.as_slice()).deserialize().map(Result::unwrap).collect();
    let value = |locale: &str, origin: &str, column: &str| -> Option<f64> {
        rows.iter().find(|r| r["locale"] == locale && r["origin"] == origin).and_then(|r| r[column].parse().ok())
    };
    // Quality bars: the HT and MT quality_score of locales.csv.
    let Kind::Bars { series, .. } = &all[0].kind else { panic!("quality is bars") };
    for (i, locale) in all[0].categories.iter().enumerate() {
        assert_eq!(series[0].1[i], value(locale, "HT", "quality_score"), "{locale} HT");
        assert_eq!(series[1].1[i], value(locale, "MT", "quality_score"), "{locale} MT");
    }
    // Metric bars: corpus TER and chrF of the all rows.
    let Kind::Bars { series, .. } = &all[1].kind else { panic!("metrics is bars") };
    for (i, locale) in all[1].categories.iter().enumerate() {
        assert_eq!(series[0].1[i], value(locale, "all", "ter"));
        assert_eq!(series[1].1[i], value(locale, "all", "chrf"));
    }
    // Distance boxes: one value per pair of the locale.
    // Distance boxes: per locale, the nearest-rank quartiles of pairs.csv's normalized_distance.
    let Kind::Boxes { spreads } = &all[2].kind else { panic!("distance is boxes") };
    let pairs = lqa::report::render_to_vec(lqa::report::csv::pairs, &scan).unwrap();
    let pairs: Vec<std::collections::HashMap<String, String>> =
        csv::Reader::from_reader(pairs.as_slice()).deserialize().map(Result::unwrap).collect();
    let mut counted = 0;
    for (i, locale) in all[2].categories.iter().enumerate() {
        let mut values: Vec<f64> = pairs
            .iter()
            .filter(|r| r["locale"] == *locale)
            .map(|r| r["normalized_distance"].parse().unwrap())
            .collect();
        values.sort_by(f64::total_cmp);
        let spread = spreads[i].expect("every locale of the releases corpus has pairs");
        assert_eq!(spread.count, values.len(), "{locale}");
        let last = values.len() - 1;
        assert_eq!(spread.quartiles[0], values[0], "{locale} minimum");
        assert_eq!(spread.quartiles[2], values[(last as f64 * 0.5).round() as usize], "{locale} median");
        assert_eq!(spread.quartiles[4], values[last], "{locale} maximum");
        counted += values.len();
    }
    assert_eq!(counted, scan.pairs.len());
    // Findings: stacked columns add up to the locale's findings.
    let Kind::Stacked { series } = &all[3].kind else { panic!("findings is stacked") };
    for (i, locale) in all[3].categories.iter().enumerate() {
        let stacked: f64 = series.iter().map(|(_, v)| v[i]).sum();
        let counted =
            scan.findings.iter().filter(|(d, _, _)| scan.corpus.documents[*d].locale.as_str() == locale).count();
        assert_eq!(stacked as usize, counted, "{locale}");
    }
    // Trend: one line per locale over the four releases; ringed points are relabel-only releases.
    let Kind::Lines { series, marks, .. } = &all[5].kind else { panic!("trend is lines") };
    assert_eq!(all[5].categories, ["2018-08-01", "2019-01-01", "2019-07-01", "2020-01-01"]);
    assert_eq!(series.len(), 6);
    assert!(
        marks.iter().all(|(_, x)| *x == 1 || *x == 3),
        "relabel flips happen into 2019-01-01 and 2020-01-01: {marks:?}"
    );
    assert!(marks.iter().any(|(_, x)| *x == 1));
}

#[test]
fn every_chart_renders_to_svg_and_png() {
    let scan = scan_releases();
    for chart in charts(&Page::of(&scan)) {
        let svg = lqa::report::charts::svg(&chart).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains(&chart.title), "{}", chart.name);
        let png = lqa::report::charts::png(&chart).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{}", chart.name);
    }
}

#[test]
fn chart_files_are_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for jobs in ["1", "2"] {
        Command::cargo_bin("lqa")
            .unwrap()
            .args(["scan", "data/sample", "--quiet", "-j", jobs, "--out"])
            .arg(dir.path().join(jobs))
            .current_dir(common::root())
            .assert()
            .success();
    }
    let names: Vec<_> =
        std::fs::read_dir(dir.path().join("1/charts")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let a = std::fs::read(dir.path().join("1/charts").join(&name)).unwrap();
        let b = std::fs::read(dir.path().join("2/charts").join(&name)).unwrap();
        assert!(a == b, "{name:?} differs between -j1 and -j2");
    }
}

/// A trend over `n` daily releases from 2020-01-01, one locale.
fn trend_of(n: usize) -> lqa::report::charts::Chart {
    let categories: Vec<String> = (0..n).map(|i| format!("2020-{:02}-{:02}-1200", 1 + i / 28, 1 + i % 28)).collect();
    let values = (0..n).map(|i| Some(99.0 + (i % 7) as f64 / 10.0)).collect();
    lqa::report::charts::Chart {
        name: "trend",
        title: "Quality score across releases".into(),
        x_label: "release".into(),
        y_label: "quality score".into(),
        categories,
        kind: Kind::Lines { series: vec![("ru-RU".into(), values)], marks: vec![], y_range: (98.0, 100.0) },
    }
}

#[test]
fn many_releases_are_named_without_overlap_and_the_newest_always() {
    for (n, named) in [(40, 40), (120, 40), (400, 45)] {
        let chart = trend_of(n);
        if let Some(dir) = std::env::var_os("LQA_CHART_DIR") {
            std::fs::write(
                std::path::Path::new(&dir).join(format!("trend-{n}.png")),
                lqa::report::charts::png(&chart).unwrap(),
            )
            .unwrap();
        }
        let svg = lqa::report::charts::svg(&chart).unwrap();
        if let Some(dir) = std::env::var_os("LQA_CHART_DIR") {
            std::fs::write(std::path::Path::new(&dir).join(format!("trend-{n}.svg")), &svg).unwrap();
        }
        let shown = chart.categories.iter().filter(|c| svg.contains(c.as_str())).count();
        assert_eq!(shown, named, "{n} releases");
        assert!(svg.contains(chart.categories[n - 1].as_str()), "the newest release is named");
    }
}
