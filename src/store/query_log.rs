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
    /// `Some("first")` or `Some("only")` when a query link put the first hit there (see the
    /// `link` column).
    pub link: Option<&'static str>,
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
            QueryKind::Top => "TRUE",
            QueryKind::Zero => "hits = 0",
            QueryKind::NoClick => "hits > 0 AND used_rank IS NULL",
            QueryKind::Unanswered => "(hits = 0 OR used_rank IS NULL)",
        }
    }
}

/// `$statement` with a logged search's eight columns bound, in table order (ref, at, role,
/// lang, query, normalized, hits, link); a macro, so it builds the query for either backend.
macro_rules! with_row {
    ($statement:expr, $row:expr $(,)?) => {
        sqlx::query($statement)
            .bind($row.reference)
            .bind($row.at)
            .bind($row.role)
            .bind($row.lang)
            .bind($row.query)
            .bind($row.normalized)
            .bind($row.hits)
            .bind($row.link)
    };
}

/// A search as the log holds it, for bulk inserts (benchmarks and tests of a large log).
#[derive(Clone, Debug)]
pub struct LoggedQuery {
    pub at: i64,
    pub lang: crate::domain::Lang,
    pub query: String,
    pub normalized: String,
    pub hits: i64,
    pub used_rank: Option<i64>,
}

impl Store {
    /// Inserts many logged searches in one transaction (already redacted and normalized).
    pub async fn insert_logged(&self, rows: &[LoggedQuery]) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            let mut tx = pool.begin().await?;
            for (i, row) in rows.iter().enumerate() {
                sqlx::query(
                "INSERT INTO query_log (ref, at, role, lang, query, normalized, hits, used_rank, used_action) \
                 VALUES ($1, $2, 'specialist', $3, $4, $5, $6, $7, CASE WHEN $8 IS NULL THEN NULL ELSE 'open' END)",
            )
            .bind(format!("bulk-{}-{i}", row.at))
            .bind(row.at)
            .bind(row.lang.code())
            .bind(&row.query)
            .bind(&row.normalized)
            .bind(row.hits)
            .bind(row.used_rank)
            .bind(row.used_rank)
            .execute(&mut *tx)
            .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Logs a search. With `replacing`, the row with that reference is overwritten instead when
    /// it was written after `replace_after` and nothing was used from it yet: the specialist
    /// is still typing the same search. The row keeps its reference, so searches sent one per
    /// keystroke that name it before the answer to the previous one has come back all land in
    /// the same row. Returns whether a row was replaced.
    pub async fn log_query(
        &self,
        query: &NewQuery<'_>,
        replacing: Option<(&str, i64)>,
    ) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            if let Some((reference, replace_after)) = replacing {
                let kept = NewQuery {
                    reference,
                    ..*query
                };
                let done = with_row!(
                "UPDATE query_log SET ref = $1, at = $2, role = $3, lang = $4, query = $5, normalized = $6, hits = $7, link = $8 \
                 WHERE ref = $9 AND at >= $10 AND used_rank IS NULL",
                &kept,
            )
            .bind(reference)
            .bind(replace_after)
            .execute(pool)
            .await?;
                if done.rows_affected() == 1 {
                    return Ok(true);
                }
            }
            with_row!(
            "INSERT INTO query_log (ref, at, role, lang, query, normalized, hits, link) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            query,
        )
        .execute(pool)
        .await?;
            Ok(false)
        })
    }

    /// Records that the hit at `rank` (1-based) was opened or copied; only the first use of a
    /// search counts. `false` when the search is unknown or already used.
    pub async fn record_use(
        &self,
        reference: &str,
        rank: i64,
        action: crate::domain::UseAction,
    ) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            let done = sqlx::query(
            "UPDATE query_log SET used_rank = $1, used_action = $2 WHERE ref = $3 AND used_rank IS NULL",
        )
        .bind(rank)
        .bind(action)
        .bind(reference)
        .execute(pool)
        .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Deletes searches logged before `before`; returns how many.
    pub async fn delete_queries_before(&self, before: i64) -> Result<u64, StoreError> {
        with_pool!(self, |pool, Db| {
            let done = sqlx::query("DELETE FROM query_log WHERE at < $1")
                .bind(before)
                .execute(pool)
                .await?;
            Ok(done.rows_affected())
        })
    }

    /// Searches per UTC hour (`at / 3600`) in `[from, to)` (whole hours: the bounds are
    /// rounded down to the hour), with how many had hits; read from the hourly counts kept by
    /// triggers, not from the log.
    pub async fn hour_counts(
        &self,
        from: i64,
        to: i64,
    ) -> Result<Vec<(i64, i64, i64)>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(
            "SELECT hour, searches, with_hits FROM query_hours WHERE hour >= $1 AND hour < $2 AND searches > 0 ORDER BY hour",
        )
        .bind(from.div_euclid(3600))
        .bind(to.div_euclid(3600))
        .fetch_all(pool)
        .await?)
        })
    }

    /// The three lists of the analytics page: the groups searched most, those with most
    /// searches without a result, those with most searches after which nothing was opened or
    /// copied (`limit` each; no examples: see `group_examples`). One pass over the range of
    /// the log; or, when the range holds most of the log, the per-group totals less the
    /// searches outside it (first and last seen are then the group's in the whole log).
    pub async fn group_lists(
        &self,
        from: i64,
        to: i64,
        limit: i64,
    ) -> Result<[Vec<QueryGroupRow>; 3], StoreError> {
        with_pool!(self, |pool, Db| {
            let (inside, all): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(searches) FILTER (WHERE hour >= $1 AND hour < $2), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(searches), 0) AS BIGINT) FROM query_hours",
        )
        .bind(from.div_euclid(3600))
        .bind(to.div_euclid(3600))
        .fetch_one(pool)
        .await?;
            // Most of the log in range: the per-group totals less the few searches outside it.
            let sql = if inside * 2 > all {
                "WITH o AS MATERIALIZED (SELECT normalized, COUNT(*) AS c, COUNT(*) FILTER (WHERE hits = 0) AS z, \
                 COUNT(*) FILTER (WHERE hits > 0 AND used_rank IS NULL) AS n FROM query_log \
                 WHERE (at < $1 OR at >= $2) AND normalized != '' GROUP BY normalized), \
             g AS (SELECT t.normalized, t.searches - COALESCE(o.c, 0) AS c, t.zero - COALESCE(o.z, 0) AS z, \
                 t.no_click - COALESCE(o.n, 0) AS n, t.first_at AS f, t.last_at AS l \
               FROM query_group_totals t LEFT JOIN o ON o.normalized = t.normalized) "
            } else {
                "WITH g AS MATERIALIZED (SELECT normalized, COUNT(*) AS c, COUNT(*) FILTER (WHERE hits = 0) AS z, \
                 COUNT(*) FILTER (WHERE hits > 0 AND used_rank IS NULL) AS n, MIN(at) AS f, MAX(at) AS l \
               FROM query_log WHERE at >= $1 AND at < $2 AND normalized != '' GROUP BY normalized) "
            };
            let sql = format!(
                "{sql} SELECT * FROM (SELECT 'top', normalized, '' AS example, c, z, f, l FROM g WHERE c > 0 ORDER BY c DESC, l DESC LIMIT $3) AS top \
             UNION ALL SELECT * FROM (SELECT 'zero', normalized, '', z, z, f, l FROM g WHERE z > 0 ORDER BY z DESC, l DESC LIMIT $3) AS zero \
             UNION ALL SELECT * FROM (SELECT 'noclick', normalized, '', n, 0, f, l FROM g WHERE n > 0 ORDER BY n DESC, l DESC LIMIT $3) AS noclick"
            );
            let rows: Vec<(String, QueryGroupRow)> = sqlx::query(&sql)
                .bind(from)
                .bind(to)
                .bind(limit)
                .try_map(|row: <Db as sqlx::Database>::Row| {
                    use sqlx::Row;
                    Ok((
                        row.try_get::<String, _>(0)?,
                        QueryGroupRow {
                            normalized: row.try_get(1)?,
                            example: row.try_get(2)?,
                            count: row.try_get(3)?,
                            zero_results: row.try_get(4)?,
                            first_seen: row.try_get(5)?,
                            last_seen: row.try_get(6)?,
                        },
                    ))
                })
                .fetch_all(pool)
                .await?;
            let mut lists: [Vec<QueryGroupRow>; 3] = Default::default();
            for (list, row) in rows {
                let at = match list.as_str() {
                    "top" => 0,
                    "zero" => 1,
                    _ => 2,
                };
                lists[at].push(row);
            }
            Ok(lists)
        })
    }

    /// Searches in `[from, to)` of `kind`, grouped by normalized form, most frequent first.
    pub async fn query_groups(
        &self,
        kind: QueryKind,
        from: i64,
        to: i64,
        limit: i64,
    ) -> Result<Vec<QueryGroupRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            let sql = format!(
                "SELECT normalized, \
                    (SELECT q2.query FROM query_log q2 WHERE q2.normalized = q.normalized \
                     ORDER BY q2.at DESC, q2.id DESC LIMIT 1) AS example, \
                    COUNT(*) AS count, COUNT(*) FILTER (WHERE hits = 0) AS zero_results, \
                    MIN(at) AS first_seen, MAX(at) AS last_seen \
             FROM query_log q WHERE at >= $1 AND at < $2 AND normalized != '' AND {} \
             GROUP BY normalized ORDER BY count DESC, last_seen DESC LIMIT $3",
                kind.condition()
            );
            Ok(sqlx::query_as(&sql)
                .bind(from)
                .bind(to)
                .bind(limit)
                .fetch_all(pool)
                .await?)
        })
    }

    /// Searches with hits in `[from, to)` (whole hours), and how many of them were used at
    /// each rank; from the hourly counts.
    pub async fn use_by_rank(
        &self,
        from: i64,
        to: i64,
    ) -> Result<(i64, Vec<(i64, i64)>), StoreError> {
        with_pool!(self, |pool, Db| {
            let (from, to) = (from.div_euclid(3600), to.div_euclid(3600));
            let with_hits: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(with_hits), 0) AS BIGINT) FROM query_hours WHERE hour >= $1 AND hour < $2",
        )
        .bind(from)
        .bind(to)
        .fetch_one(pool)
        .await?;
            let by_rank = sqlx::query_as(
            "SELECT rank, CAST(SUM(uses) AS BIGINT) FROM query_hour_uses WHERE hour >= $1 AND hour < $2 \
             GROUP BY rank HAVING SUM(uses) > 0 ORDER BY rank",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?;
            Ok((with_hits, by_rank))
        })
    }

    /// Searches in `[from, to)` that a query link answered alone, and those it led.
    pub async fn link_answers(&self, from: i64, to: i64) -> Result<(i64, i64), StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(
            "SELECT COUNT(*) FILTER (WHERE link = 'only'), COUNT(*) FILTER (WHERE link = 'first') FROM query_log \
             WHERE link IS NOT NULL AND at >= $1 AND at < $2",
        )
        .bind(from)
        .bind(to)
        .fetch_one(pool)
        .await?)
        })
    }

    /// The most recent way a group was typed (redacted), if it was ever logged.
    pub async fn group_example(&self, normalized: &str) -> Result<Option<String>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_scalar(
            "SELECT query FROM query_log WHERE normalized = $1 ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(normalized)
        .fetch_optional(pool)
        .await?)
        })
    }

    /// Every stored query text, for privacy checks in tests and audits.
    pub async fn stored_query_texts(&self) -> Result<Vec<String>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(
                sqlx::query_scalar("SELECT query FROM query_log ORDER BY id")
                    .fetch_all(pool)
                    .await?,
            )
        })
    }
}
