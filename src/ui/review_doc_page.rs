//! `/review/doc/<id>`: one document under review. Its state and history, "mark reviewed", and
//! every passage with the flags raised on it, each resolvable with a note.

use super::NotFound;
use super::review_page::ReviewNav;
use crate::domain::{DocumentReview, FlagView, MAX_NOTE_CHARS, QueryLinkView};
use crate::error::AppError;
use crate::server_fns::editing::RetireDocument;
use crate::server_fns::links::query_links;
use crate::server_fns::review::{MarkReviewed, ResolveFlag, review_document};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReviewDocPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let resolve = ServerAction::<ResolveFlag>::new();
    let mark = ServerAction::<MarkReviewed>::new();
    let page = Resource::new(
        move || (id(), resolve.version().get(), mark.version().get()),
        |(id, _, _)| review_document(id),
    );
    let links = Resource::new(|| (), |_| query_links(String::new()));
    let outcome = move || {
        [
            resolve.value().get().and_then(Result::err),
            mark.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .last()
        .map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })
    };
    let marked = move || {
        mark.value()
            .get()
            .and_then(Result::ok)
            .map(|()| view! { <p class="notice" role="status">"Marked reviewed."</p> })
    };
    view! {
        <div class="review">
            <ReviewNav current="" />
            {outcome}
            {marked}
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || page.get().map(|answer| match answer {
                    Ok(review) => {
                        let links = links.get().and_then(Result::ok).unwrap_or_default();
                        view! { <ReviewBody review resolve mark links /> }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ReviewBody(
    review: DocumentReview,
    resolve: ServerAction<ResolveFlag>,
    mark: ServerAction<MarkReviewed>,
    /// Every query link; those to this document's passages are shown under them.
    links: Vec<QueryLinkView>,
) -> impl IntoView {
    let DocumentReview {
        doc,
        status,
        flags,
        history,
    } = review;
    let open = flags.iter().filter(|f| f.open).count();
    let sections = doc
        .passages
        .iter()
        .map(|p| {
            let on_passage: Vec<FlagView> =
                flags.iter().filter(|f| f.passage_id == p.passage_id).cloned().collect();
            let found_by: Vec<String> = links
                .iter()
                .filter(|l| l.passage_id == p.passage_id)
                .map(|l| format!("“{}”", l.example))
                .collect();
            let found_by = (!found_by.is_empty()).then(|| view! {
                <p class="found-by">"Also found by: " {found_by.join(", ")} " (" <a href="/review/links">"query links"</a> ")"</p>
            });
            view! {
                <section class="doc-section" id=p.slug.clone() data-passage=p.passage_id.clone()>
                    {p.heading.clone().map(|h| view! { <h3>{h}</h3> })}
                    <div class="passage" inner_html=p.html.clone()></div>
                    {found_by}
                    {on_passage.into_iter().map(|flag| view! { <FlagCard flag resolve /> }).collect_view()}
                </section>
            }
        })
        .collect_view();
    let gone: Vec<FlagView> = flags
        .iter()
        .filter(|f| !doc.passages.iter().any(|p| p.passage_id == f.passage_id))
        .cloned()
        .collect();
    view! {
        <Title text=format!("Review: {} · Helpline Assist", doc.title) />
        <h1>"Review: " {doc.title.clone()}</h1>
        <dl class="facts">
            <dt>"State"</dt>
            <dd><span class=format!("state state-{}", status.state.as_str())>{status.state.label()}</span></dd>
            <dt>"Last reviewed"</dt>
            <dd>{status.effective_review.clone()}{status.reviewed_by.clone().map(|by| format!(" by {by}"))}</dd>
            <dt>"Due"</dt><dd>{status.due.clone()}</dd>
            <dt>"Owner"</dt><dd>{status.owner.clone()}</dd>
            <dt>"Language"</dt><dd>{status.lang.code().to_uppercase()}</dd>
            <dt>"Open flags"</dt><dd>{open}</dd>
        </dl>
        <EditLinks doc_id=doc.id.clone() />
        {status.changed_since_review.then(|| view! {
            <p class="warning">"The file changed after its last review in the app: that review no longer counts."</p>
        })}
        {status.twin_warning.clone().map(|w| view! { <p class="warning">{w}</p> })}
        <section class="admin-section">
            <h2>"Mark reviewed"</h2>
            <p class="hint">"Records you, today, and the exact content of the file as it is now."</p>
            <ActionForm action=mark attr:class="inline-form">
                <input type="hidden" name="doc_id" value=doc.id.clone() />
                <label for="review-note">"Note"</label>
                <input id="review-note" name="note" maxlength=MAX_NOTE_CHARS.to_string() />
                <button type="submit">"Mark reviewed"</button>
            </ActionForm>
        </section>
        <section class="admin-section">
            <h2>"Passages and flags"</h2>
            {sections}
            {(!gone.is_empty()).then(|| view! {
                <h3>"Flags on passages no longer in the document"</h3>
                {gone.into_iter().map(|flag| view! { <FlagCard flag resolve /> }).collect_view()}
            })}
        </section>
        <section class="admin-section">
            <h2>"Review history"</h2>
            {if history.is_empty() {
                view! { <p class="hint">"Not reviewed in the app yet."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {history.into_iter().map(|r| view! {
                            <li>
                                {format!("{} — {}", r.date, r.reviewer)}
                                {(!r.note.is_empty()).then(|| format!(": {}", r.note))}
                                {(!r.current_content).then(|| view! { " " <span class="badge">"earlier content"</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn FlagCard(flag: FlagView, resolve: ServerAction<ResolveFlag>) -> impl IntoView {
    let note_id = format!("resolve-note-{}", flag.id);
    view! {
        <div class="flag-card" class:open=flag.open data-flag=flag.id>
            <p>
                <strong>{flag.reason.as_str()}</strong>
                {format!(" — {} on {}", flag.created_by, flag.created)}
                {flag.text_changed.then(|| view! { " " <span class="badge">"passage changed since"</span> })}
            </p>
            {(!flag.note.is_empty()).then(|| view! { <blockquote>{flag.note.clone()}</blockquote> })}
            {if flag.open {
                view! {
                    <ActionForm action=resolve attr:class="inline-form">
                        <input type="hidden" name="id" value=flag.id.to_string() />
                        <label for=note_id.clone()>"Resolution"</label>
                        <input id=note_id name="note" maxlength=MAX_NOTE_CHARS.to_string() />
                        <button type="submit">"Resolve"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <p class="hint">
                        {format!("Resolved by {}", flag.resolved_by.clone().unwrap_or_default())}
                        {flag.resolution_note.clone().filter(|n| !n.is_empty()).map(|n| format!(": {n}"))}
                    </p>
                }.into_any()
            }}
        </div>
    }
}

/// Edit, history, and retiring (which a second supervisor approves).
#[component]
fn EditLinks(doc_id: String) -> impl IntoView {
    let retire = ServerAction::<RetireDocument>::new();
    view! {
        <p class="doc-tools">
            <a href=format!("/review/doc/{doc_id}/edit")>"Edit"</a>
            " · "
            <a href=format!("/review/doc/{doc_id}/history")>"History"</a>
        </p>
        <details class="retire">
            <summary>"Retire this document"</summary>
            <p class="hint">"Once another supervisor approves, it is no longer served or searchable; its history is kept."</p>
            <ActionForm action=retire attr:class="inline-form">
                <input type="hidden" name="doc_id" value=doc_id.clone() />
                <label for="retire-note">"Why"</label>
                <input id="retire-note" name="note" required maxlength=MAX_NOTE_CHARS.to_string() />
                <button type="submit">"Submit retirement"</button>
            </ActionForm>
            {move || retire.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
        </details>
    }
}
