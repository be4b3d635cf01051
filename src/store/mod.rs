//! The database: every SQL query of the application lives under this module, behind `Store`.
//! Two backends through sqlx, chosen by the URL: SQLite (`sqlite://…`, the embedded default:
//! WAL, foreign keys, one file) and PostgreSQL (`postgres://…`, for several servers). Each
//! query is written once in SQL both accept (`$1` parameters, `ON CONFLICT`, `FILTER`) and
//! runs on either pool through `with_pool!`; migrations live in `migrations/sqlite` and
//! `migrations/postgres` (the same tables) and run on open. The few statements that must
//! differ ask `Dialect`.

/// Runs `$body` once per backend: `$pool` is the backend's pool and `$db` its sqlx database
/// type, so the same query text is checked and run natively on SQLite and on PostgreSQL.
macro_rules! with_pool {
    ($store:expr, |$pool:ident, $db:ident| $body:block) => {
        match &$store.pool {
            $crate::store::Pool::Sqlite($pool) => {
                #[allow(dead_code)]
                type $db = sqlx::Sqlite;
                $body
            }
            $crate::store::Pool::Postgres($pool) => {
                #[allow(dead_code)]
                type $db = sqlx::Postgres;
                $body
            }
        }
    };
}

/// Starts a writing transaction on `$pool` (of backend `$db`): writers that must not
/// interleave (publishers, sign-in counts) wait for each other, on every server.
macro_rules! begin_write {
    ($pool:expr, $db:ty) => {{
        let mut tx = $pool
            .begin_with(<$db as super::Dialect>::BEGIN_WRITE)
            .await?;
        if let Some(lock) = <$db as super::Dialect>::WRITE_LOCK {
            sqlx::query(lock).execute(&mut *tx).await?;
        }
        tx
    }};
}

mod dialect;

mod api_usage;
mod audit;
mod backup;
#[cfg(test)]
mod backup_tests;
mod drafts;
mod flags;
mod gaps;
mod health;
mod jobs;
mod links;
#[cfg(test)]
mod migrate_tests;
mod query_log;
mod reviews;
mod revisions;
#[cfg(test)]
mod rollup_tests;
mod sessions;
mod sign_in;
mod test_databases;
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
pub use sign_in::{AttemptCounts, FailureCount, FailureKey};
pub use tokens::TokenRow;
pub use users::UserRow;

pub(crate) use dialect::Dialect;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
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
    #[error("the database was not reached a moment ago; not tried again yet")]
    Unreachable,
    #[error("the database took too long to answer")]
    TimedOut,
    #[error("cannot take the migration lock beside the database: {0}")]
    MigrationLock(std::io::Error),
    #[error("the database URL must start with sqlite:// or postgres://")]
    UnknownUrl,
    #[error("a PostgreSQL database is backed up with pg_dump, not with this command")]
    BackupNeedsPgDump,
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

/// Holds an exclusive lock on `<database>.migrate-lock` (released when dropped), so that
/// processes opening one SQLite file at once run its migrations one after another; the
/// others then find them applied. (sqlx takes no lock on SQLite; PostgreSQL has its own.)
async fn migration_lock(database: &std::path::Path) -> Result<std::fs::File, StoreError> {
    let path = std::path::PathBuf::from(format!("{}.migrate-lock", database.display()));
    tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock()?;
        Ok(file)
    })
    .await
    .map_err(std::io::Error::other)
    .and_then(|locked| locked)
    .map_err(StoreError::MigrationLock)
}

impl StoreError {
    /// The database cannot be reached (down, restarting, refusing connections): a 503 for
    /// the user, not a fault of the request; the pool reconnects by itself when it is back.
    pub fn is_unreachable(&self) -> bool {
        let StoreError::Database(err) = self else {
            return matches!(self, StoreError::Unreachable | StoreError::TimedOut);
        };
        match err {
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_) => true,
            // PostgreSQL shutting down or starting (57P01–57P03), connection exceptions (08…).
            sqlx::Error::Database(db) => db
                .code()
                .is_some_and(|code| code.starts_with("57P") || code.starts_with("08")),
            _ => false,
        }
    }

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
    pool: Pool,
    health: std::sync::Arc<health::Health>,
}

/// The pool of whichever backend the URL named.
#[derive(Clone, Debug)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Store {
    /// Opens the database at `url` and applies the migrations: `postgres://…` (the database
    /// must exist), or `sqlite://path` / `sqlite::memory:` (created if needed).
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Store::open_postgres(url).await;
        }
        if !url.starts_with("sqlite:") {
            return Err(StoreError::UnknownUrl);
        }
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
        // Servers starting together on one file open and migrate it one after another: the
        // first connection to a new file switches it to WAL, which another server's connection
        // doing the same at that moment is refused ("database is locked", not waited for).
        let _migrating = match memory {
            true => None,
            false => Some(migration_lock(options.get_filename()).await?),
        };
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
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Store::on(Pool::Sqlite(pool)))
    }

    /// Opens a PostgreSQL database. Servers starting together migrate safely: sqlx holds an
    /// advisory lock while it migrates, so one migrates and the others wait and find it done.
    async fn open_postgres(url: &str) -> Result<Store, StoreError> {
        let options =
            sqlx::postgres::PgConnectOptions::from_str(url)?.application_name("helpline-assist");
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(16)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(3))
            .idle_timeout(Some(Duration::from_secs(600)))
            .max_lifetime(Some(Duration::from_secs(3600)))
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Store::on(Pool::Postgres(pool)))
    }

    fn on(pool: Pool) -> Store {
        Store {
            pool,
            health: Default::default(),
        }
    }

    /// SQLite's own check of the whole file: `"ok"` when intact. PostgreSQL checks its pages
    /// itself: there it is `"ok"` when the database answers.
    pub async fn integrity_check(&self) -> Result<String, StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => Ok(sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(pool)
                .await?),
            Pool::Postgres(_) => self.ping().await.map(|()| "ok".to_string()),
        }
    }

    /// Closes every connection (on shutdown, so SQLite folds its write-ahead log back into the
    /// file). Every query after this fails.
    pub async fn close(&self) {
        with_pool!(self, |pool, Db| {
            pool.close().await;
        })
    }

    /// Is the database answering? One trivial query.
    pub async fn ping(&self) -> Result<(), StoreError> {
        with_pool!(self, |pool, Db| {
            sqlx::query("SELECT 1").execute(pool).await?;
            Ok(())
        })
    }
}
