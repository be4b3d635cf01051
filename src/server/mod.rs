//! The HTTP server: one router with the Leptos pages and server functions, the JSON API and the
//! health check; request logging without query strings; graceful shutdown.

mod auth_forms;
mod body_limit;
pub mod bundle;
pub mod client;
pub mod extract;
pub mod layer;
mod ops;
mod review_api;
mod routes;
mod search_api;

use crate::domain::Role;
use crate::state::AppState;
use crate::ui::shell;
use axum::Router;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware;
use axum::routing::{get, post};
use layer::authenticate;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use body_limit::{MAX_BODY_BYTES, MAX_EDITOR_BODY_BYTES};

/// Builds the whole application router around `state`.
pub fn router(state: AppState) -> Router {
    let groups = routes::page_groups();
    let context_state = state.clone();
    let provide_state = move || provide_context(context_state.clone());
    let options = state.leptos_options.clone();
    let pages = |listings| {
        let options = options.clone();
        Router::new().leptos_routes_with_context(
            &state,
            listings,
            provide_state.clone(),
            move || shell(options.clone()),
        )
    };
    let for_role = |role: Role| {
        middleware::from_fn(move |request, next| routes::require_role(role, request, next))
    };
    let supervisors = pages(groups.supervisors)
        .route("/api/review/documents", get(review_api::documents))
        .route("/api/review/flags", get(review_api::flags))
        .route("/api/analytics/queries", get(review_api::queries))
        .route_layer(for_role(Role::Supervisor));
    let admins = pages(groups.admins)
        .route("/metrics", get(ops::metrics))
        .route("/api/admin/reload", post(ops::reload))
        .route_layer(for_role(Role::Admin));
    let timeout = Duration::from_secs(state.settings.request_timeout_secs.max(1));
    pages(groups.open)
        .route("/api/search", get(search_api::search))
        .route("/api/flags", post(review_api::post_flag))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/auth/login", post(auth_forms::sign_in))
        .route("/auth/logout", post(auth_forms::sign_out))
        .route("/auth/setup", post(auth_forms::complete_setup))
        .merge(supervisors)
        .merge(admins)
        .fallback(file_and_error_handler_with_context::<AppState, _>(provide_state, shell))
        .layer(middleware::from_fn(crate::metrics::track))
        .layer(middleware::from_fn_with_state(state.clone(), caching_and_transport_headers))
        .layer(middleware::from_fn_with_state(state.clone(), authenticate))
        .layer(middleware::from_fn(body_limit::limit_body))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
        // Pages and JSON go out compressed when the browser takes it; the bundle is already
        // compressed at build time (`--precompress`) and passes through as it is. Outside the
        // request layer, which reads server functions' error bodies to give them their status.
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(
            // The span names the path only: query strings can carry what a caller said.
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path())
            }),
        )
        // Every request gets an id (or keeps the caller's), echoed in the response and put on
        // every log line written while it is served.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(middleware::from_fn(drop_unsafe_request_id))
        .with_state(state)
}

/// `Cache-Control: no-store` on everything but the static bundle (a caller's query must not
/// come back from a shared computer's cache after sign-out); the bundle is kept for good when
/// its names carry a content hash and checked again on each use otherwise; and HSTS when the
/// public address is https.
async fn caching_and_transport_headers(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let static_file = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    let ok = response.status() == StatusCode::OK;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        let policy = cache_policy(static_file, state.leptos_options.hash_files, ok);
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    if state.settings.secure_cookies() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// `Cache-Control` for an answer: a bundle file found under a hashed name is kept for good (a
/// new build has new names); other bundle answers (a missing file, names without a hash) are
/// checked again on each use; everything else is never stored.
fn cache_policy(static_file: bool, hashed_names: bool, found: bool) -> &'static str {
    match (static_file, hashed_names && found) {
        (false, _) => "no-store",
        (true, true) => "public, max-age=31536000, immutable",
        (true, false) => "no-cache",
    }
}

/// A caller's `x-request-id` is kept only when it is 1–64 of `A–Z a–z 0–9 -` (a UUID fits):
/// anything else could forge fields in the log lines it is written into, so a new id is made.
async fn drop_unsafe_request_id(
    mut request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let safe = request
        .headers()
        .get("x-request-id")
        .map(|v| is_safe_request_id(v.as_bytes()));
    if safe == Some(false) {
        request.headers_mut().remove("x-request-id");
    }
    next.run(request).await
}

pub fn is_safe_request_id(id: &[u8]) -> bool {
    (1..=64).contains(&id.len()) && id.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// Serves `router` on `addr` until Ctrl-C or SIGTERM; then `/readyz` answers 503 for `drain`
/// (a load balancer checking it stops sending requests), and the requests in flight finish.
pub async fn serve(
    router: Router,
    addr: std::net::SocketAddr,
    state: AppState,
    drain: std::time::Duration,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|err| anyhow::anyhow!("cannot listen on {addr}: {err}"))?;
    tracing::info!("listening on http://{addr}");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        state.start_draining();
        tracing::info!(seconds = drain.as_secs(), "draining: /readyz answers 503");
        tokio::time::sleep(drain).await;
        tracing::info!("shutting down: finishing requests in flight");
    })
    .await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!("cannot listen for SIGTERM: {err}");
                std::future::pending::<()>().await
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::cache_policy;

    #[test]
    fn only_a_found_hashed_bundle_file_is_cached_for_good() {
        assert_eq!(
            cache_policy(true, true, true),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_policy(true, true, false),
            "no-cache",
            "a missing file"
        );
        assert_eq!(
            cache_policy(true, false, true),
            "no-cache",
            "names without a hash"
        );
        assert_eq!(
            cache_policy(false, true, true),
            "no-store",
            "pages and answers"
        );
    }
}
