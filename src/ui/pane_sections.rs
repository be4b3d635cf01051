//! The parts of the search pane below the box: topic chips, this browser's recent searches,
//! the answer area (with the offline notice), the welcome and the empty-content notice.

use super::answer::Results;
use super::url::pane_url;
use crate::domain::SearchResponse;
use leptos::prelude::*;

/// Topic chips: the topic code (prefix) each browses; labels are in `i18n::Texts::topics`.
const TOPICS: [&str; 9] = [
    "phases",
    "induction",
    "cns",
    "consolidation",
    "maintenance",
    "relapsed",
    "transplant",
    "supportive",
    "helpline",
];

/// The topic chips: each lists a topic's passages in reading order.
#[component]
pub fn TopicChips(
    url_query: Memo<String>,
    url_lang: Memo<String>,
    url_topic: Memo<String>,
) -> impl IntoView {
    let t = super::i18n::use_texts();
    view! {
        <nav class="topics" aria-label=move || t.get().browse_label>
            {TOPICS
                .into_iter()
                .enumerate()
                .map(|(i, topic)| {
                    let href = pane_url("", &url_lang.get_untracked(), topic);
                    view! {
                        <a class="chip" class:active=move || url_topic.get() == topic && url_query.get().is_empty() href=href>
                            {move || t.get().topics[i]}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// This browser's recent searches, shown while the box is empty.
#[component]
pub fn RecentSearches(
    recent: RwSignal<Vec<String>>,
    url_query: Memo<String>,
    url_lang: Memo<String>,
    url_topic: Memo<String>,
) -> impl IntoView {
    let t = super::i18n::use_texts();
    move || {
        let list = recent.get();
        (url_query.get().is_empty() && url_topic.get().is_empty() && !list.is_empty()).then(|| {
            view! {
                <nav class="recent" aria-label="Recent searches in this browser">
                    <span class="hint">{t.get().recent}</span>
                    {list.into_iter().map(|q| {
                        let href = pane_url(&q, &url_lang.get_untracked(), "");
                        view! { <a class="chip" href=href>{q}</a> }
                    }).collect_view()}
                </nav>
            }
        })
    }
}

/// The answer and the other hits; while the server cannot be reached, a notice above the last
/// answer that arrived.
#[component]
pub fn ResultsArea(
    results: Resource<Result<Option<SearchResponse>, crate::error::AppError>>,
    last_good: RwSignal<Option<SearchResponse>>,
    selected: RwSignal<usize>,
) -> impl IntoView {
    let t = super::i18n::use_texts();
    view! {
        <Transition fallback=move || view! { <p class="hint">{t.get().searching}</p> }>
            {move || {
                results
                    .get()
                    .map(|answer| match answer {
                        Ok(None) => view! { <Welcome /> }.into_any(),
                        Ok(Some(response)) => view! { <Results response selected /> }.into_any(),
                        Err(crate::error::AppError::Unreachable(_)) => view! {
                            <p class="offline" role="alert">{t.get().offline}</p>
                            {last_good.get_untracked().map(|response| view! { <Results response selected /> })}
                        }.into_any(),
                        Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    let t = super::i18n::use_texts();
    view! {
        <section class="welcome">
            <p>{move || t.get().welcome}</p>
            <p class="hint">{move || t.get().examples}</p>
        </section>
    }
}

#[component]
pub fn EmptyContent() -> impl IntoView {
    let t = super::i18n::use_texts();
    view! {
        <section class="notice" role="status">
            <h2>{move || t.get().empty_title}</h2>
            <p>{move || t.get().empty_body}</p>
        </section>
    }
}
