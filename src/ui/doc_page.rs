//! A whole document: title, review date, contents, one anchored section per passage, sources,
//! and links to the same document in the other language.

use super::NotFound;
use super::answer::Sources;
use crate::domain::DocView;
use crate::error::AppError;
use crate::server_fns::get_document;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DocPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let doc = Resource::new(id, get_document);
    let t = super::i18n::use_texts();
    view! {
        <Suspense fallback=move || view! { <p class="hint">{t.get().loading}</p> }>
            {move || {
                doc.get()
                    .map(|answer| match answer {
                        Ok(doc) => view! { <DocBody doc /> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
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
        </Suspense>
    }
}

#[component]
fn DocBody(doc: DocView) -> impl IntoView {
    let t = super::i18n::use_texts().get_untracked();
    let contents = doc
        .passages
        .iter()
        .filter_map(|p| {
            p.heading.clone().map(|heading| {
                view! {
                    <li>
                        <a href=format!("#{}", p.slug)>{heading}</a>
                    </li>
                }
            })
        })
        .collect_view();
    let sections = doc
        .passages
        .iter()
        .map(|p| {
            view! {
                <section class="doc-section" id=p.slug.clone() data-passage=p.passage_id.clone()>
                    {p.heading.clone().map(|h| view! { <h2>{h}</h2> })}
                    <div class="passage" inner_html=p.html.clone()></div>
                    <super::flag_form::FlagButton passage_id=p.passage_id.clone() />
                </section>
            }
        })
        .collect_view();
    let translations = doc
        .translations
        .iter()
        .map(|t| {
            view! {
                <a class="translation" href=format!("/doc/{}", t.id) hreflang=t.lang.code()>
                    {format!("{} ({})", t.title, t.lang.code().to_uppercase())}
                </a>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} · Helpline Assist", doc.title) />
        <article class="doc" lang=doc.lang.code()>
            <nav class="crumbs">
                <a href="/">{t.back_to_search}</a>
                {translations}
            </nav>
            <h1>{doc.title.clone()}</h1>
            <p class="summary">{doc.summary.clone()}</p>
            <p class="doc-meta">
                {t.last_reviewed} " " <time datetime=doc.last_reviewed.clone()>{doc.last_reviewed.clone()}</time>
                {doc.overdue.then(|| view! { " " <span class="badge overdue">{t.review_overdue}</span> })}
                " · " {doc.owner.clone()} " · " {t.topic} ": " {doc.topic.clone()}
            </p>
            <nav class="toc" aria-label=t.contents>
                <h2>{t.contents}</h2>
                <ol>{contents}</ol>
            </nav>
            {sections}
            <footer class="doc-sources">
                <Sources sources=doc.sources.clone() />
            </footer>
        </article>
    }
}
