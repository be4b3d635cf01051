//! `/review/doc/<id>/history`: every published revision of a document (author, approver,
//! note), a side-by-side diff of any two (`?from=&to=`, chosen with a form that works without
//! JavaScript), a roll back from any old revision, and the document's drafts.

use super::NotFound;
use super::diff_view::DiffTable;
use super::review_page::ReviewNav;
use crate::domain::HistoryPage;
use crate::error::AppError;
use crate::server_fns::editing::{RollBack, document_history};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HistoryPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let number = move |name: &str| query.read().get(name).and_then(|v| v.parse::<i64>().ok());
    let page = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                number("from"),
                number("to"),
            )
        },
        |(id, from, to)| document_history(id, from, to),
    );
    let roll_back = ServerAction::<RollBack>::new();
    view! {
        <div class="review">
            <ReviewNav current="" />
            {move || roll_back.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || page.get().map(|answer| match answer {
                    Ok(history) => view! { <HistoryBody history roll_back /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn HistoryBody(history: HistoryPage, roll_back: ServerAction<RollBack>) -> impl IntoView {
    let HistoryPage {
        doc_id,
        title,
        retired,
        revisions,
        diff,
        from,
        to,
        drafts,
    } = history;
    let latest = revisions.first().map(|r| r.id);
    let choices = choices(&revisions);
    let from_options = options(&choices, from);
    let to_options = options(&choices, to);
    let rows = revisions
        .iter()
        .map(|r| {
            let doc = doc_id.clone();
            let id = r.id;
            let older = Some(r.id) != latest && !r.retired && !retired;
            view! {
                <tr>
                    <td>{r.id}</td>
                    <td>{r.created.clone()}</td>
                    <td>{r.author.clone()}</td>
                    <td>{r.approver.clone().unwrap_or_else(|| "—".into())}</td>
                    <td>{if r.retired { format!("retired. {}", r.note) } else { r.note.clone() }}</td>
                    <td><code title=r.sha256.clone()>{r.sha256.chars().take(12).collect::<String>()}</code></td>
                    <td>
                        {older.then(|| view! {
                            <ActionForm action=roll_back attr:class="inline-form">
                                <input type="hidden" name="doc_id" value=doc.clone() />
                                <input type="hidden" name="revision" value=id.to_string() />
                                <button type="submit">"Roll back to this"</button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("History: {title} · Helpline Assist") />
        <h1>"History: " {title.clone()}</h1>
        <p>
            <a href=format!("/review/doc/{doc_id}")>"Review page"</a>
            {(!retired).then(|| view! { " · " <a href=format!("/review/doc/{doc_id}/edit")>"Edit"</a> })}
            {retired.then_some(" · This document is retired: it is no longer served or searchable.")}
        </p>
        <table class="queue">
            <thead><tr>
                <th scope="col">"Revision"</th><th scope="col">"Published"</th><th scope="col">"Author"</th>
                <th scope="col">"Approved by"</th><th scope="col">"Note"</th><th scope="col">"SHA-256"</th><th></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <h2>"Compare"</h2>
        <form method="get" class="inline-form">
            <label for="from">"From"</label>
            <select id="from" name="from">{from_options}</select>
            <label for="to">"to"</label>
            <select id="to" name="to">{to_options}</select>
            <button type="submit">"Show the changes"</button>
        </form>
        {match diff {
            Some(diff) => view! { <DiffTable diff /> }.into_any(),
            None => view! { <p class="hint">"Only one revision so far."</p> }.into_any(),
        }}
        <h2>"Drafts"</h2>
        {if drafts.is_empty() {
            view! { <p class="hint">"No drafts."</p> }.into_any()
        } else {
            view! {
                <ul>{drafts.into_iter().map(|d| view! {
                    <li><a href=format!("/review/draft/{}", d.id)>{format!("Draft #{} — {} by {} ({})", d.id, d.state.as_str(), d.editor, d.updated)}</a></li>
                }).collect_view()}</ul>
            }.into_any()
        }}
    }
}

fn choices(revisions: &[crate::domain::RevisionView]) -> Vec<(i64, String)> {
    revisions
        .iter()
        .map(|r| (r.id, format!("{} — {}", r.id, r.created)))
        .collect()
}

fn options(options: &[(i64, String)], selected: Option<i64>) -> impl IntoView + use<> {
    options
        .iter()
        .map(|(id, label)| view! { <option value=id.to_string() selected=Some(*id) == selected>{label.clone()}</option> })
        .collect_view()
}
