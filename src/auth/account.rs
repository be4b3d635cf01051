//! What signed-in users do for themselves: change their own password (the current one is
//! checked through the same throttle and hashing gate as a sign-in), see their sessions, and
//! sign out everywhere. Each is audited.

use super::password::{check_new_password, hash_password, verify_password};
use super::service::{Auth, AuthError, CurrentUser, format_time};
use super::throttle::Verdict;
use crate::domain::SessionView;

impl Auth {
    /// The account behind `user`, if it is a signed-in person (not an API token).
    async fn person(&self, user: &CurrentUser) -> Result<crate::store::UserRow, AuthError> {
        if user.session.is_none() {
            return Err(AuthError::Invalid(
                "API tokens have no password or sessions of their own".into(),
            ));
        }
        self.store
            .user_by_name(&user.username)
            .await?
            .ok_or(AuthError::NotFound("user"))
    }

    /// Sets a new password after checking the current one; every other session of the user
    /// ends (a stolen session cannot outlive the change), this one stays.
    pub async fn change_own_password(
        &self,
        user: &CurrentUser,
        current: &str,
        new: &str,
        client: &str,
    ) -> Result<(), AuthError> {
        let account = self.person(user).await?;
        match self
            .throttle
            .attempt(&account.username, client, crate::store::now())
            .await?
        {
            Verdict::Wait(wait) => return Err(AuthError::Throttled(wait)),
            Verdict::Proceed(pause) => tokio::time::sleep(pause).await,
        }
        let hash = account.password_hash.clone();
        if !self
            .password_work(current, move |p| verify_password(&p, &hash))
            .await?
        {
            self.store
                .audit(&account.username, "password change refused", "", client)
                .await?;
            return Err(AuthError::WrongCurrentPassword);
        }
        self.throttle
            .succeeded(&account.username, client, crate::store::now())
            .await?;
        check_new_password(&account.username, new).map_err(AuthError::WeakPassword)?;
        let new_hash = self
            .password_work(new, |p| hash_password(&p))
            .await?
            .map_err(AuthError::Invalid)?;
        self.store
            .change_password_hash(account.id, &new_hash, user.session.as_deref())
            .await?;
        self.store
            .audit(&account.username, "password changed", "", client)
            .await?;
        Ok(())
    }

    /// The user's live sessions, newest first, marking the one asking.
    pub async fn my_sessions(&self, user: &CurrentUser) -> Result<Vec<SessionView>, AuthError> {
        let account = self.person(user).await?;
        Ok(self
            .store
            .sessions_of(account.id)
            .await?
            .into_iter()
            .map(|s| SessionView {
                current: user.session.as_deref() == Some(s.token_hash.as_str()),
                started: format_time(s.created_at),
                last_seen: format_time(s.last_seen_at),
            })
            .collect())
    }

    /// Ends every session of the user, this one included; returns how many ended.
    pub async fn sign_out_everywhere(
        &self,
        user: &CurrentUser,
        client: &str,
    ) -> Result<u64, AuthError> {
        let account = self.person(user).await?;
        let ended = self.store.delete_sessions_of(account.id, None).await?;
        self.store
            .audit(
                &account.username,
                "signed out everywhere",
                &format!("{ended} sessions"),
                client,
            )
            .await?;
        Ok(ended)
    }

    /// Deletes sessions past their idle or absolute limit (they no longer work, but their rows
    /// stayed) and sign-in records that no longer count; returns how many sessions. Run by
    /// the daily job.
    pub async fn purge_expired_sessions(&self, now: i64) -> Result<u64, AuthError> {
        use super::service::{ABSOLUTE_SECS, IDLE_SECS};
        self.throttle.purge(now).await?;
        Ok(self
            .store
            .delete_expired_sessions(now - IDLE_SECS, now - ABSOLUTE_SECS)
            .await?)
    }
}
