//! Helpers shared by the integration tests: a small content folder and the app router.

#![allow(dead_code)]

pub mod editing;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use helpline_assist::config::ServeArgs;
use helpline_assist::domain::Role;
use helpline_assist::state::AppState;
use helpline_assist::store::Store;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use serde_json::Value;
use std::path::Path;
use tower::ServiceExt;

pub const MAINTENANCE: &str = r#"+++
id = "maintenance"
title = "Maintenance therapy"
topic = "maintenance"
language = "en"
summary = "The longest phase."
owner = "Clinical content team"
last_reviewed = "2026-11-01"

[[sources]]
title = "A source"
publisher = "A publisher"
url = "https://example.org/a"
+++
## How long does maintenance last?
Maintenance goes on for about **two years** at lower doses. <script>alert(1)</script>

## Which drugs are used?
Methotrexate and mercaptopurine (6-MP) by mouth.
"#;

pub const MANTENIMIENTO: &str = r#"+++
id = "maintenance-es"
translation_of = "maintenance"
title = "Mantenimiento"
topic = "maintenance"
language = "es"
summary = "La fase más larga."
owner = "Clinical content team"
last_reviewed = "2026-11-02"

[[sources]]
title = "Una fuente"
publisher = "Un editor"
+++
## ¿Cuánto dura el mantenimiento? {key=how-long-does-maintenance-last}
El mantenimiento dura unos dos años, con dosis más bajas.
"#;

pub const HELPLINE: &str = r#"name = "Test helpline"
phone = "1-800-555-0100"
phone_hours = "24 hours a day, 7 days a week"
time_zone = "America/Chicago"
disclaimer = "General information only."
disclaimer_es = "Solo información general."

[chat]
holidays = []

[chat.hours]
mon = "07:00-18:30"
"#;

/// Writes a content folder with two good documents and one broken one.
pub fn write_content(dir: &Path) {
    std::fs::create_dir_all(dir.join("en")).unwrap();
    std::fs::create_dir_all(dir.join("es")).unwrap();
    std::fs::write(dir.join("en/maintenance.md"), MAINTENANCE).unwrap();
    std::fs::write(dir.join("es/maintenance-es.md"), MANTENIMIENTO).unwrap();
    std::fs::write(dir.join("en/broken.md"), "+++\ntitle = \"no end\"\n").unwrap();
    std::fs::write(dir.join("helpline.toml"), HELPLINE).unwrap();
}

pub const PASSWORD: &str = "correct horse battery staple 42";

/// The app state for `content_dir`, with a fresh database file under `data_dir` (a file, as in
/// production: WAL, several connections).
pub async fn state_for(content_dir: &Path, data_dir: &Path) -> AppState {
    let settings = ServeArgs {
        content_dir: content_dir.to_path_buf(),
        ..ServeArgs::default()
    };
    state_with(settings, data_dir).await
}

/// The app state for `settings`, with a fresh database file under `data_dir` (or a fresh
/// PostgreSQL database when `HELPLINE_TEST_POSTGRES_URL` is set).
pub async fn state_with(mut settings: ServeArgs, data_dir: &Path) -> AppState {
    if settings.index_dir.is_none() {
        settings.index_dir = Some(data_dir.join("index"));
    }
    let options = LeptosOptions::builder()
        .output_name("helpline-assist")
        .build();
    let url = format!("sqlite://{}", data_dir.join("helpline.db").display());
    // A PostgreSQL database instead when the tests run on PostgreSQL (scripts/test).
    let store = Store::open_for_tests(&url).await.expect("database opens");
    AppState::load(settings, options, store)
        .await
        .expect("state loads")
}

/// An app with a content folder, one user per role, and a way in for each.
pub struct TestApp {
    pub dir: tempfile::TempDir,
    pub state: AppState,
    pub router: axum::Router,
    /// `Cookie` header values of signed-in users.
    pub specialist_cookie: String,
    pub admin_cookie: String,
    /// API tokens.
    pub specialist_token: String,
    pub admin_token: String,
}

pub async fn test_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    write_content(dir.path());
    let content = dir.path().to_path_buf();
    test_app_for(dir, &content).await
}

/// Like `test_app`, serving the content folder `content` (which may not exist).
pub async fn test_app_for(dir: tempfile::TempDir, content: &Path) -> TestApp {
    let state = state_for(content, dir.path()).await;
    let auth = state.auth();
    for (name, role) in [("sam", Role::Specialist), ("ada", Role::Admin)] {
        auth.create_user("test", name, PASSWORD, role, "")
            .await
            .expect("user added");
    }
    let cookie = |secret: String| format!("helpline_session={secret}");
    let specialist_cookie = cookie(auth.sign_in("sam", PASSWORD, "test").await.unwrap());
    let admin_cookie = cookie(auth.sign_in("ada", PASSWORD, "test").await.unwrap());
    let specialist_token = auth
        .create_token("test", "script", Role::Specialist, "")
        .await
        .unwrap();
    let admin_token = auth
        .create_token("test", "admin-script", Role::Admin, "")
        .await
        .unwrap();
    let router = helpline_assist::server::router(state.clone());
    TestApp {
        dir,
        state,
        router,
        specialist_cookie,
        admin_cookie,
        specialist_token,
        admin_token,
    }
}

/// What the router answered, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends `request` through the router and reads the whole answer.
pub async fn send(app: &axum::Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        content_type,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}
