//! `/review/analytics`: searches per day and per hour of the week (SVG drawn by the server),
//! top queries, queries with no result, queries after which nothing was opened or copied, and
//! click-through by rank, for a date range; each list downloads as CSV.

use super::review_page::ReviewNav;
use crate::domain::{AnalyticsView, QueryGroupView};
use crate::server_fns::analytics::search_analytics;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let query = use_query_map();
    let range = move || {
        let q = query.read();
        (
            q.get("from").unwrap_or_default(),
            q.get("to").unwrap_or_default(),
        )
    };
    let data = Resource::new(range, |(from, to)| search_analytics(from, to));
    view! {
        <Title text="Search analytics · Helpline Assist" />
        <div class="review">
            <ReviewNav current="/review/analytics" />
            <h1>"Search analytics"</h1>
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || data.get().map(|answer| match answer {
                    Ok(view) => view! { <Analytics data=view /> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Analytics(data: AnalyticsView) -> impl IntoView {
    let csv = |kind: &str| {
        format!(
            "/api/analytics/queries?kind={kind}&from={}&to={}&format=csv",
            data.from, data.to
        )
    };
    let click_rate = if data.searches_with_hits > 0 {
        let used: i64 = data.by_rank.iter().map(|r| r.uses).sum();
        format!(
            "{:.0}%",
            100.0 * used as f64 / data.searches_with_hits as f64
        )
    } else {
        "—".to_string()
    };
    view! {
        <form class="inline-form filters" method="get" action="/review/analytics">
            <label for="from">"From"</label>
            <input id="from" name="from" type="date" value=data.from.clone() />
            <label for="to">"To"</label>
            <input id="to" name="to" type="date" value=data.to.clone() />
            <button type="submit">"Show"</button>
        </form>
        {(!data.logging).then(|| view! {
            <p class="warning">"Search logging is off (HELPLINE_QUERY_LOG=off): nothing new is recorded."</p>
        })}
        <p class="hint">
            {format!(
                "Searches are stored without user names, with phone numbers, email addresses, dates and long numbers removed, and deleted after {} days.",
                data.retention_days
            )}
        </p>
        <dl class="facts">
            <dt>"Searches"</dt><dd>{data.searches}</dd>
            <dt>"With results"</dt><dd>{data.searches_with_hits}</dd>
            <dt>"Opened or copied"</dt><dd>{click_rate}</dd>
            <dt>"No-result searches answered by query links"</dt><dd class="links-answered">{data.answered_by_links}</dd>
            <dt>"Searches led by query links"</dt><dd>{data.led_by_links}</dd>
        </dl>
        <div class="charts">
            <figure><super::charts::SearchesPerDay days=data.per_day.clone() /></figure>
            <figure><super::charts::SearchesPerHour counts=data.per_hour /></figure>
        </div>
        <section class="admin-section">
            <h2>"Click-through by rank"</h2>
            <table class="table">
                <thead><tr><th scope="col">"Rank"</th><th scope="col">"Used"</th><th scope="col">"Of searches with results"</th></tr></thead>
                <tbody>
                    {data.by_rank.iter().map(|r| view! {
                        <tr><td class="num">{r.rank}</td><td class="num">{r.uses}</td><td class="num">{format!("{:.1}%", r.rate * 100.0)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <Groups title="Top searches" groups=data.top.clone() csv=csv("top") linkable=false />
        <Groups title="Searches with no result" groups=data.zero.clone() csv=csv("zero") linkable=true />
        <Groups title="Searches after which nothing was opened or copied" groups=data.no_click.clone() csv=csv("noclick") linkable=true />
    }
}

#[component]
pub fn Groups(
    title: &'static str,
    groups: Vec<QueryGroupView>,
    csv: String,
    /// Each row links to choosing the passage that answers it.
    linkable: bool,
) -> impl IntoView {
    view! {
        <section class="admin-section">
            <h2>{title}</h2>
            <p><a href=csv download>"Download CSV"</a></p>
            {if groups.is_empty() {
                view! { <p class="hint">"None in this range."</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr><th scope="col">"Search (latest wording)"</th><th scope="col">"Count"</th><th scope="col">"No result"</th><th scope="col">"First seen"</th><th scope="col">"Last seen"</th>{linkable.then(|| view! { <th scope="col">"Teach the search"</th> })}</tr></thead>
                        <tbody>
                            {groups.into_iter().map(|g| { let href = super::gaps_page::link_href(&g.normalized, &g.example); view! {
                                <tr><td>{g.example}</td><td class="num">{g.count}</td><td class="num">{g.zero_results}</td><td>{g.first_seen}</td><td>{g.last_seen}</td>
                                    {linkable.then(|| view! { <td><a href=href.clone()>"Link to a passage"</a></td> })}</tr>
                            }}).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
