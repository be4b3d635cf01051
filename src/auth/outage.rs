//! Who was signed in, remembered for a database outage. Every request checks its session or
//! token against the database, so a revocation is seen at once by every server. When the
//! database cannot be reached, a session or token that the database confirmed on this server
//! in the last [`OUTAGE_GRACE`] is accepted from memory, so specialists keep searching (the
//! index is in memory) while anything that writes fails with a 503. A check that found the
//! session gone or revoked forgets it at once.

use super::CurrentUser;
use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a confirmed session or token is trusted from memory while the database is down.
pub const OUTAGE_GRACE: Duration = Duration::from_secs(5 * 60);
/// Sessions and tokens remembered (the least recently used are forgotten first).
const REMEMBERED: usize = 10_000;

#[derive(Debug)]
pub struct Confirmed {
    by_key: Mutex<lru::LruCache<String, (CurrentUser, Instant)>>,
}

impl Default for Confirmed {
    fn default() -> Self {
        Confirmed {
            by_key: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(REMEMBERED).unwrap_or(NonZeroUsize::MIN),
            )),
        }
    }
}

impl Confirmed {
    /// Records what the database said about `key` (a session's or token's hash) at `now`.
    pub fn record(&self, key: &str, user: Option<&CurrentUser>, now: Instant) {
        let mut by_key = self.by_key.lock().unwrap_or_else(|e| e.into_inner());
        match user {
            Some(user) => {
                by_key.put(key.to_string(), (user.clone(), now));
            }
            None => {
                by_key.pop(key);
            }
        }
    }

    /// The user `key` stood for, if the database confirmed it within [`OUTAGE_GRACE`] of `now`.
    pub fn recall(&self, key: &str, now: Instant) -> Option<CurrentUser> {
        let mut by_key = self.by_key.lock().unwrap_or_else(|e| e.into_inner());
        by_key
            .get(key)
            .filter(|(_, at)| now.saturating_duration_since(*at) <= OUTAGE_GRACE)
            .map(|(user, _)| user.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    fn ann() -> CurrentUser {
        CurrentUser {
            username: "ann".into(),
            role: Role::Specialist,
            session: Some("h1".into()),
        }
    }

    #[test]
    fn a_confirmed_session_is_recalled_within_the_grace_and_not_after() {
        let memory = Confirmed::default();
        let t = Instant::now();
        memory.record("h1", Some(&ann()), t);
        assert_eq!(
            memory.recall("h1", t + Duration::from_secs(60)),
            Some(ann())
        );
        assert_eq!(
            memory.recall("h1", t + OUTAGE_GRACE + Duration::from_secs(1)),
            None
        );
        assert_eq!(memory.recall("h2", t), None, "never confirmed");
    }

    #[test]
    fn a_session_found_gone_is_forgotten_at_once() {
        let memory = Confirmed::default();
        let t = Instant::now();
        memory.record("h1", Some(&ann()), t);
        memory.record("h1", None, t + Duration::from_secs(1));
        assert_eq!(memory.recall("h1", t + Duration::from_secs(2)), None);
    }
}
