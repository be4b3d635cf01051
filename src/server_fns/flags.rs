//! Specialists' calls about passages: flag one, list their own open flags, and report which
//! hit of a search they opened or copied (for click-through analytics; no user is stored).

use crate::domain::{FlagView, UseAction};
use crate::error::AppError;
use leptos::prelude::*;

/// Flags a passage as outdated, unclear, incorrect, missing Spanish or other; returns its id.
#[server(endpoint = "flag_passage")]
pub async fn flag_passage(
    passage_id: String,
    reason: String,
    note: String,
) -> Result<i64, AppError> {
    use crate::state::AppState;
    let (me, client) = crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let state = expect_context::<AppState>();
    let index = state.index();
    state
        .review()
        .flag_passage(
            index.corpus(),
            &me.username,
            &passage_id,
            &reason,
            &note,
            &client,
        )
        .await
        .map_err(AppError::from)
}

/// The caller's own open flags.
#[server(endpoint = "my_flags")]
pub async fn my_flags() -> Result<Vec<FlagView>, AppError> {
    use crate::state::AppState;
    use crate::store::FlagFilter;
    let (me, _) = crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let state = expect_context::<AppState>();
    let index = state.index();
    let filter = FlagFilter {
        created_by: Some(&me.username),
        open_only: true,
        ..FlagFilter::default()
    };
    state
        .review()
        .flags(index.corpus(), &filter)
        .await
        .map_err(AppError::from)
}

/// The hit at `rank` (1-based) of the search `search_ref` was opened or copied.
#[server(endpoint = "report_use")]
pub async fn report_use(search_ref: String, rank: i64, action: UseAction) -> Result<(), AppError> {
    use crate::state::AppState;
    crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    expect_context::<AppState>()
        .review()
        .record_use(&search_ref, rank, action)
        .await
        .map_err(AppError::from)
}
