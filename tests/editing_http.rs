//! Editing and publishing through the server functions, as the browser calls them: the
//! cycle with two supervisors, refusals as 4xx, suggestions from specialists, and content gaps
//! naming the revision that filled them.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::editing::{actor, hits, submitted};
use common::{MAINTENANCE, TestApp, send};
use helpline_assist::domain::DraftState;

/// A supervisor's session cookie.
async fn supervisor(app: &TestApp, name: &str) -> String {
    use helpline_assist::domain::Role;
    let auth = app.state.auth();
    auth.create_user("test", name, common::PASSWORD, Role::Supervisor, "")
        .await
        .unwrap();
    format!(
        "helpline_session={}",
        auth.sign_in(name, common::PASSWORD, "test").await.unwrap()
    )
}

async fn post(app: &TestApp, path: &str, cookie: &str, form: &[(&str, &str)]) -> common::Reply {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    let request = Request::post(path)
        .header("host", "localhost")
        .header("origin", "http://localhost")
        .header("accept", "application/json")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap();
    send(&app.router, request).await
}

#[tokio::test]
async fn the_server_functions_carry_the_cycle_and_refuse_bad_steps_with_4xx() {
    let app = common::test_app().await;
    let ana = supervisor(&app, "ana").await;
    let ben = supervisor(&app, "ben").await;
    let started = post(
        &app,
        "/api/review/start_draft",
        &ana,
        &[("doc_id", "maintenance")],
    )
    .await;
    assert!(
        started.status.is_success() || started.status.is_redirection(),
        "{}",
        started.body
    );
    let id = app
        .state
        .store()
        .drafts_of("maintenance", true)
        .await
        .unwrap()[0]
        .id
        .to_string();
    let unknown = post(
        &app,
        "/api/review/start_draft",
        &ana,
        &[("doc_id", "no-such-doc")],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let form = |body: &'static str| {
        vec![
            ("fields[title]", "Maintenance therapy"),
            ("fields[topic]", "maintenance"),
            ("fields[owner]", "Clinical content team"),
            ("fields[summary]", "The longest phase."),
            ("fields[last_reviewed]", "2026-11-01"),
            (
                "fields[sources]",
                "A source | A publisher | https://example.org/a",
            ),
            ("body", body),
            ("note", "plainer words"),
        ]
    };
    let body =
        "## How long does maintenance last?\nAbout two years, with pills at home and a wombat.\n";
    let version = |app: &TestApp, id: &str| {
        let id: i64 = id.parse().unwrap();
        let store = app.state.store().clone();
        async move { store.draft(id).await.unwrap().unwrap().version.to_string() }
    };
    let opened = version(&app, &id).await;
    let mut save = form(body);
    save.push(("id", &id));
    save.push(("seen", &opened));
    let saved = post(&app, "/api/review/save_draft", &ana, &save).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let text = app
        .state
        .store()
        .draft(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .body;
    assert!(
        text.starts_with("+++\nid = \"maintenance\"\n") && text.ends_with(body),
        "{text}"
    );
    let preview = post(
        &app,
        "/api/review/preview_draft",
        &ana,
        &save[..save.len()]
            .iter()
            .filter(|(k, _)| *k != "note")
            .copied()
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview.body.contains("wombat"),
        "rendered: {}",
        preview.body
    );
    let huge = "x".repeat(300_000);
    let mut oversized = save.clone();
    oversized.retain(|(k, _)| *k != "body");
    oversized.push(("body", &huge));
    let refused = post(&app, "/api/review/save_draft", &ana, &oversized).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let enormous = "y".repeat(2 * 1024 * 1024);
    let too_large = post(
        &app,
        "/api/review/save_draft",
        &ana,
        &[("id", &id), ("body", &enormous)],
    )
    .await;
    assert_eq!(
        too_large.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "no length given, still 413"
    );
    assert_eq!(
        post(&app, "/api/review/submit_draft", &ana, &[("id", &id)])
            .await
            .status,
        StatusCode::OK
    );
    let seen = version(&app, &id).await;
    let stale_save = post(&app, "/api/review/save_draft", &ana, &save).await;
    assert_eq!(
        stale_save.status,
        StatusCode::CONFLICT,
        "saving a version long gone"
    );
    let own = post(
        &app,
        "/api/review/approve_draft",
        &ana,
        &[("id", &id), ("seen", &seen)],
    )
    .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN, "{}", own.body);
    let specialist = post(
        &app,
        "/api/review/approve_draft",
        &app.specialist_cookie,
        &[("id", &id), ("seen", &seen)],
    )
    .await;
    assert_eq!(specialist.status, StatusCode::FORBIDDEN);
    let unseen = post(
        &app,
        "/api/review/approve_draft",
        &ben,
        &[("id", &id), ("seen", &opened)],
    )
    .await;
    assert_eq!(
        unseen.status,
        StatusCode::CONFLICT,
        "approving a version never seen"
    );
    let approved = post(
        &app,
        "/api/review/approve_draft",
        &ben,
        &[("id", &id), ("seen", &seen)],
    )
    .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    assert_eq!(hits(&app, "wombat").await, 1);
    let again = post(
        &app,
        "/api/review/approve_draft",
        &ben,
        &[("id", &id), ("seen", &seen)],
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "published once only");
    let history = post(
        &app,
        "/api/review/history",
        &ana,
        &[("doc_id", "maintenance")],
    )
    .await;
    assert!(history.body.contains("plainer words"), "{}", history.body);
}

#[tokio::test]
async fn a_specialist_suggestion_becomes_a_draft_for_that_passage() {
    let app = common::test_app().await;
    let passage = "maintenance#which-drugs-are-used";
    let reply = post(
        &app,
        "/api/suggest_edit",
        &app.specialist_cookie,
        &[
            ("passage_id", passage),
            (
                "text",
                "Two medicines taken by mouth: methotrexate and mercaptopurine.",
            ),
            ("note", "callers ask what 6-MP is"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let draft = &app
        .state
        .store()
        .drafts_of("maintenance", true)
        .await
        .unwrap()[0];
    assert_eq!(draft.state, DraftState::Suggested);
    assert_eq!(draft.passage_id.as_deref(), Some(passage));
    assert!(
        draft
            .body
            .contains("## Which drugs are used?\nTwo medicines taken by mouth")
    );
    assert!(
        draft.body.contains("about **two years**"),
        "other passages kept"
    );
    let missing = post(
        &app,
        "/api/suggest_edit",
        &app.specialist_cookie,
        &[
            ("passage_id", "maintenance#nothing"),
            ("text", "x"),
            ("note", ""),
        ],
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let empty = post(
        &app,
        "/api/suggest_edit",
        &app.specialist_cookie,
        &[("passage_id", passage), ("text", "  "), ("note", "")],
    )
    .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_gap_marked_content_added_names_the_revision_that_added_it() {
    let app = common::test_app().await;
    let id = submitted(
        &app,
        "maintenance",
        &MAINTENANCE.replace("by mouth.", "by mouth; see the schedule."),
    )
    .await;
    let revision = app
        .state
        .approve_draft(id, None, &actor("ben"))
        .await
        .unwrap();
    let index = app.state.index();
    let review = app.state.review();
    review
        .set_gap(
            index.corpus(),
            "ana",
            "schedul",
            "added",
            "",
            "maintenance",
            "test",
        )
        .await
        .unwrap();
    review
        .set_gap(
            index.corpus(),
            "ana",
            "other",
            "assigned",
            "ana",
            "",
            "test",
        )
        .await
        .unwrap();
    let decisions = app.state.store().gap_decisions().await.unwrap();
    let find = |n: &str| {
        decisions
            .iter()
            .find(|d| d.normalized == n)
            .unwrap()
            .revision
    };
    assert_eq!(find("schedul"), Some(revision));
    assert_eq!(find("other"), None);
}

#[tokio::test]
async fn a_suggestion_can_only_answer_an_open_flag_on_its_own_document() {
    let app = common::test_app().await;
    let index = app.state.index();
    let review = app.state.review();
    let elsewhere = review
        .flag_passage(
            index.corpus(),
            "sam",
            "maintenance-es#cuanto-dura-el-mantenimiento",
            "unclear",
            "",
            "test",
        )
        .await
        .unwrap();
    let here = review
        .flag_passage(
            index.corpus(),
            "sam",
            "maintenance#which-drugs-are-used",
            "unclear",
            "",
            "test",
        )
        .await
        .unwrap();
    assert_eq!(
        suggest_with_flag(&app, elsewhere).await.status,
        StatusCode::BAD_REQUEST,
        "a flag on another document"
    );
    assert_eq!(
        suggest_with_flag(&app, 9999).await.status,
        StatusCode::BAD_REQUEST,
        "no such flag"
    );
    assert_eq!(suggest_with_flag(&app, here).await.status, StatusCode::OK);
}

async fn suggest_with_flag(app: &TestApp, flag: i64) -> common::Reply {
    let flag = flag.to_string();
    post(
        app,
        "/api/suggest_edit",
        &app.specialist_cookie,
        &[
            ("passage_id", "maintenance#which-drugs-are-used"),
            ("text", "Two medicines by mouth."),
            ("note", ""),
            ("flag_id", &flag),
        ],
    )
    .await
}
