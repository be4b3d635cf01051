//! Whether this server should get traffic (`/readyz`): content loaded, the database answering,
//! and not shutting down. A load balancer takes a server out when it says no; shutdown says no
//! first, for a few seconds, so that no new request arrives while the last ones finish.

use super::AppState;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Longest wait for the database's answer before it counts as unreachable.
const DATABASE_WAIT: Duration = Duration::from_secs(1);

/// Why a server is not ready for traffic (`/readyz`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotReady {
    /// Shutting down: finishing the requests it has, taking no new ones.
    Draining,
    /// No content is loaded.
    NoContent,
    /// The database does not answer.
    DatabaseUnreachable,
}

impl AppState {
    /// From now on `/readyz` says no.
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// Closes the database's connections, once the server has stopped.
    pub async fn close_database(&self) {
        self.store.close().await;
    }

    /// `Ok` when this server should be sent requests, else why not.
    pub async fn readiness(&self) -> Result<(), NotReady> {
        if self.draining.load(Ordering::SeqCst) {
            return Err(NotReady::Draining);
        }
        if self.status().passages == 0 {
            return Err(NotReady::NoContent);
        }
        match tokio::time::timeout(DATABASE_WAIT, self.store.ping()).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(err)) => {
                // Debug: a load balancer asks every half second, and an outage is logged by
                // the requests that fail.
                tracing::debug!("not ready: the database does not answer: {err}");
                Err(NotReady::DatabaseUnreachable)
            }
            Err(_) => {
                tracing::debug!("not ready: the database took over {DATABASE_WAIT:?} to answer");
                Err(NotReady::DatabaseUnreachable)
            }
        }
    }
}
