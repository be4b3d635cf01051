//! Keyboard shortcuts of the pane and copying answers to the clipboard. Shortcuts that are
//! plain characters (`/`, `?`, `c`, `p`) never fire while the specialist types in a field;
//! the others are meant to work from the search box too.

use crate::domain::SearchHit;
use leptos::prelude::*;

/// The confirmation line shown after a copy (provided as context by the pane).
#[derive(Clone, Copy)]
pub struct Toast(pub RwSignal<Option<String>>);

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct KeyActions {
    pub selected: RwSignal<usize>,
    pub help: RwSignal<bool>,
    pub toast: RwSignal<Option<String>>,
    /// The hits on screen.
    pub hits: Callback<(), Vec<SearchHit>>,
    pub clear: Callback<()>,
}

/// The shortcuts' keys, as the sheet lists them (what each does: `i18n::Texts::shortcuts`).
pub const SHORTCUT_KEYS: [&str; 9] = [
    "/  or  Ctrl+K",
    "↑ ↓",
    "Enter",
    "Esc",
    "Alt+C  (or c)",
    "Alt+P  (or p)",
    "t",
    "?",
    "Tab",
];

/// Copies `text`; says `done` in the toast, or `failed`.
pub fn copy(
    text: String,
    done: &'static str,
    failed: &'static str,
    toast: RwSignal<Option<String>>,
) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen_futures::JsFuture;
        leptos::task::spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            let copied = JsFuture::from(clipboard.write_text(&text)).await.is_ok();
            toast.set(Some(if copied { done } else { failed }.to_string()));
            set_timeout(move || toast.set(None), std::time::Duration::from_secs(3));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (text, done, failed, toast);
    }
}

#[cfg(feature = "hydrate")]
const RECENT_KEY: &str = "helpline-assist.recent";
#[cfg(feature = "hydrate")]
const RECENT_MAX: usize = 8;

/// This browser's local storage, if it has one (never on the server).
#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The searches made in this browser, newest first. Kept only here, never sent anywhere.
pub fn recent_searches() -> Vec<String> {
    #[cfg(feature = "hydrate")]
    {
        storage()
            .and_then(|s| s.get_item(RECENT_KEY).ok().flatten())
            .map(|text| {
                text.lines()
                    .map(str::to_string)
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Vec::new()
    }
}

/// Remembers a search in this browser.
pub fn remember_search(query: &str) {
    #[cfg(feature = "hydrate")]
    {
        let query = query.trim().replace('\n', " ");
        if query.is_empty() {
            return;
        }
        let mut list = recent_searches();
        list.retain(|q| *q != query);
        list.insert(0, query);
        list.truncate(RECENT_MAX);
        if let Some(s) = storage() {
            let _ = s.set_item(RECENT_KEY, &list.join("\n"));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = query;
    }
}

/// Forgets this browser's searches (at sign-out).
pub fn forget_searches() {
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let _ = s.remove_item(RECENT_KEY);
    }
}

/// Opens a document page at a passage with a full load, so the browser scrolls to the anchor.
pub fn open(url: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().assign(url);
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = url;
    }
}

/// Listens for the pane's shortcuts on the whole window (in the browser only).
pub fn install_shortcuts(actions: KeyActions) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::ev::keydown;
        use wasm_bindgen::JsCast;
        let KeyActions {
            selected,
            help,
            toast,
            hits,
            clear,
        } = actions;
        let ui_lang = super::i18n::use_ui_lang();
        let handle = window_event_listener(keydown, move |ev: web_sys::KeyboardEvent| {
            let in_field = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                });
            let key = ev.key();
            let plain = !ev.ctrl_key() && !ev.alt_key() && !ev.meta_key();
            let focus_box = || {
                if let Some(input) = document()
                    .get_element_by_id("q")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    let _ = input.focus();
                    input.select();
                }
            };
            let copy_selected = |phone: bool| {
                let list = hits.run(());
                if let Some(hit) = list.get(selected.get_untracked()).or(list.first()) {
                    let t = super::i18n::texts(ui_lang.get_untracked());
                    let (text, done) = if phone {
                        (hit.phone_text.clone(), t.copied_phone)
                    } else {
                        (hit.chat_text.clone(), t.copied_chat)
                    };
                    super::usage::report_use(
                        selected.get_untracked(),
                        crate::domain::UseAction::Copy,
                    );
                    copy(text, done, t.copy_failed, toast);
                }
            };
            let code = ev.code();
            match key.as_str() {
                "/" if plain && !in_field => focus_box(),
                "k" | "K" if ev.ctrl_key() || ev.meta_key() => focus_box(),
                "ArrowDown" | "ArrowUp" => {
                    let count = hits.run(()).len();
                    if count == 0 {
                        return;
                    }
                    let now = selected.get_untracked();
                    selected.set(if key == "ArrowDown" {
                        (now + 1).min(count - 1)
                    } else {
                        now.saturating_sub(1)
                    });
                }
                "Escape" => {
                    if help.get_untracked() {
                        help.set(false);
                    } else {
                        clear.run(());
                        focus_box();
                    }
                }
                "?" if !in_field => help.update(|h| *h = !*h),
                "c" | "C" if plain && !in_field => copy_selected(false),
                "p" | "P" if plain && !in_field => copy_selected(true),
                "t" | "T" if plain && !in_field => {
                    let list = hits.run(());
                    if let Some(url) = list
                        .get(selected.get_untracked())
                        .and_then(|h| h.twin_url.clone())
                    {
                        open(&url);
                    }
                }
                _ if ev.alt_key() && code == "KeyC" => copy_selected(false),
                _ if ev.alt_key() && code == "KeyP" => copy_selected(true),
                _ => return,
            }
            ev.prevent_default();
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = actions;
    }
}

#[component]
pub fn ShortcutSheet(open: RwSignal<bool>) -> impl IntoView {
    let t = super::i18n::use_texts();
    view! {
        <Show when=move || open.get()>
            <section class="shortcuts" role="dialog" aria-label=move || t.get().shortcuts_title>
                <h2>{move || t.get().shortcuts_title}</h2>
                <dl>
                    {SHORTCUT_KEYS
                        .iter()
                        .enumerate()
                        .map(|(i, keys)| view! { <dt><kbd>{*keys}</kbd></dt><dd>{move || t.get().shortcuts[i]}</dd> })
                        .collect_view()}
                </dl>
                <button type="button" class="link-button" on:click=move |_| open.set(false)>{move || t.get().close}</button>
            </section>
        </Show>
    }
}
