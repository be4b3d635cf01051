//! The gate in front of password hashing: argon2 takes about 19 MiB and a few milliseconds of a
//! core per hash, so only a few run at once (on the blocking pool) and the rest wait briefly,
//! then are turned away (`Busy`, answered 503 + `Retry-After`) instead of piling up memory.
//! Counts every password check it lets through, for the tests and the metrics.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Password hashes computed at once.
pub const MAX_CONCURRENT_HASHES: usize = 4;
/// How long an attempt waits for a free slot before it is turned away.
pub const WAIT_FOR_SLOT: Duration = Duration::from_secs(3);

#[derive(Debug)]
pub struct HashGate {
    slots: Semaphore,
    wait: Duration,
    started: AtomicU64,
    running: AtomicUsize,
    peak: AtomicUsize,
}

impl Default for HashGate {
    fn default() -> Self {
        HashGate::new(MAX_CONCURRENT_HASHES, WAIT_FOR_SLOT)
    }
}

impl HashGate {
    pub fn new(slots: usize, wait: Duration) -> HashGate {
        HashGate {
            slots: Semaphore::new(slots.max(1)),
            wait,
            started: AtomicU64::new(0),
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    /// Runs `work` on the blocking pool once a slot is free.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, GateError> {
        let permit = tokio::time::timeout(self.wait, self.slots.acquire())
            .await
            .map_err(|_| GateError::Busy)?
            .map_err(|_| GateError::Busy)?;
        self.started.fetch_add(1, Ordering::Relaxed);
        let now_running = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now_running, Ordering::SeqCst);
        let result = tokio::task::spawn_blocking(work).await;
        self.running.fetch_sub(1, Ordering::SeqCst);
        drop(permit);
        result.map_err(|err| GateError::Failed(err.to_string()))
    }

    /// Password checks and hashes let through since start.
    pub fn started(&self) -> u64 {
        self.started.load(Ordering::Relaxed)
    }

    /// The most that ever ran at once.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GateError {
    #[error("too many sign-ins at once")]
    Busy,
    #[error("the password could not be checked ({0})")]
    Failed(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_than_the_slots_run_at_once_and_the_rest_are_turned_away() {
        let gate = Arc::new(HashGate::new(2, Duration::from_millis(50)));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let hold = Arc::new(std::sync::Mutex::new(hold));
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let (gate, hold) = (gate.clone(), hold.clone());
                tokio::spawn(async move {
                    gate.run(move || {
                        let _ = hold.lock().unwrap().recv();
                    })
                    .await
                })
            })
            .collect();
        // The two that got a slot hold it until released, so the other four must give up.
        while tasks.iter().filter(|t| t.is_finished()).count() < 4 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        release.send(()).unwrap();
        release.send(()).unwrap();
        let mut busy = 0;
        for task in tasks {
            if matches!(task.await.unwrap(), Err(GateError::Busy)) {
                busy += 1;
            }
        }
        assert_eq!((busy, gate.started(), gate.peak()), (4, 2, 2));
    }
}
