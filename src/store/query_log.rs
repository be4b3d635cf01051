//! Queries on the search log: redacted query text, the role that searched, how many hits it
//! had and what (if anything) was opened or copied. Never a user. Redaction happens before a
//! query reaches this module (the review module redacts it).

use super::{Store, StoreError};

/// A search about to be logged (already redacted).
#[derive(Clone, Debug)]
pub struct NewQuery<'a> {
    pub reference: &'a str,
    pub at: i64,
    pub role: crate::domain::Role,
    pub lang: &'a str,
    pub query: &'a str,
    pub normalized: &'a str,
    pub hits: i64,
}

/// Queries grouped by their normalized form.
#[derive(Clone, Debug, sqlx::FromRow, PartialEq)]
pub struct QueryGroupRow {
    pub normalized: String,
    /// The most recent way it was typed (redacted).
    pub example: String,
    pub count: i64,
    pub zero_results: i64,
    pub first_seen: i64,
    pub last_seen: i64,
}

/// Which searches a grouped list counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryKind {
    /// Every search.
    Top,
    /// Searches with no hit.
    Zero,
    /// Searches with hits after which nothing was opened or copied.
    NoClick,
    /// Zero-result and no-click searches: the content-gap queue.
    Unanswered,
}

impl QueryKind {
    fn condition(self) -> &'static str {
        match self {
            QueryKind::Top => "1",
            QueryKind::Zero => "hits = 0",
            QueryKind::NoClick => "hits > 0 AND used_rank IS NULL",
            QueryKind::Unanswered => "(hits = 0 OR used_rank IS NULL)",
        }
    }
}

/// `statement` with a logged search's seven columns bound, in table order (ref, at, role, lang,
/// query, normalized, hits).
fn with_row<'q>(
    statement: &'q str,
    row: &NewQuery<'q>,
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    sqlx::query(statement)
        .bind(row.reference)
        .bind(row.at)
        .bind(row.role)
        .bind(row.lang)
        .bind(row.query)
        .bind(row.normalized)
        .bind(row.hits)
}

impl Store {
    /// Logs a search. With `replacing`, the row with that reference is overwritten instead when
    /// it was written after `replace_after` and nothing was used from it yet: the specialist
    /// is still typing the same search. Returns whether a row was replaced.
    pub async fn log_query(
        &self,
        query: &NewQuery<'_>,
        replacing: Option<(&str, i64)>,
    ) -> Result<bool, StoreError> {
        if let Some((reference, replace_after)) = replacing {
            let done = with_row(
                "UPDATE query_log SET ref = ?, at = ?, role = ?, lang = ?, query = ?, normalized = ?, hits = ? \
                 WHERE ref = ? AND at >= ? AND used_rank IS NULL",
                query,
            )
            .bind(reference)
            .bind(replace_after)
            .execute(&self.pool)
            .await?;
            if done.rows_affected() == 1 {
                return Ok(true);
            }
        }
        with_row(
            "INSERT INTO query_log (ref, at, role, lang, query, normalized, hits) VALUES (?, ?, ?, ?, ?, ?, ?)",
            query,
        )
        .execute(&self.pool)
        .await?;
        Ok(false)
    }

    /// Records that the hit at `rank` (1-based) was opened or copied; only the first use of a
    /// search counts. `false` when the search is unknown or already used.
    pub async fn record_use(
        &self,
        reference: &str,
        rank: i64,
        action: crate::domain::UseAction,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE query_log SET used_rank = ?, used_action = ? WHERE ref = ? AND used_rank IS NULL",
        )
        .bind(rank)
        .bind(action)
        .bind(reference)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes searches logged before `before`; returns how many.
    pub async fn delete_queries_before(&self, before: i64) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM query_log WHERE at < ?")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// The times of the searches in `[from, to)`, for charts.
    pub async fn query_times(&self, from: i64, to: i64) -> Result<Vec<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT at FROM query_log WHERE at >= ? AND at < ? ORDER BY at")
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// Searches in `[from, to)` of `kind`, grouped by normalized form, most frequent first.
    pub async fn query_groups(
        &self,
        kind: QueryKind,
        from: i64,
        to: i64,
        limit: i64,
    ) -> Result<Vec<QueryGroupRow>, StoreError> {
        let sql = format!(
            "SELECT normalized, \
                    (SELECT q2.query FROM query_log q2 WHERE q2.normalized = q.normalized \
                     ORDER BY q2.at DESC, q2.id DESC LIMIT 1) AS example, \
                    COUNT(*) AS count, SUM(hits = 0) AS zero_results, \
                    MIN(at) AS first_seen, MAX(at) AS last_seen \
             FROM query_log q WHERE at >= ? AND at < ? AND normalized != '' AND {} \
             GROUP BY normalized ORDER BY count DESC, last_seen DESC LIMIT ?",
            kind.condition()
        );
        Ok(sqlx::query_as(&sql)
            .bind(from)
            .bind(to)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Searches with hits in `[from, to)`, and how many of them were used at each rank.
    pub async fn use_by_rank(
        &self,
        from: i64,
        to: i64,
    ) -> Result<(i64, Vec<(i64, i64)>), StoreError> {
        let with_hits: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM query_log WHERE at >= ? AND at < ? AND hits > 0",
        )
        .bind(from)
        .bind(to)
        .fetch_one(&self.pool)
        .await?;
        let by_rank = sqlx::query_as(
            "SELECT used_rank, COUNT(*) FROM query_log WHERE at >= ? AND at < ? AND used_rank IS NOT NULL \
             GROUP BY used_rank ORDER BY used_rank",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        Ok((with_hits, by_rank))
    }

    /// Every stored query text, for privacy checks in tests and audits.
    pub async fn stored_query_texts(&self) -> Result<Vec<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT query FROM query_log ORDER BY id")
                .fetch_all(&self.pool)
                .await?,
        )
    }
}
