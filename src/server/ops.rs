//! Operations endpoints: `/healthz` and `/readyz` (public), `/metrics` in Prometheus text format and
//! `POST /api/admin/reload` (both admin only, checked here as well as in the request layer).

use crate::auth::CurrentUser;
use crate::domain::Role;
use crate::error::AppError;
use crate::live::ReloadError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Is the server up and how much content does it serve — to anyone; which files and lines
/// the last failed reload tripped on (paths on the server) only to an admin.
pub async fn healthz(State(state): State<AppState>, user: Option<CurrentUser>) -> Response {
    let status = state.status();
    let mut body = json!({
        "status": if status.last_reload_errors.is_empty() { "ok" } else { "degraded" },
        "documents": status.documents,
        "passages": status.passages,
        "skipped_files": status.skipped_files,
        "loaded_at": status.loaded_at,
        "reloads": status.reloads,
        "reload_failures": status.reload_failures,
    });
    if user.is_some_and(|u| u.may(Role::Admin)) {
        body["last_reload_errors"] = json!(status.last_reload_errors);
    }
    Json(body).into_response()
}

/// Should a load balancer send this server requests: `200 {"ready": true}`, or `503
/// {"ready": false, "reason": "draining" | "no_content" | "database_unreachable"}`. Public.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let mut response = match state.readiness().await {
        Ok(()) => Json(json!({ "ready": true })).into_response(),
        Err(reason) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "ready": false, "reason": reason })),
        )
            .into_response(),
    };
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

/// Prometheus text exposition of every metric the process records.
pub async fn metrics(user: CurrentUser) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::metrics::handle().render(),
    )
        .into_response())
}

/// Reloads the content folder now: `200` with the new status, or `422` with the errors that
/// kept the previous content in service.
pub async fn reload(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    Ok(match state.reload_content().await {
        Ok(status) => Json(status).into_response(),
        Err(ReloadError::Rejected(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "error": "the new content has errors; the previous content is still served", "problems": errors })),
        )
            .into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "error": "the reload failed; the previous content is still served" })),
        )
            .into_response(),
    })
}
