//! Queries on API tokens (only their hashes are stored).

use super::{Store, StoreError, now};
use crate::domain::Role;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub name: String,
    pub role: Role,
    pub created_at: i64,
    pub created_by: String,
    pub revoked_at: Option<i64>,
    /// After this moment the token no longer works (`None`: it does not expire).
    pub expires_at: Option<i64>,
    /// The last request it made (written at most once a minute).
    pub last_used_at: Option<i64>,
}

const TOKEN_COLUMNS: &str =
    "name, role, created_at, created_by, revoked_at, expires_at, last_used_at";

/// A token's last use is written again only after this long.
const TOUCH_AFTER_SECS: i64 = 60;

impl TokenRow {
    pub fn role(&self) -> Role {
        self.role
    }
}

impl Store {
    pub async fn create_token(
        &self,
        name: &str,
        token_hash: &str,
        role: Role,
        created_by: &str,
        expires_at: Option<i64>,
    ) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            sqlx::query("INSERT INTO api_tokens (name, token_hash, role, created_at, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(name)
            .bind(token_hash)
            .bind(role.as_str())
            .bind(now())
            .bind(created_by)
            .bind(expires_at)
            .execute(pool)
            .await
            .map_err(|e| StoreError::from_insert(e, &format!("token {name:?}")))?;
            Ok(())
        })
    }

    /// The live token with this hash (not revoked, not expired); notes its use.
    pub async fn token(&self, token_hash: &str) -> Result<Option<TokenRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            let t = now();
            let row: Option<TokenRow> = sqlx::query_as(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL \
             AND (expires_at IS NULL OR expires_at > $2)"
        ))
        .bind(token_hash)
        .bind(t)
        .fetch_optional(pool)
        .await?;
            if row
                .as_ref()
                .is_some_and(|r| r.last_used_at.is_none_or(|at| t - at > TOUCH_AFTER_SECS))
            {
                sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
                    .bind(t)
                    .bind(token_hash)
                    .execute(pool)
                    .await?;
            }
            Ok(row)
        })
    }

    pub async fn list_tokens(&self) -> Result<Vec<TokenRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(&format!(
                "SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY name"
            ))
            .fetch_all(pool)
            .await?)
        })
    }

    /// Returns whether a live token of that name existed.
    pub async fn revoke_token(&self, name: &str) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            let done = sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL",
            )
            .bind(now())
            .bind(name)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }
}
