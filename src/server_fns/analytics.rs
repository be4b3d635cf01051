//! Supervisors' calls for search analytics and the content-gap queue.

use crate::domain::{AnalyticsView, GapPage};
use crate::error::AppError;
use leptos::prelude::*;

/// Parses a `YYYY-MM-DD` day, or takes `default` when empty.
#[cfg(feature = "ssr")]
pub fn parse_day(text: &str, default: chrono::NaiveDate) -> Result<chrono::NaiveDate, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(default);
    }
    text.parse()
        .map_err(|_| AppError::BadRequest(format!("{text:?} is not a date (YYYY-MM-DD)")))
}

/// Analytics for `from`..=`to` (days; empty means the last 30 days).
#[server(endpoint = "review/analytics")]
pub async fn search_analytics(from: String, to: String) -> Result<AnalyticsView, AppError> {
    use crate::state::AppState;
    crate::server_fns::guard::require(crate::domain::Role::Supervisor)?;
    let state = expect_context::<AppState>();
    let today = state.today();
    let to = parse_day(&to, today)?;
    let from = parse_day(&from, to - chrono::Days::new(29))?;
    let index = state.index();
    state
        .review()
        .analytics(index.corpus(), from, to)
        .await
        .map_err(AppError::from)
}

/// A page of the content-gap queue (from 1); `status` empty means what is still to do (open
/// and assigned groups not linked to a passage).
#[server(endpoint = "review/gaps")]
pub async fn content_gaps(
    status: String,
    #[server(default)] page: Option<u32>,
) -> Result<GapPage, AppError> {
    use crate::state::AppState;
    crate::server_fns::guard::require(crate::domain::Role::Supervisor)?;
    let state = expect_context::<AppState>();
    let index = state.index();
    state
        .review()
        .gap_page(index.corpus(), &status, page.unwrap_or(1))
        .await
        .map_err(AppError::from)
}

/// Assigns a gap, marks content added (with the document), dismisses or reopens it.
#[server(endpoint = "review/decide_gap")]
pub async fn decide_gap(
    normalized: String,
    status: String,
    owner: String,
    doc_id: String,
) -> Result<(), AppError> {
    use crate::state::AppState;
    let (me, client) = crate::server_fns::guard::require(crate::domain::Role::Supervisor)?;
    let state = expect_context::<AppState>();
    let index = state.index();
    state
        .review()
        .set_gap(
            index.corpus(),
            &me.username,
            &normalized,
            &status,
            &owner,
            &doc_id,
            &client,
        )
        .await
        .map_err(AppError::from)
}
