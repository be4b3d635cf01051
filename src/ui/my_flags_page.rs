//! `/flags`: the passages the signed-in specialist flagged that are still open.

use crate::server_fns::flags::my_flags;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyFlagsPage() -> impl IntoView {
    let t = super::i18n::use_texts();
    let flags = Resource::new(|| (), |_| my_flags());
    view! {
        <Title text="My flags · Helpline Assist" />
        <div class="review">
            <h1>{move || t.get().my_flags}</h1>
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || flags.get().map(|answer| match answer {
                    Ok(list) if list.is_empty() => view! { <p class="hint">"No open flags."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="my-flags">
                            {list.into_iter().map(|f| view! {
                                <li data-flag=f.id>
                                    <a href=format!("/doc/{}#{}", f.doc_id, f.passage_id.split('#').nth(1).unwrap_or(""))>{f.place}</a>
                                    {format!(" — {} ({})", f.reason, f.created)}
                                    " "
                                    <a class="suggest-link" href=format!("/suggest?passage={}&flag={}", super::url::encode_query_value(&f.passage_id), f.id)>
                                        {move || t.get().suggest_edit}
                                    </a>
                                    {(!f.note.is_empty()).then(|| view! { <blockquote>{f.note}</blockquote> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}
