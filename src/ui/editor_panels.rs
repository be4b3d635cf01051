//! The editor's panels: the draft's facts, the buttons for its next step (submit; approve or
//! send back for a second supervisor; withdraw), the check and preview beside the text, and
//! the live preview that refreshes them while the author types.

use super::editor_page::EditorActions;
use crate::domain::{DraftKind, DraftPreview, DraftState, EditorPage, MAX_NOTE_CHARS};
use leptos::prelude::*;

#[component]
pub fn DraftFacts(page: EditorPage) -> impl IntoView {
    let draft = page.draft;
    let base = draft
        .base_revision
        .map_or_else(|| "new document".to_string(), |b| format!("revision {b}"));
    view! {
        <dl class="facts">
            <dt>"Draft"</dt>
            <dd>
                <span class=format!("state draft-{}", draft.state.as_str())>{draft.state.as_str()}</span>
                {(draft.kind != DraftKind::Edit).then(|| format!(" ({})", draft.kind.as_str()))}
            </dd>
            <dt>"Document"</dt>
            <dd>
                <a href=format!("/review/doc/{}", page.doc_id)>{page.doc_id.clone()}</a>
                {format!(" · {}", page.lang.code().to_uppercase())}
                {page.retired.then_some(" · retired")}
                " · " <a href=format!("/review/doc/{}/history", page.doc_id)>"history"</a>
            </dd>
            <dt>"Started from"</dt><dd>{base}</dd>
            <dt>"Author"</dt>
            <dd>{draft.author.clone()}{(draft.editor != draft.author).then(|| format!(", last edited by {}", draft.editor))}</dd>
            {draft.submitted_by.clone().map(|by| view! { <dt>"Submitted by"</dt><dd>{by}</dd> })}
            <dt>"Last change"</dt><dd>{draft.updated.clone()}</dd>
            {draft.passage_id.clone().map(|p| view! { <dt>"Suggested for"</dt><dd><code>{p}</code></dd> })}
            {draft.flag_id.map(|f| view! { <dt>"Answers flag"</dt><dd>{format!("#{f}")}</dd> })}
        </dl>
        {(!draft.note.is_empty()).then(|| view! { <p><strong>"Note: "</strong>{draft.note.clone()}</p> })}
        {(!draft.review_comment.is_empty()).then(|| view! {
            <p class="warning"><strong>"Sent back: "</strong>{draft.review_comment.clone()}</p>
        })}
        {(!page.other_drafts.is_empty()).then(|| view! {
            <p class="hint">
                "Other open drafts of this document: "
                {page.other_drafts.iter().map(|d| view! {
                    <a href=format!("/review/draft/{}", d.id)>{format!("#{} by {} ({}) ", d.id, d.editor, d.state.as_str())}</a>
                }).collect_view()}
            </p>
        })}
    }
}

#[component]
pub fn DraftActions(page: EditorPage, actions: EditorActions) -> impl IntoView {
    let draft = page.draft;
    let id = draft.id;
    let version = draft.version;
    let hidden = move || view! { <input type="hidden" name="id" value=id.to_string() /> };
    let submittable =
        draft.state.is_editable() && !page.preview.has_errors() && page.conflict.is_none();
    let reviewing = draft.state == DraftState::Submitted;
    view! {
        <section class="admin-section draft-actions" aria-label="Next step">
            {(draft.state.is_editable()).then(|| view! {
                <ActionForm action=actions.submit attr:class="inline-form">
                    {hidden()}
                    <button type="submit" disabled=!submittable>"Submit for approval"</button>
                    {(!submittable).then(|| view! { <span class="hint">" Save a text without errors (and merged) first."</span> })}
                </ActionForm>
            })}
            {(reviewing && page.can_approve).then(|| view! {
                <ActionForm action=actions.approve attr:class="inline-form">
                    {hidden()}
                    <input type="hidden" name="seen" value=version.to_string() />
                    <button type="submit" class="primary">
                        {if draft.kind == DraftKind::Retire { "Approve and retire" } else { "Approve and publish" }}
                    </button>
                </ActionForm>
                <ActionForm action=actions.send_back attr:class="inline-form">
                    {hidden()}
                    <label for="return-comment">"What needs to change"</label>
                    <input id="return-comment" name="comment" required maxlength=MAX_NOTE_CHARS.to_string() />
                    <button type="submit">"Send back"</button>
                </ActionForm>
            })}
            {(reviewing && !page.can_approve).then(|| view! {
                <p class="hint">"Waiting for another supervisor's approval: the author and the submitter cannot approve their own draft."</p>
            })}
            {draft.state.is_open().then(|| view! {
                <ActionForm action=actions.withdraw attr:class="inline-form">
                    {hidden()}
                    <button type="submit">"Withdraw draft"</button>
                </ActionForm>
            })}
            {draft.published_revision.map(|r| view! {
                <p class="notice">{format!("Published as revision {r}.")}</p>
            })}
        </section>
    }
}

/// `check`'s findings (each at its line) and the text as the document page renders it.
#[component]
pub fn PreviewPanel(preview: RwSignal<DraftPreview>) -> impl IntoView {
    view! {
        <section class="editor-preview" aria-live="polite" aria-labelledby="preview-h">
            <h2 id="preview-h">"Check and preview"</h2>
            {move || {
                let preview = preview.get();
                let problems = preview.problems.clone();
                view! {
                    {if problems.is_empty() {
                        view! { <p class="notice">"No problems found."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="problems">
                                {problems.into_iter().map(|p| view! {
                                    <li class=if p.error { "problem-error" } else { "problem-warning" }>
                                        {format!("Line {}: {}: {}", p.line, if p.error { "error" } else { "warning" }, p.message)}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    {preview.doc.map(|doc| view! {
                        <article class="doc preview-doc" lang=doc.lang.code()>
                            <h3>{doc.title.clone()}</h3>
                            <p class="summary">{doc.summary.clone()}</p>
                            {doc.passages.into_iter().map(|p| view! {
                                <section class="doc-section">
                                    {p.heading.map(|h| view! { <h4>{h}</h4> })}
                                    <div class="passage" inner_html=p.html></div>
                                </section>
                            }).collect_view()}
                        </article>
                    })}
                }
            }}
        </section>
    }
}

/// The form's `input` handler: after a pause in typing, checks and renders the form's text.
pub fn live_preview(
    id: i64,
    preview: RwSignal<DraftPreview>,
) -> impl Fn(leptos::ev::Event) + 'static {
    let typed = StoredValue::new(0u64);
    move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            // The form the edited field belongs to (events are delegated: ask the field).
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|field| field.closest("form").ok().flatten())
                .and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            typed.update_value(|n| *n += 1);
            let mine = typed.get_value();
            set_timeout(
                move || {
                    if typed.get_value() != mine {
                        return;
                    }
                    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                        return;
                    };
                    let get = |name: &str| data.get(name).as_string().unwrap_or_default();
                    let fields = crate::domain::FrontFields {
                        title: get("fields[title]"),
                        topic: get("fields[topic]"),
                        owner: get("fields[owner]"),
                        summary: get("fields[summary]"),
                        last_reviewed: get("fields[last_reviewed]"),
                        sources: get("fields[sources]"),
                    };
                    let whole = data.get("whole").as_string();
                    let body = get("body");
                    leptos::task::spawn_local(async move {
                        let checked =
                            crate::server_fns::editing::preview_draft(id, fields, body, whole)
                                .await;
                        if let Ok(checked) = checked {
                            preview.set(checked);
                        }
                    });
                },
                std::time::Duration::from_millis(400),
            );
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (&ev, id, preview, typed);
        }
    }
}
