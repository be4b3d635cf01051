//! Charts for the analytics page, drawn on the server as SVG strings: searches per day (bars)
//! and per hour of the week (a heat map). No charting code reaches the browser. Every chart
//! has a title and a text summary for screen readers, and every mark has a tooltip.

use chrono::NaiveDate;
use std::fmt::Write;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 24.0;

/// Searches per day as vertical bars, with the busiest day's count on the axis.
pub fn searches_per_day(days: &[(NaiveDate, i64)]) -> String {
    let max = days.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let total: i64 = days.iter().map(|(_, n)| n).sum();
    let plot_w = WIDTH - LEFT - 8.0;
    let plot_h = HEIGHT - BOTTOM - 8.0;
    let slot = plot_w / days.len().max(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="per-day-title per-day-desc" xmlns="http://www.w3.org/2000/svg"><title id="per-day-title">Searches per day</title><desc id="per-day-desc">{total} searches over {} days; the busiest day had {max}.</desc>"#,
        days.len()
    );
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{LEFT}" y1="{y}" x2="{x2}" y2="{y}"/><text class="tick" x="{tx}" y="14" text-anchor="end">{max}</text><text class="tick" x="{tx}" y="{y}" text-anchor="end">0</text>"#,
        y = HEIGHT - BOTTOM,
        x2 = WIDTH - 8.0,
        tx = LEFT - 4.0,
    );
    let label_every = (days.len() / 8).max(1);
    for (i, (day, count)) in days.iter().enumerate() {
        let h = plot_h * (*count as f64) / (max as f64);
        let x = LEFT + slot * i as f64 + slot * 0.1;
        let _ = write!(
            svg,
            r#"<rect class="bar" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}"><title>{day}: {count}</title></rect>"#,
            y = HEIGHT - BOTTOM - h,
            w = (slot * 0.8).max(1.0),
        );
        if i % label_every == 0 {
            let _ = write!(
                svg,
                r#"<text class="tick" x="{x:.1}" y="{y}">{}</text>"#,
                day.format("%m-%d"),
                y = HEIGHT - 6.0,
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Searches per hour of the week (rows Monday to Sunday, columns 0–23 h), darker for busier.
pub fn searches_per_hour(counts: &[[i64; 24]; 7]) -> String {
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1);
    let (busiest_day, busiest_hour) = (0..7)
        .flat_map(|d| (0..24).map(move |h| (d, h)))
        .max_by_key(|&(d, h)| (counts[d][h], std::cmp::Reverse((d, h))))
        .unwrap_or((0, 0));
    let cell_w = (WIDTH - LEFT - 8.0) / 24.0;
    let cell_h = (HEIGHT - BOTTOM - 4.0) / 7.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="per-hour-title per-hour-desc" xmlns="http://www.w3.org/2000/svg"><title id="per-hour-title">Searches per hour of the week</title><desc id="per-hour-desc">Busiest hour: {} {:02}:00 with {} searches.</desc>"#,
        WEEKDAYS[busiest_day], busiest_hour, counts[busiest_day][busiest_hour]
    );
    for (d, row) in counts.iter().enumerate() {
        let y = 4.0 + cell_h * d as f64;
        let _ = write!(
            svg,
            r#"<text class="tick" x="{x}" y="{ty:.1}" text-anchor="end">{}</text>"#,
            WEEKDAYS[d],
            x = LEFT - 4.0,
            ty = y + cell_h * 0.7,
        );
        for (h, count) in row.iter().enumerate() {
            // Five steps of shade, from none to the busiest hour.
            let level = if *count == 0 {
                0
            } else {
                1 + (4 * (*count - 1) / max).min(3)
            };
            let _ = write!(
                svg,
                r#"<rect class="heat heat-{level}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{hh:.1}"><title>{} {h:02}:00: {count}</title></rect>"#,
                WEEKDAYS[d],
                x = LEFT + cell_w * h as f64,
                w = cell_w - 1.0,
                hh = cell_h - 1.0,
            );
        }
    }
    for h in (0..24).step_by(3) {
        let _ = write!(
            svg,
            r#"<text class="tick" x="{x:.1}" y="{y}">{h:02}</text>"#,
            x = LEFT + cell_w * h as f64,
            y = HEIGHT - 6.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bar_per_day_scaled_to_the_busiest() {
        let days: Vec<(NaiveDate, i64)> = (1..=3)
            .map(|d| {
                (
                    NaiveDate::from_ymd_opt(2026, 3, d).expect("date"),
                    d as i64 * 2,
                )
            })
            .collect();
        let svg = searches_per_day(&days);
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 3);
        assert!(svg.contains("<title>2026-03-03: 6</title>"));
        assert!(svg.contains("12 searches over 3 days; the busiest day had 6."));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn heat_map_names_the_busiest_hour() {
        let mut counts = [[0i64; 24]; 7];
        counts[4][18] = 9;
        counts[0][7] = 1;
        let svg = searches_per_hour(&counts);
        assert_eq!(svg.matches("<rect class=\"heat").count(), 7 * 24);
        assert!(svg.contains("Busiest hour: Fri 18:00 with 9 searches."));
        assert!(svg.contains("class=\"heat heat-4\""));
        assert!(svg.contains("class=\"heat heat-1\""));
    }

    #[test]
    fn empty_data_draws_an_empty_chart() {
        assert!(searches_per_day(&[]).contains("0 searches over 0 days"));
        assert!(searches_per_hour(&[[0; 24]; 7]).contains("heat-0"));
    }
}
