//! The baseline our relevance is measured against: what a team would write first — SQLite FTS5
//! over the same passages (bm25 ranking, porter stemming, diacritics removed), every word typed
//! quoted (so nothing is syntax) and OR-ed. It indexes the authors' alternative phrasings too, so
//! the comparison is of the engines, not of what they were given. Used by `eval --compare fts5` and the FTS5 bench;
//! never by the product.

use crate::content::Corpus;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};
use std::str::FromStr;

/// One passage as FTS5 returns it.
#[derive(Clone, Debug)]
pub struct BaselineHit {
    pub passage_id: String,
    pub title: String,
    pub heading: String,
    pub text: String,
}

/// The passages in an in-memory FTS5 table.
pub struct Fts5Baseline {
    pool: SqlitePool,
}

impl Fts5Baseline {
    /// Indexes every passage of `corpus`.
    pub async fn build(corpus: &Corpus) -> Result<Fts5Baseline, sqlx::Error> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        sqlx::query(
            "CREATE VIRTUAL TABLE passages USING fts5(passage_id UNINDEXED, title, heading, body, phrasings, \
             tokenize = 'porter unicode61 remove_diacritics 2')",
        )
        .execute(&pool)
        .await?;
        let mut tx = pool.begin().await?;
        for doc in corpus.documents() {
            for p in &doc.passages {
                sqlx::query(
                    "INSERT INTO passages (passage_id, title, heading, body, phrasings) \
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(&p.id)
                .bind(&doc.title)
                .bind(p.heading.as_deref().unwrap_or(""))
                .bind(&p.text)
                .bind(p.phrasings.join("\n"))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(Fts5Baseline { pool })
    }

    /// The best `limit` passages for `text`, best first.
    pub async fn search(&self, text: &str, limit: i64) -> Result<Vec<BaselineHit>, sqlx::Error> {
        let query = fts5_query(text);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT passage_id, title, heading, body FROM passages WHERE passages MATCH ? \
             ORDER BY bm25(passages) LIMIT ?",
        )
        .bind(query)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| BaselineHit {
                passage_id: r.get(0),
                title: r.get(1),
                heading: r.get(2),
                text: r.get(3),
            })
            .collect())
    }
}

/// Every word of `text` quoted, OR-ed.
pub fn fts5_query(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" OR ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_quoted_so_nothing_is_syntax() {
        assert_eq!(
            fts5_query("ph+ AND \"x\" NEAR(y)"),
            "\"ph\" OR \"AND\" OR \"x\" OR \"NEAR\" OR \"y\""
        );
        assert_eq!(fts5_query("  ¿?  "), "");
    }
}
