//! The review queue's editing panel: open drafts (those waiting for approval first, then
//! specialists' suggestions and drafts in progress), and a form to start a new document with
//! its twin in the other language.

use crate::domain::{DraftState, TOPICS};
use crate::server_fns::editing::{CreateDocument, open_drafts};
use leptos::prelude::*;

#[component]
pub fn DraftsPanel() -> impl IntoView {
    let drafts = Resource::new(|| (), |_| open_drafts());
    let create = ServerAction::<CreateDocument>::new();
    view! {
        <section class="admin-section" aria-labelledby="drafts-h">
            <h2 id="drafts-h">"Drafts"</h2>
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || drafts.get().map(|answer| match answer {
                    Ok(list) if list.is_empty() => view! { <p class="hint">"No open drafts."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="drafts">
                            {list.into_iter().map(|d| {
                                let what = match d.state {
                                    DraftState::Submitted => "waiting for approval",
                                    DraftState::Suggested => "suggested",
                                    DraftState::Returned => "sent back",
                                    _ => "in progress",
                                };
                                view! {
                                    <li data-draft=d.id>
                                        <a href=format!("/review/draft/{}", d.id)>{format!("{} — {}", d.doc_id, what)}</a>
                                        {format!(" · {} by {} · {}", d.kind.as_str(), d.editor, d.updated)}
                                        {(!d.note.is_empty()).then(|| format!(" · “{}”", d.note))}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
            <details>
                <summary>"New document"</summary>
                <ActionForm action=create attr:class="inline-form">
                    <label for="new-lang">"Language"</label>
                    <select id="new-lang" name="lang">
                        <option value="en">"English"</option>
                        <option value="es">"Spanish"</option>
                    </select>
                    <label for="new-id">"Id (lowercase-with-dashes)"</label>
                    <input id="new-id" name="doc_id" required pattern="[a-z0-9-]+" />
                    <label for="new-title">"Title"</label>
                    <input id="new-title" name="title" required />
                    <label for="new-topic">"Topic"</label>
                    <select id="new-topic" name="topic">
                        {TOPICS.iter().map(|t| view! { <option value=*t>{*t}</option> }).collect_view()}
                    </select>
                    <button type="submit">"Create draft and its twin"</button>
                </ActionForm>
                {move || create.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
            </details>
        </section>
    }
}
