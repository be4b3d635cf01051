//! The editor: `/review/doc/<id>/edit` opens the signed-in supervisor's draft of a document
//! (starting one when they have none) at `/review/draft/<n>`. The front matter is a form, the
//! body Markdown; with JavaScript, each pause in typing checks and renders the text beside it
//! (without, "Save draft" does). Then submit, approve or send back, withdraw.

use super::NotFound;
use super::diff_view::DiffTable;
use super::editor_panels::{DraftActions, DraftFacts, PreviewPanel};
use super::review_page::ReviewNav;
use crate::domain::{EditorPage, FrontFields, MAX_NOTE_CHARS};
use crate::error::AppError;
use crate::server_fns::editing::{
    ApproveDraft, ReturnDraft, SaveDraft, SubmitDraft, WithdrawDraft, draft_editor, start_draft,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/review/doc/<id>/edit`: resumes or starts the caller's draft and goes to it.
#[component]
pub fn EditDocPage() -> impl IntoView {
    let params = use_params_map();
    let started = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        start_draft,
    );
    view! {
        <div class="review">
            <ReviewNav current="" />
            <Suspense fallback=|| view! { <p class="hint">"Opening the editor…"</p> }>
                {move || started.get().map(|answer| match answer {
                    Ok(id) => view! { <p><a href=format!("/review/draft/{id}")>"Open your draft"</a></p> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// The actions of the editor page, each refreshing it.
#[derive(Clone, Copy)]
pub struct EditorActions {
    pub save: ServerAction<SaveDraft>,
    pub submit: ServerAction<SubmitDraft>,
    pub approve: ServerAction<ApproveDraft>,
    pub send_back: ServerAction<ReturnDraft>,
    pub withdraw: ServerAction<WithdrawDraft>,
}

impl EditorActions {
    fn new() -> EditorActions {
        EditorActions {
            save: ServerAction::new(),
            submit: ServerAction::new(),
            approve: ServerAction::new(),
            send_back: ServerAction::new(),
            withdraw: ServerAction::new(),
        }
    }

    fn versions(&self) -> [usize; 5] {
        [
            self.save.version().get(),
            self.submit.version().get(),
            self.approve.version().get(),
            self.send_back.version().get(),
            self.withdraw.version().get(),
        ]
    }

    /// The last error of any of them.
    fn error(&self) -> Option<AppError> {
        [
            self.save.value().get().and_then(Result::err),
            self.submit.value().get().and_then(Result::err),
            self.approve.value().get().and_then(Result::err),
            self.send_back.value().get().and_then(Result::err),
            self.withdraw.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .last()
    }
}

#[component]
pub fn DraftPage() -> impl IntoView {
    let params = use_params_map();
    let actions = EditorActions::new();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let page = Resource::new(
        move || (id(), actions.versions()),
        |(id, _)| draft_editor(id),
    );
    let published = move || {
        actions.approve.value().get().and_then(Result::ok).map(|revision| {
            view! { <p class="notice" role="status">{format!("Approved and published as revision {revision}.")}</p> }
        })
    };
    view! {
        <div class="review editor">
            <ReviewNav current="" />
            {move || actions.error().map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
            {published}
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || page.get().map(|answer| match answer {
                    Ok(page) => view! { <EditorBody page actions /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn EditorBody(page: EditorPage, actions: EditorActions) -> impl IntoView {
    let editable =
        page.draft.state.is_editable() && page.draft.kind != crate::domain::DraftKind::Retire;
    let preview = RwSignal::new(page.preview.clone());
    let conflict = page.conflict.clone().map(|c| view! {
        <section class="admin-section warning-box" aria-labelledby="conflict-h">
            <h2 id="conflict-h">"Merge needed"</h2>
            <p>{format!(
                "Revision {} was published after this draft started. Merge its changes into the text below, then save with \"my text merges revision {}\".",
                c.latest_revision, c.latest_revision
            )}</p>
            <h3>"Published since (base → latest)"</h3>
            <DiffTable diff=c.theirs />
            <h3>"This draft's changes (base → draft)"</h3>
            <DiffTable diff=c.mine />
            <details><summary>"The latest revision's full text"</summary><pre class="source">{c.latest_body}</pre></details>
        </section>
    });
    let original = page.original_changes.clone().map(|diff| view! {
        <section class="admin-section warning-box" aria-labelledby="original-h">
            <h2 id="original-h">"Needs update: the original changed"</h2>
            <p>"What changed in the English original since this translation was last published:"</p>
            <DiffTable diff />
        </section>
    });
    view! {
        <Title text=format!("Edit: {} · Helpline Assist", page.title) />
        <h1>"Edit: " {page.title.clone()}</h1>
        <DraftFacts page=page.clone() />
        {original}
        {conflict}
        <DraftActions page=page.clone() actions />
        <div class="editor-grid">
            {editable.then(|| view! { <EditorForm page=page.clone() save=actions.save preview /> })}
            <PreviewPanel preview />
        </div>
    }
}

#[component]
fn EditorForm(
    page: EditorPage,
    save: ServerAction<SaveDraft>,
    preview: RwSignal<crate::domain::DraftPreview>,
) -> impl IntoView {
    let id = page.draft.id;
    let on_input = super::editor_panels::live_preview(id, preview);
    let (fields, body, whole) = match page.form.clone() {
        Some((fields, body)) => (fields, body, None),
        None => (
            FrontFields::default(),
            String::new(),
            Some(page.draft.body.clone()),
        ),
    };
    let field = |name: &'static str, label: &'static str, value: String| {
        let input_id = format!("f-{name}");
        view! {
            <label for=input_id.clone()>{label}</label>
            <input id=input_id name=format!("fields[{name}]") value=value />
        }
    };
    view! {
        <ActionForm action=save attr:class="editor-form" on:input=on_input>
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="seen" value=page.draft.version.to_string() />
            {match whole {
                Some(text) => view! {
                    <input type="hidden" name="body" value="" />
                    <label for="f-whole">"Whole text (front matter and Markdown)"</label>
                    <textarea id="f-whole" name="whole" rows="30" spellcheck="true">{text}</textarea>
                }.into_any(),
                None => view! {
                    <fieldset class="front-form">
                        <legend>"Front matter"</legend>
                        {field("title", "Title", fields.title)}
                        {field("topic", "Topic", fields.topic)}
                        {field("owner", "Owner", fields.owner)}
                        {field("last_reviewed", "Last reviewed (YYYY-MM-DD)", fields.last_reviewed)}
                        <label for="f-summary">"Summary"</label>
                        <textarea id="f-summary" name="fields[summary]" rows="3">{fields.summary}</textarea>
                        <label for="f-sources">"Sources, one per line: title | publisher | URL | accessed"</label>
                        <textarea id="f-sources" name="fields[sources]" rows="5">{fields.sources}</textarea>
                    </fieldset>
                    <label for="f-body">"Text (Markdown; a passage per ## heading)"</label>
                    <textarea id="f-body" name="body" rows="30" spellcheck="true">{body}</textarea>
                }.into_any(),
            }}
            <label for="f-note">"Note for the reviewer"</label>
            <input id="f-note" name="note" maxlength=MAX_NOTE_CHARS.to_string() value=page.draft.note.clone() />
            {page.conflict.as_ref().map(|c| view! {
                <label class="check">
                    <input type="checkbox" name="merged" value=c.latest_revision.to_string() />
                    {format!(" my text merges revision {}", c.latest_revision)}
                </label>
            })}
            <button type="submit">"Save draft"</button>
        </ActionForm>
    }
}
