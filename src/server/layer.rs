//! The request layer in front of every route: finds who is asking (session cookie or
//! `Authorization: Bearer` token), refuses cross-site writes, limits runaway API clients, and
//! turns away the unauthenticated (pages → `/login?next=…`, `/api/*` → 401 JSON) and, for
//! `/admin`, the under-privileged (403). Finer role checks live in each handler.

use super::client::client_address;
use crate::auth::CurrentUser;
use crate::state::AppState;
use axum::Json;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde_json::json;
use std::net::SocketAddr;

/// The session cookie's name over plain http (a laptop, tests)…
pub const SESSION_COOKIE: &str = "helpline_session";
/// …and over https, where the `__Host-` prefix makes the browser insist on `Secure`, `Path=/`
/// and no `Domain` (no other host under the domain can set or shadow it).
pub const SECURE_SESSION_COOKIE: &str = "__Host-helpline_session";

/// The session cookie's name for this deployment.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

pub use crate::auth::ClientAddr;

/// Paths anyone may reach: the sign-in and first-run pages and their form targets, the
/// health check, and the static bundle.
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/login"
            | "/setup"
            | "/healthz"
            | "/readyz"
            | "/auth/login"
            | "/auth/setup"
            | "/favicon.ico"
    ) || path.starts_with("/pkg/")
}

fn json_error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// A write from another site? Compares `Origin` (or else `Referer`) with `Host`.
fn cross_site(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|o| o.to_str().ok());
    match (host, origin) {
        (Some(host), Some(origin)) => {
            let rest = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            rest.split('/').next() != Some(host)
        }
        _ => true,
    }
}

/// A path with `.`/`..` segments (also as `%2e`), an empty segment (`//`) or a backslash could
/// be read one way here and another by the router (`/pkg/../admin/users`): refused before any
/// decision is made on it.
fn ambiguous_path(path: &str) -> bool {
    path.contains("//")
        || path.contains('\\')
        || path.to_ascii_lowercase().contains("%5c")
        || path.split('/').skip(1).any(|segment| {
            let segment = segment.to_ascii_lowercase().replace("%2e", ".");
            segment == "." || segment == ".."
        })
}

pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if ambiguous_path(&path) {
        return json_error(
            StatusCode::BAD_REQUEST,
            "the address has `.` or `..` segments, `//` or `\\`",
        );
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let client = client_address(peer, request.headers(), &state.settings.trusted_proxies);
    let user = match credentials(&state, &request) {
        Ok(credentials) => who_is_asking(&state, credentials).await,
        Err(refused) => Err(refused),
    };
    let user = match user {
        Ok(user) => user,
        Err(refused) => return refused.response(),
    };
    if let Some(refused) = over_the_api_limit(&state, &path, user.as_ref(), &client) {
        return refused;
    }
    if !is_public(&path) && user.is_none() {
        return sign_in_first(&request);
    }
    request.extensions_mut().insert(ClientAddr(client));
    if let Some(user) = user {
        request.extensions_mut().insert::<CurrentUser>(user);
    }
    status_for_server_fn_errors(next.run(request).await).await
}

/// Why the layer turned a request away before knowing who asked.
enum Refusal {
    CrossSite,
    AccountsUnavailable,
}

impl Refusal {
    fn response(self) -> Response {
        match self {
            Refusal::CrossSite => json_error(StatusCode::FORBIDDEN, "cross-site request refused"),
            Refusal::AccountsUnavailable => json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "accounts are unavailable; try again shortly",
            ),
        }
    }
}

/// What the request offers as proof of who is asking.
enum Credentials {
    Token(String),
    Session(String),
    None,
}

/// The request's API token or session cookie. A cross-site write (no token, and `Origin` or
/// `Referer` naming another host) is refused here with 403.
fn credentials(state: &AppState, request: &Request) -> Result<Credentials, Refusal> {
    let headers = request.headers();
    let token = bearer(headers).map(str::to_string);
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if writes && token.is_none() && cross_site(headers) {
        return Err(Refusal::CrossSite);
    }
    Ok(match token {
        Some(token) => Credentials::Token(token),
        None => CookieJar::from_headers(headers)
            .get(session_cookie_name(state.settings.secure_cookies()))
            .map_or(Credentials::None, |c| {
                Credentials::Session(c.value().to_string())
            }),
    })
}

/// The user the credentials stand for, if any; a database that cannot be asked gives 503.
async fn who_is_asking(
    state: &AppState,
    credentials: Credentials,
) -> Result<Option<CurrentUser>, Refusal> {
    let auth = state.auth();
    let user = match credentials {
        Credentials::Token(token) => auth.user_for_token(&token).await,
        Credentials::Session(cookie) => auth.user_for_session(&cookie).await,
        Credentials::None => Ok(None),
    };
    user.map_err(|err| {
        tracing::error!("cannot check the session: {err}");
        Refusal::AccountsUnavailable
    })
}

/// `429` + `Retry-After` when this user (or, signed out, this client) has used up its `/api/*`
/// requests for the minute.
fn over_the_api_limit(
    state: &AppState,
    path: &str,
    user: Option<&CurrentUser>,
    client: &str,
) -> Option<Response> {
    if !path.starts_with("/api/") {
        return None;
    }
    let key = user.map_or_else(
        || format!("client:{client}"),
        |u| format!("user:{}", u.username),
    );
    let wait = state
        .api_rate_limit()
        .check(&key, crate::store::now())
        .err()?;
    let mut response = json_error(
        StatusCode::TOO_MANY_REQUESTS,
        "too many requests; slow down",
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, wait.as_secs().max(1).into());
    Some(response)
}

/// Nobody is signed in: `/api/*` gets 401, a page the sign-in form (coming back here after).
fn sign_in_first(request: &Request) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/") {
        return json_error(StatusCode::UNAUTHORIZED, "sign in, or send an API token");
    }
    let query = request
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let next = super::client::query_value(&format!("{path}{query}"));
    Redirect::to(&format!("/login?next={next}")).into_response()
}

/// A server function that fails before its own code runs (say, a missing argument) answers
/// 500 with the error as JSON; give it the status its error means instead.
async fn status_for_server_fn_errors(response: Response) -> Response {
    use crate::error::AppError;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return json_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "something went wrong on the server",
        );
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if matches!(error, AppError::Busy | AppError::DatabaseDown) {
            parts.headers.insert(header::RETRY_AFTER, 1.into());
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

pub(super) fn forbidden(path: &str) -> Response {
    if path.starts_with("/api/") {
        return json_error(StatusCode::FORBIDDEN, "your role does not allow this");
    }
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed</title>\
             <link rel=\"stylesheet\" href=\"{}\"></head><body><main class=\"page\">\
             <section class=\"notice\"><h1>Not allowed</h1><p>Your role does not open this page. \
             <a href=\"/\">Back to search</a></p></section></main></body></html>",
            super::bundle::stylesheet_href()
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_and_doubled_slashes_are_ambiguous() {
        for bad in [
            "/pkg/../admin/users",
            "/pkg/%2e%2e/admin/users",
            "/pkg/%2E%2E/admin",
            "/pkg/./x",
            "//admin",
            "/pkg/..",
            "/pkg\\..\\admin",
            "/pkg/%5c..%5cadmin",
        ] {
            assert!(ambiguous_path(bad), "{bad}");
        }
        for good in [
            "/",
            "/pkg/helpline-assist.js",
            "/doc/x",
            "/api/search",
            "/doc/a.b..c",
        ] {
            assert!(!ambiguous_path(good), "{good}");
        }
    }
}
