//! Editing and publishing: the database holds every published revision of every document, and
//! the latest one is what is served. Supervisors work in drafts (saved on the server); a draft
//! is submitted, and a *different* supervisor or admin approves it, which publishes it. The
//! content folder is imported at start-up (`import`) and can be written back (`export`).
//! Plain Rust over `Store`; the index swap that publishing needs is `AppState`'s.

pub mod diff;
pub mod drafts;
pub mod export;
pub mod front_form;
pub mod import;
pub mod pages;
pub mod preview;
pub mod suggest;

use crate::content::DocumentText;
use crate::store::{RevisionRow, Store, StoreError};
use std::path::Path;

/// The author of revisions imported from the content folder.
pub const FOLDER_AUTHOR: &str = "content folder";

#[derive(Debug, thiserror::Error)]
pub enum EditorialError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("background task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotAllowed(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the new content cannot be served: {0}")]
    Unservable(String),
}

impl From<EditorialError> for crate::error::AppError {
    /// What a caller may see; internals are logged.
    fn from(err: EditorialError) -> Self {
        use crate::error::AppError;
        match err {
            EditorialError::Store(ref inner) if inner.is_unreachable() => {
                tracing::warn!("editorial action failed, database unreachable: {err}");
                AppError::DatabaseDown
            }
            EditorialError::Store(_) | EditorialError::Task(_) => {
                tracing::error!("editorial action failed: {err}");
                AppError::Internal
            }
            EditorialError::Unservable(_) => {
                tracing::error!("{err}");
                AppError::BadRequest(err.to_string())
            }
            EditorialError::NotFound(_) => AppError::NotFound,
            EditorialError::Invalid(message) => AppError::BadRequest(message),
            EditorialError::NotAllowed(message) => AppError::NotAllowed(message),
            EditorialError::Conflict(message) => AppError::Conflict(message),
        }
    }
}

/// `path` relative to the content folder, with `/` between parts (`en/maintenance.md`).
pub fn relative_path(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The text each served document has now: the latest revision of each document not retired,
/// placed where its file lives under `dir` (so that problems name the file).
pub fn served_texts(dir: &Path, latest: &[RevisionRow]) -> Vec<DocumentText> {
    latest
        .iter()
        .filter(|r| !r.retired)
        .map(|r| DocumentText {
            lang: r.lang,
            path: dir.join(&r.path),
            text: r.body.clone(),
        })
        .collect()
}

/// The latest revision of every document, from the database.
pub async fn latest(store: &Store) -> Result<Vec<RevisionRow>, EditorialError> {
    Ok(store.latest_revisions().await?)
}
