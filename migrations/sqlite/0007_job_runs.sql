-- Background jobs (the daily purges) run once per period across every server sharing the
-- database: a server runs a job only if it is the one that moves its last run forward.
CREATE TABLE job_runs (
    job TEXT PRIMARY KEY,
    last_run_at INTEGER NOT NULL,
    runner TEXT NOT NULL
);
