//! Whether the database answered lately. After a failure to reach it, the paths every request
//! takes (who is signed in, logging a search) leave it alone for a second instead of each
//! waiting on the pool for a connection that will not come; then one request at a time tries
//! it again, and the first answer puts everything back. Those paths also give up on the
//! database after [`QUICK`]: a session check takes well under a millisecond when it answers.

use super::{Store, StoreError};
use std::future::Future;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

/// How long the database is left alone after it could not be reached.
pub const SKIP_AFTER_FAILURE_MS: i64 = 1_000;
/// A try of the database abandoned after this long lets another request try.
const PROBE_MS: i64 = 2_000;
/// How long a request's hot-path query may take before the database counts as unreachable.
pub const QUICK: Duration = Duration::from_millis(750);

/// Shared by every clone of a `Store`.
#[derive(Debug, Default)]
pub struct Health {
    /// 0 while the database answers; else milliseconds since the epoch before which it is
    /// not tried.
    skip_until_ms: AtomicI64,
    /// When the request now trying the database started (milliseconds; 0 when none).
    probe_started_ms: AtomicI64,
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Store {
    /// `Ok` when this request may use the database: always while it answers; after a failure,
    /// once the second is over, for one request at a time.
    fn reachable(&self) -> Result<(), StoreError> {
        let health = &self.health;
        let until = health.skip_until_ms.load(Ordering::Acquire);
        if until == 0 {
            return Ok(());
        }
        let now = now_ms();
        let started = health.probe_started_ms.load(Ordering::Acquire);
        if now < until || now - started < PROBE_MS {
            return Err(StoreError::Unreachable);
        }
        health
            .probe_started_ms
            .compare_exchange(started, now, Ordering::AcqRel, Ordering::Acquire)
            .map(|_| ())
            .map_err(|_| StoreError::Unreachable)
    }

    /// Notes the outcome of a call: an unreachable database is left alone for a second; an
    /// answer puts everything back.
    fn note<T>(&self, outcome: &Result<T, StoreError>) {
        let health = &self.health;
        match outcome {
            Err(err) if err.is_unreachable() && !matches!(err, StoreError::Unreachable) => {
                health
                    .skip_until_ms
                    .store(now_ms() + SKIP_AFTER_FAILURE_MS, Ordering::Release);
                health.probe_started_ms.store(0, Ordering::Release);
            }
            Ok(_) if health.skip_until_ms.load(Ordering::Acquire) != 0 => {
                health.skip_until_ms.store(0, Ordering::Release);
                health.probe_started_ms.store(0, Ordering::Release);
            }
            _ => {}
        }
    }

    /// Runs `work` on a request's hot path: refused at once while the database is left alone,
    /// given up after [`QUICK`], and its outcome noted.
    pub async fn quick<T>(
        &self,
        work: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        self.reachable()?;
        let outcome = tokio::time::timeout(QUICK, work)
            .await
            .unwrap_or(Err(StoreError::TimedOut));
        self.note(&outcome);
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn after_a_failure_requests_are_refused_at_once_then_one_tries_again() {
        let store = Store::in_memory().await.unwrap();
        assert!(store.reachable().is_ok());
        store.note::<()>(&Err(StoreError::TimedOut));
        assert!(matches!(store.reachable(), Err(StoreError::Unreachable)));
        // The second is over: one request tries, the others are still refused meanwhile.
        store
            .health
            .skip_until_ms
            .store(now_ms() - 1, Ordering::Release);
        assert!(store.reachable().is_ok(), "one tries");
        assert!(store.reachable().is_err(), "only one at a time");
        // It got an answer: everyone may use the database again.
        store.note(&Ok(()));
        assert!(store.reachable().is_ok());
        assert!(store.reachable().is_ok());
    }
}
