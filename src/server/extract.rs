//! Extractors for the JSON handlers: who is asking (put on the request by the request layer)
//! and from where. A handler takes `CurrentUser` and calls `require(role)`; a request without a
//! user never reaches it (`401`).

use crate::auth::{ClientAddr, CurrentUser};
use crate::error::AppError;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .ok_or(AppError::Unauthorized)
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = std::convert::Infallible;

    /// The user when someone is signed in (public routes that show admins more).
    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<CurrentUser>().cloned())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    /// The client's address; empty when the request layer did not run (in-process calls).
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientAddr>()
            .cloned()
            .unwrap_or(ClientAddr(String::new())))
    }
}
