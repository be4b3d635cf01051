//! Accounts and access: passwords, sessions, API tokens, sign-in throttling, and the request
//! layer that knows who is asking and turns away whoever may not. Roles themselves are
//! `domain::Role` (shared with the browser); everything here runs on the server.

mod account;
mod admin;
pub mod gate;
pub mod outage;
pub mod password;
pub mod rate_limit;
pub mod service;
pub mod throttle;

#[cfg(test)]
mod tests;

pub use service::{Auth, AuthError, ClientAddr, CurrentUser};
