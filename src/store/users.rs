//! Queries on user accounts.

use super::{Store, StoreError, now};
use crate::domain::Role;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: i64,
}

impl UserRow {
    pub fn role(&self) -> Role {
        self.role
    }
}

impl Store {
    pub async fn count_users(&self) -> Result<i64, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
                .fetch_one(pool)
                .await?)
        })
    }

    pub async fn create_user(
        &self,
        username: &str,
        password_hash: &str,
        role: Role,
    ) -> Result<i64, StoreError> {
        with_pool!(self, |pool, Db| {
            let id = sqlx::query_scalar("INSERT INTO users (username, password_hash, role, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(username)
            .bind(password_hash)
            .bind(role.as_str())
            .bind(now())
            .fetch_one(pool)
            .await
            .map_err(|e| StoreError::from_insert(e, &format!("user {username:?}")))?;
            Ok(id)
        })
    }

    pub async fn user_by_name(&self, username: &str) -> Result<Option<UserRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as("SELECT * FROM users WHERE username = $1")
                .bind(username)
                .fetch_optional(pool)
                .await?)
        })
    }

    pub async fn list_users(&self) -> Result<Vec<UserRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as("SELECT * FROM users ORDER BY username")
                .fetch_all(pool)
                .await?)
        })
    }

    /// Enabled admins other than `except` (to keep the last admin).
    pub async fn count_other_active_admins(&self, except: &str) -> Result<i64, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled AND username <> $1",
        )
        .bind(except)
        .fetch_one(pool)
        .await?)
        })
    }

    /// Returns whether a user of that name exists.
    pub async fn set_disabled(&self, username: &str, disabled: bool) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            let done = sqlx::query("UPDATE users SET disabled = $1 WHERE username = $2")
                .bind(disabled)
                .bind(username)
                .execute(pool)
                .await?;
            if disabled {
                sqlx::query(
                "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = $1)",
            )
            .bind(username)
            .execute(pool)
            .await?;
            }
            Ok(done.rows_affected() == 1)
        })
    }

    pub async fn set_role(&self, username: &str, role: Role) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            let done = sqlx::query("UPDATE users SET role = $1 WHERE username = $2")
                .bind(role.as_str())
                .bind(username)
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Sets a new password hash and ends the user's sessions.
    pub async fn set_password_hash(
        &self,
        username: &str,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            let mut tx = pool.begin().await?;
            let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE username = $2")
                .bind(password_hash)
                .bind(username)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = $1)",
            )
            .bind(username)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Sets a new password hash and ends the user's sessions except `keep` (the one that
    /// asked for the change), in one transaction.
    pub async fn change_password_hash(
        &self,
        user_id: i64,
        password_hash: &str,
        keep: Option<&str>,
    ) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            let mut tx = pool.begin().await?;
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash != $2")
                .bind(user_id)
                .bind(keep.unwrap_or(""))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }
}
