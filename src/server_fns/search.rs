//! The pane's search call.

use crate::domain::SearchResponse;
use crate::error::AppError;
use leptos::prelude::*;

/// Searches for the pane. Same engine and checks as `GET /api/search`. With a `topic` and no
/// query, lists that topic's passages in reading order instead (a page of 50 from `offset`,
/// under the same concurrency cap as searches). The search is logged
/// (redacted, with the role only); `previous` names the search this one continues while the
/// specialist is still typing, so the log keeps what they settled on.
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
    let request = SearchRequest::from_params(Some(&q), lang.as_deref(), None)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
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
            tracing::error!("cannot log the search: {err}");
            None
        });
    Ok(response)
}
