//! `/suggest?passage=<id>[&flag=<n>]`: anyone signed in proposes new wording for one passage,
//! with a note. It becomes a draft for supervisors (nothing changes for callers until a second
//! supervisor approves it). A plain form: it works without JavaScript.

use super::NotFound;
use crate::domain::MAX_NOTE_CHARS;
use crate::error::AppError;
use crate::server_fns::editing::{SuggestEdit, passage_text};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SuggestPage() -> impl IntoView {
    let t = super::i18n::use_texts();
    let query = use_query_map();
    let passage = move || query.read().get("passage").unwrap_or_default();
    let flag = move || {
        query
            .read()
            .get("flag")
            .filter(|f| f.parse::<i64>().is_ok())
    };
    let current = Resource::new(passage, passage_text);
    let action = ServerAction::<SuggestEdit>::new();
    let outcome = move || {
        action.value().get().map(|result| match result {
            Ok(_) => {
                view! { <p class="notice" role="status">{t.get().suggest_sent}</p> }.into_any()
            }
            Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
        })
    };
    view! {
        <Title text=move || format!("{} · Helpline Assist", t.get().suggest_heading) />
        <div class="suggest">
            <h1>{move || t.get().suggest_heading}</h1>
            {outcome}
            <Suspense fallback=|| view! { <p class="hint">"…"</p> }>
                {move || current.get().map(|answer| match answer {
                    Ok((heading, markdown)) => view! {
                        <h2>{heading}</h2>
                        <ActionForm action attr:class="suggest-form">
                            <input type="hidden" name="passage_id" value=passage() />
                            {flag().map(|f| view! { <input type="hidden" name="flag_id" value=f /> })}
                            <label for="suggest-text">{move || t.get().suggest_text}</label>
                            <textarea id="suggest-text" name="text" rows="12" required>{markdown}</textarea>
                            <label for="suggest-note">{move || t.get().suggest_note}</label>
                            <textarea id="suggest-note" name="note" rows="3" maxlength=MAX_NOTE_CHARS.to_string()></textarea>
                            <button type="submit">{move || t.get().suggest_send}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}
