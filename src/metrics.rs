//! Prometheus metrics: one recorder per process (installed on first use), the names the app
//! records, a request layer that counts requests by route and status with their latency, and
//! the `/metrics` text. Nothing here ever carries query text.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

pub const HTTP_REQUESTS: &str = "helpline_http_requests_total";
pub const HTTP_DURATION: &str = "helpline_http_request_duration_seconds";
pub const SEARCH_DURATION: &str = "helpline_search_duration_seconds";
pub const SEARCH_HITS: &str = "helpline_search_hits";
pub const SEARCHES: &str = "helpline_searches_total";
pub const SEARCHES_ZERO: &str = "helpline_searches_zero_results_total";
pub const SEARCHES_CACHED: &str = "helpline_searches_answered_from_cache_total";
pub const SEARCHES_REFUSED: &str = "helpline_searches_refused_busy_total";
pub const CONTENT_DOCUMENTS: &str = "helpline_content_documents";
pub const CONTENT_PASSAGES: &str = "helpline_content_passages";
pub const CONTENT_LOADED_AT: &str = "helpline_content_loaded_timestamp_seconds";
pub const RELOADS: &str = "helpline_content_reloads_total";
pub const RELOAD_FAILURES: &str = "helpline_content_reload_failures_total";
pub const SIGNIN_FAILURES: &str = "helpline_signin_failures_total";
pub const DATABASE_ERRORS: &str = "helpline_database_errors_total";

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// The process's metrics, installing the recorder the first time.
pub fn handle() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let seconds = [
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
        ];
        let counts = [0.0, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0];
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(HTTP_DURATION.into()), &seconds)
            .and_then(|b| b.set_buckets_for_metric(Matcher::Full(SEARCH_DURATION.into()), &seconds))
            .and_then(|b| b.set_buckets_for_metric(Matcher::Full(SEARCH_HITS.into()), &counts))
            .expect("bucket lists are not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder may already be set (tests build several apps in one process).
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// Histograms keep their samples until upkeep folds them into buckets: without it, memory
/// grows with every request. Starts the periodic upkeep once per process (needs a runtime).
pub fn start_upkeep() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let handle = handle();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(5));
            loop {
                every.tick().await;
                handle.run_upkeep();
            }
        });
    });
}

/// Counts every request by route (the pattern, never the path with its values) and status,
/// and records how long it took.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or_else(
        || fallback_route(request.uri().path()),
        |p| p.as_str().to_string(),
    );
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(HTTP_REQUESTS, "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!(HTTP_DURATION, "route" => route).record(started.elapsed().as_secs_f64());
    response
}

/// Unmatched paths are grouped, so that random URLs cannot make the metrics grow.
fn fallback_route(path: &str) -> String {
    if path.starts_with("/pkg/") {
        "/pkg/*".into()
    } else if path.starts_with("/api/") {
        "/api/*".into()
    } else {
        "other".into()
    }
}
