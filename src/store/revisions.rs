//! Queries on published revisions and on what was last imported from the content folder.
//! Publishing is one transaction: the revision, the draft's state, the review it counts as and
//! the flag it fixes are written together or not at all.

use super::{Store, StoreError};
use crate::domain::{DraftState, Lang};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub doc_id: String,
    pub lang: Lang,
    pub path: String,
    pub body: String,
    pub sha256: String,
    pub author: String,
    pub approver: Option<String>,
    pub note: String,
    pub created_at: i64,
    pub retired: bool,
    pub original_revision: Option<i64>,
    pub draft_id: Option<i64>,
}

/// A revision about to be stored.
#[derive(Clone, Debug)]
pub struct NewRevision {
    pub doc_id: String,
    pub lang: Lang,
    pub path: String,
    pub body: String,
    pub sha256: String,
    pub author: String,
    pub approver: Option<String>,
    pub note: String,
    pub created_at: i64,
    pub retired: bool,
    pub original_revision: Option<i64>,
}

/// Why a publish was not written.
#[derive(Debug, thiserror::Error)]
pub enum PublishRefused {
    #[error("the document changed since the draft was started (latest revision {0:?})")]
    Stale(Option<i64>),
    #[error("the draft changed or is no longer waiting for approval")]
    NotSubmitted,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for PublishRefused {
    fn from(err: sqlx::Error) -> Self {
        PublishRefused::Store(StoreError::from(err))
    }
}

const COLUMNS: &str = "id, doc_id, lang, path, body, sha256, author, approver, note, created_at, \
                       retired, original_revision, draft_id";

/// Stores `$revision` (made from `$draft_id`, if any) in the open transaction `$tx`; gives
/// the new id. A macro, so it runs on whichever backend's transaction it is given.
macro_rules! insert_revision {
    ($tx:expr, $revision:expr, $draft_id:expr) => {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO revisions (doc_id, lang, path, body, sha256, author, approver, note, \
             created_at, retired, original_revision, draft_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(&$revision.doc_id)
        .bind($revision.lang)
        .bind(&$revision.path)
        .bind(&$revision.body)
        .bind(&$revision.sha256)
        .bind(&$revision.author)
        .bind(&$revision.approver)
        .bind(&$revision.note)
        .bind($revision.created_at)
        .bind($revision.retired)
        .bind($revision.original_revision)
        .bind($draft_id)
        .fetch_one(&mut *$tx)
        .await
    };
}

/// The newest revision id of `$doc_id`, read in the transaction `$tx`.
macro_rules! latest_id {
    ($tx:expr, $doc_id:expr) => {
        sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(id) FROM revisions WHERE doc_id = $1")
            .bind($doc_id)
            .fetch_one(&mut *$tx)
            .await
    };
}

impl Store {
    /// The latest revision of every document (retired ones included), by language and path.
    pub async fn latest_revisions(&self) -> Result<Vec<RevisionRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM revisions WHERE id IN \
             (SELECT MAX(id) FROM revisions GROUP BY doc_id) ORDER BY lang, path"
            ))
            .fetch_all(pool)
            .await?)
        })
    }

    pub async fn revision(&self, id: i64) -> Result<Option<RevisionRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(
                sqlx::query_as(&format!("SELECT {COLUMNS} FROM revisions WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(pool)
                    .await?,
            )
        })
    }

    /// Every revision of a document, newest first.
    pub async fn revisions_of(&self, doc_id: &str) -> Result<Vec<RevisionRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM revisions WHERE doc_id = $1 ORDER BY id DESC"
            ))
            .bind(doc_id)
            .fetch_all(pool)
            .await?)
        })
    }

    /// The newest revision id of all: changes whenever anything is published anywhere.
    pub async fn content_generation(&self) -> Result<i64, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(
                sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(id) FROM revisions")
                    .fetch_one(pool)
                    .await?
                    .unwrap_or(0),
            )
        })
    }

    /// The SHA-256 each document file had when it was last imported.
    pub async fn imported_hashes(&self) -> Result<Vec<(String, String)>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as("SELECT doc_id, sha256 FROM content_imports")
                .fetch_all(pool)
                .await?)
        })
    }

    /// Records that the file of `doc_id` had `sha256` when imported at `at`, and (when given)
    /// stores the revision that import makes, in one transaction. `expected_latest` guards
    /// against a publish through the app meanwhile.
    pub async fn import_file(
        &self,
        doc_id: &str,
        sha256: &str,
        at: i64,
        revision: Option<(&NewRevision, Option<i64>)>,
    ) -> Result<Option<i64>, PublishRefused> {
        with_pool!(self, |pool, Db| {
            // Take the write lock first: two publishers wait for each other instead of failing.
            let mut tx = begin_write!(pool, Db);
            let mut stored = None;
            if let Some((revision, expected_latest)) = revision {
                let latest = latest_id!(tx, doc_id)?;
                if latest != expected_latest {
                    return Err(PublishRefused::Stale(latest));
                }
                stored = Some(insert_revision!(tx, revision, None::<i64>)?);
            }
            sqlx::query(
            "INSERT INTO content_imports (doc_id, sha256, imported_at) VALUES ($1, $2, $3) \
             ON CONFLICT (doc_id) DO UPDATE SET sha256 = excluded.sha256, imported_at = excluded.imported_at",
        )
        .bind(doc_id)
        .bind(sha256)
        .bind(at)
        .execute(&mut *tx)
        .await?;
            tx.commit().await?;
            Ok(stored)
        })
    }

    /// Publishes a submitted draft as `revision`, if the draft is still at `draft_version` (the
    /// text that was checked and approved) and the document's latest revision is still
    /// `expected_latest`: the revision, the draft's new state, a review by the approver (the
    /// published text counts as reviewed that day) and the flag it fixes, in one transaction.
    pub async fn publish_draft(
        &self,
        (draft_id, draft_version): (i64, i64),
        revision: &NewRevision,
        expected_latest: Option<i64>,
    ) -> Result<i64, PublishRefused> {
        with_pool!(self, |pool, Db| {
            // Take the write lock first: two publishers wait for each other instead of failing.
            let mut tx = begin_write!(pool, Db);
            let latest = latest_id!(tx, &revision.doc_id)?;
            if latest != expected_latest {
                return Err(PublishRefused::Stale(latest));
            }
            let id = insert_revision!(tx, revision, Some(draft_id))?;
            let (changed, flag_id): (u64, Option<i64>) = {
                let done = sqlx::query(
                    "UPDATE drafts SET state = $1, published_revision = $2, updated_at = $3, \
                 version = version + 1 WHERE id = $4 AND state = $5 AND version = $6",
                )
                .bind(DraftState::Published)
                .bind(id)
                .bind(revision.created_at)
                .bind(draft_id)
                .bind(DraftState::Submitted)
                .bind(draft_version)
                .execute(&mut *tx)
                .await?;
                let flag = sqlx::query_scalar("SELECT flag_id FROM drafts WHERE id = $1")
                    .bind(draft_id)
                    .fetch_one(&mut *tx)
                    .await?;
                (done.rows_affected(), flag)
            };
            if changed != 1 {
                return Err(PublishRefused::NotSubmitted);
            }
            if let Some(approver) = &revision.approver
                && !revision.retired
            {
                sqlx::query(
                "INSERT INTO reviews (doc_id, reviewer, reviewed_at, content_hash, note) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&revision.doc_id)
            .bind(approver)
            .bind(revision.created_at)
            .bind(&revision.sha256)
            .bind(format!("approved revision {id}"))
            .execute(&mut *tx)
            .await?;
            }
            if let Some(flag_id) = flag_id {
                sqlx::query(
                    "UPDATE flags SET resolved_by = $1, resolved_at = $2, resolution_note = $3, \
                 fixed_by_revision = $4 WHERE id = $5 AND doc_id = $6 AND resolved_at IS NULL",
                )
                .bind(revision.approver.as_deref().unwrap_or(&revision.author))
                .bind(revision.created_at)
                .bind(format!("fixed by revision {id}"))
                .bind(id)
                .bind(flag_id)
                .bind(&revision.doc_id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(id)
        })
    }
}
