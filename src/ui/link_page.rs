//! `/review/links`: teaching the search. A group of logged searches (from the gap queue or the
//! analytics lists: `?normalized=…&q=<how it was typed>`) is linked to the passage that answers
//! it: the supervisor searches for the passage (a plain GET form, so it works without
//! JavaScript) and links one. From then on searches in that group show the passage first. The
//! page lists every link, how many searches it has served and how many of those the engine
//! had no answer for, and removes links. Linking lands on `?linked=<id>`, which confirms it.

use super::review_page::ReviewNav;
use crate::domain::{LinkCandidate, QueryLinkView};
use crate::server_fns::links::{LinkQuery, UnlinkQuery, link_candidates, query_links};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LinksPage() -> impl IntoView {
    let query = use_query_map();
    let normalized = move || query.read().get("normalized").unwrap_or_default();
    let typed = move || query.read().get("q").unwrap_or_default();
    // How the group was typed (the search box may since hold other words).
    let example = move || {
        let given = query.read().get("example");
        given.unwrap_or_else(typed)
    };
    let link = ServerAction::<LinkQuery>::new();
    let unlink = ServerAction::<UnlinkQuery>::new();
    let candidates = Resource::new(typed, |q| async move {
        if q.trim().is_empty() {
            Ok(Vec::new())
        } else {
            link_candidates(q).await
        }
    });
    let links = Resource::new(
        move || (link.version().get(), unlink.version().get()),
        |_| query_links(String::new()),
    );
    // A made link is confirmed on the list it lands on (`?linked=<id>`); failures show here.
    let linked = move || {
        query
            .read()
            .get("linked")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let outcome = move || {
        link.value()
            .get()
            .and_then(|r| r.err())
            .map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })
    };
    view! {
        <Title text="Query links · Helpline Assist" />
        <div class="review">
            <ReviewNav current="/review/links" />
            <h1>"Query links"</h1>
            {move || (!normalized().is_empty()).then(|| view! {
                <section class="link-group" aria-labelledby="link-group-title">
                    <h2 id="link-group-title">"Which passage answers “" {example()} "”?"</h2>
                    <form class="inline-form" method="get" action="/review/links">
                        <input type="hidden" name="normalized" value=normalized() />
                        <input type="hidden" name="example" value=example() />
                        <label for="link-search">"Find the passage"</label>
                        <input id="link-search" name="q" type="search" value=typed() maxlength="500" />
                        <button type="submit">"Search"</button>
                    </form>
                    {outcome}
                    <Suspense fallback=|| view! { <p class="hint">"Searching…"</p> }>
                        {move || candidates.get().map(|answer| match answer {
                            Ok(list) if list.is_empty() => view! { <p class="hint">"No passage matches; try other words."</p> }.into_any(),
                            Ok(list) => view! {
                                <ol class="link-candidates">
                                    {list.into_iter().map(|c| view! { <Candidate candidate=c normalized=normalized() link /> }).collect_view()}
                                </ol>
                            }.into_any(),
                            Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                        })}
                    </Suspense>
                </section>
            })}
            <h2>"Every link"</h2>
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || links.get().map(|answer| match answer {
                    Ok(list) if list.is_empty() => view! {
                        <p class="hint">"No links yet. Link a search from the content-gap queue or the analytics lists."</p>
                    }.into_any(),
                    Ok(list) => {
                        let made = linked().and_then(|id| list.iter().find(|l| l.id == id).cloned());
                        view! {
                            {made.map(|made| view! {
                                <p class="notice" role="status">
                                    "Linked: searches like “" {made.example} "” now show “" {made.passage_label} "” first."
                                </p>
                            })}
                            <LinkTable list unlink />
                        }.into_any()
                    }
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Candidate(
    candidate: LinkCandidate,
    normalized: String,
    link: ServerAction<LinkQuery>,
) -> impl IntoView {
    let LinkCandidate {
        passage_id,
        title,
        heading,
        snippet_html,
        lang,
    } = candidate;
    let marker = passage_id.clone();
    view! {
        <li class="link-candidate" data-passage=marker>
            <p><strong>{title}</strong> " — " {heading} " (" {lang.code()} ")"</p>
            <p class="snippet" inner_html=snippet_html></p>
            <ActionForm action=link attr:class="inline-form">
                <input type="hidden" name="normalized" value=normalized />
                <input type="hidden" name="passage_id" value=passage_id />
                <button type="submit">"Link to this passage"</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn LinkTable(list: Vec<QueryLinkView>, unlink: ServerAction<UnlinkQuery>) -> impl IntoView {
    view! {
        <table class="table links">
            <thead><tr>
                <th scope="col">"Searches like"</th><th scope="col">"Show first"</th>
                <th scope="col">"Linked by"</th><th scope="col">"Searches since"</th>
                <th scope="col">"No-result searches answered"</th><th scope="col">"Remove"</th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|l| {
                    let (doc, anchor) = l.passage_id.split_once('#').map(|(d, a)| (d.to_string(), a.to_string())).unwrap_or_default();
                    view! {
                        <tr data-link=l.normalized.clone()>
                            <td>{l.example}</td>
                            <td><a href=format!("/doc/{doc}#{anchor}")>{l.passage_label}</a></td>
                            <td>{format!("{}, {}", l.created_by, l.created_at)}</td>
                            <td class="num">{l.searches}</td>
                            <td class="num">{l.answered}</td>
                            <td>
                                <ActionForm action=unlink attr:class="inline-form">
                                    <input type="hidden" name="id" value=l.id.to_string() />
                                    <button type="submit">"Remove"</button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
