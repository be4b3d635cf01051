//! The audit log: who did what, when, from where. Every field is cut to a bounded length
//! (a signed-out request chooses the user name it fails with).

use super::{Store, StoreError, now};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub client: String,
}

/// The most characters kept of any one field.
pub const MAX_AUDIT_FIELD_CHARS: usize = 200;

/// `text` cut to the bound, with `…` when something was cut.
fn bounded(text: &str) -> String {
    match text.char_indices().nth(MAX_AUDIT_FIELD_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

impl Store {
    pub async fn audit(
        &self,
        actor: &str,
        action: &str,
        target: &str,
        client: &str,
    ) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            sqlx::query(
            "INSERT INTO audit_log (at, actor, action, target, client) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(now())
        .bind(bounded(actor))
        .bind(bounded(action))
        .bind(bounded(target))
        .bind(bounded(client))
        .execute(pool)
        .await?;
            Ok(())
        })
    }

    /// The newest entries first.
    pub async fn audit_entries(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(
                "SELECT at, actor, action, target, client FROM audit_log ORDER BY id DESC LIMIT $1",
            )
            .bind(limit)
            .fetch_all(pool)
            .await?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_field_is_bounded() {
        let store = Store::in_memory().await.expect("database opens");
        let huge = "a".repeat(60_000);
        store
            .audit(&huge, "sign-in failed", &huge, &huge)
            .await
            .unwrap();
        let entry = &store.audit_entries(1).await.unwrap()[0];
        for field in [&entry.actor, &entry.target, &entry.client] {
            assert_eq!(field.chars().count(), MAX_AUDIT_FIELD_CHARS + 1);
            assert!(field.ends_with('…'));
        }
        assert_eq!(bounded("ann"), "ann");
    }
}
