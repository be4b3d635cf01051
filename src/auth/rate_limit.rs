//! The `/api/*` rate limit: a fixed one-minute window of requests per user, token or client,
//! far above a busy specialist and far below a runaway script. In memory, per process.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests per client per minute on `/api/*`: far above a busy specialist, far below a loop.
pub const API_REQUESTS_PER_MINUTE: u32 = 1200;

/// A fixed-window counter per client.
#[derive(Debug)]
pub struct ApiRateLimit {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
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

    /// `Err(wait)` when `client` has used its requests for this minute.
    pub fn check(&self, client: &str, now: Instant) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, (start, _)| {
                now.saturating_duration_since(*start) < Duration::from_secs(60)
            });
        }
        let entry = map.entry(client.to_string()).or_insert((now, 0));
        if now.saturating_duration_since(entry.0) >= Duration::from_secs(60) {
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1 > self.per_minute {
            return Err(
                Duration::from_secs(60).saturating_sub(now.saturating_duration_since(entry.0))
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runaway_clients_are_limited_per_minute() {
        let limit = ApiRateLimit::default();
        let now = Instant::now();
        for _ in 0..API_REQUESTS_PER_MINUTE {
            assert!(limit.check("a", now).is_ok());
        }
        assert!(limit.check("a", now).is_err());
        assert!(limit.check("b", now).is_ok());
        assert!(limit.check("a", now + Duration::from_secs(61)).is_ok());
    }
}
