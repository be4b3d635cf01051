//! Who is signed in, for the page header.

use crate::domain::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user, or `None` (on the sign-in and setup pages).
#[server(endpoint = "whoami")]
pub async fn whoami() -> Result<Option<UserView>, AppError> {
    Ok(crate::api::guard::current_user().map(|u| u.view()))
}
