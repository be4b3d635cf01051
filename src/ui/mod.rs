//! The user interface: the HTML shell, the router and the pages. Renders on the server and
//! hydrates in the browser; talks to the server only through `crate::api`.

mod answer;
mod doc_page;
mod search_page;
mod status_bar;
mod url;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::{SsrMode, path};

pub use doc_page::DocPage;
pub use search_page::SearchPage;

/// The whole HTML document the server sends.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run in the browser only: the mark tells tests (and people) the page is live.
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/helpline-assist.css" />
        <Title text="Helpline Assist" />
        <Router>
            <header class="topbar">
                <A href="/" attr:class="brand">
                    <span class="brand-name">"Helpline Assist"</span>
                    <span class="brand-scope">"Adult ALL treatment"</span>
                </A>
                <status_bar::StatusBar />
            </header>
            <main class="page">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/doc/:id") view=DocPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}

/// The page for an address that leads nowhere.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="notice">
            <h1>"Page not found"</h1>
            <p>"Nothing lives at this address. " <a href="/">"Back to search"</a></p>
        </section>
    }
}
