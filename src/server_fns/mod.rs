//! Server functions: the pane's calls to the server. Each is a public URL and a thin adapter:
//! read the input, call a plain function on the app state, map the error. Compiled in both
//! builds; the bodies run on the server only.

pub mod account;
pub mod admin;
pub mod analytics;
pub mod documents;
pub mod editing;
pub mod flags;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod helpline;
pub mod links;
pub mod review;
pub mod search;

pub use documents::{content_status, get_document};
pub use helpline::helpline_now;
pub use search::pane_search;
