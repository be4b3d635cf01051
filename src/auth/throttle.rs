//! Sign-in throttling: after 5 failures for one user name or from one client address, further
//! attempts wait, and the wait doubles with each failure (30 s, 1 min, 2 min … up to 15 min).
//! In memory: a restart forgets, which is acceptable for a brake on guessing.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const FREE_FAILURES: u32 = 5;
const FIRST_WAIT: Duration = Duration::from_secs(30);
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);
/// Failures older than this are forgotten.
const MEMORY: Duration = Duration::from_secs(60 * 60);

#[derive(Clone, Copy, Debug)]
struct Failures {
    count: u32,
    last: Instant,
}

#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

fn wait_after(count: u32) -> Duration {
    if count < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (count - FREE_FAILURES).min(10);
    (FIRST_WAIT * 2u32.pow(doublings)).min(LONGEST_WAIT)
}

impl LoginThrottle {
    /// How long `keys` (user name, client address) must still wait; zero when they may try.
    pub fn retry_after(&self, keys: &[&str], now: Instant) -> Duration {
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter()
            .filter_map(|k| map.get(*k))
            .map(|f| (f.last + wait_after(f.count)).saturating_duration_since(now))
            .max()
            .unwrap_or(Duration::ZERO)
    }

    pub fn failed(&self, keys: &[&str], now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, f| now.saturating_duration_since(f.last) < MEMORY);
        for key in keys {
            let entry = map.entry(key.to_string()).or_insert(Failures {
                count: 0,
                last: now,
            });
            entry.count += 1;
            entry.last = now;
        }
    }

    pub fn succeeded(&self, keys: &[&str]) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            map.remove(*key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_are_free_then_waits_double() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..4 {
            t.failed(&["user:ann"], now);
        }
        assert_eq!(t.retry_after(&["user:ann"], now), Duration::ZERO);
        t.failed(&["user:ann"], now);
        assert_eq!(t.retry_after(&["user:ann"], now), Duration::from_secs(30));
        t.failed(&["user:ann"], now);
        assert_eq!(t.retry_after(&["user:ann"], now), Duration::from_secs(60));
        assert_eq!(
            t.retry_after(&["user:ann"], now + Duration::from_secs(61)),
            Duration::ZERO
        );
        assert_eq!(
            t.retry_after(&["user:bob"], now),
            Duration::ZERO,
            "others are not held up"
        );
        t.succeeded(&["user:ann"]);
        assert_eq!(t.retry_after(&["user:ann"], now), Duration::ZERO);
    }

    #[test]
    fn the_wait_is_capped() {
        assert_eq!(wait_after(100), LONGEST_WAIT);
    }
}
