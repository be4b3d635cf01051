//! Helpline Assist: a search-and-answer pane for cancer helpline specialists.
//!
//! Modules shared by the server and the browser are always compiled; server-only modules are
//! gated by the `ssr` feature where they are declared.

#![recursion_limit = "256"]
pub mod domain;
pub mod error;
pub mod server_fns;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod baseline;
#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
mod cli_accounts;
#[cfg(feature = "ssr")]
mod cli_eval;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod content;
#[cfg(feature = "ssr")]
pub mod editorial;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod memory;
#[cfg(feature = "ssr")]
pub mod metrics;
#[cfg(feature = "ssr")]
pub mod review;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod secret;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

/// Entry point of the browser bundle: hydrates the server-rendered page. `hydrate_lazy`: a page
/// served from a lazy route (see `ui::lazy_pages`) loads its split-off code before hydrating;
/// hydrating it at once left the router unable to navigate from it.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(ui::App);
}
