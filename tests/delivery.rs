//! How answers travel: the bundle precompressed at build time and, when its names carry a
//! content hash, cached for good; pages and JSON compressed on the fly; signed-in answers
//! never cached.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{send, test_app};
use http_body_util::BodyExt;
use std::io::Read;
use tower::ServiceExt;

/// A site folder with one bundle file and its brotli twin (as `--precompress` writes them).
fn site_with_bundle() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("app.h4sh.js"), "console.log('plain');".repeat(20)).unwrap();
    std::fs::write(pkg.join("app.h4sh.js.br"), b"brotli bytes").unwrap();
    site
}

fn get(path: &str, accept_encoding: &str, token: &str) -> Request<Body> {
    Request::get(path)
        .header("accept-encoding", accept_encoding)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn a_hashed_bundle_is_sent_precompressed_and_cached_for_good() {
    let app = test_app().await;
    let site = site_with_bundle();
    for (hashed, policy) in [
        (true, "public, max-age=31536000, immutable"),
        (false, "no-cache"),
    ] {
        let mut state = app.state.clone();
        state.leptos_options.site_root = site.path().to_string_lossy().into_owned().into();
        state.leptos_options.hash_files = hashed;
        let router = helpline_assist::server::router(state);
        let reply = send(
            &router,
            get("/pkg/app.h4sh.js", "gzip, br", &app.specialist_token),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.headers["content-encoding"], "br");
        assert_eq!(
            reply.body, "brotli bytes",
            "the file made at build time, as it is"
        );
        assert_eq!(reply.headers["cache-control"], policy, "hashed: {hashed}");
    }
}

#[tokio::test]
async fn json_answers_are_compressed_when_the_browser_takes_it_and_still_not_cached() {
    let app = test_app().await;
    let plain = send(
        &app.router,
        get(
            "/api/search?q=maintenance",
            "identity",
            &app.specialist_token,
        ),
    )
    .await;
    assert!(!plain.headers.contains_key("content-encoding"));
    let request = get("/api/search?q=maintenance", "gzip", &app.specialist_token);
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut unzipped)
        .unwrap();
    let a: serde_json::Value = serde_json::from_str(&unzipped).unwrap();
    let b = plain.json();
    assert_eq!(a["hits"], b["hits"], "the same answer, compressed");
    assert!(bytes.len() < plain.body.len());
}

fn post_form(path: &str, token: &str, pairs: &[(&str, &str)]) -> Request<Body> {
    let body = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", helpline_assist::ui::encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&");
    Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn a_keystroke_brings_the_first_passage_whole_and_the_others_light() {
    let dir = tempfile::tempdir().unwrap();
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let app = common::test_app_for(dir, &content).await;
    let query = "maintenance chemo how long";
    let form = [("q", query), ("lang", ""), ("topic", "")];
    let light = send(
        &app.router,
        post_form("/api/pane_search", &app.specialist_token, &form),
    )
    .await;
    assert_eq!(light.status, StatusCode::OK, "{}", light.body);
    let api = send(
        &app.router,
        get(
            &format!("/api/search?q={}", query.replace(' ', "+")),
            "identity",
            &app.specialist_token,
        ),
    )
    .await;
    let (light_json, api_json) = (light.json(), api.json());
    let (hits, whole) = (
        light_json["hits"].as_array().unwrap(),
        api_json["hits"].as_array().unwrap(),
    );
    assert!(hits.len() >= 3, "{}", light.body);
    assert_eq!(hits[0], whole[0], "the first hit comes whole");
    assert!(hits[0].get("partial").is_none());
    for (hit, full) in hits.iter().zip(whole).skip(1) {
        assert_eq!(hit["partial"], true);
        assert_eq!(hit["html"], "");
        assert_eq!(
            hit["heading"], full["heading"],
            "the list shows what it showed"
        );
        assert_eq!(hit["snippet_html"], full["snippet_html"]);
    }
    assert!(
        light.body.len() * 2 < api.body.len(),
        "{} vs {} bytes",
        light.body.len(),
        api.body.len()
    );
    // Picking the third hit brings it whole, as the API has it, without logging again.
    let third = hits[2]["passage_id"].as_str().unwrap();
    let picked = send(
        &app.router,
        post_form(
            "/api/pane_hit",
            &app.specialist_token,
            &[("q", query), ("lang", ""), ("passage_id", third)],
        ),
    )
    .await;
    assert_eq!(picked.status, StatusCode::OK, "{}", picked.body);
    assert_eq!(picked.json(), whole[2]);
    // A passage that is not among the hits is a clear 404, not a 500.
    let gone = send(
        &app.router,
        post_form(
            "/api/pane_hit",
            &app.specialist_token,
            &[("q", query), ("lang", ""), ("passage_id", "nope#nope")],
        ),
    )
    .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND, "{}", gone.body);
    // Compressed, an error keeps the status it means (the request layer reads the error first).
    let mut zipped = post_form(
        "/api/pane_hit",
        &app.specialist_token,
        &[
            ("q", query),
            ("lang", "klingon"),
            ("passage_id", "nope#nope"),
        ],
    );
    zipped
        .headers_mut()
        .insert("accept-encoding", "gzip".parse().unwrap());
    let refused = app.router.clone().oneshot(zipped).await.unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(refused.headers()["content-encoding"], "gzip");
}
