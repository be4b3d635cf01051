//! Telling the server which hit of a search was opened or copied, for click-through analytics
//! and the content-gap queue. Only the search's reference, the rank and the action travel
//! (never the query again, never the user); sent as a beacon so that leaving the page for the
//! document does not cut it off. At most one report per search.

use crate::domain::UseAction;
use leptos::prelude::*;

/// The search on screen: its query and the reference the server logged it under.
#[derive(Clone, Copy)]
pub struct LastSearch(pub RwSignal<Option<(String, String)>>);

/// Reports that the hit at `rank` (0-based) of the search on screen was used.
pub fn report_use(rank: usize, action: UseAction) {
    let Some(LastSearch(last)) = use_context::<LastSearch>() else {
        return;
    };
    let Some((_, reference)) = last.get_untracked() else {
        return;
    };
    last.set(None);
    #[cfg(feature = "hydrate")]
    {
        let action = match action {
            UseAction::Open => "open",
            UseAction::Copy => "copy",
        };
        let body = format!("search_ref={reference}&rank={}&action={action}", rank + 1);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/x-www-form-urlencoded");
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&body));
        if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
            let _ = window()
                .navigator()
                .send_beacon_with_opt_blob("/api/report_use", Some(&blob));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (reference, rank, action);
    }
}
