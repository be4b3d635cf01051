//! The error every server function returns to the browser. Only what a user may see travels:
//! internal causes are logged where they happen and arrive here as `Internal`.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("not found")]
    NotFound,
    #[error("sign in first")]
    Unauthorized,
    #[error("your role does not allow this")]
    Forbidden,
    /// Allowed to the role, not to this person now (approving one's own draft).
    #[error("{0}")]
    NotAllowed(String),
    /// A document that was retired: no longer served (410).
    #[error("this document was retired on {0} and is no longer in use")]
    Retired(String),
    /// The thing changed meanwhile (a draft's base is no longer the latest revision).
    #[error("{0}")]
    Conflict(String),
    #[error("something went wrong on the server; please try again")]
    Internal,
    #[error("the server is busy; please try again in a moment")]
    Busy,
    /// The database does not answer (restarting, unreachable): nothing was written.
    #[error(
        "the database cannot be reached just now; nothing was saved; please try again in a moment"
    )]
    DatabaseDown,
    /// The request never reached the server, or its answer could not be read.
    #[error("cannot reach the server: {0}")]
    Unreachable(String),
}

impl AppError {
    /// The HTTP status this error means: the one mapping, used by the JSON handlers, the
    /// server functions and the request layer alike.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::BadRequest(_) => 400,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::NotAllowed(_) => 403,
            AppError::Conflict(_) => 409,
            AppError::Retired(_) => 410,
            AppError::NotFound => 404,
            AppError::Busy | AppError::DatabaseDown => 503,
            AppError::Internal | AppError::Unreachable(_) => 500,
        }
    }
}

/// A JSON handler's error: its status, `Retry-After` when busy, and `{"error": …}` with only
/// what the user may see.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        use axum::http::{StatusCode, header};
        let status =
            StatusCode::from_u16(self.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (
            status,
            axum::Json(serde_json::json!({ "error": self.to_string() })),
        )
            .into_response();
        if matches!(self, AppError::Busy | AppError::DatabaseDown) {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        }
        response
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::MissingArg(msg) => {
                AppError::BadRequest(msg)
            }
            ServerFnErrorErr::Request(msg) | ServerFnErrorErr::Response(msg) => {
                AppError::Unreachable(msg)
            }
            _ => AppError::Internal,
        }
    }
}
