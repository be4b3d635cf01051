//! The HTTP surface through the real router: the JSON API, the health check, and the pages
//! rendered on the server.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Reply, TestApp, send};

/// GET as the signed-in specialist (pages by cookie, `/api/*` by token).
async fn get(app: &TestApp, uri: &str) -> Reply {
    let request = if uri.starts_with("/api/") {
        Request::get(uri).header("authorization", format!("Bearer {}", app.specialist_token))
    } else {
        Request::get(uri).header("cookie", &app.specialist_cookie)
    };
    send(&app.router, request.body(Body::empty()).unwrap()).await
}

async fn app() -> TestApp {
    common::test_app().await
}

#[tokio::test]
async fn search_returns_the_documented_json() {
    let app = app().await;
    let reply = get(&app, "/api/search?q=maintenance+how+long&lang=en&limit=5").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type.starts_with("application/json"));
    let json = reply.json();
    assert_eq!(json["query"], "maintenance how long");
    assert!(json["took_us"].is_u64());
    assert!(json["total"].as_u64().unwrap() >= 1);
    let hit = &json["hits"][0];
    for key in [
        "passage_id",
        "doc_id",
        "title",
        "heading",
        "lang",
        "topic",
        "snippet_html",
        "text",
        "score",
        "last_reviewed",
        "url",
    ] {
        assert!(!hit[key].is_null(), "hit has no {key}: {hit}");
    }
    assert_eq!(
        hit["passage_id"],
        "maintenance#how-long-does-maintenance-last"
    );
    assert_eq!(
        hit["url"],
        "/doc/maintenance#how-long-does-maintenance-last"
    );
    assert_eq!(hit["lang"], "en");
    assert_eq!(hit["last_reviewed"], "2026-11-01");
    assert!(hit["snippet_html"].as_str().unwrap().contains("<mark>"));
    assert!(
        !hit["snippet_html"].as_str().unwrap().contains("<script>"),
        "content HTML is escaped"
    );
}

#[tokio::test]
async fn empty_query_is_ok_with_no_hits() {
    let app = app().await;
    for uri in ["/api/search?q=", "/api/search"] {
        let reply = get(&app, uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.json()["hits"].as_array().unwrap().len(), 0, "{uri}");
    }
}

#[tokio::test]
async fn whole_first_sends_one_passage_and_a_light_list() {
    let app = app().await;
    let all = get(&app, "/api/search?q=maintenance").await;
    let first = get(&app, "/api/search?q=maintenance&whole=first").await;
    assert_eq!((all.status, first.status), (StatusCode::OK, StatusCode::OK));
    let (all, first) = (all.json(), first.json());
    let hits = first["hits"].as_array().expect("hits");
    assert!(hits.len() >= 2, "{first}");
    assert_ne!(hits[0]["partial"], true, "the first hit is whole");
    assert!(hits[0]["html"].as_str().is_some_and(|h| !h.is_empty()));
    assert!(
        hits[1..]
            .iter()
            .all(|h| h["partial"] == true && h["html"] == "")
    );
    assert_eq!(all["hits"][1]["passage_id"], hits[1]["passage_id"]);
    assert!(
        all["hits"][1]["html"]
            .as_str()
            .is_some_and(|h| !h.is_empty())
    );
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_json_error() {
    let app = app().await;
    let long = "a".repeat(501);
    for uri in [
        format!("/api/search?q={long}"),
        "/api/search?q=x&limit=0".to_string(),
        "/api/search?q=x&limit=51".to_string(),
        "/api/search?q=x&limit=many".to_string(),
        "/api/search?q=x&lang=fr".to_string(),
        "/api/search?q=x&whole=some".to_string(),
    ] {
        let reply = get(&app, &uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        let error = reply.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(!error.is_empty(), "{uri}: {}", reply.body);
    }
}

#[tokio::test]
async fn hostile_queries_never_fail() {
    let app = app().await;
    for q in [
        "%22unbalanced",
        "AND+OR+NOT",
        "title%3A(x",
        "%F0%9F%92%8A%F0%9F%A7%AC",
        "%00%07%1B",
        "*%3F~%5E2",
        "%FF%FE",
    ] {
        let reply = get(&app, &format!("/api/search?q={q}")).await;
        assert!(
            reply.status == StatusCode::OK || reply.status == StatusCode::BAD_REQUEST,
            "{q}: {}",
            reply.status
        );
        assert!(reply.json().is_object(), "{q}");
    }
}

#[tokio::test]
async fn spanish_is_detected_and_answered_in_spanish() {
    let app = app().await;
    let json = get(&app, "/api/search?q=cu%C3%A1nto+dura+el+mantenimiento")
        .await
        .json();
    assert_eq!(json["hits"][0]["lang"], "es");
    assert_eq!(json["hits"][0]["doc_id"], "maintenance-es");
}

#[tokio::test]
async fn health_counts_documents_passages_and_skipped_files() {
    let app = app().await;
    let json = get(&app, "/healthz").await.json();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["documents"], 2);
    assert_eq!(json["passages"], 3);
    assert_eq!(json["skipped_files"], 1);
}

#[tokio::test]
async fn the_pane_renders_results_on_the_server() {
    let app = app().await;
    let reply = get(&app, "/?q=maintenance+how+long").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.body.contains("class=\"answer-card\""),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("How long does maintenance last?"));
    assert!(reply.body.contains("<mark>"));
    assert!(
        !reply.body.contains("<script>alert(1)"),
        "raw HTML from content is escaped"
    );
}

#[tokio::test]
async fn a_document_page_has_an_anchor_per_passage() {
    let app = app().await;
    let reply = get(&app, "/doc/maintenance").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("id=\"how-long-does-maintenance-last\""));
    assert!(reply.body.contains("href=\"#which-drugs-are-used\""));
    assert!(
        reply.body.contains("href=\"/doc/maintenance-es\""),
        "links to the Spanish twin"
    );
}

#[tokio::test]
async fn unknown_pages_and_documents_are_404() {
    let app = app().await;
    assert_eq!(
        get(&app, "/doc/nothing-here").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/no/such/page").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_missing_content_folder_still_serves_an_empty_state() {
    let app = common::test_app_for(
        tempfile::tempdir().unwrap(),
        std::path::Path::new("/no/content/here"),
    )
    .await;
    let health = get(&app, "/healthz").await.json();
    assert_eq!(health["documents"], 0);
    let page = get(&app, "/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("No content is loaded"), "{}", page.body);
}

#[tokio::test]
async fn the_status_bar_shows_the_helpline_from_its_file() {
    let app = app().await;
    let page = get(&app, "/").await;
    assert!(page.body.contains("1-800-555-0100"), "{}", page.body);
    assert!(page.body.contains("Live chat"), "{}", page.body);
}

#[tokio::test]
async fn hits_carry_texts_ready_for_chat_and_phone() {
    let app = app().await;
    let json = get(&app, "/api/search?q=maintenance+how+long").await.json();
    let chat = json["hits"][0]["chat_text"].as_str().unwrap();
    assert!(
        chat.starts_with("Maintenance goes on for about two years"),
        "{chat}"
    );
    assert!(
        chat.contains(
            "Source: Maintenance therapy — How long does maintenance last?, reviewed 2026-11-01"
        ),
        "{chat}"
    );
    assert!(
        chat.ends_with("General information only."),
        "the disclaimer from helpline.toml: {chat}"
    );
    let phone = json["hits"][0]["phone_text"].as_str().unwrap();
    assert!(
        !phone.contains("Source:") && !phone.contains("http"),
        "{phone}"
    );
}

#[tokio::test]
async fn a_topic_chip_lists_the_topic_in_reading_order() {
    let app = app().await;
    let page = get(&app, "/?topic=maintenance").await;
    assert_eq!(page.status, StatusCode::OK);
    let first = page
        .body
        .find("How long does maintenance last?")
        .expect("first passage");
    let second = page
        .body
        .find("Which drugs are used?")
        .expect("second passage");
    assert!(first < second);
    assert!(
        page.body.contains("class=\"chip active\""),
        "the chip shows as chosen"
    );
}

#[tokio::test]
async fn hits_link_to_their_twin_in_the_other_language() {
    let app = app().await;
    let json = get(&app, "/api/search?q=maintenance+how+long&lang=en")
        .await
        .json();
    // The twin passage (paired by key), not the top of the twin document.
    assert_eq!(
        json["hits"][0]["twin_url"],
        "/doc/maintenance-es#cuanto-dura-el-mantenimiento"
    );
    let json = get(&app, "/api/search?q=mantenimiento&lang=es")
        .await
        .json();
    assert_eq!(
        json["hits"][0]["twin_url"],
        "/doc/maintenance#how-long-does-maintenance-last"
    );
    // A passage with no twin passage links to the twin document.
    let json = get(&app, "/api/search?q=methotrexate+mercaptopurine&lang=en")
        .await
        .json();
    assert_eq!(json["hits"][0]["twin_url"], "/doc/maintenance-es");
}

#[tokio::test]
async fn the_interface_speaks_the_chosen_language() {
    let app = app().await;
    let es = get(&app, "/?q=mantenimiento&lang=es").await;
    for text in [
        "Buscar",
        "Copiar para el chat",
        "Revisado por última vez",
        "Fuentes",
        "Explorar por tema",
    ] {
        assert!(es.body.contains(text), "Spanish interface lacks {text:?}");
    }
    assert!(!es.body.contains("Copy for chat"));
    let en = get(&app, "/?q=maintenance").await;
    for text in ["Search", "Copy for chat", "Last reviewed", "Sources"] {
        assert!(en.body.contains(text), "English interface lacks {text:?}");
    }
}

/// Building another router must not stall a page in flight: leptos lists routes by running the
/// app with resource loading switched off process-wide, so a router built per call would leave a
/// page rendered meanwhile waiting for data that never comes (a 408 after the request timeout).
#[tokio::test]
async fn building_routers_never_stalls_a_page_in_flight() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let app = app().await;
    let stop = Arc::new(AtomicBool::new(false));
    let builder = {
        let (state, stop) = (app.state.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                drop(helpline_assist::server::router(state.clone()));
            }
        })
    };
    for _ in 0..10 {
        let reply = get(&app, "/doc/maintenance").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("id=\"which-drugs-are-used\""));
    }
    stop.store(true, Ordering::Relaxed);
    builder.join().expect("the router builder ran");
}
