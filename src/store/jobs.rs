//! Background jobs that must run once per period however many servers share the database:
//! claiming a run is one statement that moves the job's last run forward only when the period
//! has passed, so of servers claiming at once exactly one wins, and when the server that ran
//! it last is gone, another claims the next period.

use super::{Store, StoreError};

/// The jobs, by name in `job_runs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// Deleting logged searches past their retention.
    QueryLogPurge,
    /// Deleting sessions past their limits.
    SessionPurge,
}

impl Job {
    pub fn as_str(self) -> &'static str {
        match self {
            Job::QueryLogPurge => "query-log-purge",
            Job::SessionPurge => "session-purge",
        }
    }
}

impl Store {
    /// Claims the run of `job` due at `now` (seconds) for `runner`: `true` when no server ran
    /// it in the last `every` seconds and this claim is the one that recorded the run.
    pub async fn claim_job(
        &self,
        job: Job,
        runner: &str,
        now: i64,
        every: i64,
    ) -> Result<bool, StoreError> {
        with_pool!(self, |pool, Db| {
            let claimed = sqlx::query(
            "INSERT INTO job_runs (job, last_run_at, runner) VALUES ($1, $2, $3) \
             ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at, runner = excluded.runner \
             WHERE job_runs.last_run_at <= $2 - $4",
        )
        .bind(job.as_str())
        .bind(now)
        .bind(runner)
        .bind(every)
        .execute(pool)
        .await?
        .rows_affected();
            Ok(claimed == 1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[tokio::test]
    async fn one_of_several_servers_runs_a_job_each_period() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = Store::shared_pair(dir.path()).await;
        let now = 1_000_000;
        let (first, second) = tokio::join!(
            a.claim_job(Job::QueryLogPurge, "a", now, DAY),
            b.claim_job(Job::QueryLogPurge, "b", now, DAY),
        );
        assert_eq!(
            [first.unwrap(), second.unwrap()]
                .iter()
                .filter(|c| **c)
                .count(),
            1,
            "exactly one server runs it"
        );
        // Later the same day: nobody; another job is its own.
        assert!(
            !a.claim_job(Job::QueryLogPurge, "a", now + 3_600, DAY)
                .await
                .unwrap()
        );
        assert!(
            b.claim_job(Job::SessionPurge, "b", now + 3_600, DAY)
                .await
                .unwrap()
        );
        // A day on, whoever asks first (the other server may be gone).
        assert!(
            b.claim_job(Job::QueryLogPurge, "b", now + DAY, DAY)
                .await
                .unwrap()
        );
        assert!(
            !a.claim_job(Job::QueryLogPurge, "a", now + DAY, DAY)
                .await
                .unwrap()
        );
    }
}
