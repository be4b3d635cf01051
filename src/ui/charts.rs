//! The analytics page's charts, drawn with Leptos's typed SVG from the counts the server sends:
//! searches per day (bars) and per hour of the week (a heat map). Every chart has a title and a
//! text summary for screen readers, and every mark a tooltip. The geometry is plain functions.

use crate::domain::DayCount;
use leptos::prelude::*;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 24.0;
const VIEW_BOX: &str = "0 0 720 180";
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// One bar: where it stands, how tall, and its tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub label: String,
    /// The day written under the axis (every few bars), if any.
    pub tick: Option<String>,
}

/// The bars of searches per day, scaled to the busiest day, and the summary sentence.
pub fn day_bars(days: &[DayCount]) -> (Vec<Bar>, String) {
    let max = days.iter().map(|d| d.count).max().unwrap_or(0).max(1);
    let total: i64 = days.iter().map(|d| d.count).sum();
    let slot = (WIDTH - LEFT - 8.0) / days.len().max(1) as f64;
    let plot_h = HEIGHT - BOTTOM - 8.0;
    let label_every = (days.len() / 8).max(1);
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let height = plot_h * d.count as f64 / max as f64;
            Bar {
                x: LEFT + slot * i as f64 + slot * 0.1,
                y: HEIGHT - BOTTOM - height,
                width: (slot * 0.8).max(1.0),
                height,
                label: format!("{}: {}", d.day, d.count),
                tick: (i % label_every == 0).then(|| d.day.get(5..).unwrap_or(&d.day).to_string()),
            }
        })
        .collect();
    let summary = format!(
        "{total} searches over {} days; the busiest day had {max}.",
        days.len()
    );
    (bars, summary)
}

/// A heat-map cell's shade, 0 (none) to 4 (the busiest hours).
pub fn heat_level(count: i64, max: i64) -> i64 {
    if count == 0 {
        0
    } else {
        1 + (4 * (count - 1) / max.max(1)).min(3)
    }
}

/// The busiest hour of the week as a sentence ("Busiest hour: Fri 18:00 with 9 searches.").
pub fn busiest_hour(counts: &[[i64; 24]; 7]) -> String {
    let (day, hour) = (0..7)
        .flat_map(|d| (0..24).map(move |h| (d, h)))
        .max_by_key(|&(d, h)| (counts[d][h], std::cmp::Reverse((d, h))))
        .unwrap_or((0, 0));
    format!(
        "Busiest hour: {} {hour:02}:00 with {} searches.",
        WEEKDAYS[day], counts[day][hour]
    )
}

#[component]
pub fn SearchesPerDay(days: Vec<DayCount>) -> impl IntoView {
    let (bars, summary) = day_bars(&days);
    view! {
        <svg class="chart" viewBox=VIEW_BOX role="img" aria-labelledby="per-day-title per-day-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="per-day-title">"Searches per day"</title>
            <desc id="per-day-desc">{summary}</desc>
            <line class="axis" x1=LEFT y1=HEIGHT - BOTTOM x2=WIDTH - 8.0 y2=HEIGHT - BOTTOM />
            {bars.into_iter().map(|bar| view! {
                <rect class="bar" x=format!("{:.1}", bar.x) y=format!("{:.1}", bar.y) width=format!("{:.1}", bar.width) height=format!("{:.1}", bar.height)>
                    <title>{bar.label}</title>
                </rect>
                {bar.tick.map(|tick| view! { <text class="tick" x=format!("{:.1}", bar.x) y=HEIGHT - 6.0>{tick}</text> })}
            }).collect_view()}
        </svg>
    }
}

#[component]
pub fn SearchesPerHour(counts: [[i64; 24]; 7]) -> impl IntoView {
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1);
    let cell_w = (WIDTH - LEFT - 8.0) / 24.0;
    let cell_h = (HEIGHT - BOTTOM - 4.0) / 7.0;
    let rows = counts.iter().enumerate().map(|(d, row)| {
        let y = 4.0 + cell_h * d as f64;
        let cells = row.iter().enumerate().map(|(h, &count)| view! {
            <rect class=format!("heat heat-{}", heat_level(count, max)) x=format!("{:.1}", LEFT + cell_w * h as f64) y=format!("{y:.1}") width=format!("{:.1}", cell_w - 1.0) height=format!("{:.1}", cell_h - 1.0)>
                <title>{format!("{} {h:02}:00: {count}", WEEKDAYS[d])}</title>
            </rect>
        }).collect_view();
        view! {
            <text class="tick" x=LEFT - 4.0 y=format!("{:.1}", y + cell_h * 0.7) text-anchor="end">{WEEKDAYS[d]}</text>
            {cells}
        }
    }).collect_view();
    let hours = (0..24).step_by(3).map(|h| view! {
        <text class="tick" x=format!("{:.1}", LEFT + cell_w * h as f64) y=HEIGHT - 6.0>{format!("{h:02}")}</text>
    }).collect_view();
    view! {
        <svg class="chart" viewBox=VIEW_BOX role="img" aria-labelledby="per-hour-title per-hour-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="per-hour-title">"Searches per hour of the week"</title>
            <desc id="per-hour-desc">{busiest_hour(&counts)}</desc>
            {rows}
            {hours}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(day: &str, count: i64) -> DayCount {
        DayCount {
            day: day.into(),
            count,
        }
    }

    #[test]
    fn one_bar_per_day_scaled_to_the_busiest() {
        let days = [
            day("2026-03-01", 2),
            day("2026-03-02", 4),
            day("2026-03-03", 6),
        ];
        let (bars, summary) = day_bars(&days);
        assert_eq!(bars.len(), 3);
        assert_eq!(bars[2].label, "2026-03-03: 6");
        assert_eq!(summary, "12 searches over 3 days; the busiest day had 6.");
        assert!((bars[2].height - 2.0 * bars[0].height * 1.5).abs() < 1e-9);
        assert_eq!(bars[0].tick.as_deref(), Some("03-01"));
    }

    #[test]
    fn heat_map_names_the_busiest_hour() {
        let mut counts = [[0i64; 24]; 7];
        counts[4][18] = 9;
        counts[0][7] = 1;
        assert_eq!(
            busiest_hour(&counts),
            "Busiest hour: Fri 18:00 with 9 searches."
        );
        assert_eq!(heat_level(9, 9), 4);
        assert_eq!(heat_level(1, 9), 1);
        assert_eq!(heat_level(0, 9), 0);
    }

    #[test]
    fn empty_data_draws_an_empty_chart() {
        let (bars, summary) = day_bars(&[]);
        assert!(bars.is_empty());
        assert!(summary.contains("0 searches over 0 days"));
        assert_eq!(heat_level(0, 0), 0);
    }

    #[test]
    fn the_charts_render_as_svg_with_a_mark_per_count() {
        let html = view! { <SearchesPerDay days=vec![day("2026-03-02", 1)] /> }.to_html();
        assert!(html.starts_with("<svg"), "{html}");
        assert!(html.contains("<title>2026-03-02: 1</title>"), "{html}");
        let html = view! { <SearchesPerHour counts=[[0; 24]; 7] /> }.to_html();
        assert_eq!(
            html.matches("class=\"heat heat-0\"").count(),
            7 * 24,
            "{html}"
        );
    }
}
