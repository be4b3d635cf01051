//! Backups of the SQLite database while it serves: `VACUUM INTO` copies it in one read
//! transaction (writers carry on; the copy is the database at one moment), from a read-only
//! connection that neither creates nor migrates anything. A PostgreSQL database is backed
//! up with its own `pg_dump`.

use super::{Pool, Store, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

impl Store {
    /// Opens the existing database at `url` read-only, for a backup: a missing file is an
    /// error (never a new empty database), and no migration runs (a newer program must not
    /// change the database under an older server).
    pub async fn open_for_backup(url: &str) -> Result<(Store, PathBuf), StoreError> {
        if url.starts_with("postgres") {
            return Err(StoreError::BackupNeedsPgDump);
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(false)
            .read_only(true)
            .busy_timeout(Duration::from_secs(5));
        let path = options.get_filename().to_path_buf();
        if !path.is_file() {
            return Err(StoreError::NoDatabase(path.display().to_string()));
        }
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        Ok((Store::on(Pool::Sqlite(pool)), path))
    }

    /// Writes a consistent copy of the whole database to `file`, readable by its owner only
    /// (it holds password hashes and the audit log). To restore, stop the server and put the
    /// copy in place of the database file, removing the `-wal` and `-shm` files beside it.
    /// Never overwrites `file`.
    pub async fn backup_to(&self, file: &Path) -> Result<(), StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Err(StoreError::BackupNeedsPgDump);
        };
        if file.exists() {
            return Err(StoreError::BackupExists(file.display().to_string()));
        }
        sqlx::query("VACUUM INTO $1")
            .bind(file.to_string_lossy().into_owned())
            .execute(pool)
            .await?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))
                .map_err(StoreError::BackupPermissions)?;
        }
        Ok(())
    }
}
