//! Who may reach what. Every page, server function and API route is listed from the app
//! itself, so a new endpoint that forgets its check fails here. Also sign-in throttling,
//! session expiry, cross-site writes, the setup link, token revocation, headers and limits.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{PASSWORD, TestApp, send, test_app};
use helpline_assist::ui::App;

/// Every page path (parameters filled in) and every server function, as the app declares them.
fn endpoints() -> (Vec<String>, Vec<(String, String)>) {
    let pages = leptos_axum::generate_route_list(App)
        .into_iter()
        .map(|route| route.path().replace(":id", "maintenance"))
        .collect();
    let functions = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_string(), method.to_string()))
        .collect();
    (pages, functions)
}

fn request(method: &str, path: &str, who: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "localhost")
        .header("origin", "http://localhost")
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(cookie) = who {
        builder = builder.header("cookie", cookie);
    }
    builder.body(Body::empty()).unwrap()
}

const PUBLIC_PAGES: [&str; 2] = ["/login", "/setup"];

#[tokio::test]
async fn every_endpoint_refuses_the_unauthenticated() {
    let app = test_app().await;
    let (pages, functions) = endpoints();
    assert!(
        pages.len() >= 5 && functions.len() >= 10,
        "{pages:?} {functions:?}"
    );
    for page in pages.iter().filter(|p| !PUBLIC_PAGES.contains(&p.as_str())) {
        let reply = send(&app.router, request("GET", page, None)).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{page}");
        let location = reply.headers["location"].to_str().unwrap();
        assert!(location.starts_with("/login?next="), "{page} → {location}");
    }
    for (path, method) in &functions {
        let reply = send(&app.router, request(method, path, None)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "{method} {path}: {}",
            reply.body
        );
        assert!(reply.body.contains("\"error\""), "{path}");
    }
    for page in PUBLIC_PAGES {
        let reply = send(&app.router, request("GET", page, None)).await;
        assert_eq!(reply.status, StatusCode::OK, "{page} is open to all");
    }
    for path in ["/api/search?q=x"] {
        assert_eq!(
            send(&app.router, request("GET", path, None)).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn restricted_endpoints_refuse_a_specialist_and_admit_an_admin() {
    let app = test_app().await;
    let (pages, functions) = endpoints();
    let restricted = |path: &str| {
        [
            "/admin",
            "/api/admin",
            "/review",
            "/api/review/",
            "/api/analytics/",
        ]
        .iter()
        .any(|prefix| path.starts_with(prefix))
    };
    let closed_pages: Vec<&String> = pages.iter().filter(|p| restricted(p)).collect();
    let closed_functions: Vec<&(String, String)> =
        functions.iter().filter(|(p, _)| restricted(p)).collect();
    assert!(
        closed_pages.len() >= 5 && closed_functions.len() >= 10,
        "{closed_pages:?}"
    );
    for page in &closed_pages {
        assert_eq!(
            send(
                &app.router,
                request("GET", page, Some(&app.specialist_cookie))
            )
            .await
            .status,
            StatusCode::FORBIDDEN,
            "{page}"
        );
        let status = send(&app.router, request("GET", page, Some(&app.admin_cookie)))
            .await
            .status;
        assert!(
            status == StatusCode::OK || status == StatusCode::NOT_FOUND,
            "{page}: {status}"
        );
    }
    for (path, method) in &closed_functions {
        let reply = send(
            &app.router,
            request(method, path, Some(&app.specialist_cookie)),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
    }
    // Everything else is open to a specialist.
    for page in pages.iter().filter(|p| !restricted(p)) {
        let status = send(
            &app.router,
            request("GET", page, Some(&app.specialist_cookie)),
        )
        .await
        .status;
        assert!(
            status == StatusCode::OK || status == StatusCode::NOT_FOUND,
            "{page}: {status}"
        );
    }
}

#[tokio::test]
async fn server_functions_check_the_role_themselves() {
    // Even past the request layer (here, called with a specialist's session on a path the
    // layer does not treat as admin), an admin function refuses.
    let app = test_app().await;
    let reply = send(
        &app.router,
        request("POST", "/api/admin/accounts", Some(&app.specialist_cookie)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = send(
        &app.router,
        request("POST", "/api/admin/accounts", Some(&app.admin_cookie)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.contains("\"sam\""), "{}", reply.body);
}

fn sign_in_form(user: &str, password: &str) -> Request<Body> {
    Request::post("/auth/login")
        .header("host", "localhost")
        .header("origin", "http://localhost")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "username={user}&password={}&next=%2Fdoc%2Fmaintenance",
            password.replace(' ', "+")
        )))
        .unwrap()
}

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_cookie_and_follows_next() {
    let app = test_app().await;
    let reply = send(&app.router, sign_in_form("sam", PASSWORD)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers["location"], "/doc/maintenance");
    let cookie = reply.headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    // wrong user and wrong password read the same
    let wrong_user = send(&app.router, sign_in_form("nobody", PASSWORD)).await;
    let wrong_password = send(&app.router, sign_in_form("sam", "not the password at all")).await;
    assert_eq!(
        wrong_user.headers["location"],
        wrong_password.headers["location"]
    );
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after() {
    let app = test_app().await;
    for _ in 0..5 {
        assert_eq!(
            send(&app.router, sign_in_form("sam", "wrong wrong wrong"))
                .await
                .status,
            StatusCode::SEE_OTHER
        );
    }
    let reply = send(&app.router, sign_in_form("sam", PASSWORD)).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        reply.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let app = test_app().await;
    let reply = send(
        &app.router,
        request("POST", "/auth/logout", Some(&app.specialist_cookie)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let after = send(
        &app.router,
        request("GET", "/", Some(&app.specialist_cookie)),
    )
    .await;
    assert_eq!(
        after.status,
        StatusCode::SEE_OTHER,
        "the old cookie no longer works"
    );
}

#[tokio::test]
async fn idle_and_old_sessions_expire() {
    let app = test_app().await;
    let store = app.state.auth().store();
    store.backdate_sessions(13 * 3600, 13 * 3600).await.unwrap();
    assert_eq!(
        send(
            &app.router,
            request("GET", "/", Some(&app.specialist_cookie))
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let fresh = format!(
        "helpline_session={}",
        app.state
            .auth()
            .sign_in("ada", PASSWORD, "t")
            .await
            .unwrap()
    );
    // active all along (seen an hour ago) but signed in 25 hours ago
    store.backdate_sessions(3600, 25 * 3600).await.unwrap();
    assert_eq!(
        send(&app.router, request("GET", "/", Some(&fresh)))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let app = test_app().await;
    let evil = Request::post("/api/admin/accounts")
        .header("host", "localhost")
        .header("origin", "https://evil.example")
        .header("cookie", &app.admin_cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app.router, evil).await.status, StatusCode::FORBIDDEN);
    let no_origin = Request::post("/auth/logout")
        .header("host", "localhost")
        .header("cookie", &app.admin_cookie)
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&app.router, no_origin).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_setup_link_works_once_and_only_when_nobody_exists() {
    let dir = tempfile::tempdir().unwrap();
    common::write_content(dir.path());
    let state = common::state_for(dir.path(), dir.path()).await;
    let router = helpline_assist::server::router(state.clone());
    let secret = state
        .auth()
        .first_run_secret()
        .await
        .unwrap()
        .expect("no users yet");
    let form = |user: &str| {
        Request::post("/auth/setup")
            .header("host", "localhost")
            .header("origin", "http://localhost")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "token={secret}&username={user}&password={}",
                PASSWORD.replace(' ', "+")
            )))
            .unwrap()
    };
    let first = send(&router, form("root")).await;
    assert_eq!(first.headers["location"], "/admin/users");
    assert!(first.headers.contains_key("set-cookie"));
    let again = send(&router, form("second")).await;
    assert!(
        again.headers["location"]
            .to_str()
            .unwrap()
            .starts_with("/setup?"),
        "refused the second time"
    );
    assert_eq!(state.auth().accounts().await.unwrap().len(), 1);
    assert!(
        state.auth().first_run_secret().await.unwrap().is_none(),
        "no new link once an admin exists"
    );
}

#[tokio::test]
async fn revoked_tokens_stop_working() {
    let app = test_app().await;
    let search = |token: &str| {
        Request::get("/api/search?q=maintenance")
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        send(&app.router, search(&app.specialist_token))
            .await
            .status,
        StatusCode::OK
    );
    app.state
        .auth()
        .revoke_token("test", "script", "")
        .await
        .unwrap();
    assert_eq!(
        send(&app.router, search(&app.specialist_token))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&app.router, search("made-up")).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn pages_carry_security_headers_with_a_script_nonce() {
    let app = test_app().await;
    let reply = send(
        &app.router,
        request("GET", "/?q=maintenance", Some(&app.specialist_cookie)),
    )
    .await;
    let csp = reply.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self' 'nonce-"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        reply.body.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry the nonce"
    );
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    assert_eq!(reply.headers["referrer-policy"], "same-origin");
}

#[tokio::test]
async fn large_bodies_are_refused() {
    let app = test_app().await;
    let big = "x".repeat(70 * 1024);
    let body = format!("username=a&password={big}&role=admin");
    let request = Request::post("/api/admin/add_user")
        .header("content-length", body.len())
        .header("host", "localhost")
        .header("origin", "http://localhost")
        .header("cookie", &app.admin_cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(
        send(&app.router, request).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[tokio::test]
async fn the_last_admin_cannot_be_removed() {
    let app: TestApp = test_app().await;
    let auth = app.state.auth();
    assert!(auth.set_disabled("t", "ada", true, "").await.is_err());
    assert!(
        auth.set_role("t", "ada", helpline_assist::domain::Role::Specialist, "")
            .await
            .is_err()
    );
    auth.create_user(
        "t",
        "bea",
        PASSWORD,
        helpline_assist::domain::Role::Admin,
        "",
    )
    .await
    .unwrap();
    assert!(auth.set_disabled("t", "ada", true, "").await.is_ok());
}

#[tokio::test]
async fn bad_input_to_forms_and_functions_is_400_not_500() {
    let app = test_app().await;
    let form = |uri: &str, body: &str, cookie: Option<&str>| {
        let mut r = Request::post(uri)
            .header("host", "localhost")
            .header("origin", "http://localhost")
            .header("content-type", "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            r = r.header("cookie", c);
        }
        r.body(Body::from(body.to_string())).unwrap()
    };
    assert_eq!(
        send(&app.router, form("/auth/login", "username=only", None))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let weak = send(
        &app.router,
        form(
            "/api/admin/add_user",
            "username=newbie&password=password&role=specialist",
            Some(&app.admin_cookie),
        ),
    )
    .await;
    assert_eq!(weak.status, StatusCode::BAD_REQUEST, "{}", weak.body);
    assert!(weak.body.contains("password"), "{}", weak.body);
    let role = send(
        &app.router,
        form(
            "/api/admin/add_user",
            &format!(
                "username=newbie&password={}&role=boss",
                PASSWORD.replace(' ', "+")
            ),
            Some(&app.admin_cookie),
        ),
    )
    .await;
    assert_eq!(role.status, StatusCode::BAD_REQUEST, "{}", role.body);
    let missing = send(
        &app.router,
        form(
            "/api/admin/add_user",
            "username=newbie",
            Some(&app.admin_cookie),
        ),
    )
    .await;
    assert!(
        missing.status.is_client_error(),
        "{}: {}",
        missing.status,
        missing.body
    );
}
