//! Databases for tests: SQLite in memory or in a file, or the same tests on PostgreSQL when
//! `HELPLINE_TEST_POSTGRES_URL` names a server (`scripts/test` starts a throw-away one with
//! `scripts/postgres` and runs the whole suite a second time).

use super::{Store, StoreError};

impl Store {
    /// An empty database for unit tests: SQLite in memory (one connection), or a new
    /// PostgreSQL database (see `open_for_tests`).
    pub async fn in_memory() -> Result<Store, StoreError> {
        Store::open_for_tests("sqlite::memory:").await
    }

    /// For tests: opens `sqlite_url`, or, when `HELPLINE_TEST_POSTGRES_URL` names a PostgreSQL
    /// server (`postgres://user@host:port`, no database), a database there standing for it:
    /// a new one for `sqlite::memory:`, and for a file the same one each time that file is
    /// named (two "servers" of a test share it as they would share the file). `scripts/test`
    /// runs the tests once each way, so every test that goes through the store runs on both.
    pub async fn open_for_tests(sqlite_url: &str) -> Result<Store, StoreError> {
        match std::env::var("HELPLINE_TEST_POSTGRES_URL") {
            Ok(server) if !server.trim().is_empty() => {
                let file = (!sqlite_url.contains(":memory:")).then_some(sqlite_url);
                Ok(Store::fresh_postgres(server.trim(), file).await?.0)
            }
            _ => Store::open(sqlite_url).await,
        }
    }

    /// Two handles on one new database, as two servers sharing it have (for tests): a SQLite
    /// file in `dir`, or a new PostgreSQL database when `HELPLINE_TEST_POSTGRES_URL` is set.
    #[cfg(test)]
    pub(crate) async fn shared_pair(dir: &std::path::Path) -> (Store, Store) {
        let url = match std::env::var("HELPLINE_TEST_POSTGRES_URL") {
            Ok(server) if !server.trim().is_empty() => Store::fresh_postgres(server.trim(), None)
                .await
                .map(|(_, url)| url)
                .expect("a PostgreSQL database for the test"),
            _ => format!("sqlite://{}", dir.join("shared.db").display()),
        };
        (
            Store::open(&url).await.expect("first handle"),
            Store::open(&url).await.expect("second handle"),
        )
    }

    /// A database on the PostgreSQL server at `server`, and its URL: new and empty, or (for
    /// `file`) the one standing for that file, created the first time.
    async fn fresh_postgres(
        server: &str,
        file: Option<&str>,
    ) -> Result<(Store, String), StoreError> {
        use sqlx::Connection;
        use std::hash::{Hash, Hasher};
        static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let name = match file {
            Some(file) => {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                file.hash(&mut hasher);
                format!("test_file_{:016x}", hasher.finish())
            }
            None => format!(
                "test_{}_{}_{}",
                std::process::id(),
                chrono::Utc::now().timestamp_micros(),
                MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            ),
        };
        let server = server.trim_end_matches('/');
        let mut admin = sqlx::PgConnection::connect(&format!("{server}/postgres")).await?;
        let created = sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await;
        match created {
            // It exists: another "server" of the same test made it (42P04), or is making it
            // this very moment (23505 on the catalog).
            Err(sqlx::Error::Database(err))
                if matches!(err.code().as_deref(), Some("42P04") | Some("23505")) => {}
            other => {
                other?;
            }
        }
        admin.close().await?;
        let url = format!("{server}/{name}");
        Ok((Store::open(&url).await?, url))
    }
}
