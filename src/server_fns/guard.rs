//! Who is calling a server function, and may they? Every server function calls `require`
//! first: each is a public URL, so hiding a button protects nothing.

use crate::auth::ClientAddr;
use crate::auth::CurrentUser;
use crate::domain::Role;
use crate::error::AppError;
use axum::http::request::Parts;
use leptos::prelude::use_context;

/// The caller, if they hold at least `role`; `Unauthorized` or `Forbidden` otherwise.
pub fn require(role: Role) -> Result<(CurrentUser, String), AppError> {
    let parts = use_context::<Parts>();
    let user = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<CurrentUser>().cloned())
        .ok_or(AppError::Unauthorized)?;
    user.require(role)?;
    let client = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<ClientAddr>())
        .map_or_else(String::new, |c| c.0.clone());
    Ok((user, client))
}

/// The caller, if signed in.
pub fn current_user() -> Option<CurrentUser> {
    use_context::<Parts>().and_then(|p| p.extensions.get::<CurrentUser>().cloned())
}
