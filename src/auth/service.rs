//! Account operations: signing in and out, resolving sessions and tokens, and the first-run
//! setup link — each audited (the admin's changes to users and tokens are in `admin`). Plain
//! async Rust over `Store`; the HTTP layer and the pages call these.

use super::gate::{GateError, HashGate};
use super::password::MAX_PASSWORD_CHARS;
use super::password::{
    check_new_password, check_username, decoy_hash, hash_password, verify_password,
};
use super::throttle::{LoginThrottle, Verdict};
use crate::domain::{Role, UserView};
use crate::secret::{hash_secret, new_secret};
use crate::store::{Store, StoreError, now};
use std::time::{Duration, Instant};

/// A session ends after this long without a request (a shift)…
pub const IDLE_SECS: i64 = 12 * 3600;
/// …and this long after sign-in, whatever happens.
pub const ABSOLUTE_SECS: i64 = 24 * 3600;
/// A setup link works for an hour.
pub const SETUP_LINK_SECS: i64 = 3600;
/// Sessions seen more recently than this are not written to again.
const TOUCH_AFTER_SECS: i64 = 60;

/// The client's address, as the audit log and the throttles see it (put on each request by
/// the request layer).
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

/// Who is making a request, and how they proved it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentUser {
    pub username: String,
    pub role: Role,
    /// The hash of the session's cookie, when signed in by cookie (not by API token).
    pub session: Option<String>,
}

impl CurrentUser {
    pub fn view(&self) -> UserView {
        UserView {
            username: self.username.clone(),
            role: self.role,
        }
    }

    pub fn may(&self, role: Role) -> bool {
        self.role >= role
    }

    /// The one role check: `Forbidden` unless this user holds at least `role`. Every page
    /// guard, server function and JSON handler asks this.
    pub fn require(&self, role: Role) -> Result<(), crate::error::AppError> {
        if self.may(role) {
            Ok(())
        } else {
            Err(crate::error::AppError::Forbidden)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Deliberately the same for an unknown user, a wrong password and a disabled account.
    #[error("wrong user name or password")]
    BadCredentials,
    /// Changing one's own password: the current password given is not the right one.
    #[error("the current password is wrong")]
    WrongCurrentPassword,
    #[error("too many failed attempts; try again in {} seconds", .0.as_secs().max(1))]
    Throttled(Duration),
    /// Too many password checks at once: try again in a moment.
    #[error("too many sign-ins at once; try again in a moment")]
    Busy,
    #[error("{0}")]
    Invalid(String),
    /// A new account's name breaks the rules (the message says which).
    #[error("{0}")]
    BadName(String),
    /// A new password is too short, too long or too easy to guess (the message says which).
    #[error("{0}")]
    WeakPassword(String),
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("the last admin cannot be disabled or lose the admin role")]
    LastAdmin,
    #[error("this setup link is not valid (used, expired, or an admin already exists)")]
    SetupRefused,
    #[error(transparent)]
    Store(StoreError),
}

impl From<AuthError> for crate::error::AppError {
    /// What a user may see of an account error: their own mistakes said plainly, internals
    /// logged and hidden.
    fn from(err: AuthError) -> Self {
        use crate::error::AppError;
        match err {
            AuthError::Store(inner) if inner.is_unreachable() => {
                tracing::warn!("account action failed, database unreachable: {inner}");
                AppError::DatabaseDown
            }
            AuthError::Store(inner) => {
                tracing::error!("account action failed: {inner}");
                AppError::Internal
            }
            AuthError::NotFound(_) => AppError::NotFound,
            AuthError::Busy => AppError::Busy,
            other => AppError::BadRequest(other.to_string()),
        }
    }
}

impl From<StoreError> for AuthError {
    /// A name already taken is the caller's mistake, said plainly; other store errors are not.
    fn from(err: StoreError) -> AuthError {
        match err {
            StoreError::Duplicate(what) => AuthError::Invalid(format!("{what} already exists")),
            other => AuthError::Store(other),
        }
    }
}

pub struct Auth {
    pub(super) store: Store,
    pub(super) throttle: LoginThrottle,
    gate: HashGate,
    /// Sessions and tokens the database confirmed lately, for an outage.
    confirmed: super::outage::Confirmed,
}

impl Auth {
    /// Runs slow password work through the gate (a few at once, on the blocking pool), so
    /// sign-ins never stall other requests nor pile up hashing memory.
    pub(super) async fn password_work<T: Send + 'static>(
        &self,
        password: &str,
        work: impl FnOnce(String) -> T + Send + 'static,
    ) -> Result<T, AuthError> {
        let password = password.to_string();
        self.gate
            .run(move || work(password))
            .await
            .map_err(|err| match err {
                GateError::Busy => AuthError::Busy,
                GateError::Failed(why) => AuthError::Invalid(format!(
                    "the password could not be checked ({why}); try again"
                )),
            })
    }

    /// A new account's name (trimmed, lower-case) and its password's hash, once both pass the
    /// checks.
    pub(super) async fn new_account(
        &self,
        username: &str,
        password: &str,
    ) -> Result<(String, String), AuthError> {
        let username = username.trim().to_ascii_lowercase();
        check_username(&username).map_err(AuthError::BadName)?;
        check_new_password(&username, password).map_err(AuthError::WeakPassword)?;
        let hash = self
            .password_work(password, |p| hash_password(&p))
            .await?
            .map_err(AuthError::Invalid)?;
        Ok((username, hash))
    }

    /// Password checks and hashes let through the gate since start, and the most at once.
    pub fn password_checks(&self) -> (u64, usize) {
        (self.gate.started(), self.gate.peak())
    }
}

pub(super) fn format_time(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
}

impl Auth {
    pub fn new(store: Store) -> Auth {
        Auth {
            throttle: LoginThrottle::new(store.clone()),
            store,
            gate: HashGate::default(),
            confirmed: Default::default(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Checks a user name and password; on success returns the new session's cookie value.
    /// The attempt is counted before the password is checked (so a burst cannot slip past the
    /// throttle), and a name that cannot exist or an over-long password never reaches the hash.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        client: &str,
    ) -> Result<String, AuthError> {
        let username = username.trim().to_ascii_lowercase();
        if check_username(&username).is_err() || password.chars().count() > MAX_PASSWORD_CHARS {
            if let Some(wait) = self.throttle.rejected(client, now()).await? {
                return Err(AuthError::Throttled(wait));
            }
            self.store
                .audit(&username, "sign-in failed", "malformed", client)
                .await?;
            return Err(AuthError::BadCredentials);
        }
        match self.throttle.attempt(&username, client, now()).await? {
            Verdict::Wait(wait) => return Err(AuthError::Throttled(wait)),
            Verdict::Proceed(pause) if !pause.is_zero() => tokio::time::sleep(pause).await,
            Verdict::Proceed(_) => {}
        }
        let user = self.store.user_by_name(&username).await?;
        let hash = user
            .as_ref()
            .map_or(decoy_hash(), |u| u.password_hash.as_str())
            .to_string();
        let password_ok = self
            .password_work(password, move |p| verify_password(&p, &hash))
            .await?;
        let Some(user) = user.filter(|u| password_ok && !u.disabled) else {
            self.store
                .audit(&username, "sign-in failed", "", client)
                .await?;
            return Err(AuthError::BadCredentials);
        };
        self.throttle.succeeded(&username, client, now()).await?;
        let secret = new_secret();
        self.store
            .create_session(&hash_secret(&secret), user.id)
            .await?;
        self.store
            .audit(&user.username, "sign-in", "", client)
            .await?;
        Ok(secret)
    }

    pub async fn sign_out(&self, user: &CurrentUser, client: &str) -> Result<(), AuthError> {
        if let Some(session) = &user.session {
            self.store.delete_session(session).await?;
            self.store
                .audit(&user.username, "sign-out", "", client)
                .await?;
        }
        Ok(())
    }

    /// The user behind a session cookie, if the session is live; refreshes its idle clock.
    /// With the database unreachable, a session it confirmed in the last minutes is accepted
    /// from memory (see `outage`).
    pub async fn user_for_session(&self, cookie: &str) -> Result<Option<CurrentUser>, AuthError> {
        let hash = hash_secret(cookie);
        let checked = self.session_user(&hash).await;
        self.confirmed_or_remembered(&hash, checked)
    }

    async fn session_user(&self, hash: &str) -> Result<Option<CurrentUser>, AuthError> {
        let Some(session) = self.store.quick(self.store.session(hash)).await? else {
            return Ok(None);
        };
        let t = now();
        if session.user.disabled
            || t - session.session_last_seen_at > IDLE_SECS
            || t - session.session_created_at > ABSOLUTE_SECS
        {
            self.store.delete_session(hash).await?;
            return Ok(None);
        }
        if t - session.session_last_seen_at > TOUCH_AFTER_SECS {
            self.store.touch_session(hash).await?;
        }
        Ok(Some(CurrentUser {
            username: session.user.username.clone(),
            role: session.user.role(),
            session: Some(hash.to_string()),
        }))
    }

    /// The identity an API token stands for, if it is live (from memory in an outage, as for
    /// sessions).
    pub async fn user_for_token(&self, token: &str) -> Result<Option<CurrentUser>, AuthError> {
        let hash = hash_secret(token);
        let checked = async {
            let found = self.store.quick(self.store.token(&hash)).await?;
            Ok::<_, AuthError>(found.map(|t| CurrentUser {
                username: format!("token:{}", t.name),
                role: t.role(),
                session: None,
            }))
        }
        .await;
        self.confirmed_or_remembered(&format!("token:{hash}"), checked)
    }

    /// What the database said (remembered for an outage), or, when it could not be reached,
    /// what it said in the last minutes.
    fn confirmed_or_remembered(
        &self,
        key: &str,
        checked: Result<Option<CurrentUser>, AuthError>,
    ) -> Result<Option<CurrentUser>, AuthError> {
        let now = Instant::now();
        match checked {
            Ok(user) => {
                self.confirmed.record(key, user.as_ref(), now);
                Ok(user)
            }
            Err(AuthError::Store(err)) if err.is_unreachable() => {
                match self.confirmed.recall(key, now) {
                    Some(user) => {
                        tracing::debug!(
                            "database unreachable: a recently confirmed sign-in accepted from memory"
                        );
                        Ok(Some(user))
                    }
                    None => Err(AuthError::Store(err)),
                }
            }
            Err(err) => Err(err),
        }
    }

    /// When no user exists yet: a new one-time setup secret (valid an hour) for the first admin.
    pub async fn first_run_secret(&self) -> Result<Option<String>, AuthError> {
        if self.store.count_users().await? > 0 {
            return Ok(None);
        }
        let secret = new_secret();
        self.store
            .create_setup_token(&hash_secret(&secret), now() + SETUP_LINK_SECS)
            .await?;
        Ok(Some(secret))
    }

    /// Creates the first admin with a setup secret (once), and signs them in.
    pub async fn complete_setup(
        &self,
        secret: &str,
        username: &str,
        password: &str,
        client: &str,
    ) -> Result<String, AuthError> {
        let (username, hash) = self.new_account(username, password).await?;
        self.store
            .create_first_admin(&hash_secret(secret), &username, &hash)
            .await?
            .ok_or(AuthError::SetupRefused)?;
        self.store
            .audit(&username, "first admin created", &username, client)
            .await?;
        self.sign_in(&username, password, client).await
    }
}
