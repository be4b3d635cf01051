//! Supervisors' calls for query links: find the passage that answers a group of searches,
//! link the group to it, list and remove links.

use crate::domain::{LinkCandidate, QueryLinkView};
use crate::error::AppError;
use leptos::prelude::*;

/// Passages matching `q`, for choosing the one to link (not logged: this is a supervisor
/// looking for a passage, not a caller's question).
#[server(endpoint = "review/link_candidates")]
pub async fn link_candidates(q: String) -> Result<Vec<LinkCandidate>, AppError> {
    use crate::search::SearchRequest;
    use crate::state::AppState;
    crate::server_fns::guard::require(crate::domain::Role::Supervisor)?;
    let state = expect_context::<AppState>();
    let mut request = SearchRequest::from_params(Some(&q), None, Some("8"))
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    request.limit = request.limit.min(8);
    let permit = state.search_slot().await.ok_or(AppError::Busy)?;
    let index = state.index();
    let response = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        index.search(&request)
    })
    .await
    .map_err(|err| {
        tracing::error!("link search failed: {err}");
        AppError::Internal
    })?
    .map_err(|err| {
        tracing::error!("link search failed: {err}");
        AppError::Internal
    })?;
    Ok(response
        .hits
        .into_iter()
        .map(|hit| LinkCandidate {
            passage_id: hit.passage_id,
            title: hit.title,
            heading: hit.heading,
            snippet_html: hit.snippet_html,
            lang: hit.lang,
        })
        .collect())
}

/// Links the logged query group `normalized` to `passage_id` (replacing an earlier link).
#[server(endpoint = "review/link_query")]
pub async fn link_query(normalized: String, passage_id: String) -> Result<QueryLinkView, AppError> {
    use crate::state::AppState;
    let (me, client) = crate::server_fns::guard::require(crate::domain::Role::Supervisor)?;
    let state = expect_context::<AppState>();
    let link = state
        .link_query(&me.username, &normalized, &passage_id, &client)
        .await?;
    // Both ways (a plain form post or the hydrated page) land on the list, which confirms
    // the link from `?linked=`, so the notice never depends on which way the form went.
    leptos_axum::redirect(&format!("/review/links?linked={}", link.id));
    Ok(link)
}

/// Removes a query link.
#[server(endpoint = "review/unlink_query")]
pub async fn unlink_query(id: i64) -> Result<(), AppError> {
    use crate::state::AppState;
    let (me, client) = crate::server_fns::guard::require(crate::domain::Role::Supervisor)?;
    let state = expect_context::<AppState>();
    Ok(state.unlink_query(&me.username, id, &client).await?)
}

/// Every query link, or (with a passage id) the links to that passage.
#[server(endpoint = "review/query_links")]
pub async fn query_links(passage_id: String) -> Result<Vec<QueryLinkView>, AppError> {
    use crate::state::AppState;
    crate::server_fns::guard::require(crate::domain::Role::Supervisor)?;
    let state = expect_context::<AppState>();
    let passage_id = passage_id.trim();
    Ok(state
        .query_links((!passage_id.is_empty()).then_some(passage_id))
        .await?)
}
