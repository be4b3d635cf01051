//! The supervisor workspace as JSON, for supervisors' API tokens: the review queue, flags,
//! posting a flag (any signed-in role) and query analytics (JSON or CSV). Thin adapters over
//! `ReviewService`; each checks the role itself.

use super::layer::ClientAddr;
use crate::auth::CurrentUser;
use crate::domain::Role;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{FlagFilter, QueryKind};
use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

/// `GET /api/review/documents`
pub async fn documents(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    user.require(Role::Supervisor)?;
    let index = state.index();
    let queue = state.review().queue(index.corpus(), state.today()).await?;
    Ok(Json(queue).into_response())
}

#[derive(Debug, Deserialize)]
pub struct FlagParams {
    doc: Option<String>,
    /// `true` (default) for open flags only.
    open: Option<bool>,
}

/// `GET /api/review/flags?doc=&open=`
pub async fn flags(
    State(state): State<AppState>,
    user: CurrentUser,
    params: Result<Query<FlagParams>, QueryRejection>,
) -> Result<Response, AppError> {
    user.require(Role::Supervisor)?;
    let Query(params) = params.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let filter = FlagFilter {
        doc_id: params.doc.as_deref(),
        created_by: None,
        open_only: params.open.unwrap_or(true),
    };
    let index = state.index();
    Ok(Json(state.review().flags(index.corpus(), &filter).await?).into_response())
}

#[derive(Debug, Deserialize)]
pub struct NewFlagBody {
    passage_id: String,
    reason: String,
    #[serde(default)]
    note: String,
}

/// `POST /api/flags` with `{"passage_id", "reason", "note"}`: 201 and `{"id"}`.
pub async fn post_flag(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(client): ClientAddr,
    body: Result<Json<NewFlagBody>, JsonRejection>,
) -> Result<Response, AppError> {
    user.require(Role::Specialist)?;
    let Json(body) = body.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let index = state.index();
    let id = state
        .review()
        .flag_passage(
            index.corpus(),
            &user.username,
            &body.passage_id,
            &body.reason,
            &body.note,
            &client,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response())
}

#[derive(Debug, Deserialize)]
pub struct QueryParams {
    kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
}

/// `GET /api/analytics/queries?kind=top|zero|noclick&from=&to=&format=json|csv`
pub async fn queries(
    State(state): State<AppState>,
    user: CurrentUser,
    params: Result<Query<QueryParams>, QueryRejection>,
) -> Result<Response, AppError> {
    user.require(Role::Supervisor)?;
    let Query(params) = params.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let kind = match params.kind.as_deref().unwrap_or("top") {
        "top" => QueryKind::Top,
        "zero" => QueryKind::Zero,
        "noclick" => QueryKind::NoClick,
        _ => {
            return Err(AppError::BadRequest(
                "kind must be top, zero or noclick".into(),
            ));
        }
    };
    let parse = crate::server_fns::analytics::parse_day;
    let to = parse(params.to.as_deref().unwrap_or(""), state.today())?;
    let from = parse(
        params.from.as_deref().unwrap_or(""),
        to - chrono::Days::new(29),
    )?;
    let index = state.index();
    let groups = state
        .review()
        .query_groups(index.corpus(), kind, from, to, 1000)
        .await?;
    match params.format.as_deref().unwrap_or("json") {
        "json" => Ok(Json(groups).into_response()),
        "csv" => Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"searches-{}-{from}-{to}.csv\"",
                        params.kind.as_deref().unwrap_or("top")
                    ),
                ),
            ],
            crate::review::analytics::groups_csv(&groups),
        )
            .into_response()),
        _ => Err(AppError::BadRequest("format must be json or csv".into())),
    }
}
