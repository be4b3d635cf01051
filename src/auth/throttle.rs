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
//! In memory: a restart forgets, which is acceptable for a brake on guessing.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures of one name from one client before that client must wait.
pub const FREE_PAIR_FAILURES: u32 = 5;
/// Failures from one client across names before it must wait.
pub const FREE_CLIENT_FAILURES: u32 = 30;
/// Failures of one name from anywhere before its answers slow down.
pub const FREE_NAME_FAILURES: u32 = 10;
const FIRST_WAIT: Duration = Duration::from_secs(30);
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);
const LONGEST_SLOWDOWN: Duration = Duration::from_secs(5);
/// Failures older than this are forgotten.
const MEMORY: Duration = Duration::from_secs(60 * 60);
/// A client that signed in as a user is "known" for that user this long.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// Entries kept before old ones are swept (each is a few dozen bytes).
const SWEEP_ABOVE: usize = 50_000;

#[derive(Clone, Copy, Debug)]
struct Failures {
    count: u32,
    last: Instant,
}

#[derive(Debug, Default)]
struct Counters {
    pairs: HashMap<(String, String), Failures>,
    clients: HashMap<String, Failures>,
    names: HashMap<String, Failures>,
    known: HashMap<(String, String), Instant>,
}

#[derive(Debug, Default)]
pub struct LoginThrottle {
    counters: Mutex<Counters>,
}

/// May this attempt go ahead, and after how long a pause?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Check the password after this pause (zero for most attempts).
    Proceed(Duration),
    /// Refused: try again after this long.
    Wait(Duration),
}

fn wait_after(count: u32, free: u32) -> Duration {
    if count < free {
        return Duration::ZERO;
    }
    let doublings = (count - free).min(10);
    (FIRST_WAIT * 2u32.pow(doublings)).min(LONGEST_WAIT)
}

fn remaining(f: Option<&Failures>, free: u32, now: Instant) -> Duration {
    f.map_or(Duration::ZERO, |f| {
        (f.last + wait_after(f.count, free)).saturating_duration_since(now)
    })
}

fn bump<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Failures>, key: K, now: Instant) {
    let entry = map.entry(key).or_insert(Failures {
        count: 0,
        last: now,
    });
    entry.count = entry.count.saturating_add(1);
    entry.last = now;
}

impl Counters {
    fn sweep(&mut self, now: Instant) {
        let fresh = |f: &Failures| now.saturating_duration_since(f.last) < MEMORY;
        if self.pairs.len() + self.clients.len() + self.names.len() > SWEEP_ABOVE {
            self.pairs.retain(|_, f| fresh(f));
            self.clients.retain(|_, f| fresh(f));
            self.names.retain(|_, f| fresh(f));
        }
        if self.known.len() > SWEEP_ABOVE {
            self.known
                .retain(|_, at| now.saturating_duration_since(*at) < KNOWN_FOR);
        }
    }
}

impl LoginThrottle {
    /// Decides on one attempt for `name` from `client` and, when it may go ahead, counts it as
    /// a failure at once (in the same lock): a success later takes it back. So attempts that
    /// arrive together are counted one after another and the sixth is refused.
    pub fn attempt(&self, name: &str, client: &str, now: Instant) -> Verdict {
        let mut c = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        c.sweep(now);
        let pair = (name.to_string(), client.to_string());
        let wait = remaining(c.pairs.get(&pair), FREE_PAIR_FAILURES, now).max(remaining(
            c.clients.get(client),
            FREE_CLIENT_FAILURES,
            now,
        ));
        if !wait.is_zero() {
            return Verdict::Wait(wait);
        }
        let known = c
            .known
            .get(&pair)
            .is_some_and(|at| now.saturating_duration_since(*at) < KNOWN_FOR);
        let slowdown = match c.names.get(name) {
            Some(f) if !known && now.saturating_duration_since(f.last) < MEMORY => {
                let past = f.count.saturating_sub(FREE_NAME_FAILURES);
                (Duration::from_secs(1) * past).min(LONGEST_SLOWDOWN)
            }
            _ => Duration::ZERO,
        };
        bump(&mut c.pairs, pair, now);
        bump(&mut c.clients, client.to_string(), now);
        bump(&mut c.names, name.to_string(), now);
        Verdict::Proceed(slowdown)
    }

    /// Counts a refused attempt that never reached the password check (say, a malformed name)
    /// against the client only.
    pub fn rejected(&self, client: &str, now: Instant) -> Option<Duration> {
        let mut c = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        c.sweep(now);
        let wait = remaining(c.clients.get(client), FREE_CLIENT_FAILURES, now);
        if !wait.is_zero() {
            return Some(wait);
        }
        bump(&mut c.clients, client.to_string(), now);
        None
    }

    /// The attempt counted by [`attempt`](Self::attempt) was right: forget this client's
    /// failures for the name and overall, and remember the client as known for the name.
    pub fn succeeded(&self, name: &str, client: &str, now: Instant) {
        let mut c = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        let pair = (name.to_string(), client.to_string());
        c.pairs.remove(&pair);
        c.clients.remove(client);
        if let Some(f) = c.names.get_mut(name) {
            f.count = f.count.saturating_sub(1);
        }
        c.known.insert(pair, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(v: Verdict) -> bool {
        matches!(v, Verdict::Wait(_))
    }

    #[test]
    fn five_failures_from_a_client_are_free_then_waits_double() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..FREE_PAIR_FAILURES {
            assert_eq!(
                t.attempt("ann", "10.0.0.1", now),
                Verdict::Proceed(Duration::ZERO)
            );
        }
        assert_eq!(
            t.attempt("ann", "10.0.0.1", now),
            Verdict::Wait(Duration::from_secs(30))
        );
        let later = now + Duration::from_secs(31);
        assert!(!refused(t.attempt("ann", "10.0.0.1", later)));
        assert_eq!(
            t.attempt("ann", "10.0.0.1", later),
            Verdict::Wait(Duration::from_secs(60)),
            "the wait doubles"
        );
    }

    #[test]
    fn a_stranger_cannot_lock_a_name_for_everyone() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..20 {
            t.attempt("ann", "203.0.113.9", now);
        }
        assert!(refused(t.attempt("ann", "203.0.113.9", now)));
        assert!(
            !refused(t.attempt("ann", "10.0.0.1", now)),
            "ann's own computer still may try"
        );
    }

    #[test]
    fn many_failures_for_a_name_slow_strangers_but_not_a_known_client() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        assert!(!refused(t.attempt("ann", "10.0.0.1", now)));
        t.succeeded("ann", "10.0.0.1", now);
        for i in 0..(FREE_NAME_FAILURES + 3) {
            assert!(!refused(t.attempt("ann", &format!("198.51.100.{i}"), now)));
        }
        assert_eq!(
            t.attempt("ann", "198.51.100.200", now),
            Verdict::Proceed(Duration::from_secs(3))
        );
        assert_eq!(
            t.attempt("ann", "10.0.0.1", now),
            Verdict::Proceed(Duration::ZERO)
        );
    }

    #[test]
    fn spraying_many_names_from_one_client_is_stopped() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..FREE_CLIENT_FAILURES {
            assert!(!refused(t.attempt(&format!("user{i}"), "203.0.113.9", now)));
        }
        assert!(refused(t.attempt("someone", "203.0.113.9", now)));
        assert!(t.rejected("203.0.113.9", now).is_some());
    }

    #[test]
    fn success_forgets_the_clients_failures() {
        let t = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..4 {
            t.attempt("ann", "c", now);
        }
        t.succeeded("ann", "c", now);
        for _ in 0..FREE_PAIR_FAILURES {
            assert!(!refused(t.attempt("ann", "c", now)));
        }
    }

    #[test]
    fn the_wait_is_capped() {
        assert_eq!(wait_after(100, FREE_PAIR_FAILURES), LONGEST_WAIT);
    }
}
