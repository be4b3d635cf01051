//! Editing and publishing: supervisors' calls (under `review/`, so the supervisors' route
//! group guards them too) to edit, check, submit, approve, return, withdraw, roll back, retire
//! and create documents; and anyone's call to suggest new wording for a passage. Each checks
//! its role itself and hands the work to the app state.

use crate::domain::{DraftPreview, DraftView, EditorPage, FrontFields, HistoryPage};
use crate::error::AppError;
use leptos::prelude::*;

/// The text the editor's form stands for: the whole text when given (no front-matter form),
/// else the draft's front matter set to the fields, with `body` after it.
#[cfg(feature = "ssr")]
async fn text_of(
    state: &crate::state::AppState,
    id: i64,
    fields: FrontFields,
    body: String,
    whole: Option<String>,
) -> Result<String, AppError> {
    if let Some(text) = whole {
        return Ok(text);
    }
    let draft = crate::editorial::drafts::get(state.store(), id).await?;
    crate::editorial::front_form::join(&draft.body, &fields, &body).map_err(AppError::BadRequest)
}

#[cfg(feature = "ssr")]
fn supervisor() -> Result<(crate::auth::CurrentUser, String), AppError> {
    crate::server_fns::guard::require(crate::domain::Role::Supervisor)
}

#[cfg(feature = "ssr")]
fn state() -> crate::state::AppState {
    expect_context::<crate::state::AppState>()
}

/// Starts (or resumes) the caller's draft of a document and opens it.
#[server(endpoint = "review/start_draft")]
pub async fn start_draft(doc_id: String) -> Result<i64, AppError> {
    let (me, client) = supervisor()?;
    let actor = crate::state::Actor {
        name: &me.username,
        client: &client,
    };
    let id = state().start_draft(&doc_id, &actor).await?;
    leptos_axum::redirect(&format!("/review/draft/{id}"));
    Ok(id)
}

#[server(endpoint = "review/editor")]
pub async fn draft_editor(id: i64) -> Result<EditorPage, AppError> {
    let (me, _) = supervisor()?;
    Ok(state().editor_page(id, &me.username).await?)
}

/// Saves the editor's form. `seen` is the draft's version the form was loaded with (a newer
/// one is refused: someone else saved); `merged` names the revision the text now merges.
#[server(endpoint = "review/save_draft")]
pub async fn save_draft(
    id: i64,
    fields: FrontFields,
    body: String,
    whole: Option<String>,
    note: String,
    seen: i64,
    merged: Option<i64>,
) -> Result<(), AppError> {
    let (me, client) = supervisor()?;
    let state = state();
    let text = text_of(&state, id, fields, body, whole).await?;
    let edit = crate::editorial::drafts::DraftEdit {
        body: &text,
        note: &note,
        user: &me.username,
        rebase: merged,
        seen: Some(seen),
    };
    Ok(state.save_draft(id, edit, &client).await?)
}

/// The editor's form checked and rendered, without saving it.
#[server(endpoint = "review/preview_draft")]
pub async fn preview_draft(
    id: i64,
    fields: FrontFields,
    body: String,
    whole: Option<String>,
) -> Result<DraftPreview, AppError> {
    supervisor()?;
    let state = state();
    let text = text_of(&state, id, fields, body, whole).await?;
    Ok(state.preview_text(id, &text).await?)
}

#[server(endpoint = "review/submit_draft")]
pub async fn submit_draft(id: i64) -> Result<(), AppError> {
    let (me, client) = supervisor()?;
    let actor = crate::state::Actor {
        name: &me.username,
        client: &client,
    };
    Ok(state().submit_draft(id, &actor).await?)
}

/// Approves a draft someone else submitted: publishes it. Returns the new revision.
#[server(endpoint = "review/approve_draft")]
pub async fn approve_draft(id: i64, seen: i64) -> Result<i64, AppError> {
    let (me, client) = supervisor()?;
    let actor = crate::state::Actor {
        name: &me.username,
        client: &client,
    };
    Ok(state().approve_draft(id, Some(seen), &actor).await?)
}

#[server(endpoint = "review/return_draft")]
pub async fn return_draft(id: i64, comment: String) -> Result<(), AppError> {
    let (me, client) = supervisor()?;
    let actor = crate::state::Actor {
        name: &me.username,
        client: &client,
    };
    Ok(state().return_draft(id, &comment, &actor).await?)
}

#[server(endpoint = "review/withdraw_draft")]
pub async fn withdraw_draft(id: i64) -> Result<(), AppError> {
    let (me, client) = supervisor()?;
    let actor = crate::state::Actor {
        name: &me.username,
        client: &client,
    };
    let any = me.role == crate::domain::Role::Admin;
    Ok(state().withdraw_draft(id, any, &actor).await?)
}

#[server(endpoint = "review/history")]
pub async fn document_history(
    doc_id: String,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<HistoryPage, AppError> {
    supervisor()?;
    Ok(state().history_page(&doc_id, from, to).await?)
}

/// A draft bringing back an old revision; opens it.
#[server(endpoint = "review/roll_back")]
pub async fn roll_back(doc_id: String, revision: i64) -> Result<i64, AppError> {
    let (me, client) = supervisor()?;
    let actor = crate::state::Actor {
        name: &me.username,
        client: &client,
    };
    let id = state().roll_back(&doc_id, revision, &actor).await?;
    leptos_axum::redirect(&format!("/review/draft/{id}"));
    Ok(id)
}

/// Submits the retirement of a document for approval; opens it.
#[server(endpoint = "review/retire")]
pub async fn retire_document(doc_id: String, note: String) -> Result<i64, AppError> {
    let (me, client) = supervisor()?;
    let actor = crate::state::Actor {
        name: &me.username,
        client: &client,
    };
    let id = state().retire(&doc_id, &note, &actor).await?;
    leptos_axum::redirect(&format!("/review/draft/{id}"));
    Ok(id)
}

/// Drafts a new document and its twin; opens the first.
#[server(endpoint = "review/create_document")]
pub async fn create_document(
    lang: String,
    doc_id: String,
    title: String,
    topic: String,
) -> Result<i64, AppError> {
    let (me, client) = supervisor()?;
    let lang = crate::domain::Lang::from_code(&lang)
        .ok_or_else(|| AppError::BadRequest("language must be en or es".into()))?;
    if !crate::content::model::TOPICS.contains(&topic.as_str()) {
        return Err(AppError::BadRequest(format!("unknown topic {topic:?}")));
    }
    let actor = crate::state::Actor {
        name: &me.username,
        client: &client,
    };
    let id = state()
        .create_document(lang, doc_id.trim(), &title, &topic, &actor)
        .await?;
    leptos_axum::redirect(&format!("/review/draft/{id}"));
    Ok(id)
}

/// Open drafts, those waiting for approval first.
#[server(endpoint = "review/drafts")]
pub async fn open_drafts() -> Result<Vec<DraftView>, AppError> {
    supervisor()?;
    Ok(state().open_drafts().await?)
}

/// Anyone signed in: new wording for one passage, with a note; a draft for supervisors.
#[server(endpoint = "suggest_edit")]
pub async fn suggest_edit(
    passage_id: String,
    text: String,
    note: String,
    flag_id: Option<i64>,
) -> Result<i64, AppError> {
    let (me, client) = crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let actor = crate::state::Actor {
        name: &me.username,
        client: &client,
    };
    Ok(state()
        .suggest_edit(&passage_id, &text, &note, flag_id, &actor)
        .await?)
}

/// The Markdown of one passage as published, for the suggestion form.
#[server(endpoint = "passage_text")]
pub async fn passage_text(passage_id: String) -> Result<(String, String), AppError> {
    crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let index = state().index();
    index
        .corpus()
        .documents()
        .iter()
        .find_map(|d| {
            d.passages.iter().find(|p| p.id == passage_id).map(|p| {
                let heading = p.heading.clone().unwrap_or_else(|| d.title.clone());
                (heading, p.markdown.clone())
            })
        })
        .ok_or(AppError::NotFound)
}
