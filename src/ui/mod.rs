//! The user interface: the HTML shell, the router and the pages. Renders on the server and
//! hydrates in the browser; talks to the server only through `crate::server_fns`.

mod account_page;
mod admin_page;
mod analytics_page;
mod answer;
mod charts;
mod diff_view;
mod doc_page;
mod drafts_panel;
mod editor_page;
mod editor_panels;
mod flag_form;
mod gaps_page;
mod history_page;
pub mod i18n;
mod keys;
mod lazy_pages;
mod link_page;
mod login_page;
mod my_flags_page;
mod pane_sections;
mod review_doc_page;
mod review_page;
mod search_page;
mod status_bar;
mod suggest_page;
mod url;
mod usage;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::{SsrMode, path};

pub use doc_page::DocPage;
pub use search_page::SearchPage;
pub use url::encode_query_value;

/// The whole HTML document the server sends.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy(&options);
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Pages may run only this response's scripts (Leptos puts the nonce on its own) and the
/// bundle from this site, and may not be framed.
#[cfg(feature = "ssr")]
fn set_content_security_policy(options: &LeptosOptions) {
    use axum::http::{HeaderValue, header};
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    // `cargo leptos watch` reloads the page through a websocket on its reload port.
    let reload = if std::env::var_os("LEPTOS_WATCH").is_some() {
        format!(" ws://{}:{}", options.site_addr.ip(), options.reload_port)
    } else {
        String::new()
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'{reload}; frame-ancestors 'none'; base-uri 'self'; \
         form-action 'self'; object-src 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Helpline Assist" />
        <Router>
            <Header />
            <main class="page">
                <Routes fallback=|| view! { <NotFound /> <LiveMark /> }>
                    <Route path=path!("/") view=|| view! { <SearchPage /> <LiveMark /> } ssr=SsrMode::Async />
                    <Route path=path!("/doc/:id") view=|| view! { <DocPage /> <LiveMark /> } ssr=SsrMode::Async />
                    <Route path=path!("/login") view=|| view! { <login_page::LoginPage /> <LiveMark /> } ssr=SsrMode::Async />
                    <Route path=path!("/setup") view=|| view! { <login_page::SetupPage /> <LiveMark /> } ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view={leptos_router::Lazy::<lazy_pages::AdminRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/flags") view={leptos_router::Lazy::<lazy_pages::MyFlagsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account") view={leptos_router::Lazy::<lazy_pages::AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/review") view={leptos_router::Lazy::<lazy_pages::ReviewQueueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/review/doc/:id") view={leptos_router::Lazy::<lazy_pages::ReviewDocRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/review/analytics") view={leptos_router::Lazy::<lazy_pages::AnalyticsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/review/gaps") view={leptos_router::Lazy::<lazy_pages::GapsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/review/links") view={leptos_router::Lazy::<lazy_pages::LinksRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/review/doc/:id/edit") view={leptos_router::Lazy::<lazy_pages::EditDocRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/review/doc/:id/history") view={leptos_router::Lazy::<lazy_pages::HistoryRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/review/draft/:id") view={leptos_router::Lazy::<lazy_pages::DraftRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/suggest") view={leptos_router::Lazy::<lazy_pages::SuggestRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}

/// Marks `<body data-hydrated>` once the page it ends is live in the browser (its effect runs
/// after the page's own view hydrated): tests, and the pane benchmark's `data-hydrated-at`, wait
/// for it. Each route ends with one, because a lazy route's page hydrates after the app around it.
#[component]
fn LiveMark() -> impl IntoView {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
            // When, in ms since navigation began (the pane benchmark reads it).
            if let Some(now) = window().performance().map(|p| p.now()) {
                let _ = body.set_attribute("data-hydrated-at", &format!("{now:.0}"));
            }
        }
    });
}

/// The top bar: the product, the helpline's status, and who is signed in.
#[component]
fn Header() -> impl IntoView {
    let t = i18n::use_texts();
    view! {
            <header class="topbar">
                <A href="/" attr:class="brand">
                    <span class="brand-name">"Helpline Assist"</span>
                    <span class="brand-scope">{move || t.get().scope}</span>
                </A>
                <status_bar::StatusBar />
                <UserMenu />
            </header>
    }
}

/// The signed-in user, a link to the admin page for admins, and the sign-out button.
#[component]
fn UserMenu() -> impl IntoView {
    let t = i18n::use_texts();
    let me = Resource::new(|| (), |_| crate::server_fns::account::whoami());
    view! {
        <Suspense>
            {move || me.get().and_then(Result::ok).flatten().map(|user| view! {
                // In a narrow side panel the links fold behind a menu button (`<details>`: no
                // script needed); on a wider screen they stand in the bar.
                <details class="nav-menu">
                <summary class="menu-button">{move || t.get().menu}</summary>
                <div class="user-menu">
                    <a href="/flags">{move || t.get().my_flags}</a>
                    {(user.role >= crate::domain::Role::Supervisor).then(|| view! { <a href="/review">{move || t.get().review}</a> })}
                    {(user.role == crate::domain::Role::Admin).then(|| view! { <a href="/admin/users">{move || t.get().users}</a> })}
                    <a class="user-name" href="/account" title=user.role.as_str()>{user.username.clone()}</a>
                    <form method="post" action="/auth/logout" on:submit=|_| keys::forget_searches()>
                        <button type="submit" class="link-button">{move || t.get().sign_out}</button>
                    </form>
                </div>
                </details>
            })}
        </Suspense>
    }
}

/// The page for an address that leads nowhere.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let t = i18n::use_texts();
    view! {
        <section class="notice">
            <h1>{move || t.get().not_found_title}</h1>
            <p>{move || t.get().not_found_body} " " <a href="/">{move || t.get().back_to_search}</a></p>
        </section>
    }
}
