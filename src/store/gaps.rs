//! Queries on the content-gap queue: what supervisors decided about a group of unanswered
//! searches (keyed by the group's normalized form). The groups themselves come from the
//! search log.

use super::{Store, StoreError, now};
use crate::domain::GapStatus;
use sqlx::QueryBuilder;

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

/// Which gaps a page lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapFilter {
    /// Open or assigned, and not linked to a passage: what is still to do.
    Pending,
    /// Every group.
    Any,
    Is(GapStatus),
}

/// One group of unanswered searches with what was decided about it.
#[derive(Clone, Debug, sqlx::FromRow, PartialEq)]
pub struct GapGroupRow {
    pub normalized: String,
    /// Unanswered searches in the group.
    pub count: i64,
    pub zero_results: i64,
    pub first_seen: i64,
    pub last_seen: i64,
    pub status: GapStatus,
    pub owner: String,
    pub doc_id: String,
    pub revision: Option<i64>,
    /// The passage the group is linked to, if any.
    pub linked_to: Option<String>,
}

impl Store {
    /// A page of the gap queue: the whole log's searches with no result or nothing used,
    /// grouped by normalized form (from the totals the triggers keep), most frequent first,
    /// with their decisions and links; and how many groups the filter holds in all.
    pub async fn gap_groups(
        &self,
        filter: GapFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<GapGroupRow>, i64), StoreError> {
        with_pool!(self, |pool, Db| {
            let mut sql = QueryBuilder::<Db>::new(
                "SELECT t.normalized, t.zero + t.no_click AS count, t.zero AS zero_results, \
               t.first_at AS first_seen, t.last_at AS last_seen, \
               COALESCE(d.status, 'open') AS status, COALESCE(d.owner, '') AS owner, \
               COALESCE(d.doc_id, '') AS doc_id, d.revision, l.passage_id AS linked_to, \
               COUNT(*) OVER () AS total \
             FROM query_group_totals t LEFT JOIN content_gaps d ON d.normalized = t.normalized \
             LEFT JOIN query_links l ON l.normalized = t.normalized \
             WHERE t.zero + t.no_click > 0 AND ",
            );
            match filter {
                GapFilter::Pending => {
                    sql.push("COALESCE(d.status, 'open') IN ('open', 'assigned') AND l.id IS NULL")
                }
                GapFilter::Any => sql.push("TRUE"),
                GapFilter::Is(status) => {
                    sql.push("COALESCE(d.status, 'open') = ").push_bind(status)
                }
            };
            sql.push(" ORDER BY t.zero + t.no_click DESC, t.last_at DESC, t.normalized LIMIT ")
                .push_bind(limit)
                .push(" OFFSET ")
                .push_bind(offset);
            let rows: Vec<(GapGroupRow, i64)> = sql
                .build()
                .try_map(|row: <Db as sqlx::Database>::Row| {
                    use sqlx::{FromRow, Row};
                    Ok((GapGroupRow::from_row(&row)?, row.try_get("total")?))
                })
                .fetch_all(pool)
                .await?;
            let total = rows.first().map_or(0, |(_, total)| *total);
            if total == 0 && offset > 0 {
                // Past the end: the total still counts.
                let (_, total) = Box::pin(self.gap_groups(filter, 1, 0)).await?;
                return Ok((Vec::new(), total));
            }
            Ok((rows.into_iter().map(|(row, _)| row).collect(), total))
        })
    }

    /// The most recent way each of `groups` was typed (redacted).
    pub async fn group_examples(
        &self,
        groups: &[String],
    ) -> Result<std::collections::HashMap<String, String>, StoreError> {
        let mut examples = std::collections::HashMap::new();
        for group in groups {
            if let Some(example) = self.group_example(group).await? {
                examples.insert(group.clone(), example);
            }
        }
        Ok(examples)
    }

    pub async fn gap_decisions(&self) -> Result<Vec<GapRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(
            "SELECT normalized, status, owner, doc_id, updated_at, updated_by, revision FROM content_gaps",
        )
        .fetch_all(pool)
        .await?)
        })
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
        with_pool!(self, |pool, Db| {
            sqlx::query(
            "INSERT INTO content_gaps (normalized, status, owner, doc_id, updated_at, updated_by, revision) \
             VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 = 'added' THEN \
               (SELECT MAX(id) FROM revisions WHERE doc_id = $8) END) \
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
        .execute(pool)
        .await?;
            Ok(())
        })
    }
}
