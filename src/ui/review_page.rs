//! `/review`: the supervisors' review queue. Every document with its owner, language, review
//! state, open flags and translation warnings; filtered and sorted through the address
//! (`?state=overdue&owner=…&topic=…&lang=es&sort=owner`), so the form works without JavaScript.

use crate::domain::{ReviewQueueRow, ReviewState};
use crate::server_fns::review::review_queue;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The review area's own navigation.
#[component]
pub fn ReviewNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, label: &'static str| {
        view! {
            <a href=href aria-current=(current == href).then_some("page")>{label}</a>
        }
    };
    view! {
        <nav class="review-nav" aria-label="Review">
            {link("/review", "Review queue")}
            {link("/review/analytics", "Search analytics")}
            {link("/review/gaps", "Content gaps")}
            {link("/review/links", "Query links")}
        </nav>
    }
}

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let rows = Resource::new(|| (), |_| review_queue());
    let content = Resource::new(|| (), |_| crate::server_fns::content_status());
    view! {
        <Title text="Review queue · Helpline Assist" />
        <div class="review">
            <ReviewNav current="/review" />
            <h1>"Review queue"</h1>
            <super::drafts_panel::DraftsPanel />
            <Suspense>
                {move || content.get().and_then(Result::ok).filter(|s| !s.last_reload_errors.is_empty()).map(|s| view! {
                    <div class="warning" role="alert">
                        <p><strong>"The latest content change was refused; the previous content is still served:"</strong></p>
                        <ul>{s.last_reload_errors.into_iter().map(|e| view! { <li><code>{e}</code></li> }).collect_view()}</ul>
                    </div>
                })}
            </Suspense>
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || rows.get().map(|answer| match answer {
                    Ok(rows) => {
                        let filters = Filters {
                            state: param("state"),
                            owner: param("owner"),
                            topic: param("topic"),
                            lang: param("lang"),
                            sort: param("sort"),
                        };
                        view! { <QueueTable rows filters /> }.into_any()
                    }
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[derive(Clone, Debug, Default)]
struct Filters {
    state: String,
    owner: String,
    topic: String,
    lang: String,
    sort: String,
}

impl Filters {
    fn keeps(&self, row: &ReviewQueueRow) -> bool {
        (self.state.is_empty() || row.state.as_str() == self.state)
            && (self.owner.is_empty() || row.owner == self.owner)
            && (self.topic.is_empty() || row.topic == self.topic)
            && (self.lang.is_empty() || row.lang.code() == self.lang)
    }
}

fn choices(rows: &[ReviewQueueRow], of: impl Fn(&ReviewQueueRow) -> String) -> Vec<String> {
    let mut values: Vec<String> = rows.iter().map(of).collect();
    values.sort();
    values.dedup();
    values
}

#[component]
fn Choice(
    name: &'static str,
    label: &'static str,
    values: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    let id = format!("filter-{name}");
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id name=name>
            <option value="" selected=chosen.is_empty()>"All"</option>
            {values.into_iter().map(|(value, text)| {
                let selected = value == chosen;
                view! { <option value=value selected=selected>{text}</option> }
            }).collect_view()}
        </select>
    }
}

#[component]
fn QueueTable(rows: Vec<ReviewQueueRow>, filters: Filters) -> impl IntoView {
    let states = ReviewState::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect();
    let pairs = |v: Vec<String>| v.into_iter().map(|x| (x.clone(), x)).collect::<Vec<_>>();
    let owners = pairs(choices(&rows, |r| r.owner.clone()));
    let topics = pairs(choices(&rows, |r| r.topic.clone()));
    let langs = pairs(choices(&rows, |r| r.lang.code().to_string()));
    let sorts = vec![
        ("".to_string(), "Most urgent first".to_string()),
        ("owner".to_string(), "Owner".to_string()),
        ("title".to_string(), "Title".to_string()),
        ("flags".to_string(), "Most flags".to_string()),
    ];
    let mut shown: Vec<ReviewQueueRow> = rows.into_iter().filter(|r| filters.keeps(r)).collect();
    match filters.sort.as_str() {
        "owner" => {
            shown.sort_by(|a, b| (&a.owner, a.state, &a.due).cmp(&(&b.owner, b.state, &b.due)))
        }
        "title" => shown.sort_by(|a, b| a.title.cmp(&b.title)),
        "flags" => {
            shown.sort_by(|a, b| b.open_flags.cmp(&a.open_flags).then(a.state.cmp(&b.state)))
        }
        _ => {}
    }
    let count = shown.len();
    view! {
        <form class="inline-form filters" method="get" action="/review">
            <Choice name="state" label="State" values=states chosen=filters.state.clone() />
            <Choice name="owner" label="Owner" values=owners chosen=filters.owner.clone() />
            <Choice name="topic" label="Topic" values=topics chosen=filters.topic.clone() />
            <Choice name="lang" label="Language" values=langs chosen=filters.lang.clone() />
            <label for="filter-sort">"Sort"</label>
            <select id="filter-sort" name="sort">
                {sorts.into_iter().map(|(value, text)| {
                    let selected = value == filters.sort;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            <button type="submit">"Apply"</button>
        </form>
        <p class="hint" role="status">{format!("{count} documents")}</p>
        <table class="table queue">
            <thead>
                <tr>
                    <th scope="col">"Document"</th><th scope="col">"Lang"</th><th scope="col">"Owner"</th>
                    <th scope="col">"State"</th><th scope="col">"Reviewed"</th><th scope="col">"Due"</th>
                    <th scope="col">"Open flags"</th><th scope="col">"Warnings"</th>
                </tr>
            </thead>
            <tbody>
                {shown.into_iter().map(|row| view! {
                    <tr data-doc=row.doc_id.clone()>
                        <td><a href=format!("/review/doc/{}", row.doc_id)>{row.title.clone()}</a></td>
                        <td>{row.lang.code().to_uppercase()}</td>
                        <td>{row.owner.clone()}</td>
                        <td><span class=format!("state state-{}", row.state.as_str())>{row.state.label()}</span></td>
                        <td>{row.effective_review.clone()}{row.reviewed_by.clone().map(|by| format!(" by {by}"))}</td>
                        <td>{row.due.clone()}</td>
                        <td class="num">{row.open_flags}</td>
                        <td>
                            {row.needs_update.then(|| view! {
                                <p class="warning">
                                    "Needs update: its original was published since. "
                                    <a href=format!("/review/doc/{}/edit", row.doc_id)>"Update"</a>
                                </p>
                            })}
                            {row.changed_since_review.then(|| view! { <p class="warning">"Changed since its last review"</p> })}
                            {row.twin_warning.clone().map(|w| view! { <p class="warning">{w}</p> })}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
