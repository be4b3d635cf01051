//! Whether the database answered lately. After a failure to reach it, the paths every request
//! takes (who is signed in, logging a search) skip it for a second instead of each waiting on
//! the pool for a connection that will not come; then one request tries it again.

use super::{Store, StoreError};
use std::sync::atomic::{AtomicI64, Ordering};

/// How long the database is left alone after it could not be reached.
pub const SKIP_AFTER_FAILURE_MS: i64 = 1_000;

/// Shared by every clone of a `Store`.
#[derive(Debug, Default)]
pub struct Health {
    /// Milliseconds since the epoch before which the database is not tried.
    skip_until_ms: AtomicI64,
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Store {
    /// `Err(Unreachable)` while the database is being left alone after a failure.
    pub fn reachable(&self) -> Result<(), StoreError> {
        if now_ms() < self.health.skip_until_ms.load(Ordering::Relaxed) {
            Err(StoreError::Unreachable)
        } else {
            Ok(())
        }
    }

    /// Notes the outcome of a call: an unreachable database is left alone for a second.
    pub fn note<T>(&self, outcome: &Result<T, StoreError>) {
        if let Err(err) = outcome
            && err.is_unreachable()
            && !matches!(err, StoreError::Unreachable)
        {
            self.health
                .skip_until_ms
                .store(now_ms() + SKIP_AFTER_FAILURE_MS, Ordering::Relaxed);
        }
    }
}
