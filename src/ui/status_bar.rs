//! The status bar: the time at the helpline, whether live chat is open and until when, and
//! the phone line. Rendered on the server, refreshed every minute in the browser.

use crate::server_fns::helpline_now;
use leptos::prelude::*;

const REFRESH_MS: u64 = 60_000;

#[component]
pub fn StatusBar() -> impl IntoView {
    let t = super::i18n::use_texts();
    let status = Resource::new(|| (), |_| helpline_now());
    Effect::new(move |_| {
        // Browser only: effects do not run on the server.
        let handle = set_interval_with_handle(
            move || status.refetch(),
            std::time::Duration::from_millis(REFRESH_MS),
        );
        on_cleanup(move || {
            if let Ok(handle) = handle {
                handle.clear();
            }
        });
    });
    view! {
        <Transition>
            {move || {
                status
                    .get()
                    .and_then(Result::ok)
                    .flatten()
                    .map(|s| {
                        let t = t.get();
                        let chat = match (s.chat_open, s.chat_next_change) {
                            (true, Some(until)) => format!("{} {until}", t.chat_open_until),
                            (true, None) => t.chat_open.to_string(),
                            (false, Some(opens)) => format!("{} {opens}", t.chat_closed_opens),
                            (false, None) => t.chat_closed.to_string(),
                        };
                        // In a narrow side panel only the chat state shows, as a badge; the
                        // rest appears on hover or focus (and is in the title).
                        let details = format!("{} · {chat} · {} {} · {}", s.now_local, t.phone, s.phone, s.phone_hours);
                        view! {
                            <div class="status-bar" role="status" aria-label="Helpline status" tabindex="0" title=details>
                                <span class="status-time">{s.now_local}</span>
                                <span class="status-chat" class:open=s.chat_open>{chat}</span>
                                <span class="status-phone">
                                    {t.phone} " " <strong>{s.phone}</strong> " · " {s.phone_hours}
                                </span>
                            </div>
                        }
                    })
            }}
        </Transition>
    }
}
