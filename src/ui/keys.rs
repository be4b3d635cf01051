//! Keyboard shortcuts of the pane and copying answers to the clipboard. Shortcuts that are
//! plain characters (`/`, `?`, `c`, `p`) never fire while the specialist types in a field;
//! the others are meant to work from the search box too.

use crate::domain::SearchHit;
use leptos::prelude::*;

/// The confirmation line shown after a copy (provided as context by the pane).
#[derive(Clone, Copy)]
pub struct Toast(pub RwSignal<Option<String>>);

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy)]
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

/// Remembers a search in this browser. Every keystroke searches, so a query that grows or
/// shrinks from one already remembered is the same search still being typed: it takes that
/// one's place instead of adding "s", "sp", "spi"…
pub fn remember_search(query: &str) {
    #[cfg(feature = "hydrate")]
    {
        let query = query.trim().replace('\n', " ");
        if query.is_empty() {
            return;
        }
        let mut list = recent_searches();
        list.retain(|q| !same_typing(q, &query));
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

/// Is `a` the same search as `b`, still being typed (one starts the other)?
pub fn same_typing(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
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
        let ui_lang = super::i18n::use_ui_lang();
        let handle =
            window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
                if on_key(&ev, actions, ui_lang.get_untracked()) {
                    ev.prevent_default();
                }
            });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = actions;
    }
}

/// Does what a key press asks; `false` when the key is not a shortcut here (the browser keeps
/// it). Plain-character shortcuts never fire while typing in a field.
#[cfg(feature = "hydrate")]
fn on_key(ev: &web_sys::KeyboardEvent, actions: KeyActions, ui_lang: crate::domain::Lang) -> bool {
    use wasm_bindgen::JsCast;
    let in_field = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    let key = ev.key();
    let plain = !ev.ctrl_key() && !ev.alt_key() && !ev.meta_key();
    let free = plain && !in_field;
    match key.as_str() {
        "/" if free => focus_search_box(),
        "k" | "K" if ev.ctrl_key() || ev.meta_key() => focus_search_box(),
        "ArrowDown" | "ArrowUp" => return move_selection(actions, key == "ArrowDown"),
        "Escape" if actions.help.get_untracked() => actions.help.set(false),
        "Escape" => {
            actions.clear.run(());
            focus_search_box();
        }
        "?" if !in_field => actions.help.update(|h| *h = !*h),
        "c" | "C" if free => copy_selected(actions, ui_lang, false),
        "p" | "P" if free => copy_selected(actions, ui_lang, true),
        "t" | "T" if free => open_twin(actions),
        _ if ev.alt_key() && ev.code() == "KeyC" => copy_selected(actions, ui_lang, false),
        _ if ev.alt_key() && ev.code() == "KeyP" => copy_selected(actions, ui_lang, true),
        _ => return false,
    }
    true
}

#[cfg(feature = "hydrate")]
fn focus_search_box() {
    use wasm_bindgen::JsCast;
    if let Some(input) = document()
        .get_element_by_id("q")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.focus();
        input.select();
    }
}

/// ↑/↓ through the hits; the answer pane follows. `false` when there are none.
#[cfg(feature = "hydrate")]
fn move_selection(actions: KeyActions, down: bool) -> bool {
    let count = actions.hits.run(()).len();
    if count == 0 {
        return false;
    }
    let now = actions.selected.get_untracked();
    actions.selected.set(if down {
        (now + 1).min(count - 1)
    } else {
        now.saturating_sub(1)
    });
    true
}

/// Copies the chosen hit for chat or for the phone, with a confirmation.
#[cfg(feature = "hydrate")]
fn copy_selected(actions: KeyActions, ui_lang: crate::domain::Lang, phone: bool) {
    let list = actions.hits.run(());
    let Some(hit) = list.get(actions.selected.get_untracked()).or(list.first()) else {
        return;
    };
    if hit.partial {
        // The whole passage is still on its way: nothing half is ever copied.
        return;
    }
    let t = super::i18n::texts(ui_lang);
    let (text, done) = if phone {
        (hit.phone_text.clone(), t.copied_phone)
    } else {
        (hit.chat_text.clone(), t.copied_chat)
    };
    super::usage::report_use(
        actions.selected.get_untracked(),
        crate::domain::UseAction::Copy,
    );
    copy(text, done, t.copy_failed, actions.toast);
}

/// Opens the chosen hit's twin passage in the other language.
#[cfg(feature = "hydrate")]
fn open_twin(actions: KeyActions) {
    let list = actions.hits.run(());
    if let Some(url) = list
        .get(actions.selected.get_untracked())
        .and_then(|h| h.twin_url.clone())
    {
        open(&url);
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

#[cfg(test)]
mod tests {
    use super::same_typing;

    #[test]
    fn a_search_still_being_typed_is_the_same_search() {
        assert!(same_typing("spinal ta", "spinal tap"));
        assert!(same_typing("spinal tap", "spinal"));
        assert!(!same_typing("spinal tap", "maintenance"));
        assert!(!same_typing("spinal tap", "spinal fluid"));
    }
}
