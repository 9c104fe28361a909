//! Charts (SVG and PNG) drawn with plotters from a scan's figures: quality
//! score per locale and origin, MT-vs-HT TER and chrF per locale, the spread of
//! normalised edit distance per locale, QA findings per category, the most
//! inconsistent UI labels, and quality across releases.
//!
//! Text is drawn with the DejaVu Sans shipped in `assets/fonts` (registered
//! with plotters' ab_glyph backend), so PNGs render the same on any machine,
//! with no system fonts or fontconfig. Each chart is built as plain data first
//! ([`Chart`]), which is what the tests check; drawing only renders it.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use crate::error::{Error, Result};
use crate::report::page::{Page, Spread, CATEGORIES};

const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FAMILY: &str = "sans-serif";
/// Pixel size of every chart.
pub const SIZE: (u32, u32) = (960, 540);
/// Tableau 10: ten distinguishable series (a corpus of 7 locales repeated a colour with 6).
const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// What a chart shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Grouped bars: one group per category, one bar per series.
    Bars { series: Vec<(String, Vec<Option<f64>>)>, y_range: (f64, f64) },
    /// Stacked bars: one column per category.
    Stacked { series: Vec<(String, Vec<f64>)> },
    /// A box plot per category (min, Q1, median, Q3, max); `None` draws nothing.
    Boxes { spreads: Vec<Option<Spread>> },
    /// One line per series across the categories (releases); `marks` are (series, x) points to ring.
    Lines { series: Vec<(String, Vec<Option<f64>>)>, marks: Vec<(usize, usize)>, y_range: (f64, f64) },
    /// Rows × categories, cell value 0–1.
    Heatmap { rows: Vec<String>, cells: Vec<Vec<Option<f64>>> },
}

/// A chart as data.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// File stem (`quality` → quality.svg, quality.png).
    pub name: &'static str,
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub categories: Vec<String>,
    pub kind: Kind,
}

/// The charts a page supports, in report order (charts without data are left out).
pub fn charts(page: &Page) -> Vec<Chart> {
    let mut out = Vec::new();
    let locales: Vec<String> = page.locales.iter().map(|l| l.locale.clone()).collect();
    if locales.is_empty() {
        return out;
    }

    // Quality score, HT vs MT.
    let ht: Vec<Option<f64>> = page.locales.iter().map(|l| l.ht_score).collect();
    let mt: Vec<Option<f64>> = page.locales.iter().map(|l| l.mt_score).collect();
    let lowest = ht.iter().chain(&mt).flatten().copied().fold(100.0_f64, f64::min);
    out.push(Chart {
        name: "quality",
        title: "MQM quality score per locale, HT vs MT".into(),
        x_label: "locale".into(),
        y_label: "score (0-100, higher is better)".into(),
        categories: locales.clone(),
        kind: Kind::Bars {
            series: vec![("HT".into(), ht), ("MT".into(), mt)],
            y_range: ((lowest - 0.5).floor().max(0.0), 100.0),
        },
    });

    // Corpus TER and chrF of MT against HT.
    let metric = |i: usize| -> Vec<Option<f64>> { page.locales.iter().map(|l| l.corpus.map(|s| s[i])).collect() };
    let (ter, chrf) = (metric(0), metric(1));
    if ter.iter().any(Option::is_some) {
        let top = ter.iter().chain(&chrf).flatten().copied().fold(100.0_f64, f64::max);
        out.push(Chart {
            name: "metrics",
            title: "MT against HT per locale: corpus TER (lower is closer) and chrF (higher)".into(),
            x_label: "locale".into(),
            y_label: "score (0-100)".into(),
            categories: locales.clone(),
            kind: Kind::Bars { series: vec![("TER".into(), ter), ("chrF".into(), chrf)], y_range: (0.0, top.ceil()) },
        });
        // Normalised edit distance of each pair.
        out.push(Chart {
            name: "distance",
            title: "Normalised edit distance of MT against HT, per locale".into(),
            x_label: "locale".into(),
            y_label: "character edits per 100 characters".into(),
            categories: locales.clone(),
            kind: Kind::Boxes { spreads: page.locales.iter().map(|l| l.distance).collect() },
        });
    }

    // Findings per category.
    out.push(Chart {
        name: "findings",
        title: "QA findings per locale and MQM category".into(),
        x_label: "locale".into(),
        y_label: "findings".into(),
        categories: locales.clone(),
        kind: Kind::Stacked {
            series: CATEGORIES
                .iter()
                .enumerate()
                .map(|(c, (_, name))| {
                    (name.to_string(), page.locales.iter().map(|l| l.findings_by_category[c] as f64).collect())
                })
                .collect(),
        },
    });

    // The most inconsistent labels (lexical divergence, seen 5+ times anywhere).
    let mut labels: Vec<(&str, usize)> = Vec::new();
    for (source, total) in
        page.locales.iter().flat_map(|l| &l.label_shares).filter_map(|l| Some((l.source.as_str(), l.lexical_total?)))
    {
        match labels.iter_mut().find(|(s, _)| *s == source) {
            Some(entry) => entry.1 += total,
            None => labels.push((source, total)),
        }
    }
    labels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    labels.truncate(12);
    if !labels.is_empty() {
        let cells = labels
            .iter()
            .map(|(source, _)| {
                page.locales
                    .iter()
                    .map(|l| l.label_shares.iter().find(|x| x.source == *source).map(|x| x.share))
                    .collect()
            })
            .collect();
        out.push(Chart {
            name: "terms",
            title: "Most inconsistent UI labels: share of non-dominant renderings".into(),
            x_label: "locale".into(),
            y_label: "UI label (English)".into(),
            categories: locales.clone(),
            kind: Kind::Heatmap { rows: labels.iter().map(|(s, _)| s.to_string()).collect(), cells },
        });
    }

    // Quality across releases.
    if page.releases.len() > 1 {
        let releases = page.releases.clone();
        let mut series = Vec::new();
        let mut marks = Vec::new();
        for (s, locale) in page.locales.iter().enumerate() {
            let mut line = vec![None; releases.len()];
            for r in &locale.releases {
                if let Some(x) = releases.iter().position(|x| *x == r.release) {
                    line[x] = r.score;
                    // A release that changed labels, not translations.
                    if r.transition() == crate::releases::Transition::RelabelOnly {
                        marks.push((s, x));
                    }
                }
            }
            series.push((locale.locale.clone(), line));
        }
        let lowest = series.iter().flat_map(|(_, v)| v.iter().flatten()).copied().fold(100.0_f64, f64::min);
        out.push(Chart {
            name: "trend",
            title: "Quality score across releases (ringed: relabel-only)".into(),
            x_label: "release".into(),
            y_label: "score (0-100)".into(),
            categories: releases,
            kind: Kind::Lines { series, marks, y_range: ((lowest - 0.5).floor().max(0.0), 100.0) },
        });
    }
    out
}

fn register_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The font is compiled in; it parses, as the chart tests show.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
    });
}

fn chart_error(name: &str, e: impl std::fmt::Display) -> Error {
    Error::Input { path: format!("charts/{name}").into(), line: 0, message: e.to_string() }
}

/// The chart as an SVG document.
pub fn svg(chart: &Chart) -> Result<String> {
    register_font();
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, SIZE).into_drawing_area();
        draw(chart, &root).map_err(|e| chart_error(chart.name, e))?;
        root.present().map_err(|e| chart_error(chart.name, e))?;
    }
    Ok(text)
}

/// The chart as PNG bytes.
pub fn png(chart: &Chart) -> Result<Vec<u8>> {
    register_font();
    let mut pixels = vec![0u8; (SIZE.0 * SIZE.1 * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, SIZE).into_drawing_area();
        draw(chart, &root).map_err(|e| chart_error(chart.name, e))?;
        root.present().map_err(|e| chart_error(chart.name, e))?;
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, SIZE.0, SIZE.1);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // fdeflate: the default (Balanced, flate2) cost 12% of a 30,000-segment scan for six charts.
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| chart_error(chart.name, e))?;
    writer.write_image_data(&pixels).map_err(|e| chart_error(chart.name, e))?;
    writer.finish().map_err(|e| chart_error(chart.name, e))?;
    Ok(bytes)
}

type DrawResult<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Above this many categories their names below the x axis are rotated.
const ROTATE_ABOVE: usize = 8;
/// Pixels a rotated name needs across the axis (the font's line height and a gap).
const ROTATED_PITCH: u32 = 18;
/// Width of a digit of the 14 px DejaVu Sans, which category names (dates, locales) are mostly made of.
const CHAR_WIDTH: u32 = 8;

/// Height of the area below the x axis: the longest name when names are rotated, plus the axis title.
fn x_label_area(chart: &Chart) -> u32 {
    if chart.categories.len() <= ROTATE_ABOVE {
        return 56;
    }
    let longest = chart.categories.iter().map(|c| c.chars().count()).max().unwrap_or(0) as u32;
    (longest * CHAR_WIDTH + 36).clamp(56, 200)
}

/// Which categories are named: every `step`-th counted back from the last (the newest release is
/// always named), so that rotated names never overlap however many categories there are.
fn label_step(categories: usize, plot_width: u32) -> usize {
    let fit = (plot_width / ROTATED_PITCH).max(1) as usize;
    categories.div_ceil(fit).max(1)
}

/// A category's name below the x axis (rotated when there are many, thinned out when they would overlap).
fn category_label<DB: DrawingBackend>(
    c: &mut ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    chart: &Chart,
    y: f64,
) -> DrawResult<()>
where
    DB::ErrorType: 'static,
{
    let n = chart.categories.len();
    let many = n > ROTATE_ABOVE;
    let style = TextStyle::from((FAMILY, 14).into_font())
        .color(&BLACK)
        .pos(Pos::new(if many { HPos::Right } else { HPos::Center }, VPos::Top));
    let style = if many { style.transform(FontTransform::Rotate270) } else { style };
    let step = if many { label_step(n, c.plotting_area().dim_in_pixel().0) } else { 1 };
    c.draw_series(
        chart
            .categories
            .iter()
            .enumerate()
            .filter(|(i, _)| (n - 1 - i).is_multiple_of(step))
            .map(|(i, name)| EmptyElement::at((i as f64 + 0.5, y)) + Text::new(name.clone(), (0, 6), style.clone())),
    )?;
    Ok(())
}

fn draw<DB: DrawingBackend>(chart: &Chart, root: &DrawingArea<DB, plotters::coord::Shift>) -> DrawResult<()>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let n = chart.categories.len().max(1) as f64;
    let font = |size: u32| (FAMILY, size).into_font();
    let (y0, y1, rows) = match &chart.kind {
        Kind::Bars { y_range, .. } | Kind::Lines { y_range, .. } => (y_range.0, y_range.1, 0),
        Kind::Stacked { series } => {
            let top =
                (0..chart.categories.len()).map(|i| series.iter().map(|(_, v)| v[i]).sum::<f64>()).fold(1.0, f64::max);
            (0.0, top * 1.1, 0)
        }
        Kind::Boxes { spreads } => {
            (0.0, spreads.iter().flatten().map(|s| s.quartiles[4]).fold(1.0, f64::max) * 1.05, 0)
        }
        Kind::Heatmap { rows, .. } => (0.0, rows.len().max(1) as f64, rows.len()),
    };
    let left = if rows > 0 { 190 } else { 72 };
    let mut c = ChartBuilder::on(root)
        .caption(&chart.title, font(20))
        .margin(14)
        .x_label_area_size(x_label_area(chart))
        .y_label_area_size(left)
        .build_cartesian_2d(0.0..n, y0..y1)?;
    c.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(if rows > 0 { 0 } else { 10 })
        .x_desc(&chart.x_label)
        .y_desc(&chart.y_label)
        .label_style(font(14))
        .axis_desc_style(font(15))
        .draw()?;
    category_label(&mut c, chart, y0)?;
    let mut legend = true;
    match &chart.kind {
        Kind::Bars { series, .. } => {
            let width = 0.8 / series.len().max(1) as f64;
            for (s, (name, values)) in series.iter().enumerate() {
                let color = PALETTE[s % PALETTE.len()];
                let x = move |i: usize| i as f64 + 0.1 + width * s as f64;
                c.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
                    v.map(|v| Rectangle::new([(x(i), y0), (x(i) + width * 0.92, v.max(y0))], color.filled()))
                }))?
                .label(name.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], color.filled()));
            }
        }
        Kind::Stacked { series } => {
            let mut base = vec![0.0; chart.categories.len()];
            for (s, (name, values)) in series.iter().enumerate() {
                let color = PALETTE[s % PALETTE.len()];
                let bars: Vec<Rectangle<(f64, f64)>> = values
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| **v > 0.0)
                    .map(|(i, v)| {
                        Rectangle::new([(i as f64 + 0.15, base[i]), (i as f64 + 0.85, base[i] + v)], color.filled())
                    })
                    .collect();
                for (i, v) in values.iter().enumerate() {
                    base[i] += v;
                }
                c.draw_series(bars)?
                    .label(name.as_str())
                    .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], color.filled()));
            }
        }
        Kind::Boxes { spreads } => {
            legend = false;
            for (i, spread) in spreads.iter().enumerate() {
                let Some(spread) = spread else { continue };
                let [lo, q1, med, q3, hi] = spread.quartiles;
                let x = i as f64;
                let color = PALETTE[0];
                c.draw_series([
                    Rectangle::new([(x + 0.25, q1), (x + 0.75, q3)], color.mix(0.35).filled()),
                    Rectangle::new([(x + 0.25, q1), (x + 0.75, q3)], color.stroke_width(2)),
                ])?;
                c.draw_series([
                    PathElement::new(vec![(x + 0.25, med), (x + 0.75, med)], BLACK.stroke_width(3)),
                    PathElement::new(vec![(x + 0.5, lo), (x + 0.5, q1)], color.stroke_width(1)),
                    PathElement::new(vec![(x + 0.5, q3), (x + 0.5, hi)], color.stroke_width(1)),
                    PathElement::new(vec![(x + 0.4, lo), (x + 0.6, lo)], color.stroke_width(1)),
                    PathElement::new(vec![(x + 0.4, hi), (x + 0.6, hi)], color.stroke_width(1)),
                ])?;
            }
        }
        Kind::Lines { series, marks, .. } => {
            for (s, (name, values)) in series.iter().enumerate() {
                let color = PALETTE[s % PALETTE.len()];
                let points: Vec<(f64, f64)> =
                    values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f64 + 0.5, v))).collect();
                c.draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))?
                    .label(name.as_str())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], color.stroke_width(2)));
                c.draw_series(points.iter().map(|p| Circle::new(*p, 3, color.filled())))?;
                c.draw_series(marks.iter().filter(|(ms, _)| *ms == s).filter_map(|(_, x)| {
                    values
                        .get(*x)
                        .copied()
                        .flatten()
                        .map(|v| Circle::new((*x as f64 + 0.5, v), 8, color.stroke_width(2)))
                }))?;
            }
        }
        Kind::Heatmap { rows, cells } => {
            legend = false;
            for (r, row) in cells.iter().enumerate() {
                let y = (rows.len() - 1 - r) as f64;
                for (i, cell) in row.iter().enumerate() {
                    let Some(v) = cell else { continue };
                    let shade = RGBColor(255, (255.0 * (1.0 - v * 0.85)) as u8, (255.0 * (1.0 - v)) as u8);
                    c.draw_series([Rectangle::new(
                        [(i as f64 + 0.03, y + 0.05), (i as f64 + 0.97, y + 0.95)],
                        shade.filled(),
                    )])?;
                    let style = TextStyle::from(font(13)).color(&BLACK).pos(Pos::new(HPos::Center, VPos::Center));
                    c.draw_series([Text::new(format!("{:.0}%", v * 100.0), (i as f64 + 0.5, y + 0.5), style)])?;
                }
                let style = TextStyle::from(font(13)).color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center));
                // Long labels are cut with an ellipsis so they never run into the cells.
                let name: String = if rows[r].chars().count() > 26 {
                    rows[r].chars().take(25).chain(['…']).collect()
                } else {
                    rows[r].clone()
                };
                c.draw_series([EmptyElement::at((0.0, y + 0.5)) + Text::new(name, (-8, 0), style)])?;
            }
        }
    }
    if legend {
        c.configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(font(14))
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()?;
    }
    Ok(())
}

/// Every chart of a page as files: (`charts/NAME.svg`, bytes) and (`charts/NAME.png`, bytes).
pub fn render_all(page: &Page) -> Result<Vec<(String, Vec<u8>)>> {
    use rayon::prelude::*;
    let charts = charts(page);
    type Files = Vec<(String, Vec<u8>)>;
    let rendered: Vec<Result<Files>> = charts
        .par_iter()
        .map(|chart| {
            Ok(vec![
                (format!("charts/{}.svg", chart.name), svg(chart)?.into_bytes()),
                (format!("charts/{}.png", chart.name), png(chart)?),
            ])
        })
        .collect();
    let mut files = Vec::new();
    for r in rendered {
        files.extend(r?);
    }
    Ok(files)
}
