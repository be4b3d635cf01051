//! The sign-in page and the first-run page: plain forms posted to `/auth/*`, so they work
//! without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn login_error(code: &str) -> Option<&'static str> {
    match code {
        "credentials" => Some("Wrong user name or password."),
        "unavailable" => Some("Sign-in is unavailable right now; please try again shortly."),
        _ => None,
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = query
        .read_untracked()
        .get("next")
        .unwrap_or_else(|| "/".to_string());
    let error = query
        .read_untracked()
        .get("error")
        .and_then(|e| login_error(&e));
    let signed_out = query.read_untracked().get("signed_out").is_some();
    view! {
        <Title text="Sign in · Helpline Assist" />
        <section class="auth-card">
            <h1>"Sign in"</h1>
            {signed_out.then(|| view! { <p class="hint" role="status">"You are signed out."</p> })}
            {error.map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <form method="post" action="/auth/login" class="auth-form">
                <input type="hidden" name="next" value=next />
                <label for="username">"User name"</label>
                <input id="username" name="username" autocomplete="username" required autofocus maxlength="32" />
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256" />
                <button type="submit" class="search-button">"Sign in"</button>
            </form>
        </section>
    }
}

/// The first-run page's messages, by the code the form handler puts in the address.
fn setup_error(code: &str) -> Option<&'static str> {
    match code {
        "name" => Some(
            "User names have 3–32 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter.",
        ),
        "password" => Some(
            "That password is refused: it needs at least 10 characters, must not contain the user name, and must not be a common or easily guessed one. Try a few unrelated words.",
        ),
        "link" => Some("This setup link is not valid (used, expired, or an admin already exists)."),
        "busy" => Some("The server is busy; please try again in a moment."),
        _ => None,
    }
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let error = query
        .read_untracked()
        .get("error")
        .and_then(|e| setup_error(&e));
    view! {
        <Title text="First run · Helpline Assist" />
        <section class="auth-card">
            <h1>"Create the first admin"</h1>
            <p class="hint">
                "This link works once, for an hour. The admin then adds everyone else from the "
                "Users page."
            </p>
            {error.map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <form method="post" action="/auth/setup" class="auth-form">
                <input type="hidden" name="token" value=token />
                <label for="username">"User name"</label>
                <input id="username" name="username" autocomplete="username" required autofocus maxlength="32" />
                <label for="password">"Password (at least 10 characters, not a common one)"</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required maxlength="256" />
                <button type="submit" class="search-button">"Create and sign in"</button>
            </form>
        </section>
    }
}
