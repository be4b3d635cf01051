//! Search results: the answer pane with the chosen passage whole, and the list of hits.

use crate::domain::{HitKind, SearchHit, SearchResponse, SourceView};
use leptos::prelude::*;

#[component]
pub fn Results(response: SearchResponse, selected: RwSignal<usize>) -> impl IntoView {
    let t = super::i18n::use_texts().get_untracked();
    let unmatched = (!response.unmatched.is_empty()).then(|| {
        let words = response.unmatched.join("”, “");
        let others = (!response.hits.is_empty()).then_some(t.other_words_matched);
        view! {
            <p class="unmatched" role="status">
                {t.no_passage_mentions} " “" <strong>{words}</strong> "”. " {others}
            </p>
        }
    });
    if response.hits.is_empty() {
        return view! {
            {unmatched}
            <section class="no-results" role="status">
                <h2>{t.no_results_title}</h2>
                <p>{t.no_results_hint}</p>
            </section>
        }
        .into_any();
    }
    // A large total is a lower bound ("1000+"): the engine stops counting there.
    let plus = if response.total_at_least { "+" } else { "" };
    let total = format!("{}{plus}", response.total);
    let shown = response.hits.len();
    let corrected = response.corrected.clone().map(|corrected| {
        view! {
            <p class="corrected" role="status">
                {t.showing_results_for} " " <strong>{corrected}</strong>
            </p>
        }
    });
    let not_covered = response.not_covered.clone().map(|disease| {
        view! {
            <p class="not-covered" role="alert">
                {t.not_covered_before} <strong>{disease}</strong> {t.not_covered_after}
            </p>
        }
    });
    let hits = StoredValue::new(response.hits);
    let whole = use_context::<super::search_page::WholeHits>();
    let answer = move || {
        let picked = hits.with_value(|h| {
            let rank = selected.get().min(h.len().saturating_sub(1));
            h.get(rank).cloned().map(|hit| (rank, hit))
        });
        picked.map(|(rank, hit)| match whole {
            Some(whole) => (rank, whole.of(hit)),
            None => (rank, hit),
        })
    };
    let used = |rank: usize, action| move |_| super::usage::report_use(rank, action);
    // Which words this answer is for: lets a test or benchmark see when the answer to what was
    // typed is on screen.
    let answered = response.query.clone();

    view! {
        {unmatched}
        {corrected}
        <div class="results" data-query=answered>
            <section class="answer" aria-live="polite" aria-label=t.answer>
                {not_covered}
                {move || answer().map(|(rank, hit)| view! { <AnswerCard hit rank /> })}
            </section>
            <section class="hit-list" aria-label=t.other_passages>
                <p class="hit-count">{format!("{shown} {} {total} {}", t.of, t.matching_passages)}</p>
                <ol class="hits">
                    {hits
                        .get_value()
                        .into_iter()
                        .enumerate()
                        .map(|(rank, hit)| {
                            view! {
                                <li
                                    class="hit"
                                    class:selected=move || selected.get() == rank
                                    data-passage=hit.passage_id.clone()
                                >
                                    <button
                                        type="button"
                                        class="hit-pick"
                                        on:click=move |_| selected.set(rank)
                                    >
                                        <span class="hit-heading">
                                            {(hit.kind == HitKind::Glossary)
                                                .then(|| view! { <span class="badge">{t.glossary}</span> })}
                                            {hit.heading.clone()}
                                        </span>
                                        <span class="hit-doc">{hit.title.clone()}</span>
                                    </button>
                                    <p class="snippet" inner_html=hit.snippet_html.clone()></p>
                                    <a class="hit-open" href=hit.url.clone() rel="external" on:click=used(rank, crate::domain::UseAction::Open)>
                                        {t.open_in_document}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
        </div>
    }
    .into_any()
}

#[component]
fn AnswerCard(hit: SearchHit, rank: usize) -> impl IntoView {
    use crate::domain::UseAction;
    let used = move |action| move |_| super::usage::report_use(rank, action);
    let t = super::i18n::use_texts().get_untracked();
    if hit.partial {
        // Came light: the list's heading and snippet until the whole passage arrives.
        return view! {
            <article class="answer-card loading" data-passage=hit.passage_id.clone() lang=hit.lang.code() aria-busy="true">
                <p class="eyebrow">{hit.title.clone()}</p>
                <h2 class="answer-heading">{hit.heading.clone()}</h2>
                <p class="snippet" inner_html=hit.snippet_html.clone()></p>
            </article>
        }
        .into_any();
    }
    view! {
        <article class="answer-card" data-passage=hit.passage_id.clone() lang=hit.lang.code()>
            <p class="eyebrow">
                {(hit.kind == HitKind::Glossary).then(|| view! { <span class="badge">{t.glossary}</span> })}
                {hit.title.clone()}
            </p>
            <h2 class="answer-heading">{hit.heading.clone()}</h2>
            <div class="passage" inner_html=hit.html.clone()></div>
            <footer class="answer-meta">
                <p class="reviewed">
                    {t.last_reviewed} " " <time datetime=hit.last_reviewed.clone()>{hit.last_reviewed.clone()}</time>
                    {hit.overdue.then(|| view! { " " <span class="badge overdue">{t.review_overdue}</span> })}
                </p>
                <Sources sources=hit.sources.clone() />
                <div class="answer-actions">
                    <a class="open-doc" href=hit.url.clone() rel="external" on:click=used(UseAction::Open)>
                        {t.open_in_document}
                    </a>
                    <CopyButtons chat=hit.chat_text.clone() phone=hit.phone_text.clone() rank />
                    <super::flag_form::FlagButton passage_id=hit.passage_id.clone() />
                    {hit.twin_url.clone().map(|url| {
                        let label = match hit.lang {
                            crate::domain::Lang::En => "En español",
                            crate::domain::Lang::Es => "In English",
                        };
                        view! { <a class="twin" href=url rel="external" aria-keyshortcuts="t">{label}</a> }
                    })}
                </div>
            </footer>
        </article>
    }
    .into_any()
}

/// Buttons that copy the answer for a chat or for reading on the phone.
#[component]
fn CopyButtons(chat: String, phone: String, rank: usize) -> impl IntoView {
    let copied = move || super::usage::report_use(rank, crate::domain::UseAction::Copy);
    let t = super::i18n::use_texts().get_untracked();
    let toast = use_context::<super::keys::Toast>()
        .map(|t| t.0)
        .unwrap_or_else(|| RwSignal::new(None));
    let (chat, phone) = (StoredValue::new(chat), StoredValue::new(phone));
    view! {
        <button type="button" class="copy" on:click=move |_| { copied(); super::keys::copy(chat.get_value(), t.copied_chat, t.copy_failed, toast) } aria-keyshortcuts="Alt+C">
            {t.copy_chat}
        </button>
        <button type="button" class="copy" on:click=move |_| { copied(); super::keys::copy(phone.get_value(), t.copied_phone, t.copy_failed, toast) } aria-keyshortcuts="Alt+P">
            {t.copy_phone}
        </button>
    }
}

/// The sources of a document, as a list.
#[component]
pub fn Sources(sources: Vec<SourceView>) -> impl IntoView {
    let t = super::i18n::use_texts().get_untracked();
    view! {
        <div class="sources">
            <h3>{t.sources}</h3>
            <ul>
                {sources
                    .into_iter()
                    .map(|source| {
                        let label = format!("{} — {}", source.title, source.publisher);
                        match source.url {
                            Some(url) => {
                                view! {
                                    <li>
                                        <a href=url rel="noopener noreferrer" target="_blank">
                                            {label}
                                        </a>
                                    </li>
                                }
                                    .into_any()
                            }
                            None => view! { <li>{label}</li> }.into_any(),
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
