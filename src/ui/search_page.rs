//! The search pane: a search box that answers as the specialist types, the best passage in an
//! answer pane, and the other hits to pick from. The query lives in the address (`/?q=`), so
//! the server renders results too: search works before the browser bundle loads and without
//! JavaScript.

use super::answer::Results;
use super::url::search_url;
use crate::api::{content_status, pane_search};
use leptos::leptos_dom::helpers::debounce;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::time::Duration;

/// How long typing must pause before the pane searches.
const TYPING_PAUSE: Duration = Duration::from_millis(120);

#[component]
pub fn SearchPage() -> impl IntoView {
    let query_map = use_query_map();
    let url_query = Memo::new(move |_| query_map.read().get("q").unwrap_or_default());
    let typed = RwSignal::new(url_query.get_untracked());

    // A newer query always wins: the resource drops answers to queries it has moved past.
    let results = Resource::new(
        move || url_query.get(),
        |q| async move {
            if q.trim().is_empty() {
                Ok(None)
            } else {
                pane_search(q, None).await.map(Some)
            }
        },
    );
    let status = Resource::new(|| (), |_| content_status());

    let navigate = use_navigate();
    let show = move |q: String| {
        navigate(
            &search_url(&q),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        )
    };
    let mut show_after_pause = debounce(TYPING_PAUSE, show.clone());
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        typed.set(value.clone());
        show_after_pause(value);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        show(typed.get_untracked());
    };

    view! {
        <div class="search-page">
            <form class="search-form" method="get" action="/" role="search" on:submit=on_submit>
                <label class="visually-hidden" for="q">
                    "Search the content"
                </label>
                <input
                    id="q"
                    name="q"
                    type="search"
                    class="search-input"
                    placeholder="Type what the caller asks…"
                    autocomplete="off"
                    spellcheck="false"
                    autofocus
                    maxlength="500"
                    value=url_query.get_untracked()
                    prop:value=move || typed.get()
                    on:input=on_input
                />
                <button type="submit" class="search-button">
                    "Search"
                </button>
            </form>
            <Suspense>
                {move || {
                    status
                        .get()
                        .and_then(Result::ok)
                        .filter(|s| s.documents == 0)
                        .map(|_| view! { <EmptyContent /> })
                }}
            </Suspense>
            <Transition fallback=|| view! { <p class="hint">"Searching…"</p> }>
                {move || {
                    results
                        .get()
                        .map(|answer| match answer {
                            Ok(None) => view! { <Welcome /> }.into_any(),
                            Ok(Some(response)) => view! { <Results response /> }.into_any(),
                            Err(err) => {
                                view! {
                                    <p class="error" role="alert">
                                        {err.to_string()}
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </div>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    view! {
        <section class="welcome">
            <p>
                "Type a few words of the caller's question — a drug, a phase, a worry. "
                "The best passage appears here, ready to read aloud or paste."
            </p>
            <p class="hint">"Examples: maintenance how long · spinal tap · remisión completa"</p>
        </section>
    }
}

#[component]
fn EmptyContent() -> impl IntoView {
    view! {
        <section class="notice" role="status">
            <h2>"No content is loaded"</h2>
            <p>
                "The content folder is empty or missing, so there is nothing to search yet. "
                "Add Markdown documents under content/en/ and content/es/ (see content/FORMAT.md) "
                "and restart the server."
            </p>
        </section>
    }
}
