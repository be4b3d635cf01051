//! Helpers for the editing tests: an actor, a search through the router, and a draft edited
//! and submitted by "ana".

use super::{TestApp, send};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use helpline_assist::editorial::drafts::DraftEdit;
use helpline_assist::state::Actor;

pub fn actor(name: &str) -> Actor<'_> {
    Actor {
        name,
        client: "test",
    }
}

pub async fn search(app: &TestApp, q: &str) -> serde_json::Value {
    let request = Request::get(format!("/api/search?q={q}"))
        .header("authorization", format!("Bearer {}", app.specialist_token))
        .body(Body::empty())
        .unwrap();
    let reply = send(&app.router, request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

pub async fn hits(app: &TestApp, q: &str) -> usize {
    search(app, q).await["hits"].as_array().unwrap().len()
}

/// Ana edits `doc_id` to `body` and submits; returns the draft.
pub async fn submitted(app: &TestApp, doc_id: &str, body: &str) -> i64 {
    let state = &app.state;
    let id = state.start_draft(doc_id, &actor("ana")).await.unwrap();
    let edit = DraftEdit {
        body,
        note: "clearer",
        user: "ana",
        rebase: None,
        seen: None,
    };
    state.save_draft(id, edit, "test").await.unwrap();
    state.submit_draft(id, &actor("ana")).await.unwrap();
    id
}
