//! The few places where SQLite and PostgreSQL need different SQL, as constants per backend
//! (used inside `with_pool!`, where `Db` names the backend's sqlx database type).

pub(crate) trait Dialect {
    /// Starts a transaction that writes: SQLite takes the write lock at once, so two
    /// publishers wait for each other instead of failing half-way.
    const BEGIN_WRITE: &'static str;
    /// Run first in a writing transaction: PostgreSQL serializes publishers with a
    /// transaction-scoped advisory lock (released at commit or rollback).
    const WRITE_LOCK: Option<&'static str>;
    /// The column that orders sessions begun in the same second (SQLite's rowid; a sequence
    /// column on PostgreSQL).
    const SESSION_SEQ: &'static str;
}

impl Dialect for sqlx::Sqlite {
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const WRITE_LOCK: Option<&'static str> = None;
    const SESSION_SEQ: &'static str = "rowid";
}

impl Dialect for sqlx::Postgres {
    const BEGIN_WRITE: &'static str = "BEGIN";
    /// One lock for every content write (the number is arbitrary, fixed for this app).
    const WRITE_LOCK: Option<&'static str> = Some("SELECT pg_advisory_xact_lock(4807311)");
    const SESSION_SEQ: &'static str = "seq";
}
