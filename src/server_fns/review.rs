//! Supervisors' calls for the review cycle: the queue, one document's review page, resolving
//! a flag and marking a document reviewed. Each checks the supervisor role itself.

use crate::domain::{DocumentReview, ReviewQueueRow};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn supervisor() -> Result<(crate::auth::CurrentUser, String), AppError> {
    crate::server_fns::guard::require(crate::domain::Role::Supervisor)
}

#[server(endpoint = "review/queue")]
pub async fn review_queue() -> Result<Vec<ReviewQueueRow>, AppError> {
    use crate::state::AppState;
    supervisor()?;
    let state = expect_context::<AppState>();
    let index = state.index();
    let mut rows = state.review().queue(index.corpus(), state.today()).await?;
    let stale = state.translations_needing_update().await?;
    for row in &mut rows {
        row.needs_update = stale.contains(&row.doc_id);
    }
    // Translations waiting for their original's changes come first.
    rows.sort_by_key(|row| !row.needs_update);
    Ok(rows)
}

#[server(endpoint = "review/document")]
pub async fn review_document(id: String) -> Result<DocumentReview, AppError> {
    use crate::state::AppState;
    supervisor()?;
    let state = expect_context::<AppState>();
    let index = state.index();
    state
        .review()
        .document(index.corpus(), &id, state.today())
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "review/resolve_flag")]
pub async fn resolve_flag(id: i64, note: String) -> Result<(), AppError> {
    use crate::state::AppState;
    let (me, client) = supervisor()?;
    expect_context::<AppState>()
        .review()
        .resolve_flag(&me.username, id, &note, &client)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "review/mark_reviewed")]
pub async fn mark_reviewed(doc_id: String, note: String) -> Result<(), AppError> {
    use crate::state::AppState;
    let (me, client) = supervisor()?;
    let state = expect_context::<AppState>();
    let index = state.index();
    state
        .review()
        .mark_reviewed(
            index.corpus(),
            &me.username,
            &doc_id,
            &note,
            state.now().timestamp(),
            &client,
        )
        .await
        .map_err(AppError::from)
}
