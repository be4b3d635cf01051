//! Queries on passage flags: specialists' reports that a passage looks wrong, and how a
//! supervisor resolved them.

use super::{Store, StoreError, now};
use crate::domain::FlagReason;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FlagRow {
    pub id: i64,
    pub passage_id: String,
    pub doc_id: String,
    pub reason: FlagReason,
    pub note: String,
    pub text_hash: String,
    pub created_by: String,
    pub created_at: i64,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<i64>,
    pub resolution_note: Option<String>,
}

/// A flag about to be stored.
#[derive(Clone, Debug)]
pub struct NewFlag<'a> {
    pub passage_id: &'a str,
    pub doc_id: &'a str,
    pub reason: FlagReason,
    pub note: &'a str,
    pub text_hash: &'a str,
    pub created_by: &'a str,
}

/// Which flags to list.
#[derive(Clone, Debug, Default)]
pub struct FlagFilter<'a> {
    pub doc_id: Option<&'a str>,
    pub created_by: Option<&'a str>,
    pub open_only: bool,
}

const COLUMNS: &str = "id, passage_id, doc_id, reason, note, text_hash, created_by, created_at, \
                       resolved_by, resolved_at, resolution_note";

impl Store {
    /// Stores a flag; returns its id.
    pub async fn add_flag(&self, flag: &NewFlag<'_>) -> Result<i64, StoreError> {
        with_pool!(self, |pool, Db| {
            let id = sqlx::query_scalar(
            "INSERT INTO flags (passage_id, doc_id, reason, note, text_hash, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(flag.passage_id)
        .bind(flag.doc_id)
        .bind(flag.reason)
        .bind(flag.note)
        .bind(flag.text_hash)
        .bind(flag.created_by)
        .bind(now())
        .fetch_one(pool)
        .await?;
            Ok(id)
        })
    }

    pub async fn flag(&self, id: i64) -> Result<Option<FlagRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(
                sqlx::query_as(&format!("SELECT {COLUMNS} FROM flags WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(pool)
                    .await?,
            )
        })
    }

    /// Flags matching `filter`, newest first.
    pub async fn flags(&self, filter: &FlagFilter<'_>) -> Result<Vec<FlagRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM flags \
             WHERE ($1 IS NULL OR doc_id = $1) AND ($2 IS NULL OR created_by = $2) \
               AND (NOT $3 OR resolved_at IS NULL) \
             ORDER BY created_at DESC, id DESC LIMIT 1000"
            ))
            .bind(filter.doc_id)
            .bind(filter.created_by)
            .bind(filter.open_only)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Open flags per document.
    pub async fn open_flag_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(
                "SELECT doc_id, COUNT(*) FROM flags WHERE resolved_at IS NULL GROUP BY doc_id",
            )
            .fetch_all(pool)
            .await?)
        })
    }

    /// Resolves an open flag; `false` when there is no such open flag.
    pub async fn resolve_flag(&self, id: i64, by: &str, note: &str) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            let done = sqlx::query(
                "UPDATE flags SET resolved_by = $1, resolved_at = $2, resolution_note = $3 \
             WHERE id = $4 AND resolved_at IS NULL",
            )
            .bind(by)
            .bind(now())
            .bind(note)
            .bind(id)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }
}
