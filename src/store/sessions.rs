//! Queries on sign-in sessions and the first-run setup link.

use super::users::UserRow;
use super::{Store, StoreError, now};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub session_created_at: i64,
    pub session_last_seen_at: i64,
    #[sqlx(flatten)]
    pub user: UserRow,
}

/// One of a user's live sessions, as they see it listed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionListing {
    pub token_hash: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// Sessions one user may hold at once; signing in again ends the oldest.
pub const MAX_SESSIONS_PER_USER: i64 = 10;

impl Store {
    /// Starts a session, ending the user's oldest ones beyond [`MAX_SESSIONS_PER_USER`].
    pub async fn create_session(&self, token_hash: &str, user_id: i64) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            let t = now();
            sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(user_id)
            .bind(t)
            .bind(t)
            .execute(pool)
            .await?;
            sqlx::query(&format!(
                "DELETE FROM sessions WHERE user_id = $1 AND token_hash NOT IN \
             (SELECT token_hash FROM sessions WHERE user_id = $2 \
              ORDER BY created_at DESC, {} DESC LIMIT $3)",
                <Db as super::Dialect>::SESSION_SEQ
            ))
            .bind(user_id)
            .bind(user_id)
            .bind(MAX_SESSIONS_PER_USER)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// A user's sessions, newest first.
    pub async fn sessions_of(&self, user_id: i64) -> Result<Vec<SessionListing>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(&format!(
                "SELECT token_hash, created_at, last_seen_at FROM sessions WHERE user_id = $1 \
             ORDER BY created_at DESC, {} DESC",
                <Db as super::Dialect>::SESSION_SEQ
            ))
            .bind(user_id)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Ends every session of a user but `keep` (when given); returns how many ended.
    pub async fn delete_sessions_of(
        &self,
        user_id: i64,
        keep: Option<&str>,
    ) -> Result<u64, StoreError> {
        with_pool!(self, |pool, Db| {
            let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash != $2")
                .bind(user_id)
                .bind(keep.unwrap_or(""))
                .execute(pool)
                .await?;
            Ok(done.rows_affected())
        })
    }

    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
        with_pool!(self, |pool, Db| {
            Ok(sqlx::query_as(
            "SELECT s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, u.* \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await?)
        })
    }

    pub async fn touch_session(&self, token_hash: &str) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(now())
                .bind(token_hash)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Removes sessions idle since before `idle_before` or created before `created_before`.
    pub async fn delete_expired_sessions(
        &self,
        idle_before: i64,
        created_before: i64,
    ) -> Result<u64, StoreError> {
        with_pool!(self, |pool, Db| {
            let done =
                sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
                    .bind(idle_before)
                    .bind(created_before)
                    .execute(pool)
                    .await?;
            Ok(done.rows_affected())
        })
    }

    pub async fn create_setup_token(
        &self,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            sqlx::query("INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, $2)")
                .bind(token_hash)
                .bind(expires_at)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Uses a setup token to create the first admin, in one transaction: the token must be
    /// valid and there must be no user yet. Returns the new user's id, or `None` when refused.
    pub async fn create_first_admin(
        &self,
        token_hash: &str,
        username: &str,
        password_hash: &str,
    ) -> Result<Option<i64>, StoreError> {
        with_pool!(self, |pool, Db| {
            let mut tx = pool.begin().await?;
            let t = now();
            let used = sqlx::query("UPDATE setup_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3")
            .bind(t)
            .bind(token_hash)
            .bind(t)
            .execute(&mut *tx)
            .await?;
            let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
                .fetch_one(&mut *tx)
                .await?;
            if used.rows_affected() != 1 || users != 0 {
                return Ok(None);
            }
            let id = sqlx::query_scalar("INSERT INTO users (username, password_hash, role, created_at) VALUES ($1, $2, 'admin', $3) RETURNING id")
            .bind(username)
            .bind(password_hash)
            .bind(t)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Some(id))
        })
    }
}

impl Store {
    /// Moves every session's clocks back (`seen_ago` since last use, `created_ago` since
    /// sign-in): for tests of expiry, and for ending sessions early in maintenance.
    pub async fn backdate_sessions(
        &self,
        seen_ago: i64,
        created_ago: i64,
    ) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            let t = now();
            sqlx::query("UPDATE sessions SET last_seen_at = $1, created_at = $2")
                .bind(t - seen_ago)
                .bind(t - created_ago)
                .execute(pool)
                .await?;
            Ok(())
        })
    }
}
