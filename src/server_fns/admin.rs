//! The admin's calls: users, API tokens and the audit log. Every one requires the admin role.

use crate::domain::{AccountView, AuditView, TokenView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn admin() -> Result<(crate::auth::CurrentUser, String), AppError> {
    crate::server_fns::guard::require(crate::domain::Role::Admin)
}

#[cfg(feature = "ssr")]
fn parse_role(role: &str) -> Result<crate::domain::Role, AppError> {
    crate::domain::Role::parse(role)
        .ok_or_else(|| AppError::BadRequest("role must be specialist, supervisor or admin".into()))
}

#[cfg(feature = "ssr")]
fn auth() -> crate::state::AppState {
    expect_context::<crate::state::AppState>()
}

#[server(endpoint = "admin/accounts")]
pub async fn list_accounts() -> Result<(Vec<AccountView>, Vec<TokenView>), AppError> {
    admin()?;
    let state = auth();
    Ok((
        state.auth().accounts().await.map_err(AppError::from)?,
        state.auth().tokens().await.map_err(AppError::from)?,
    ))
}

#[server(endpoint = "admin/audit")]
pub async fn list_audit() -> Result<Vec<AuditView>, AppError> {
    admin()?;
    auth().auth().audit_log(200).await.map_err(AppError::from)
}

#[server(endpoint = "admin/add_user")]
pub async fn add_user(username: String, password: String, role: String) -> Result<(), AppError> {
    let (me, client) = admin()?;
    let role = parse_role(&role)?;
    auth()
        .auth()
        .create_user(&me.username, &username, &password, role, &client)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "admin/set_disabled")]
pub async fn set_user_disabled(username: String, disabled: bool) -> Result<(), AppError> {
    let (me, client) = admin()?;
    auth()
        .auth()
        .set_disabled(&me.username, &username, disabled, &client)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "admin/set_role")]
pub async fn set_user_role(username: String, role: String) -> Result<(), AppError> {
    let (me, client) = admin()?;
    let role = parse_role(&role)?;
    auth()
        .auth()
        .set_role(&me.username, &username, role, &client)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "admin/reset_password")]
pub async fn reset_user_password(username: String, password: String) -> Result<(), AppError> {
    let (me, client) = admin()?;
    auth()
        .auth()
        .reset_password(&me.username, &username, &password, &client)
        .await
        .map_err(AppError::from)
}

/// Creates an API token and returns it — the only time it is shown. `expires_days` empty or
/// absent: it never expires.
#[server(endpoint = "admin/add_token")]
pub async fn add_token(
    name: String,
    role: String,
    #[server(default)] expires_days: Option<String>,
) -> Result<String, AppError> {
    let (me, client) = admin()?;
    let role = parse_role(&role)?;
    let expires_days =
        match expires_days.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(days) => Some(days.parse::<u32>().map_err(|_| {
                AppError::BadRequest("expiry must be a whole number of days".into())
            })?),
        };
    auth()
        .auth()
        .create_token_expiring(&me.username, &name, role, expires_days, &client)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "admin/revoke_token")]
pub async fn revoke_token(name: String) -> Result<(), AppError> {
    let (me, client) = admin()?;
    auth()
        .auth()
        .revoke_token(&me.username, &name, &client)
        .await
        .map_err(AppError::from)
}
