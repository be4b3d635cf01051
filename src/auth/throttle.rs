//! Sign-in throttling, counted *before* the password is checked so that attempts sent together
//! cannot slip past it. Three counters, each forgetting failures after an hour:
//! - a user name **from one client**: 5 free failures, then that client waits (30 s, doubling
//!   up to 15 min) — nobody elsewhere is locked out of their account by someone else's guesses;
//! - one client across every name (password spraying): 30 free failures, then it waits the same
//!   way;
//! - a user name from **every** client: never refused, but once it has 10 recent failures every
//!   attempt for it is answered more slowly (1 s more per failure past 10, at most 5 s), except
//!   from a client that signed in as that user before (the right password from a known client
//!   is not held up by strangers' guessing).
//!
//! The counts live in the database (`store::sign_in`), so servers sharing it count together:
//! an attacker gains nothing by spreading guesses over several servers. This module is the
//! policy: what the counts mean.

use crate::store::{AttemptCounts, FailureCount, FailureKey, Store, StoreError};
use std::time::Duration;

/// Failures of one name from one client before that client must wait.
pub const FREE_PAIR_FAILURES: i64 = 5;
/// Failures from one client across names before it must wait.
pub const FREE_CLIENT_FAILURES: i64 = 30;
/// Failures of one name from anywhere before its answers slow down.
pub const FREE_NAME_FAILURES: i64 = 10;
const FIRST_WAIT_SECS: i64 = 30;
const LONGEST_WAIT_SECS: i64 = 15 * 60;
const LONGEST_SLOWDOWN_SECS: i64 = 5;
/// Failures older than this (seconds) are forgotten.
const MEMORY_SECS: i64 = 60 * 60;
/// A client that signed in as a user is "known" for that user this long (seconds).
pub const KNOWN_FOR_SECS: i64 = 30 * 24 * 60 * 60;

/// May this attempt go ahead, and after how long a pause?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Check the password after this pause (zero for most attempts).
    Proceed(Duration),
    /// Refused: try again after this long.
    Wait(Duration),
}

fn wait_after(count: i64, free: i64) -> i64 {
    if count < free {
        return 0;
    }
    let doublings = (count - free).min(10) as u32;
    (FIRST_WAIT_SECS * 2i64.pow(doublings)).min(LONGEST_WAIT_SECS)
}

/// Seconds still to wait after the failures `f` (zero when none).
fn remaining(f: FailureCount, free: i64, now: i64) -> i64 {
    if f.count == 0 {
        return 0;
    }
    (f.last_at + wait_after(f.count, free) - now).max(0)
}

/// The wait an attempt with these counts (pair, client, name) must sit out, in seconds.
fn wait_for(counts: &AttemptCounts, now: i64) -> i64 {
    let pair = counts.failures.first().copied().unwrap_or_default();
    let client = counts.failures.get(1).copied().unwrap_or_default();
    remaining(pair, FREE_PAIR_FAILURES, now).max(remaining(client, FREE_CLIENT_FAILURES, now))
}

/// The pause before checking the password: strangers trying a much-guessed name wait longer.
fn slowdown(counts: &AttemptCounts, now: i64) -> Duration {
    let known = counts
        .known_at
        .is_some_and(|at| now.saturating_sub(at) < KNOWN_FOR_SECS);
    let name = counts.failures.get(2).copied().unwrap_or_default();
    if known || name.count == 0 || now - name.last_at >= MEMORY_SECS {
        return Duration::ZERO;
    }
    let past = (name.count - FREE_NAME_FAILURES).max(0);
    Duration::from_secs(past.min(LONGEST_SLOWDOWN_SECS) as u64)
}

fn secs(s: i64) -> Duration {
    Duration::from_secs(s.max(0) as u64)
}

/// The sign-in throttle of every server sharing `store`.
#[derive(Clone, Debug)]
pub struct LoginThrottle {
    store: Store,
}

impl LoginThrottle {
    pub fn new(store: Store) -> LoginThrottle {
        LoginThrottle { store }
    }

    /// Decides on one attempt for `name` from `client` at `now` (seconds) and, when it may go
    /// ahead, counts it as a failure at once (in the same transaction): a success later takes
    /// it back. So attempts that arrive together are counted one after another and the sixth
    /// is refused, whichever servers they reach.
    pub async fn attempt(&self, name: &str, client: &str, now: i64) -> Result<Verdict, StoreError> {
        let keys = [
            FailureKey::Pair { name, client },
            FailureKey::Client(client),
            FailureKey::Name(name),
        ];
        let counts = self
            .store
            .count_sign_in_attempt(&keys, Some((name, client)), now, now - MEMORY_SECS, |c| {
                wait_for(c, now) > 0
            })
            .await?;
        Ok(match wait_for(&counts, now) {
            0 => Verdict::Proceed(slowdown(&counts, now)),
            wait => Verdict::Wait(secs(wait)),
        })
    }

    /// Counts a refused attempt that never reached the password check (say, a malformed name)
    /// against the client only; `Some(wait)` when the client must wait first.
    pub async fn rejected(&self, client: &str, now: i64) -> Result<Option<Duration>, StoreError> {
        let wait = |c: &AttemptCounts| {
            remaining(
                c.failures.first().copied().unwrap_or_default(),
                FREE_CLIENT_FAILURES,
                now,
            )
        };
        let counts = self
            .store
            .count_sign_in_attempt(
                &[FailureKey::Client(client)],
                None,
                now,
                now - MEMORY_SECS,
                |c| wait(c) > 0,
            )
            .await?;
        Ok(match wait(&counts) {
            0 => None,
            left => Some(secs(left)),
        })
    }

    /// The attempt counted by [`attempt`](Self::attempt) was right: forget this client's
    /// failures for the name and overall, and remember the client as known for the name.
    pub async fn succeeded(&self, name: &str, client: &str, now: i64) -> Result<(), StoreError> {
        self.store.sign_in_succeeded(name, client, now).await
    }

    /// Forgets what no longer counts (run with the daily purge).
    pub async fn purge(&self, now: i64) -> Result<u64, StoreError> {
        self.store
            .purge_sign_in_records(now - MEMORY_SECS, now - KNOWN_FOR_SECS)
            .await
    }
}

#[cfg(test)]
#[path = "throttle_tests.rs"]
mod tests;
