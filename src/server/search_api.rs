//! `GET /api/search`: the JSON search API. A thin adapter: check the parameters, run the
//! search, map errors to a status and a JSON `{"error": ...}` body.

use crate::search::{InvalidSearch, SearchRequest, Whole};
use crate::state::{AppState, ServiceError};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    lang: Option<String>,
    limit: Option<String>,
    /// `first`: only the first hit whole, the others as a list shows them (`partial`).
    whole: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Invalid(#[from] InvalidSearch),
    #[error("the query string could not be read: {0}")]
    Unreadable(String),
    #[error("search failed")]
    Failed(#[from] ServiceError),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::Invalid(_) | ApiError::Unreadable(_) => StatusCode::BAD_REQUEST,
            ApiError::Failed(ServiceError::Busy) => {
                let mut response = (
                    StatusCode::SERVICE_UNAVAILABLE,
                    Json(json!({ "error": "too many searches at once; try again in a moment" })),
                )
                    .into_response();
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, 1.into());
                return response;
            }
            ApiError::Failed(err) => {
                tracing::error!("search failed: {err}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}

#[tracing::instrument(skip_all, fields(q_chars))]
pub async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::Unreadable(e.body_text()))?;
    let mut request = SearchRequest::from_params(
        params.q.as_deref(),
        params.lang.as_deref(),
        params.limit.as_deref(),
    )?;
    request.whole = Whole::from_param(params.whole.as_deref())?;
    tracing::Span::current().record("q_chars", request.query.chars().count());
    tracing::debug!(query = %request.query, "search");
    let response = state.search(request).await?;
    tracing::info!(
        hits = response.hits.len(),
        total = response.total,
        took_us = response.took_us,
        "search answered"
    );
    Ok(Json(response).into_response())
}
