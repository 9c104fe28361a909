//! `lqa trend` output: trend.csv (one row per locale × release × origin from
//! the history) and the quality-score trend chart, SVG and PNG.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::history::TrendRow;
use crate::report::charts::{self, Chart, Kind};

/// Writes trend.csv, trend.svg and trend.png into `out`; returns the paths.
pub fn write(rows: &[TrendRow], out: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).map_err(|e| Error::Io { path: out.to_path_buf(), source: e })?;
    #[derive(Serialize)]
    struct Row<'a> {
        locale: &'a str,
        release: &'a str,
        origin: &'a str,
        run: i64,
        documents: i64,
        segments: i64,
        quality_score: Option<f64>,
        pairs: i64,
        ter: Option<f64>,
        chrf: Option<f64>,
    }
    let csv_path = out.join("trend.csv");
    crate::report::write_atomic_with(&csv_path, &mut |w| {
        let mut writer = csv::Writer::from_writer(w);
        let err = |source| Error::Csv { path: "trend.csv".into(), source };
        for r in rows {
            writer
                .serialize(Row {
                    locale: &r.locale,
                    release: &r.release,
                    origin: &r.origin,
                    run: r.run,
                    documents: r.documents,
                    segments: r.segments,
                    quality_score: r.quality_score,
                    pairs: r.pairs,
                    ter: r.ter,
                    chrf: r.chrf,
                })
                .map_err(err)?;
        }
        writer.flush().map_err(|e| err(e.into()))
    })?;
    let chart = chart(rows);
    let (svg, png) = (out.join("trend.svg"), out.join("trend.png"));
    crate::report::write_atomic(&svg, charts::svg(&chart)?.as_bytes())?;
    crate::report::write_atomic(&png, &charts::png(&chart)?)?;
    Ok(vec![csv_path, svg, png])
}

/// The quality score per locale (all origins) across the releases of the history.
pub fn chart(rows: &[TrendRow]) -> Chart {
    let all: Vec<&TrendRow> = rows.iter().filter(|r| r.origin == "all").collect();
    let mut releases: Vec<String> = Vec::new();
    for r in &all {
        if !releases.contains(&r.release) {
            releases.push(r.release.clone());
        }
    }
    let mut locales: Vec<String> = all.iter().map(|r| r.locale.clone()).collect();
    locales.dedup();
    let series: Vec<(String, Vec<Option<f64>>)> = locales
        .iter()
        .map(|l| {
            let line = releases
                .iter()
                .map(|rel| all.iter().find(|r| &r.locale == l && &r.release == rel).and_then(|r| r.quality_score))
                .collect();
            (l.clone(), line)
        })
        .collect();
    let lowest = series.iter().flat_map(|(_, v)| v.iter().flatten()).copied().fold(100.0_f64, f64::min);
    Chart {
        name: "trend",
        title: "Quality score across releases (from the run history)".into(),
        x_label: "release".into(),
        y_label: "score (0-100)".into(),
        categories: releases,
        kind: Kind::Lines { series, marks: Vec::new(), y_range: ((lowest - 0.5).floor().max(0.0), 100.0) },
    }
}
