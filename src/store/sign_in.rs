//! Sign-in failures counted in the database, so that every server sharing it sees every
//! attempt: per key (a name from one client, a client, a name from anywhere) how many
//! failures and when the last was, and which clients have signed in as which users. The
//! policy (how many are free, how long to wait) is the auth service's; this module counts
//! and, when asked, adds an attempt in the same serialized transaction as it reads.

use super::{Store, StoreError};

/// Failures counted against one key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FailureCount {
    pub count: i64,
    /// Seconds since the epoch of the last failure (0 when none).
    pub last_at: i64,
}

/// What a failure is counted against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKey<'a> {
    /// A user name from one client.
    Pair { name: &'a str, client: &'a str },
    /// One client, whatever the name.
    Client(&'a str),
    /// One user name, from anywhere.
    Name(&'a str),
}

impl FailureKey<'_> {
    fn columns(&self) -> (&'static str, String) {
        match self {
            FailureKey::Pair { name, client } => ("pair", format!("{name}\n{client}")),
            FailureKey::Client(client) => ("client", client.to_string()),
            FailureKey::Name(name) => ("name", name.to_string()),
        }
    }
}

/// The counts read for an attempt, in the order of its keys, and when the client last
/// signed in as the user (if it ever did and that was asked).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttemptCounts {
    pub failures: Vec<FailureCount>,
    pub known_at: Option<i64>,
}

impl Store {
    /// Reads the counts of `keys` (failures before `forget_before` count as none) and of the
    /// `known` (name, client) pair; then, unless `refuse` says the attempt is refused, adds
    /// one failure to each key at `now` (a success later takes it back). All in one write
    /// transaction that every server takes in turn, so attempts sent together, to one server
    /// or to several, are counted one after another.
    pub async fn count_sign_in_attempt(
        &self,
        keys: &[FailureKey<'_>],
        known: Option<(&str, &str)>,
        now: i64,
        forget_before: i64,
        refuse: impl Fn(&AttemptCounts) -> bool,
    ) -> Result<AttemptCounts, StoreError> {
        with_pool!(self, |pool, Db| {
            let mut tx = begin_write!(pool, Db);
            let mut counts = AttemptCounts::default();
            for key in keys {
                let (kind, key) = key.columns();
                let row: Option<(i64, i64)> = sqlx::query_as(
                    "SELECT count, last_at FROM sign_in_failures WHERE kind = $1 AND key = $2",
                )
                .bind(kind)
                .bind(&key)
                .fetch_optional(&mut *tx)
                .await?;
                counts.failures.push(match row {
                    Some((count, last_at)) if last_at >= forget_before => {
                        FailureCount { count, last_at }
                    }
                    _ => FailureCount::default(),
                });
            }
            if let Some((name, client)) = known {
                counts.known_at = sqlx::query_scalar(
                    "SELECT at FROM sign_in_known WHERE username = $1 AND client = $2",
                )
                .bind(name)
                .bind(client)
                .fetch_optional(&mut *tx)
                .await?;
            }
            if !refuse(&counts) {
                for key in keys {
                    let (kind, key) = key.columns();
                    sqlx::query(
                        "INSERT INTO sign_in_failures (kind, key, count, last_at) VALUES ($1, $2, 1, $3) \
                         ON CONFLICT (kind, key) DO UPDATE SET last_at = excluded.last_at, \
                         count = CASE WHEN sign_in_failures.last_at < $4 THEN 1 \
                                      ELSE sign_in_failures.count + 1 END",
                    )
                    .bind(kind)
                    .bind(&key)
                    .bind(now)
                    .bind(forget_before)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
            Ok(counts)
        })
    }

    /// A sign-in succeeded: the client's failures (for the name and overall) are forgotten,
    /// the name's count loses the attempt counted for it, and the client is known for the name.
    pub async fn sign_in_succeeded(
        &self,
        name: &str,
        client: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let pair = FailureKey::Pair { name, client }.columns().1;
        with_pool!(self, |pool, Db| {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "DELETE FROM sign_in_failures WHERE (kind = 'pair' AND key = $1) \
                 OR (kind = 'client' AND key = $2)",
            )
            .bind(&pair)
            .bind(client)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE sign_in_failures SET count = CASE WHEN count > 0 THEN count - 1 ELSE 0 END \
                 WHERE kind = 'name' AND key = $1",
            )
            .bind(name)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO sign_in_known (username, client, at) VALUES ($1, $2, $3) \
                 ON CONFLICT (username, client) DO UPDATE SET at = excluded.at",
            )
            .bind(name)
            .bind(client)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Forgets failures before `failures_before` and known clients before `known_before`;
    /// returns how many records went.
    pub async fn purge_sign_in_records(
        &self,
        failures_before: i64,
        known_before: i64,
    ) -> Result<u64, StoreError> {
        with_pool!(self, |pool, Db| {
            let failures = sqlx::query("DELETE FROM sign_in_failures WHERE last_at < $1")
                .bind(failures_before)
                .execute(pool)
                .await?;
            let known = sqlx::query("DELETE FROM sign_in_known WHERE at < $1")
                .bind(known_before)
                .execute(pool)
                .await?;
            Ok(failures.rows_affected() + known.rows_affected())
        })
    }
}
