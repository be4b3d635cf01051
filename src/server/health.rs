//! `GET /healthz`: is the server up, and how much content does it serve.

use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

pub async fn healthz(State(state): State<AppState>) -> Json<Value> {
    let status = state.status();
    Json(json!({
        "status": "ok",
        "documents": status.documents,
        "passages": status.passages,
        "skipped_files": status.skipped_files,
    }))
}
