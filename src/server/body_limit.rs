//! Request body limits: 64 KiB for everything, 1 MiB for the editor's calls that carry a whole
//! document. The body is read here, up to the limit, so that a body too large is refused with
//! 413 whether or not it says its length — never a failure inside a handler.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Request bodies larger than this are refused with 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The editor's calls (a whole document, URL-encoded) may send up to this.
pub const MAX_EDITOR_BODY_BYTES: usize = 1024 * 1024;

const EDITOR_PATHS: [&str; 2] = ["/api/review/save_draft", "/api/review/preview_draft"];

/// The limit for a request to `path`.
pub fn limit_for(path: &str) -> usize {
    if EDITOR_PATHS.contains(&path) {
        MAX_EDITOR_BODY_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

fn too_large(limit: usize) -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        axum::Json(serde_json::json!({
            "error": format!("the request is larger than {} KiB", limit / 1024)
        })),
    )
        .into_response()
}

pub async fn limit_body(request: Request, next: Next) -> Response {
    let limit = limit_for(request.uri().path());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return too_large(limit);
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => too_large(limit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_editor_gets_the_larger_limit() {
        assert_eq!(limit_for("/api/review/save_draft"), MAX_EDITOR_BODY_BYTES);
        assert_eq!(limit_for("/api/admin/add_user"), MAX_BODY_BYTES);
        assert_eq!(limit_for("/api/review/save_draft/x"), MAX_BODY_BYTES);
    }
}
