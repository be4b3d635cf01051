//! The audit log: who did what, when, from where.

use super::{Store, StoreError, now};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub client: String,
}

impl Store {
    pub async fn audit(
        &self,
        actor: &str,
        action: &str,
        target: &str,
        client: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, target, client) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(now())
        .bind(actor)
        .bind(action)
        .bind(target)
        .bind(client)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest entries first.
    pub async fn audit_entries(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT at, actor, action, target, client FROM audit_log ORDER BY id DESC LIMIT ?",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
