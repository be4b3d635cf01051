//! `/review/gaps`: the content-gap queue. Searches the content could not answer (no result, or
//! nothing opened or copied), grouped by their normalized form; a supervisor assigns an owner,
//! marks content added (naming the document) or dismisses a group.

use super::review_page::ReviewNav;
use crate::domain::{GapPage, GapStatus, GapView};
use crate::server_fns::analytics::{DecideGap, content_gaps};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn GapsPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
    };
    let decide = ServerAction::<DecideGap>::new();
    let gaps = Resource::new(
        move || (status(), page(), decide.version().get()),
        |(s, p, _)| content_gaps(s, Some(p)),
    );
    let outcome = move || {
        decide.value().get().map(|r| match r {
            Ok(()) => view! { <p class="notice" role="status">"Saved."</p> }.into_any(),
            Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
        })
    };
    view! {
        <Title text="Content gaps · Helpline Assist" />
        <div class="review">
            <ReviewNav current="/review/gaps" />
            <h1>"Content gaps"</h1>
            <form class="inline-form filters" method="get" action="/review/gaps">
                <label for="gap-status">"Show"</label>
                <select id="gap-status" name="status">
                    <option value="" selected=move || status().is_empty()>"open and assigned"</option>
                    {GapStatus::ALL.into_iter().map(GapStatus::as_str).map(|s| view! {
                        <option value=s selected=move || status() == s>{s}</option>
                    }).collect_view()}
                </select>
                <button type="submit">"Show"</button>
            </form>
            {outcome}
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || gaps.get().map(|answer| match answer {
                    Ok(found) if found.gaps.is_empty() && found.page <= 1 => view! { <p class="hint">"Nothing here."</p> }.into_any(),
                    Ok(found) => view! {
                        <Pages found=found.clone() status=status() />
                        <table class="table gaps">
                            <thead><tr>
                                <th scope="col">"Search (latest wording)"</th><th scope="col">"Count"</th>
                                <th scope="col">"No result"</th><th scope="col">"First / last seen"</th>
                                <th scope="col">"Status"</th><th scope="col">"Decide"</th>
                            </tr></thead>
                            <tbody>
                                {found.gaps.into_iter().enumerate().map(|(i, gap)| view! { <GapRow gap i decide /> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn GapRow(gap: GapView, i: usize, decide: ServerAction<DecideGap>) -> impl IntoView {
    let normalized = StoredValue::new(gap.group.normalized.clone());
    let form = move |status: &'static str,
                     label: &'static str,
                     field: Option<(&'static str, &'static str)>| {
        let id = format!("gap-{i}-{status}");
        view! {
            <ActionForm action=decide attr:class="inline-form">
                <input type="hidden" name="normalized" value=normalized.get_value() />
                <input type="hidden" name="status" value=status />
                {match field {
                    Some((name, placeholder)) => view! {
                        <label class="visually-hidden" for=id.clone()>{placeholder}</label>
                        <input id=id.clone() name=name placeholder=placeholder maxlength="80" required />
                        <input type="hidden" name=if name == "owner" { "doc_id" } else { "owner" } value="" />
                    }.into_any(),
                    None => view! {
                        <input type="hidden" name="owner" value="" />
                        <input type="hidden" name="doc_id" value="" />
                    }.into_any(),
                }}
                <button type="submit">{label}</button>
            </ActionForm>
        }
    };
    let reopen = !gap.status.is_pending();
    view! {
        <tr data-gap=gap.group.normalized.clone()>
            <td>{gap.group.example.clone()}</td>
            <td class="num">{gap.group.count}</td>
            <td class="num">{gap.group.zero_results}</td>
            <td>{format!("{} / {}", gap.group.first_seen, gap.group.last_seen)}</td>
            <td>
                {gap.status.as_str()}
                {(!gap.owner.is_empty()).then(|| format!(" — {}", gap.owner))}
                {(!gap.doc_id.is_empty()).then(|| view! { " — " <a href=format!("/doc/{}", gap.doc_id)>{gap.doc_id.clone()}</a> })}
                {gap.linked_to.clone().map(|p| view! { " — linked to " <a href=format!("/doc/{p}")>{p.clone()}</a> })}
                {gap.revision.map(|r| view! {
                    " (" <a href=format!("/review/doc/{}/history?to={r}", gap.doc_id)>{format!("revision {r}")}</a> ")"
                })}
            </td>
            <td class="decide">
                <a class="button-link" href=link_href(&gap.group.normalized, &gap.group.example)>"Link to a passage"</a>
                {if reopen {
                    form("open", "Reopen", None).into_any()
                } else {
                    view! {
                        {form("assigned", "Assign", Some(("owner", "owner")))}
                        {form("added", "Content added", Some(("doc_id", "document id")))}
                        {form("dismissed", "Dismiss", None)}
                    }.into_any()
                }}
            </td>
        </tr>
    }
}

/// The query-links page for one group, searching for what it was typed as.
pub fn link_href(normalized: &str, example: &str) -> String {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("normalized", normalized)
        .append_pair("example", example)
        .append_pair("q", example)
        .finish();
    format!("/review/links?{query}")
}

/// "Groups 51–100 of 1,234", with links to the previous and next pages.
#[component]
fn Pages(found: GapPage, status: String) -> impl IntoView {
    let size = found.page_size.max(1);
    let pages = ((found.total + size - 1) / size).max(1) as u32;
    let first = i64::from(found.page - 1) * size + 1;
    let last = (first + found.gaps.len() as i64 - 1).max(first - 1);
    let href = move |page: u32| {
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("status", &status)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/review/gaps?{query}")
    };
    let previous = (found.page > 1).then(|| href(found.page - 1));
    let next = (found.page < pages).then(|| href(found.page + 1));
    view! {
        <nav class="pages" aria-label="Pages">
            <span>{format!("Groups {first}–{last} of {} (page {} of {pages})", found.total, found.page)}</span>
            {previous.map(|h| view! { " " <a href=h rel="prev">"Previous"</a> })}
            {next.map(|h| view! { " " <a href=h rel="next">"Next"</a> })}
        </nav>
    }
}
