//! The `/api/*` rate limit: a fixed window (the clock minute) of requests per user, token or
//! client, far above a busy specialist and far below a runaway script. Each server counts in
//! memory (no database work on the request path) and, every second, adds what it counted to
//! the database and reads back the total of every server sharing it (`store::api_usage`). So
//! the servers enforce one limit together: a client spreading requests over servers gets at
//! most about a second's worth more than one server would allow.

use crate::store::{Store, StoreError};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// Requests per client per minute on `/api/*`: far above a busy specialist, far below a loop.
pub const API_REQUESTS_PER_MINUTE: u32 = 1200;
/// Windows kept in memory before those of past minutes are dropped.
const SWEEP_ABOVE: usize = 10_000;

/// One key's window: its minute, what this server counted and has not yet added to the
/// database, and the total of all servers as last read.
#[derive(Clone, Copy, Debug, Default)]
struct Window {
    minute: i64,
    unsent: u32,
    known_total: u32,
}

#[derive(Debug)]
pub struct ApiRateLimit {
    windows: Mutex<HashMap<String, Window>>,
    /// Requests per client per minute; 0 means no limit.
    per_minute: u32,
}

impl Default for ApiRateLimit {
    fn default() -> Self {
        ApiRateLimit::new(API_REQUESTS_PER_MINUTE)
    }
}

impl ApiRateLimit {
    pub fn new(per_minute: u32) -> ApiRateLimit {
        ApiRateLimit {
            windows: Mutex::new(HashMap::new()),
            per_minute,
        }
    }

    /// Counts a request of `key` at `now` (seconds); `Err(wait)` when the key has used its
    /// requests for this minute on all servers together (as last read) and this one.
    pub fn check(&self, key: &str, now: i64) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let minute = now.div_euclid(60);
        let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > SWEEP_ABOVE {
            map.retain(|_, w| w.minute == minute || w.unsent > 0);
        }
        let window = map.entry(key.to_string()).or_default();
        if window.minute != minute {
            // A new minute: what was not sent of the last one no longer matters.
            *window = Window {
                minute,
                ..Window::default()
            };
        }
        window.unsent = window.unsent.saturating_add(1);
        if window.known_total.saturating_add(window.unsent) > self.per_minute {
            return Err(Duration::from_secs((60 - now.rem_euclid(60)).max(1) as u64));
        }
        Ok(())
    }

    /// Adds what this server counted this minute to the database and reads back the totals of
    /// all servers. Run every second; counts of a minute already past are dropped.
    pub async fn share(&self, store: &Store, now: i64) -> Result<(), StoreError> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let minute = now.div_euclid(60);
        let counted: Vec<(String, i64)> = {
            let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
            map.iter_mut()
                .filter(|(_, w)| w.minute == minute && w.unsent > 0)
                .map(|(key, w)| (key.clone(), i64::from(std::mem::take(&mut w.unsent))))
                .collect()
        };
        if counted.is_empty() {
            return Ok(());
        }
        let totals = store.add_api_usage(minute, &counted).await?;
        let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        for ((key, _), total) in counted.iter().zip(totals) {
            if let Some(window) = map.get_mut(key)
                && window.minute == minute
            {
                window.known_total = u32::try_from(total).unwrap_or(u32::MAX);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_900_000_040;

    #[test]
    fn runaway_clients_are_limited_per_minute() {
        let limit = ApiRateLimit::default();
        for _ in 0..API_REQUESTS_PER_MINUTE {
            assert!(limit.check("a", NOW).is_ok());
        }
        assert_eq!(limit.check("a", NOW), Err(Duration::from_secs(40)));
        assert!(limit.check("b", NOW).is_ok());
        assert!(limit.check("a", NOW + 60).is_ok(), "a new minute");
    }

    #[tokio::test]
    async fn servers_sharing_a_database_enforce_one_limit_together() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = Store::shared_pair(dir.path()).await;
        let (one, two) = (ApiRateLimit::new(10), ApiRateLimit::new(10));
        for _ in 0..6 {
            assert!(one.check("user:ann", NOW).is_ok());
        }
        one.share(&a, NOW).await.unwrap();
        for _ in 0..4 {
            assert!(two.check("user:ann", NOW).is_ok());
        }
        two.share(&b, NOW + 1).await.unwrap();
        // Server two now knows all ten; server one learns it at its next share.
        assert!(
            two.check("user:ann", NOW + 1).is_err(),
            "the eleventh, on server two"
        );
        assert!(
            one.check("user:ann", NOW + 1).is_ok(),
            "server one has not heard yet"
        );
        one.share(&a, NOW + 2).await.unwrap();
        assert!(one.check("user:ann", NOW + 2).is_err(), "now it has");
        assert!(
            one.check("user:bob", NOW + 2).is_ok(),
            "another user is not limited"
        );
        assert!(one.check("user:ann", NOW + 60).is_ok(), "a new minute");
    }
}
