//! The daily purges, run once a day across every server sharing the database: each server
//! looks every few minutes, and the one whose claim records the run does it (`Store::claim_job`).
//! If that server dies, another claims the next day's run.

use super::AppState;
use crate::store::Job;
use std::time::Duration;

/// How often a job runs.
const EVERY_SECONDS: i64 = 86_400;
/// How often each server looks whether a run is due.
const LOOK_EVERY: Duration = Duration::from_secs(600);

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
