//! What an attacker tried, as HTTP requests through the router: redirects after sign-in, the
//! client address behind a proxy, caching and transport headers, the first-run page's errors.

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use common::{PASSWORD, send, test_app};
use helpline_assist::config::ServeArgs;
use helpline_assist::domain::Role;
use std::net::SocketAddr;

fn form_body(user: &str, password: &str, next: &str) -> String {
    let enc = |s: &str| helpline_assist::ui::encode_query_value(s);
    format!(
        "username={}&password={}&next={}",
        enc(user),
        enc(password),
        enc(next)
    )
}

fn sign_in(
    user: &str,
    password: &str,
    next: &str,
    peer: Option<&str>,
    xff: Option<&str>,
) -> Request<Body> {
    let mut request = Request::post("/auth/login")
        .header("host", "localhost")
        .header("origin", "http://localhost")
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(xff) = xff {
        request = request.header("x-forwarded-for", xff);
    }
    let mut request = request
        .body(Body::from(form_body(user, password, next)))
        .unwrap();
    if let Some(peer) = peer {
        let addr: SocketAddr = format!("{peer}:40000").parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(addr));
    }
    request
}

#[tokio::test]
async fn next_never_leaves_the_site_and_never_breaks_the_redirect() {
    let app = test_app().await;
    for next in [
        "/\t/evil.example/phish",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "/\n/evil.example",
        "/doc/x\r\nSet-Cookie: a=b",
    ] {
        let reply = send(&app.router, sign_in("sam", PASSWORD, next, None, None)).await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "{next:?}: {}",
            reply.body
        );
        assert_eq!(reply.headers["location"], "/", "{next:?}");
    }
    let reply = send(
        &app.router,
        sign_in("sam", PASSWORD, "/doc/maintenance#a", None, None),
    )
    .await;
    assert_eq!(reply.headers["location"], "/doc/maintenance#a");
}

async fn app_with(settings: ServeArgs) -> (tempfile::TempDir, axum::Router) {
    let dir = tempfile::tempdir().unwrap();
    common::write_content(dir.path());
    let settings = ServeArgs {
        content_dir: dir.path().to_path_buf(),
        ..settings
    };
    let state = common::state_with(settings, dir.path()).await;
    state
        .auth()
        .create_user("test", "sam", PASSWORD, Role::Specialist, "")
        .await
        .unwrap();
    let router = helpline_assist::server::router(state);
    (dir, router)
}

/// Five wrong passwords from one caller behind the proxy lock out that caller only — and only
/// when the proxy is trusted; otherwise the forwarded header is ignored.
#[tokio::test]
async fn behind_a_trusted_proxy_one_clients_failures_do_not_lock_out_the_others() {
    let trusted = ServeArgs {
        trusted_proxies: vec!["10.0.0.0/8".parse().unwrap()],
        ..ServeArgs::default()
    };
    let (_dir, router) = app_with(trusted).await;
    let proxy = Some("10.0.0.5");
    for _ in 0..5 {
        let reply = send(
            &router,
            sign_in("sam", "wrong wrong wrong", "/", proxy, Some("198.51.100.7")),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
    }
    let attacker = send(
        &router,
        sign_in("sam", PASSWORD, "/", proxy, Some("198.51.100.7")),
    )
    .await;
    assert_eq!(attacker.status, StatusCode::TOO_MANY_REQUESTS);
    let colleague = send(
        &router,
        sign_in("sam", PASSWORD, "/", proxy, Some("198.51.100.8")),
    )
    .await;
    assert_eq!(colleague.status, StatusCode::SEE_OTHER);
    assert!(colleague.headers.contains_key("set-cookie"), "signed in");

    // Without a trusted proxy the header is the client's own words: ignored, and a forged
    // address does not escape the throttle.
    let (_dir, router) = app_with(ServeArgs::default()).await;
    let direct = Some("203.0.113.9");
    for i in 0..5 {
        let xff = format!("192.0.2.{i}");
        send(
            &router,
            sign_in("sam", "wrong wrong wrong", "/", direct, Some(&xff)),
        )
        .await;
    }
    let forged = send(
        &router,
        sign_in("sam", PASSWORD, "/", direct, Some("192.0.2.99")),
    )
    .await;
    assert_eq!(forged.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn signed_in_answers_are_never_cached_and_https_gets_hsts_and_a_host_cookie() {
    let app = test_app().await;
    for path in ["/api/search?q=maintenance", "/?q=maintenance", "/login"] {
        let request = Request::get(path)
            .header("authorization", format!("Bearer {}", app.specialist_token))
            .body(Body::empty())
            .unwrap();
        let reply = send(&app.router, request).await;
        assert_eq!(reply.headers["cache-control"], "no-store", "{path}");
        assert!(!reply.headers.contains_key("strict-transport-security"));
    }
    let https = ServeArgs {
        public_url: Some("https://assist.example.org".into()),
        ..ServeArgs::default()
    };
    let (_dir, router) = app_with(https).await;
    let reply = send(&router, sign_in("sam", PASSWORD, "/", None, None)).await;
    let cookie = reply.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-helpline_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(
        reply.headers["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    let session = cookie.split(';').next().unwrap().to_string();
    let page = Request::get("/api/search?q=maintenance")
        .header("cookie", session)
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&router, page).await.status,
        StatusCode::OK,
        "the prefixed cookie is read"
    );
}

#[tokio::test]
async fn the_setup_page_shows_only_its_own_messages() {
    let dir = tempfile::tempdir().unwrap();
    common::write_content(dir.path());
    let state = common::state_for(dir.path(), dir.path()).await;
    let router = helpline_assist::server::router(state);
    let spoof = "Call%20IT%20at%20555-0100%20with%20your%20password";
    let page = send(
        &router,
        Request::get(format!("/setup?token=x&error={spoof}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Call IT"), "{}", page.body);
    let known = send(
        &router,
        Request::get("/setup?token=x&error=link")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(
        known.body.contains("This setup link is not valid"),
        "{}",
        known.body
    );
}

#[tokio::test]
async fn dot_segments_never_reach_a_page_past_the_role_check() {
    let app = test_app().await;
    for path in [
        "/pkg/../admin/users",
        "/pkg/%2e%2e/admin/users",
        "/pkg//../admin/users",
    ] {
        let request = Request::get(path)
            .header("cookie", &app.specialist_cookie)
            .body(Body::empty())
            .unwrap();
        let reply = send(&app.router, request).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            reply.body
        );
        assert!(!reply.body.contains("Users"), "{path}");
    }
}

/// A cached answer must not reveal (by a faster `took_us`) that another user just searched the
/// same words: it reports the time its search took when it was made.
#[tokio::test]
async fn a_cached_answer_reports_the_time_of_the_search_that_made_it() {
    let app = test_app().await;
    let search = |token: String| {
        let router = app.router.clone();
        async move {
            let request = Request::get("/api/search?q=how%20long%20maintenance%20unique")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap();
            send(&router, request).await.json()["took_us"]
                .as_u64()
                .unwrap()
        }
    };
    let first = search(app.specialist_token.clone()).await;
    let again = search(app.admin_token.clone()).await;
    assert_eq!(first, again);
}
