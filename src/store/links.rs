//! Queries on query links: a query group (normalized form) and the passage a supervisor said
//! answers it, with who linked it and when; and how often a link has answered searches since.

use super::{Store, StoreError, now};
use crate::domain::Lang;

#[derive(Clone, Debug, sqlx::FromRow, PartialEq, Eq)]
pub struct LinkRow {
    pub id: i64,
    pub normalized: String,
    pub lang: Lang,
    pub passage_id: String,
    pub example: String,
    pub created_by: String,
    pub created_at: i64,
    /// Searches of the group since it was linked.
    pub searches: i64,
    /// Of those, searches the engine found nothing for, answered by the link alone.
    pub answered: i64,
}

/// A link about to be made.
#[derive(Clone, Debug)]
pub struct NewLink<'a> {
    pub normalized: &'a str,
    pub lang: Lang,
    pub passage_id: &'a str,
    pub example: &'a str,
    pub by: &'a str,
}

const LINK_COLUMNS: &str = "l.id, l.normalized, l.lang, l.passage_id, l.example, l.created_by, l.created_at, \
     (SELECT COUNT(*) FROM query_log q WHERE q.normalized = l.normalized AND q.id > l.since_log_id) AS searches, \
     (SELECT COUNT(*) FROM query_log q WHERE q.normalized = l.normalized AND q.id > l.since_log_id AND q.link = 'only') AS answered";

impl Store {
    /// Links a query group to a passage; a group already linked is re-linked (a new row, so
    /// that its counts start again). Returns the link's id.
    pub async fn link_query(&self, link: &NewLink<'_>) -> Result<i64, StoreError> {
        with_pool!(self, |pool, Db| {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM query_links WHERE normalized = $1")
                .bind(link.normalized)
                .execute(&mut *tx)
                .await?;
            let id = sqlx::query_scalar(
            "INSERT INTO query_links (normalized, lang, passage_id, example, created_by, created_at, since_log_id) \
             VALUES ($1, $2, $3, $4, $5, $6, (SELECT COALESCE(MAX(id), 0) FROM query_log)) RETURNING id",
        )
        .bind(link.normalized)
        .bind(link.lang)
        .bind(link.passage_id)
        .bind(link.example)
        .bind(link.by)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Removes a link; the link removed, if there was one.
    pub async fn unlink_query(&self, id: i64) -> Result<Option<LinkRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            let Some(row) = self.query_link(id).await? else {
                return Ok(None);
            };
            sqlx::query("DELETE FROM query_links WHERE id = $1")
                .bind(id)
                .execute(pool)
                .await?;
            Ok(Some(row))
        })
    }

    pub async fn query_link(&self, id: i64) -> Result<Option<LinkRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            let sql = format!("SELECT {LINK_COLUMNS} FROM query_links l WHERE l.id = $1");
            Ok(sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?)
        })
    }

    /// Every link, newest first, with its counts.
    pub async fn query_links(&self) -> Result<Vec<LinkRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            let sql = format!("SELECT {LINK_COLUMNS} FROM query_links l ORDER BY l.id DESC");
            Ok(sqlx::query_as(&sql).fetch_all(pool).await?)
        })
    }

    /// The links to one passage.
    pub async fn query_links_to(&self, passage_id: &str) -> Result<Vec<LinkRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            let sql = format!(
                "SELECT {LINK_COLUMNS} FROM query_links l WHERE l.passage_id = $1 ORDER BY l.id DESC"
            );
            Ok(sqlx::query_as(&sql)
                .bind(passage_id)
                .fetch_all(pool)
                .await?)
        })
    }

    /// Every link: normalized form, language, passage id, example.
    pub async fn link_table(&self) -> Result<Vec<(String, Lang, String, String)>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(
                sqlx::query_as("SELECT normalized, lang, passage_id, example FROM query_links")
                    .fetch_all(pool)
                    .await?,
            )
        })
    }

    /// Changes whenever a link is made or removed: the newest id and how many there are.
    pub async fn links_generation(&self) -> Result<(i64, i64), StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(
                sqlx::query_as("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM query_links")
                    .fetch_one(pool)
                    .await?,
            )
        })
    }
}
