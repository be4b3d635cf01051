//! "Flag": a specialist reports that a passage looks outdated, unclear, incorrect, lacks its
//! Spanish version, or something else. A disclosure (`<details>`) holding a plain form, so it
//! opens from the keyboard and posts without JavaScript too.

use crate::domain::{FlagReason, MAX_NOTE_CHARS};
use crate::server_fns::flags::FlagPassage;
use leptos::prelude::*;

#[component]
pub fn FlagButton(passage_id: String) -> impl IntoView {
    let t = super::i18n::use_texts().get_untracked();
    let action = ServerAction::<FlagPassage>::new();
    let outcome = move || {
        action.value().get().map(|result| match result {
            Ok(_) => view! { <p class="notice" role="status">{t.flag_sent}</p> }.into_any(),
            Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
        })
    };
    let suggest_href = format!(
        "/suggest?passage={}",
        super::url::encode_query_value(&passage_id)
    );
    let field_id = format!("flag-note-{}", passage_id.replace(['#', '/'], "-"));
    let reason_id = format!("flag-reason-{}", passage_id.replace(['#', '/'], "-"));
    view! {
        <details class="flag">
            <summary>{t.flag}</summary>
            <ActionForm action attr:class="flag-form">
                <p class="flag-heading">{t.flag_heading}</p>
                <input type="hidden" name="passage_id" value=passage_id />
                <label for=reason_id.clone()>{t.flag_reason}</label>
                <select id=reason_id name="reason">
                    {FlagReason::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.as_str()>{r.label()}</option> })
                        .collect_view()}
                </select>
                <label for=field_id.clone()>{t.flag_note}</label>
                <textarea id=field_id name="note" rows="3" maxlength=MAX_NOTE_CHARS.to_string()></textarea>
                <button type="submit">{t.flag_send}</button>
            </ActionForm>
            {outcome}
        </details>
        <a class="suggest-link" href=suggest_href>{t.suggest_edit}</a>
    }
    .into_any()
}
