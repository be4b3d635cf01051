//! The pane's search calls: a search per keystroke, sent light (the whole passage for the first
//! hit only), and the whole of another hit when the specialist picks it.

use crate::domain::{SearchHit, SearchResponse};
use crate::error::AppError;
use leptos::prelude::*;

/// Searches for the pane. Same engine and checks as `GET /api/search`. With a `topic` and no
/// query, lists that topic's passages in reading order instead (a page of 50 from `offset`,
/// under the same concurrency cap as searches). The search is logged
/// (redacted, with the role only); `previous` names the search this one continues while the
/// specialist is still typing, so the log keeps what they settled on. Only the first hit comes
/// whole; the others carry what the list shows (`SearchHit::partial`) and are fetched with
/// [`pane_hit`] when picked.
#[server(endpoint = "pane_search")]
pub async fn pane_search(
    q: String,
    lang: Option<String>,
    topic: Option<String>,
    #[server(default)] previous: Option<String>,
    #[server(default)] offset: Option<usize>,
) -> Result<SearchResponse, AppError> {
    use crate::search::SearchRequest;
    use crate::state::AppState;

    let (me, _) = crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let state = expect_context::<AppState>();
    let mut request = SearchRequest::from_params(Some(&q), lang.as_deref(), None)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    request.whole = crate::search::Whole::First;
    if let Some(topic) = topic.filter(|t| !t.is_empty() && q.trim().is_empty()) {
        let lang = request.lang.unwrap_or(crate::domain::Lang::En);
        // Browsing renders up to a page of passages: it takes a search slot like a search.
        let permit = state.search_slot().await.ok_or(AppError::Busy)?;
        let index = state.index();
        return tokio::task::spawn_blocking(move || {
            let _permit = permit;
            index.browse(&topic, lang, offset.unwrap_or(0))
        })
        .await
        .map_err(|err| {
            tracing::error!("browse failed: {err}");
            AppError::Internal
        });
    }
    let mut response = state.search(request).await.map_err(|err| match err {
        crate::state::ServiceError::Busy => AppError::Busy,
        err => {
            tracing::error!("pane search failed: {err}");
            AppError::Internal
        }
    })?;
    let index = state.index();
    let now = state.now().timestamp();
    // The search has its answer; a log that cannot be written must not take it away.
    response.search_ref = state
        .review()
        .log_search(index.corpus(), me.role, &response, previous.as_deref(), now)
        .await
        .unwrap_or_else(|err| {
            if err.is_unreachable() {
                tracing::warn!("search not logged: the database cannot be reached");
            } else {
                tracing::error!("cannot log the search: {err}");
            }
            None
        });
    // Asked with `Whole::First`: `AppState::search` sent every hit but the first light.
    Ok(response)
}

/// The whole of one hit of a pane search — the passage highlighted for `q`, its sources and
/// copy texts — when the specialist picks a hit that came light. Runs the same search with
/// every hit whole (cached apart from the light answer, so the first pick of a query costs a
/// search of a few milliseconds and later picks come from the cache) and is not logged again. 404 when the passage is no longer
/// among the hits (the content changed meanwhile).
#[server(endpoint = "pane_hit")]
pub async fn pane_hit(
    q: String,
    lang: Option<String>,
    passage_id: String,
) -> Result<SearchHit, AppError> {
    use crate::search::SearchRequest;
    use crate::state::AppState;

    crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let state = expect_context::<AppState>();
    let request = SearchRequest::from_params(Some(&q), lang.as_deref(), None)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let response = state.search(request).await.map_err(|err| match err {
        crate::state::ServiceError::Busy => AppError::Busy,
        err => {
            tracing::error!("pane hit failed: {err}");
            AppError::Internal
        }
    })?;
    response
        .hits
        .into_iter()
        .find(|hit| hit.passage_id == passage_id)
        .ok_or(AppError::NotFound)
}
