//! The search pane: a search box that answers as the specialist types, the best passage in an
//! answer pane, the other hits to pick from, topic chips for vague questions, and a language
//! choice. The query lives in the address (`/?q=…&lang=…`, `/?topic=…`), so the server renders
//! results too: search works before the browser bundle loads and without JavaScript.
//! Keyboard: see `keys`.

use super::keys::{KeyActions, ShortcutSheet, install_shortcuts};
use super::pane_sections::{EmptyContent, RecentSearches, ResultsArea, TopicChips};
use super::url::pane_url;
use crate::domain::{SearchHit, SearchResponse};
use crate::server_fns::{content_status, pane_search};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::collections::HashMap;
use std::time::Duration;

/// How long to wait before asking an unreachable server again.
const RETRY_AFTER: Duration = Duration::from_secs(3);

#[component]
pub fn SearchPage() -> impl IntoView {
    let query_map = use_query_map();
    let url_query = Memo::new(move |_| query_map.read().get("q").unwrap_or_default());
    let url_lang = Memo::new(move |_| query_map.read().get("lang").unwrap_or_default());
    let url_topic = Memo::new(move |_| query_map.read().get("topic").unwrap_or_default());
    let typed = RwSignal::new(url_query.get_untracked());
    let selected = RwSignal::new(0usize);

    // The search on screen, as the server logged it: a query that grows or shrinks from it is
    // the same search still being typed, and replaces it in the log.
    let last_search = RwSignal::new(None::<(String, String)>);
    provide_context(super::usage::LastSearch(last_search));
    let results = pane_results(url_query, url_lang, url_topic, last_search);
    // The last answer that arrived: kept on screen while the server cannot be reached.
    let last_good = RwSignal::new(None::<SearchResponse>);
    let recent = RwSignal::new(Vec::<String>::new());
    // Hits that came light, fetched whole when picked (by passage id, for the answer on screen).
    let whole = RwSignal::new(HashMap::<String, SearchHit>::new());
    provide_context(WholeHits(whole));
    follow_answers(results, selected, last_search, last_good, recent, whole);
    fetch_picked_hits(results, selected, url_lang, whole);
    let status = Resource::new(|| (), |_| content_status());

    let actions = PaneActions::new(PaneState {
        url_query,
        url_lang,
        url_topic,
        typed,
        selected,
        results,
        whole,
    });
    let help = RwSignal::new(false);
    let toast = RwSignal::new(None::<String>);
    provide_context(super::keys::Toast(toast));
    install_shortcuts(KeyActions {
        selected,
        help,
        toast,
        hits: actions.hits,
        clear: actions.clear,
    });
    let PaneActions {
        show,
        on_enter,
        on_lang,
        ..
    } = actions;

    view! {
        <div class="search-page">
            <SearchForm url_query url_lang typed show on_enter on_lang />
            <TopicChips url_query url_lang url_topic />
            <ShortcutSheet open=help />
            <RecentSearches recent url_query url_lang url_topic />
            {move || toast.get().map(|t| view! { <p class="toast" role="status">{t}</p> })}
            <Suspense>
                {move || {
                    status
                        .get()
                        .and_then(Result::ok)
                        .filter(|s| s.documents == 0)
                        .map(|_| view! { <EmptyContent /> })
                }}
            </Suspense>
            <ResultsArea results last_good selected />
        </div>
    }
}

/// What the pane's actions read and change.
#[derive(Clone, Copy)]
struct PaneState {
    url_query: Memo<String>,
    url_lang: Memo<String>,
    url_topic: Memo<String>,
    typed: RwSignal<String>,
    selected: RwSignal<usize>,
    results: Resource<Result<Option<SearchResponse>, crate::error::AppError>>,
    whole: RwSignal<HashMap<String, SearchHit>>,
}

/// The hits of the answer on screen that were fetched whole after coming light, by passage id.
#[derive(Clone, Copy)]
pub struct WholeHits(pub RwSignal<HashMap<String, SearchHit>>);

impl WholeHits {
    /// `hit` whole: itself, or the whole version fetched for it (tracked).
    pub fn of(self, hit: SearchHit) -> SearchHit {
        if !hit.partial {
            return hit;
        }
        self.0
            .with(|whole| whole.get(&hit.passage_id).cloned())
            .unwrap_or(hit)
    }
}

/// What the specialist can do on the pane, each a callback: search for words, press Enter,
/// choose a language, clear, and read the hits on screen (for the keyboard shortcuts).
#[derive(Clone, Copy)]
struct PaneActions {
    show: Callback<String>,
    on_enter: Callback<()>,
    on_lang: Callback<String>,
    clear: Callback<()>,
    hits: Callback<(), Vec<crate::domain::SearchHit>>,
}

impl PaneActions {
    fn new(pane: PaneState) -> PaneActions {
        let navigate = use_navigate();
        let go = move |url: String| {
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&url, options)
        };
        let current = move || -> Option<SearchResponse> {
            pane.results.get_untracked().and_then(Result::ok).flatten()
        };
        let show = {
            let go = go.clone();
            Callback::new(move |q: String| go(pane_url(&q, &pane.url_lang.get_untracked(), "")))
        };
        // Enter on an answer already shown opens it in its document; otherwise it searches.
        let on_enter = Callback::new(move |()| {
            let shown = pane.typed.get_untracked() == pane.url_query.get_untracked();
            let at = pane.selected.get_untracked();
            match current()
                .and_then(|r| r.hits.get(at).cloned())
                .filter(|_| shown)
            {
                Some(hit) => {
                    super::usage::report_use(at, crate::domain::UseAction::Open);
                    super::keys::open(&hit.url)
                }
                None => show.run(pane.typed.get_untracked()),
            }
        });
        let on_lang = {
            let go = go.clone();
            Callback::new(move |lang: String| {
                let topic = pane.url_topic.get_untracked();
                go(pane_url(&pane.typed.get_untracked(), &lang, &topic))
            })
        };
        let clear = Callback::new(move |()| {
            // What was typed is what the specialist settled on, even if its answer had not
            // come back yet.
            super::keys::remember_search(&pane.typed.get_untracked());
            pane.typed.set(String::new());
            go(pane_url("", &pane.url_lang.get_untracked(), ""));
        });
        let hits = Callback::new(move |()| {
            let whole = WholeHits(pane.whole);
            current()
                .map(|r| r.hits.into_iter().map(|hit| whole.of(hit)).collect())
                .unwrap_or_default()
        });
        PaneActions {
            show,
            on_enter,
            on_lang,
            clear,
            hits,
        }
    }
}

/// The search box (every keystroke searches at once; an answer to words typed past is dropped,
/// never painted over a newer one), the language choice and the button; a plain GET form, so
/// it also works without JavaScript.
#[component]
fn SearchForm(
    url_query: Memo<String>,
    url_lang: Memo<String>,
    typed: RwSignal<String>,
    /// Searches for the words given.
    show: Callback<String>,
    /// Enter (or the button).
    on_enter: Callback<()>,
    /// A language was chosen.
    on_lang: Callback<String>,
) -> impl IntoView {
    let t = super::i18n::use_texts();
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        typed.set(value.clone());
        show.run(value);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_enter.run(());
    };
    view! {
        <form class="search-form" method="get" action="/" role="search" on:submit=on_submit>
            <label class="visually-hidden" for="q">{move || t.get().search_label}</label>
            <input
                id="q"
                name="q"
                type="search"
                class="search-input"
                placeholder=move || t.get().placeholder
                autocomplete="off"
                spellcheck="false"
                autofocus
                maxlength="500"
                value=url_query.get_untracked()
                prop:value=move || typed.get()
                on:input=on_input
                aria-keyshortcuts="/ Control+K"
            />
            <label class="visually-hidden" for="lang">{move || t.get().answers_in}</label>
            <select id="lang" name="lang" class="lang-select" on:change=move |ev| on_lang.run(event_target_value(&ev)) prop:value=move || url_lang.get()>
                <option value="" selected=url_lang.get_untracked().is_empty()>{move || t.get().auto}</option>
                <option value="en" selected=url_lang.get_untracked() == "en">"EN"</option>
                <option value="es" selected=url_lang.get_untracked() == "es">"ES"</option>
            </select>
            <button type="submit" class="search-button">{move || t.get().search}</button>
        </form>
    }
}

/// What the pane's address asks for, answered by the server. A newer query always wins: the
/// resource drops answers to queries it has moved past (each keystroke's search is sent at
/// once, so several can be in flight). A query that grows or shrinks from the
/// last one logged names it, so the log keeps what the specialist settled on.
fn pane_results(
    url_query: Memo<String>,
    url_lang: Memo<String>,
    url_topic: Memo<String>,
    last_search: RwSignal<Option<(String, String)>>,
) -> Resource<Result<Option<SearchResponse>, crate::error::AppError>> {
    Resource::new(
        move || (url_query.get(), url_lang.get(), url_topic.get()),
        move |(q, lang, topic)| {
            let previous = last_search
                .get_untracked()
                .filter(|(before, _)| super::keys::same_typing(&q, before))
                .map(|(_, reference)| reference);
            async move {
                if q.trim().is_empty() && topic.is_empty() {
                    Ok(None)
                } else {
                    pane_search(q, Some(lang), Some(topic), previous, None)
                        .await
                        .map(Some)
                }
            }
        },
    )
}

/// Follows each answer: back to the first hit, remember the search in this browser, keep the
/// answer for when the connection drops, and ask again shortly when the server is unreachable.
fn follow_answers(
    results: Resource<Result<Option<SearchResponse>, crate::error::AppError>>,
    selected: RwSignal<usize>,
    last_search: RwSignal<Option<(String, String)>>,
    last_good: RwSignal<Option<SearchResponse>>,
    recent: RwSignal<Vec<String>>,
    whole: RwSignal<HashMap<String, SearchHit>>,
) {
    Effect::new(move |_| {
        selected.set(0);
        whole.set(HashMap::new());
        match results.get() {
            Some(Ok(Some(response))) => {
                if !response.query.is_empty() {
                    super::keys::remember_search(&response.query);
                }
                last_search.set(
                    response
                        .search_ref
                        .clone()
                        .map(|reference| (response.query.clone(), reference)),
                );
                last_good.set(Some(response));
            }
            // An empty box shows the welcome; the last answer stays kept for when the
            // connection drops while the next question is typed.
            Some(Ok(None)) => {}
            Some(Err(crate::error::AppError::Unreachable(_))) => {
                // Try again shortly; the query is in the address, so the search runs when the
                // connection returns.
                set_timeout(move || results.refetch(), RETRY_AFTER);
            }
            _ => {}
        }
        recent.set(super::keys::recent_searches());
    });
}

/// When the hit picked (click or arrow keys) came light, fetches it whole once for the answer
/// on screen; a reply that arrives after the answer changed is dropped.
fn fetch_picked_hits(
    results: Resource<Result<Option<SearchResponse>, crate::error::AppError>>,
    selected: RwSignal<usize>,
    url_lang: Memo<String>,
    whole: RwSignal<HashMap<String, SearchHit>>,
) {
    let current = move || results.get_untracked().and_then(Result::ok).flatten();
    Effect::new(move |_| {
        let rank = selected.get();
        let Some(response) = results.get().and_then(Result::ok).flatten() else {
            return;
        };
        let Some(hit) = response.hits.get(rank).filter(|h| h.partial) else {
            return;
        };
        if whole.with_untracked(|w| w.contains_key(&hit.passage_id)) {
            return;
        }
        let (query, passage_id) = (response.query.clone(), hit.passage_id.clone());
        let lang = url_lang.get_untracked();
        leptos::task::spawn_local(async move {
            let Ok(full) =
                crate::server_fns::search::pane_hit(query.clone(), Some(lang), passage_id.clone())
                    .await
            else {
                return;
            };
            if current().is_some_and(|r| r.query == query) {
                whole.update(|w| {
                    w.insert(passage_id, full);
                });
            }
        });
    });
}
