//! Queries on API tokens (only their hashes are stored).

use super::{Store, StoreError, now};
use crate::domain::Role;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub name: String,
    pub role: String,
    pub created_at: i64,
    pub created_by: String,
    pub revoked_at: Option<i64>,
}

impl TokenRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Specialist)
    }
}

impl Store {
    pub async fn create_token(
        &self,
        name: &str,
        token_hash: &str,
        role: Role,
        created_by: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO api_tokens (name, token_hash, role, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
            .bind(name)
            .bind(token_hash)
            .bind(role.as_str())
            .bind(now())
            .bind(created_by)
            .execute(&self.pool)
            .await
            .map_err(|e| StoreError::from_insert(e, &format!("token {name:?}")))?;
        Ok(())
    }

    /// The live (unrevoked) token with this hash.
    pub async fn token(&self, token_hash: &str) -> Result<Option<TokenRow>, StoreError> {
        Ok(sqlx::query_as("SELECT name, role, created_at, created_by, revoked_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?)
    }

    pub async fn list_tokens(&self) -> Result<Vec<TokenRow>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT name, role, created_at, created_by, revoked_at FROM api_tokens ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Returns whether a live token of that name existed.
    pub async fn revoke_token(&self, name: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
        )
        .bind(now())
        .bind(name)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
