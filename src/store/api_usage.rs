//! Requests per key and clock minute on `/api/*`, added up across the servers sharing the
//! database (see `auth::rate_limit`).

use super::{Store, StoreError};

impl Store {
    /// Adds `counted` (key, requests) to the `minute`'s totals; gives each key's new total, in
    /// order. Also drops minutes before the previous one.
    pub async fn add_api_usage(
        &self,
        minute: i64,
        counted: &[(String, i64)],
    ) -> Result<Vec<i64>, StoreError> {
        self.quick(self.add_api_usage_now(minute, counted)).await
    }

    async fn add_api_usage_now(
        &self,
        minute: i64,
        counted: &[(String, i64)],
    ) -> Result<Vec<i64>, StoreError> {
        with_pool!(self, |pool, Db| {
            let mut tx = pool.begin().await?;
            let mut totals = Vec::with_capacity(counted.len());
            for (key, requests) in counted {
                let total: i64 = sqlx::query_scalar(
                    "INSERT INTO api_usage (key, minute, requests) VALUES ($1, $2, $3) \
                     ON CONFLICT (key, minute) DO UPDATE SET requests = api_usage.requests + excluded.requests \
                     RETURNING requests",
                )
                .bind(key)
                .bind(minute)
                .bind(requests)
                .fetch_one(&mut *tx)
                .await?;
                totals.push(total);
            }
            sqlx::query("DELETE FROM api_usage WHERE minute < $1")
                .bind(minute - 1)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(totals)
        })
    }
}
