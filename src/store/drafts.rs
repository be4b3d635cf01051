//! Queries on drafts: work towards a new revision, saved on the server so that nothing is lost
//! to a closed tab. State changes are conditional on the state they start from, so two
//! supervisors acting at once cannot both succeed.

use super::{Store, StoreError};
use crate::domain::{DraftKind, DraftState, Lang};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DraftRow {
    pub id: i64,
    pub doc_id: String,
    pub lang: Lang,
    pub path: String,
    pub kind: DraftKind,
    pub state: DraftState,
    pub base_revision: Option<i64>,
    pub body: String,
    pub note: String,
    pub author: String,
    pub editor: String,
    pub submitted_by: Option<String>,
    pub review_comment: String,
    pub passage_id: Option<String>,
    pub flag_id: Option<i64>,
    pub published_revision: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Raised by every change.
    pub version: i64,
}

/// A draft about to be stored.
#[derive(Clone, Debug)]
pub struct NewDraft {
    pub doc_id: String,
    pub lang: Lang,
    pub path: String,
    pub kind: DraftKind,
    pub state: DraftState,
    pub base_revision: Option<i64>,
    pub body: String,
    pub note: String,
    pub author: String,
    pub passage_id: Option<String>,
    pub flag_id: Option<i64>,
    pub at: i64,
}

const COLUMNS: &str = "id, doc_id, lang, path, kind, state, base_revision, body, note, author, \
                       editor, submitted_by, review_comment, passage_id, flag_id, \
                       published_revision, created_at, updated_at, version";

impl Store {
    pub async fn insert_draft(&self, draft: &NewDraft) -> Result<i64, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_scalar(
                "INSERT INTO drafts (doc_id, lang, path, kind, state, base_revision, body, note, \
             author, editor, passage_id, flag_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
            )
            .bind(&draft.doc_id)
            .bind(draft.lang)
            .bind(&draft.path)
            .bind(draft.kind)
            .bind(draft.state)
            .bind(draft.base_revision)
            .bind(&draft.body)
            .bind(&draft.note)
            .bind(&draft.author)
            .bind(&draft.author)
            .bind(&draft.passage_id)
            .bind(draft.flag_id)
            .bind(draft.at)
            .bind(draft.at)
            .fetch_one(pool)
            .await?)
        })
    }

    pub async fn draft(&self, id: i64) -> Result<Option<DraftRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(
                sqlx::query_as(&format!("SELECT {COLUMNS} FROM drafts WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(pool)
                    .await?,
            )
        })
    }

    /// Drafts of one document, newest first; only open ones when `open_only`.
    pub async fn drafts_of(
        &self,
        doc_id: &str,
        open_only: bool,
    ) -> Result<Vec<DraftRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM drafts WHERE doc_id = $1 \
             AND (NOT $2 OR state NOT IN ('published', 'withdrawn')) ORDER BY id DESC"
            ))
            .bind(doc_id)
            .bind(open_only)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Every open draft, oldest change first.
    pub async fn open_drafts(&self) -> Result<Vec<DraftRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM drafts WHERE state NOT IN ('published', 'withdrawn') \
             ORDER BY updated_at, id"
            ))
            .fetch_all(pool)
            .await?)
        })
    }

    /// Saves new text for a draft that is still editable; `false` when it no longer is.
    #[allow(clippy::too_many_arguments)]
    pub async fn save_draft(
        &self,
        id: i64,
        version: i64,
        body: &str,
        note: &str,
        editor: &str,
        base_revision: Option<i64>,
        at: i64,
    ) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            let done = sqlx::query(
            "UPDATE drafts SET body = $1, note = $2, editor = $3, base_revision = $4, state = 'editing', \
             updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7 \
             AND state IN ('suggested', 'editing', 'returned')",
        )
        .bind(body)
        .bind(note)
        .bind(editor)
        .bind(base_revision)
        .bind(at)
        .bind(id)
        .bind(version)
        .execute(pool)
        .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Moves a draft from `from` to `to`, recording who submitted it or the reviewer's comment;
    /// `false` when it was not in `from` any more.
    pub async fn move_draft(
        &self,
        id: i64,
        from: &[DraftState],
        to: DraftState,
        submitted_by: Option<&str>,
        comment: Option<&str>,
        at: i64,
    ) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            let allowed = from
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect::<Vec<_>>();
            let done = sqlx::query(&format!(
                "UPDATE drafts SET state = $1, submitted_by = COALESCE($2, submitted_by), \
             review_comment = COALESCE($3, review_comment), updated_at = $4, version = version + 1 \
             WHERE id = $5 AND state IN ({})",
                allowed.join(", ")
            ))
            .bind(to)
            .bind(submitted_by)
            .bind(comment)
            .bind(at)
            .bind(id)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }
}
