//! Who is signed in, for the page header.

use crate::domain::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user, or `None` (on the sign-in and setup pages).
#[server(endpoint = "whoami")]
pub async fn whoami() -> Result<Option<UserView>, AppError> {
    Ok(crate::server_fns::guard::current_user().map(|u| u.view()))
}

/// Changes the signed-in user's own password (the current one is checked); their other
/// sessions end.
#[server(endpoint = "account/change_password")]
pub async fn change_password(current: String, new_password: String) -> Result<(), AppError> {
    let (me, client) = crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let state = expect_context::<crate::state::AppState>();
    state
        .auth()
        .change_own_password(&me, &current, &new_password, &client)
        .await
        .map_err(AppError::from)
}

/// The signed-in user's sessions, newest first.
#[server(endpoint = "account/sessions")]
pub async fn my_sessions() -> Result<Vec<crate::domain::SessionView>, AppError> {
    let (me, _) = crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let state = expect_context::<crate::state::AppState>();
    state.auth().my_sessions(&me).await.map_err(AppError::from)
}

/// Ends every session of the signed-in user, this one included.
#[server(endpoint = "account/sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<u64, AppError> {
    let (me, client) = crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let state = expect_context::<crate::state::AppState>();
    let ended = state
        .auth()
        .sign_out_everywhere(&me, &client)
        .await
        .map_err(AppError::from)?;
    leptos_axum::redirect("/login?signed_out=1");
    Ok(ended)
}
