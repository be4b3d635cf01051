//! The admin's changes to accounts and API tokens, and the lists behind the admin page: adding
//! users, disabling them, changing roles, resetting passwords, issuing and revoking tokens —
//! each audited, and never leaving the helpline without an active admin. Part of `Auth`; plain
//! async Rust over `Store`.

use super::password::{check_new_password, check_username, hash_password};
use super::service::{Auth, AuthError, format_time};
use crate::domain::{AccountView, AuditView, Role, TokenView};
use crate::secret::{hash_secret, new_secret};

impl Auth {
    pub async fn create_user(
        &self,
        actor: &str,
        username: &str,
        password: &str,
        role: Role,
        client: &str,
    ) -> Result<(), AuthError> {
        let (username, hash) = self.new_account(username, password).await?;
        self.store.create_user(&username, &hash, role).await?;
        self.store
            .audit(
                actor,
                &format!("user added ({})", role.as_str()),
                &username,
                client,
            )
            .await?;
        Ok(())
    }

    async fn keep_an_admin(&self, username: &str) -> Result<(), AuthError> {
        let user = self
            .store
            .user_by_name(username)
            .await?
            .ok_or(AuthError::NotFound("user"))?;
        if user.role() == Role::Admin
            && !user.disabled
            && self.store.count_other_active_admins(username).await? == 0
        {
            return Err(AuthError::LastAdmin);
        }
        Ok(())
    }

    pub async fn set_disabled(
        &self,
        actor: &str,
        username: &str,
        disabled: bool,
        client: &str,
    ) -> Result<(), AuthError> {
        if disabled {
            self.keep_an_admin(username).await?;
        }
        if !self.store.set_disabled(username, disabled).await? {
            return Err(AuthError::NotFound("user"));
        }
        let action = if disabled {
            "user disabled"
        } else {
            "user enabled"
        };
        self.store.audit(actor, action, username, client).await?;
        Ok(())
    }

    pub async fn set_role(
        &self,
        actor: &str,
        username: &str,
        role: Role,
        client: &str,
    ) -> Result<(), AuthError> {
        if role != Role::Admin {
            self.keep_an_admin(username).await?;
        }
        if !self.store.set_role(username, role).await? {
            return Err(AuthError::NotFound("user"));
        }
        self.store
            .audit(
                actor,
                &format!("role changed to {}", role.as_str()),
                username,
                client,
            )
            .await?;
        Ok(())
    }

    pub async fn reset_password(
        &self,
        actor: &str,
        username: &str,
        password: &str,
        client: &str,
    ) -> Result<(), AuthError> {
        check_new_password(username, password).map_err(AuthError::WeakPassword)?;
        let hash = self
            .password_work(password, |p| hash_password(&p))
            .await?
            .map_err(AuthError::Invalid)?;
        if !self.store.set_password_hash(username, &hash).await? {
            return Err(AuthError::NotFound("user"));
        }
        self.store
            .audit(actor, "password reset", username, client)
            .await?;
        Ok(())
    }

    /// Creates an API token that does not expire and returns it; only its hash is kept.
    pub async fn create_token(
        &self,
        actor: &str,
        name: &str,
        role: Role,
        client: &str,
    ) -> Result<String, AuthError> {
        self.create_token_expiring(actor, name, role, None, client)
            .await
    }

    /// Creates an API token that stops working after `expires_in_days` (when given, 1–3650).
    pub async fn create_token_expiring(
        &self,
        actor: &str,
        name: &str,
        role: Role,
        expires_in_days: Option<u32>,
        client: &str,
    ) -> Result<String, AuthError> {
        if expires_in_days.is_some_and(|d| !(1..=3650).contains(&d)) {
            return Err(AuthError::Invalid(
                "a token expires after 1 to 3650 days (or never)".into(),
            ));
        }
        let expires_at = expires_in_days.map(|d| crate::store::now() + i64::from(d) * 86_400);
        let name = name.trim();
        check_username(name).map_err(|_| {
            AuthError::Invalid(
                "token names have 3–32 characters: lowercase letters, digits, '.', '_' or '-'"
                    .into(),
            )
        })?;
        let secret = new_secret();
        self.store
            .create_token(name, &hash_secret(&secret), role, actor, expires_at)
            .await?;
        self.store
            .audit(
                actor,
                &format!("token created ({})", role.as_str()),
                name,
                client,
            )
            .await?;
        Ok(secret)
    }

    pub async fn revoke_token(
        &self,
        actor: &str,
        name: &str,
        client: &str,
    ) -> Result<(), AuthError> {
        if !self.store.revoke_token(name).await? {
            return Err(AuthError::NotFound("token"));
        }
        self.store
            .audit(actor, "token revoked", name, client)
            .await?;
        Ok(())
    }

    pub async fn accounts(&self) -> Result<Vec<AccountView>, AuthError> {
        Ok(self
            .store
            .list_users()
            .await?
            .into_iter()
            .map(|u| AccountView {
                role: u.role(),
                username: u.username,
                disabled: u.disabled,
                created: format_time(u.created_at),
            })
            .collect())
    }

    pub async fn tokens(&self) -> Result<Vec<TokenView>, AuthError> {
        Ok(self
            .store
            .list_tokens()
            .await?
            .into_iter()
            .map(|t| TokenView {
                role: t.role(),
                name: t.name,
                created: format_time(t.created_at),
                created_by: t.created_by,
                revoked: t.revoked_at.is_some(),
                expires: t.expires_at.map(format_time),
                last_used: t.last_used_at.map(format_time),
            })
            .collect())
    }

    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditView>, AuthError> {
        Ok(self
            .store
            .audit_entries(limit)
            .await?
            .into_iter()
            .map(|e| AuditView {
                at: format_time(e.at),
                actor: e.actor,
                action: e.action,
                target: e.target,
                client: e.client,
            })
            .collect())
    }
}
