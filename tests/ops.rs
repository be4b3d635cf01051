//! Running without a maintenance window: live content reload (through the API and through the
//! folder watcher), metrics, request ids, and the cap on concurrent searches.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Reply, TestApp, send};
use std::time::{Duration, Instant};
use tower::ServiceExt;

async fn call(app: &TestApp, method: &str, uri: &str, token: Option<&str>) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    send(&app.router, request.body(Body::empty()).unwrap()).await
}

const NEW_DOC: &str = r#"+++
id = "zanubrutinib-note"
title = "A note on quetzal scheduling"
topic = "supportive"
language = "en"
summary = "Added while the server runs."
owner = "Clinical content team"
last_reviewed = "2026-11-01"

[[sources]]
title = "Test source"
publisher = "Test"
+++

## Quetzal scheduling

Quetzal scheduling is a made-up phrase that only this document contains.
"#;

async fn hits_for(app: &TestApp, q: &str) -> usize {
    let reply = call(
        app,
        "GET",
        &format!("/api/search?q={q}"),
        Some(&app.specialist_token),
    )
    .await;
    reply.json()["hits"].as_array().unwrap().len()
}

#[tokio::test]
async fn admin_reload_serves_new_content_and_refuses_broken_content() {
    let app = common::test_app().await;
    assert_eq!(hits_for(&app, "quetzal").await, 0);
    let refused = call(
        &app,
        "POST",
        "/api/admin/reload",
        Some(&app.specialist_token),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The shared test content has a broken file: remove it, add a new document, reload.
    std::fs::remove_file(app.dir.path().join("en/broken.md")).unwrap();
    std::fs::write(app.dir.path().join("en/quetzal.md"), NEW_DOC).unwrap();
    let index_before = app.state.index();
    let reloaded = call(&app, "POST", "/api/admin/reload", Some(&app.admin_token)).await;
    assert_eq!(reloaded.status, StatusCode::OK, "{}", reloaded.body);
    assert_eq!(reloaded.json()["reloads"], 1);
    assert_eq!(hits_for(&app, "quetzal").await, 1);
    // A search holding the old index still answers from it.
    assert!(index_before.corpus().get("zanubrutinib-note").is_none());

    // A broken file: refused, the previous content stays, and health says where.
    std::fs::write(
        app.dir.path().join("en/bad.md"),
        "+++\nid = \"bad\"\ntitle = \n+++\n",
    )
    .unwrap();
    let refused = call(&app, "POST", "/api/admin/reload", Some(&app.admin_token)).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("bad.md"), "{}", refused.body);
    assert_eq!(hits_for(&app, "quetzal").await, 1);
    let public = call(&app, "GET", "/healthz", None).await;
    assert_eq!(public.json()["status"], "degraded");
    assert!(
        !public.body.contains("bad.md") && !public.body.contains('/'),
        "no server paths or errors for anyone: {}",
        public.body
    );
    let health = call(&app, "GET", "/healthz", Some(&app.admin_token))
        .await
        .json();
    assert_eq!(health["status"], "degraded");
    assert_eq!(health["reload_failures"], 1);
    assert!(
        health["last_reload_errors"][0]
            .as_str()
            .unwrap()
            .contains("en/bad.md:"),
        "{health}"
    );
}

#[tokio::test]
async fn a_file_written_into_the_content_folder_becomes_searchable() {
    let app = common::test_app().await;
    app.state.watch_content();
    // Give the watcher a moment to start, then write the file.
    tokio::time::sleep(Duration::from_millis(100)).await;
    std::fs::remove_file(app.dir.path().join("en/broken.md")).unwrap();
    std::fs::write(app.dir.path().join("en/quetzal.md"), NEW_DOC).unwrap();
    // A liveness bound, not a speed check: fail only if it never happens.
    let deadline = Instant::now() + Duration::from_secs(20);
    while hits_for(&app, "quetzal").await == 0 {
        assert!(
            Instant::now() < deadline,
            "the new document never became searchable"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn metrics_are_for_admins_and_count_requests() {
    let app = common::test_app().await;
    let first = hits_for(&app, "maintenance").await;
    assert_eq!(
        hits_for(&app, "maintenance").await,
        first,
        "a cached answer is the same answer"
    );
    let refused = call(&app, "GET", "/metrics", Some(&app.specialist_token)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let metrics = call(&app, "GET", "/metrics", Some(&app.admin_token)).await;
    assert_eq!(metrics.status, StatusCode::OK);
    for name in [
        "helpline_http_requests_total",
        "helpline_http_request_duration_seconds_bucket",
        "helpline_search_duration_seconds_bucket",
        "helpline_searches_total",
        "helpline_content_passages",
        "helpline_searches_answered_from_cache_total",
    ] {
        assert!(
            metrics.body.contains(name),
            "{name} missing:\n{}",
            metrics.body
        );
    }
    assert!(
        metrics.body.contains("route=\"/api/search\""),
        "{}",
        metrics.body
    );
    assert!(
        !metrics.body.contains("maintenance"),
        "query text must never reach the metrics"
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = common::test_app().await;
    let reply = call(&app, "GET", "/healthz", None).await;
    let id = reply.headers["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "{id}");
    let request = Request::get("/healthz")
        .header("x-request-id", "caller-chosen-id")
        .body(Body::empty())
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.headers()["x-request-id"], "caller-chosen-id");
    // An id that could forge log fields is replaced by a new one.
    for forged in [
        "abc method=DELETE path=/api/admin/add_user",
        "id\"with\"quotes",
        &"x".repeat(65),
    ] {
        let request = Request::get("/healthz")
            .header("x-request-id", forged)
            .body(Body::empty())
            .unwrap();
        let response = app.router.clone().oneshot(request).await.unwrap();
        let id = response.headers()["x-request-id"].to_str().unwrap();
        assert_ne!(id, forged);
        assert_eq!(id.len(), 36, "a fresh UUID for {forged:?}: {id}");
    }
}

#[tokio::test]
async fn searches_past_the_cap_get_503_with_retry_after() {
    let app = common::test_app().await;
    let mut held = Vec::new();
    while let Some(permit) = app.state.try_search_slot() {
        held.push(permit);
    }
    assert_eq!(held.len(), 32);
    // All slots busy: the search waits its bounded time in the queue, then gets 503.
    let reply = call(
        &app,
        "GET",
        "/api/search?q=maintenance",
        Some(&app.specialist_token),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        reply.body
    );
    assert_eq!(reply.headers["retry-after"], "1");
    drop(held);
    assert!(hits_for(&app, "maintenance").await > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reloading_under_load_fails_no_request() {
    let app = common::test_app().await;
    std::fs::remove_file(app.dir.path().join("en/broken.md")).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let searchers: Vec<_> = (0..8)
        .map(|i| {
            let (router, token, stop) = (
                app.router.clone(),
                app.specialist_token.clone(),
                stop.clone(),
            );
            tokio::spawn(async move {
                let (mut ok, mut failed) = (0u32, 0u32);
                let queries = ["maintenance", "how+long", "mantenimiento", "maint"];
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let uri = format!(
                        "/api/search?q={}",
                        queries[(ok as usize + i) % queries.len()]
                    );
                    let request = Request::get(uri)
                        .header("authorization", format!("Bearer {token}"))
                        .body(Body::empty())
                        .unwrap();
                    match router.clone().oneshot(request).await.unwrap().status() {
                        StatusCode::OK => ok += 1,
                        // The per-user rate limit of the test app, not a reload failure.
                        StatusCode::TOO_MANY_REQUESTS => {}
                        _ => failed += 1,
                    }
                }
                (ok, failed)
            })
        })
        .collect();
    for round in 0..6 {
        let doc = app.dir.path().join("en/quetzal.md");
        if round % 2 == 0 {
            std::fs::write(&doc, NEW_DOC).unwrap();
        } else {
            std::fs::remove_file(&doc).unwrap();
        }
        app.state.reload_content().await.expect("reload succeeds");
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (mut ok, mut failed) = (0, 0);
    for searcher in searchers {
        let (o, f) = searcher.await.unwrap();
        ok += o;
        failed += f;
    }
    assert_eq!(
        failed,
        0,
        "{failed} of {} searches failed during reloads",
        ok + failed
    );
    assert!(ok > 0);
    assert_eq!(app.state.status().reloads, 6);
}

#[tokio::test]
async fn readyz_says_no_while_draining_or_without_a_database() {
    let app = common::test_app().await;
    let ready = call(&app, "GET", "/readyz", None).await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
    assert_eq!(ready.json()["ready"], true);
    // Liveness is another question: /healthz stays 200 throughout.
    app.state.start_draining();
    let draining = call(&app, "GET", "/readyz", None).await;
    assert_eq!(draining.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(draining.json()["reason"], "draining");
    assert_eq!(
        call(&app, "GET", "/healthz", None).await.status,
        StatusCode::OK
    );

    let other = common::test_app().await;
    other.state.close_database().await;
    let no_db = call(&other, "GET", "/readyz", None).await;
    assert_eq!(no_db.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(no_db.json()["reason"], "database_unreachable");
}
