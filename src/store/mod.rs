//! The database: every SQL query of the application lives under this module, behind `Store`.
//! SQLite through sqlx (WAL, foreign keys, migrations from `migrations/` applied on open); a
//! PostgreSQL backend would be a second implementation of these functions, and nothing
//! outside this module would change.

mod audit;
mod backup;
#[cfg(test)]
mod backup_tests;
mod drafts;
mod flags;
mod gaps;
mod jobs;
mod links;
mod query_log;
mod reviews;
mod revisions;
#[cfg(test)]
mod rollup_tests;
mod sessions;
mod tokens;
mod users;

pub use audit::AuditEntry;
pub use drafts::{DraftRow, NewDraft};
pub use flags::{FlagFilter, FlagRow, NewFlag};
pub use gaps::{GapFilter, GapGroupRow, GapRow};
pub use jobs::Job;
pub use links::{LinkRow, NewLink};
pub use query_log::{LoggedQuery, NewQuery, QueryGroupRow, QueryKind};
pub use reviews::{ReviewRow, SeenDocument, VersionRow};
pub use revisions::{NewRevision, PublishRefused, RevisionRow};
pub use sessions::{MAX_SESSIONS_PER_USER, SessionListing, SessionRow};
pub use tokens::TokenRow;
pub use users::UserRow;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(sqlx::Error),
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot create the data folder {0}: {1}")]
    Folder(String, std::io::Error),
    #[error("{0} already exists")]
    Duplicate(String),
    #[error("{0} already exists: a backup never overwrites a file")]
    BackupExists(String),
    #[error("there is no database at {0}")]
    NoDatabase(String),
    #[error("cannot set the backup's permissions: {0}")]
    BackupPermissions(std::io::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        metrics::counter!(crate::metrics::DATABASE_ERRORS).increment(1);
        StoreError::Database(err)
    }
}

impl StoreError {
    fn from_insert(err: sqlx::Error, what: &str) -> StoreError {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Duplicate(what.to_string())
            }
            _ => StoreError::from(err),
        }
    }
}

/// The one handle to the database; cheap to clone (a pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Store {
    /// Opens (creating if needed) the database at `url` (`sqlite://path` or `sqlite::memory:`)
    /// and applies the migrations.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            && !path.starts_with(':')
            && let Some(parent) =
                std::path::Path::new(path.split('?').next().unwrap_or(path)).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)
                .map_err(|e| StoreError::Folder(parent.display().to_string(), e))?;
        }
        let memory = url.contains(":memory:");
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .foreign_keys(true)
            .journal_mode(if memory {
                SqliteJournalMode::Memory
            } else {
                SqliteJournalMode::Wal
            })
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(5));
        // An in-memory database lives as long as a connection to it: keep one open always.
        let pool = SqlitePoolOptions::new()
            .max_connections(if memory { 1 } else { 8 })
            .min_connections(if memory { 1 } else { 0 })
            .idle_timeout(if memory {
                None
            } else {
                Some(Duration::from_secs(600))
            })
            .max_lifetime(if memory {
                None
            } else {
                Some(Duration::from_secs(3600))
            })
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Store { pool })
    }

    /// SQLite's own check of the whole file: `"ok"` when intact.
    pub async fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Closes every connection (on shutdown, so SQLite folds its write-ahead log back into the
    /// file). Every query after this fails.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Is the database answering? One trivial query.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// An empty database in memory (one connection), for unit tests.
    pub async fn in_memory() -> Result<Store, StoreError> {
        Store::open("sqlite::memory:").await
    }
}
