//! Queries on document reviews ("mark reviewed") and on the versions of each document file the
//! server has seen.

use super::{Store, StoreError};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReviewRow {
    pub doc_id: String,
    pub reviewer: String,
    pub reviewed_at: i64,
    pub content_hash: String,
    pub note: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub doc_id: String,
    pub content_hash: String,
    pub first_seen: i64,
}

/// A document as loaded now: its id, the hash of its file, and when its content is taken to
/// date from if the server has never seen the document before.
#[derive(Clone, Debug)]
pub struct SeenDocument {
    pub doc_id: String,
    pub content_hash: String,
    pub baseline: i64,
}

impl Store {
    pub async fn add_review(
        &self,
        doc_id: &str,
        reviewer: &str,
        content_hash: &str,
        note: &str,
        at: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            sqlx::query(
            "INSERT INTO reviews (doc_id, reviewer, reviewed_at, content_hash, note) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(doc_id)
        .bind(reviewer)
        .bind(at)
        .bind(content_hash)
        .bind(note)
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    /// Every review, oldest first.
    pub async fn reviews(&self) -> Result<Vec<ReviewRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(
            "SELECT doc_id, reviewer, reviewed_at, content_hash, note FROM reviews ORDER BY reviewed_at, id",
        )
        .fetch_all(pool)
        .await?)
        })
    }

    /// Records the content each document has now. A document never seen before dates from its
    /// `baseline`; a new content of a known document dates from `now`.
    pub async fn record_versions(&self, docs: &[SeenDocument], now: i64) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            // It reads before it writes: take the write lock first, or SQLite refuses the
            // upgrade at once ("database is locked") while another server writes.
            let mut tx = begin_write!(pool, Db);
            for doc in docs {
                let known: Option<i64> = sqlx::query_scalar(
                    "SELECT CAST(1 AS BIGINT) FROM document_versions WHERE doc_id = $1 LIMIT 1",
                )
                .bind(&doc.doc_id)
                .fetch_optional(&mut *tx)
                .await?;
                let first_seen = if known.is_some() { now } else { doc.baseline };
                sqlx::query(
                "INSERT INTO document_versions (doc_id, content_hash, first_seen) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(&doc.doc_id)
            .bind(&doc.content_hash)
            .bind(first_seen)
            .execute(&mut *tx)
            .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    pub async fn versions(&self) -> Result<Vec<VersionRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(
                sqlx::query_as("SELECT doc_id, content_hash, first_seen FROM document_versions")
                    .fetch_all(pool)
                    .await?,
            )
        })
    }
}
