//! The supervisor workspace through the real router: flags, the review cycle, the redacted
//! query log, analytics and the content-gap queue, with role checks on every new endpoint.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Reply, TestApp, send};
use tower::ServiceExt;

async fn call(
    app: &TestApp,
    method: &str,
    uri: &str,
    token: &str,
    body: Option<(&str, String)>,
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {token}"));
    let body = match body {
        Some((content_type, text)) => {
            request = request.header("content-type", content_type);
            Body::from(text)
        }
        None => Body::empty(),
    };
    send(&app.router, request.body(body).unwrap()).await
}

/// `GET uri` with `token`.
async fn get(app: &TestApp, uri: &str, token: &str) -> Reply {
    call(app, "GET", uri, token, None).await
}

/// `POST uri` with `token` and a form of `pairs` (how server functions are called).
async fn post_form(app: &TestApp, uri: &str, token: &str, pairs: &[(&str, &str)]) -> Reply {
    call(app, "POST", uri, token, form(pairs)).await
}

fn form(pairs: &[(&str, &str)]) -> Option<(&'static str, String)> {
    let text = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", helpline_assist::ui::encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&");
    Some(("application/x-www-form-urlencoded", text))
}

const PASSAGE: &str = "maintenance#how-long-does-maintenance-last";

#[tokio::test]
async fn new_json_endpoints_check_roles() {
    let app = common::test_app().await;
    for uri in [
        "/api/review/documents",
        "/api/review/flags",
        "/api/analytics/queries",
    ] {
        let reply = get(&app, uri, &app.specialist_token).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{uri}");
        let reply = get(&app, uri, &app.admin_token).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
        let anonymous = app
            .router
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{uri}");
    }
}

#[tokio::test]
async fn a_flag_posted_by_a_specialist_reaches_the_supervisors_list() {
    let app = common::test_app().await;
    let body = serde_json::json!({ "passage_id": PASSAGE, "reason": "outdated", "note": "New trial data" });
    let reply = call(
        &app,
        "POST",
        "/api/flags",
        &app.specialist_token,
        Some(("application/json", body.to_string())),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let id = reply.json()["id"].as_i64().unwrap();

    for (bad, status) in [
        (
            serde_json::json!({ "passage_id": PASSAGE, "reason": "boring" }),
            StatusCode::BAD_REQUEST,
        ),
        (
            serde_json::json!({ "passage_id": "maintenance#nowhere", "reason": "other" }),
            StatusCode::NOT_FOUND,
        ),
        (
            serde_json::json!({ "passage_id": PASSAGE, "reason": "other", "note": "x".repeat(1001) }),
            StatusCode::BAD_REQUEST,
        ),
        (
            serde_json::json!({ "reason": "other" }),
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let reply = call(
            &app,
            "POST",
            "/api/flags",
            &app.specialist_token,
            Some(("application/json", bad.to_string())),
        )
        .await;
        assert_eq!(reply.status, status, "{bad}: {}", reply.body);
    }

    let flags = get(&app, "/api/review/flags?doc=maintenance", &app.admin_token)
        .await
        .json();
    assert_eq!(flags.as_array().unwrap().len(), 1);
    assert_eq!(flags[0]["id"], id);
    assert_eq!(flags[0]["reason"], "outdated");
    assert_eq!(flags[0]["created_by"], "token:script");
    let queue = get(&app, "/api/review/documents", &app.admin_token)
        .await
        .json();
    let row = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["doc_id"] == "maintenance")
        .unwrap();
    assert_eq!(row["open_flags"], 1);
}

#[tokio::test]
async fn a_full_review_cycle_through_the_server_functions() {
    let app = common::test_app().await;
    let flagged = post_form(
        &app,
        "/api/flag_passage",
        &app.specialist_token,
        &[
            ("passage_id", PASSAGE),
            ("reason", "unclear"),
            ("note", "Say how long"),
        ],
    )
    .await;
    assert_eq!(flagged.status, StatusCode::OK, "{}", flagged.body);
    let id = flagged.body.trim().to_string();
    let mine = post_form(&app, "/api/my_flags", &app.specialist_token, &[])
        .await
        .json();
    assert_eq!(mine[0]["passage_id"], PASSAGE);

    // A specialist cannot resolve or mark reviewed.
    let refused = post_form(
        &app,
        "/api/review/resolve_flag",
        &app.specialist_token,
        &[("id", &id), ("note", "done")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let page = post_form(
        &app,
        "/api/review/document",
        &app.admin_token,
        &[("id", "maintenance")],
    )
    .await
    .json();
    assert_eq!(page["flags"][0]["open"], true);
    let resolved = post_form(
        &app,
        "/api/review/resolve_flag",
        &app.admin_token,
        &[("id", &id), ("note", "Reworded")],
    )
    .await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.body);
    let again = post_form(
        &app,
        "/api/review/resolve_flag",
        &app.admin_token,
        &[("id", &id), ("note", "twice")],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let marked = post_form(
        &app,
        "/api/review/mark_reviewed",
        &app.admin_token,
        &[("doc_id", "maintenance"), ("note", "All checked")],
    )
    .await;
    assert_eq!(marked.status, StatusCode::OK, "{}", marked.body);

    let page = post_form(
        &app,
        "/api/review/document",
        &app.admin_token,
        &[("id", "maintenance")],
    )
    .await
    .json();
    assert_eq!(page["status"]["reviewed_by"], "token:admin-script");
    assert_eq!(page["status"]["open_flags"], 0);
    assert_eq!(page["history"][0]["current_content"], true);
    let audit = app.state.auth().audit_log(50).await.unwrap();
    for action in ["flag passage", "resolve flag", "mark reviewed"] {
        assert!(
            audit.iter().any(|e| e.action == action),
            "{action} missing from the audit log"
        );
    }
}

#[tokio::test]
async fn pane_searches_are_logged_redacted_and_feed_the_gap_queue() {
    let app = common::test_app().await;
    let searched = post_form(
        &app,
        "/api/pane_search",
        &app.specialist_token,
        &[
            (
                "q",
                "caller 312-555-0100 jane@example.org asks about tooth whitening ",
            ),
            ("lang", "en"),
            ("topic", ""),
        ],
    )
    .await;
    assert_eq!(searched.status, StatusCode::OK, "{}", searched.body);
    let answered = post_form(
        &app,
        "/api/pane_search",
        &app.specialist_token,
        &[
            ("q", "how long does maintenance last"),
            ("lang", "en"),
            ("topic", ""),
        ],
    )
    .await
    .json();
    let reference = answered["search_ref"]
        .as_str()
        .expect("a logged search has a reference")
        .to_string();
    let used = post_form(
        &app,
        "/api/report_use",
        &app.specialist_token,
        &[
            ("search_ref", &reference),
            ("rank", "1"),
            ("action", "copy"),
        ],
    )
    .await;
    assert_eq!(used.status, StatusCode::OK, "{}", used.body);

    let top = get(&app, "/api/analytics/queries?kind=top", &app.admin_token).await;
    assert!(
        !top.body.contains("555") && !top.body.contains("example.org"),
        "{}",
        top.body
    );
    assert!(
        top.body.contains("[phone]") && top.body.contains("[email]"),
        "{}",
        top.body
    );
    let no_click = get(
        &app,
        "/api/analytics/queries?kind=noclick",
        &app.admin_token,
    )
    .await
    .json();
    assert!(
        no_click
            .as_array()
            .unwrap()
            .iter()
            .all(|g| !g["example"].as_str().unwrap().contains("maintenance"))
    );
    let csv = get(
        &app,
        "/api/analytics/queries?kind=top&format=csv",
        &app.admin_token,
    )
    .await;
    assert!(
        csv.content_type.starts_with("text/csv"),
        "{}",
        csv.content_type
    );
    assert!(csv.body.starts_with("query,normalized,count"));
    let bad = get(&app, "/api/analytics/queries?kind=all", &app.admin_token).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = get(
        &app,
        "/api/analytics/queries?from=yesterday",
        &app.admin_token,
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let gaps = post_form(
        &app,
        "/api/review/gaps",
        &app.admin_token,
        &[("status", "")],
    )
    .await
    .json();
    assert_eq!(gaps["page"], 1);
    assert!(gaps["total"].as_i64().unwrap() >= 1, "{gaps}");
    let tooth = gaps["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"]["example"].as_str().unwrap().contains("tooth"))
        .expect("tooth gap");
    let normalized = tooth["group"]["normalized"].as_str().unwrap().to_string();
    let decided = post_form(
        &app,
        "/api/review/decide_gap",
        &app.admin_token,
        &[
            ("normalized", &normalized),
            ("status", "assigned"),
            ("owner", "Clinical team"),
            ("doc_id", ""),
        ],
    )
    .await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
    let assigned = post_form(
        &app,
        "/api/review/gaps",
        &app.admin_token,
        &[("status", "assigned")],
    )
    .await
    .json();
    assert_eq!(assigned["gaps"][0]["owner"], "Clinical team");
}
