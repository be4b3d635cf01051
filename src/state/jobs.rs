//! Background jobs. The daily purges, run once a day across every server sharing the database:
//! each server looks every few minutes, and the one whose claim records the run does it
//! (`Store::claim_job`); if that server dies, another claims the next day's run. Sharing the
//! `/api` request counts every second, and giving free memory back every minute.

use super::AppState;
use crate::store::Job;
use std::time::Duration;

/// How often a job runs.
const EVERY_SECONDS: i64 = 86_400;
/// How often each server looks whether a run is due.
const LOOK_EVERY: Duration = Duration::from_secs(600);
/// How often free memory is given back to the system.
const GIVE_BACK_EVERY: Duration = Duration::from_secs(60);

impl AppState {
    /// In the background: deletes logged searches past their retention and sessions past their
    /// limits, once a day across all servers (the first look is at start).
    pub fn spawn_query_retention(&self) {
        let state = self.clone();
        let runner = format!("{} pid {}", self.settings.site_addr, std::process::id());
        tokio::spawn(async move {
            let mut look = tokio::time::interval(LOOK_EVERY);
            loop {
                look.tick().await;
                for job in [Job::QueryLogPurge, Job::SessionPurge] {
                    state.run_if_due(job, &runner).await;
                }
            }
        });
    }

    /// In the background, every second: adds this server's `/api` request counts to the
    /// database and reads back every server's totals (see `auth::rate_limit`).
    pub fn spawn_api_usage_sharing(&self) {
        let state = self.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(1));
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                if let Err(err) = state
                    .api_rate_limit
                    .share(&state.store, crate::store::now())
                    .await
                {
                    tracing::debug!("cannot share the /api request counts: {err}");
                }
            }
        });
    }

    /// In the background, every minute: returns to the system the memory the allocator keeps
    /// free after a busy spell (each thread that searched keeps its own arena; at 100,000
    /// passages that was 60–70 MB after a minute of load).
    pub fn spawn_memory_upkeep(&self) {
        tokio::spawn(async move {
            let mut every = tokio::time::interval(GIVE_BACK_EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                let started = std::time::Instant::now();
                let gave = tokio::task::spawn_blocking(crate::memory::give_back_free_pages).await;
                tracing::debug!(
                    ?gave,
                    took_ms = started.elapsed().as_millis() as u64,
                    "memory upkeep"
                );
            }
        });
    }

    async fn run_if_due(&self, job: Job, runner: &str) {
        let now = self.now().timestamp();
        match self.store.claim_job(job, runner, now, EVERY_SECONDS).await {
            Ok(true) => {}
            Ok(false) => return,
            Err(err) => {
                tracing::error!(job = job.as_str(), "cannot claim the job: {err}");
                return;
            }
        }
        let deleted = match job {
            Job::QueryLogPurge => self
                .review()
                .purge_old_queries(now)
                .await
                .map_err(|e| e.to_string()),
            Job::SessionPurge => self
                .auth()
                .purge_expired_sessions(crate::store::now())
                .await
                .map_err(|e| e.to_string()),
        };
        match deleted {
            Ok(deleted) => tracing::info!(job = job.as_str(), deleted, "job ran"),
            Err(err) => tracing::error!(job = job.as_str(), "job failed: {err}"),
        }
    }
}
