//! Queries on the content-gap queue: what supervisors decided about a group of unanswered
//! searches (keyed by the group's normalized form). The groups themselves come from the
//! search log.

use super::{Store, StoreError, now};
use crate::domain::GapStatus;

#[derive(Clone, Debug, sqlx::FromRow, PartialEq, Eq)]
pub struct GapRow {
    pub normalized: String,
    pub status: GapStatus,
    pub owner: String,
    pub doc_id: String,
    pub updated_at: i64,
    pub updated_by: String,
    /// For content added: the document's latest revision when it was marked so.
    pub revision: Option<i64>,
}

impl Store {
    pub async fn gap_decisions(&self) -> Result<Vec<GapRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT normalized, status, owner, doc_id, updated_at, updated_by, revision FROM content_gaps",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records a decision about a gap; content added names the document's latest revision.
    pub async fn set_gap(
        &self,
        normalized: &str,
        status: GapStatus,
        owner: &str,
        doc_id: &str,
        by: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO content_gaps (normalized, status, owner, doc_id, updated_at, updated_by, revision) \
             VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ? = 'added' THEN \
               (SELECT MAX(id) FROM revisions WHERE doc_id = ?) END) \
             ON CONFLICT (normalized) DO UPDATE SET status = excluded.status, owner = excluded.owner, \
               doc_id = excluded.doc_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by, \
               revision = excluded.revision",
        )
        .bind(normalized)
        .bind(status)
        .bind(owner)
        .bind(doc_id)
        .bind(now())
        .bind(by)
        .bind(status)
        .bind(doc_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
