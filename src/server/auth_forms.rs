//! The sign-in, sign-out and first-run forms: plain HTML form posts, so they work before the
//! browser bundle loads and without JavaScript. Thin adapters over `auth::Auth`.

use super::client::{query_value, safe_next};
use super::layer::{ClientAddr, session_cookie_name};
use crate::auth::{AuthError, CurrentUser};
use crate::state::AppState;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

fn session_cookie(state: &AppState, value: String) -> Cookie<'static> {
    Cookie::build((session_cookie_name(state.settings.secure_cookies()), value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.secure_cookies())
        .max_age(time::Duration::seconds(crate::auth::service::ABSOLUTE_SECS))
        .build()
}

fn throttled(wait: std::time::Duration) -> Response {
    let secs = wait.as_secs().max(1);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, secs.to_string()), (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string())],
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many attempts</title>\
             <link rel=\"stylesheet\" href=\"{css}\"></head><body><main class=\"page\">\
             <section class=\"notice\"><h1>Too many attempts</h1><p>Sign-in is paused for {secs} seconds \
             after several failures. <a href=\"/login\">Back to sign-in</a></p></section></main></body></html>",
            css = super::bundle::stylesheet_href(),
        ),
    )
        .into_response()
}

/// Too many password checks at once: 503, try again in a second.
fn busy() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "1")],
        "too many sign-ins at once; try again in a moment",
    )
        .into_response()
}

/// A form that could not be read: 400 with what was wrong.
fn unreadable(rejection: FormRejection) -> Response {
    (
        StatusCode::BAD_REQUEST,
        format!("the form could not be read: {}", rejection.body_text()),
    )
        .into_response()
}

pub async fn sign_in(
    State(state): State<AppState>,
    Extension(client): Extension<ClientAddr>,
    jar: CookieJar,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Response {
    let Form(form) = match form {
        Ok(form) => form,
        Err(rejection) => return unreadable(rejection),
    };
    let next = safe_next(&form.next).to_string();
    match state
        .auth()
        .sign_in(&form.username, &form.password, &client.0)
        .await
    {
        Ok(secret) => {
            (jar.add(session_cookie(&state, secret)), Redirect::to(&next)).into_response()
        }
        Err(AuthError::Throttled(wait)) => throttled(wait),
        Err(AuthError::Busy) => busy(),
        Err(AuthError::BadCredentials) => {
            metrics::counter!(crate::metrics::SIGNIN_FAILURES).increment(1);
            Redirect::to(&format!(
                "/login?error=credentials&next={}",
                query_value(&next)
            ))
            .into_response()
        }
        Err(err) => {
            tracing::error!("sign-in failed: {err}");
            Redirect::to(&format!(
                "/login?error=unavailable&next={}",
                query_value(&next)
            ))
            .into_response()
        }
    }
}

pub async fn sign_out(
    State(state): State<AppState>,
    Extension(client): Extension<ClientAddr>,
    user: Option<Extension<CurrentUser>>,
    jar: CookieJar,
) -> Response {
    if let Some(Extension(user)) = user
        && let Err(err) = state.auth().sign_out(&user, &client.0).await
    {
        tracing::error!("sign-out failed: {err}");
    }
    (
        jar.remove(Cookie::build(session_cookie_name(state.settings.secure_cookies())).path("/")),
        Redirect::to("/login?signed_out=1"),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct SetupForm {
    token: String,
    username: String,
    password: String,
}

/// The code the first-run page shows a message for (never free text in the address, which
/// anyone could fill with a message of their own).
fn setup_error_code(err: &AuthError) -> Option<&'static str> {
    match err {
        AuthError::BadName(_) => Some("name"),
        AuthError::WeakPassword(_) => Some("password"),
        AuthError::SetupRefused => Some("link"),
        AuthError::Busy => Some("busy"),
        _ => None,
    }
}

pub async fn complete_setup(
    State(state): State<AppState>,
    Extension(client): Extension<ClientAddr>,
    jar: CookieJar,
    form: Result<Form<SetupForm>, FormRejection>,
) -> Response {
    let Form(form) = match form {
        Ok(form) => form,
        Err(rejection) => return unreadable(rejection),
    };
    match state
        .auth()
        .complete_setup(&form.token, &form.username, &form.password, &client.0)
        .await
    {
        Ok(secret) => (
            jar.add(session_cookie(&state, secret)),
            Redirect::to("/admin/users"),
        )
            .into_response(),
        Err(err) if setup_error_code(&err).is_some() => Redirect::to(&format!(
            "/setup?token={}&error={}",
            query_value(&form.token),
            setup_error_code(&err).unwrap_or("link")
        ))
        .into_response(),
        Err(err) => {
            tracing::error!("setup failed: {err}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "accounts are unavailable; try again shortly",
            )
                .into_response()
        }
    }
}
