//! The counts the triggers keep (per hour, per hour and rank, per query group) always equal
//! what grouping the log itself gives, through inserts, a row replaced while typing, uses and
//! the retention purge.

use super::{NewQuery, Store};
use crate::domain::{Role, UseAction};

async fn raw_and_kept(store: &Store) -> (Vec<(i64, i64, i64)>, Vec<(i64, i64, i64)>) {
    let raw_hours = with_pool!(store, |pool, Db| {
        sqlx::query_as(
            "SELECT at / 3600, COUNT(*), COUNT(*) FILTER (WHERE hits > 0) FROM query_log \
             GROUP BY at / 3600 ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    });
    let kept_hours = store.hour_counts(0, i64::MAX / 2).await.unwrap();
    (raw_hours, kept_hours)
}

async fn groups(store: &Store, table: &str) -> Vec<(String, i64, i64, i64, i64, i64)> {
    let sql = if table == "raw" {
        "SELECT normalized, COUNT(*), COUNT(*) FILTER (WHERE hits = 0), \
         COUNT(*) FILTER (WHERE hits > 0 AND used_rank IS NULL), MIN(at), MAX(at) FROM query_log WHERE normalized != '' GROUP BY normalized ORDER BY normalized"
    } else {
        "SELECT normalized, searches, zero, no_click, first_at, last_at FROM query_group_totals ORDER BY normalized"
    };
    with_pool!(store, |pool, Db| {
        sqlx::query_as(sql).fetch_all(pool).await.unwrap()
    })
}

async fn uses(store: &Store) -> (Vec<(i64, i64)>, Vec<(i64, i64)>) {
    let raw = with_pool!(store, |pool, Db| {
        sqlx::query_as(
            "SELECT used_rank, COUNT(*) FROM query_log WHERE used_rank IS NOT NULL \
             GROUP BY used_rank ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    });
    let (_, kept) = store.use_by_rank(0, i64::MAX / 2).await.unwrap();
    (raw, kept)
}

async fn assert_consistent(store: &Store, step: &str) {
    let (raw, kept) = raw_and_kept(store).await;
    assert_eq!(raw, kept, "hours after {step}");
    assert_eq!(
        groups(store, "raw").await,
        groups(store, "kept").await,
        "groups after {step}"
    );
    let (raw, kept) = uses(store).await;
    assert_eq!(raw, kept, "uses after {step}");
}

fn row<'a>(reference: &'a str, at: i64, normalized: &'a str, hits: i64) -> NewQuery<'a> {
    NewQuery {
        reference,
        at,
        role: Role::Specialist,
        lang: "en",
        query: normalized,
        normalized,
        hits,
        link: None,
    }
}

#[tokio::test]
async fn kept_counts_follow_every_change_to_the_log() {
    let store = Store::in_memory().await.unwrap();
    let day = 86_400 * 20_000;
    for (i, (group, hits)) in [
        ("fever", 0),
        ("fever", 3),
        ("maint", 5),
        ("maint", 0),
        ("", 0),
    ]
    .into_iter()
    .enumerate()
    {
        let reference = format!("r{i}");
        store
            .log_query(&row(&reference, day + i as i64 * 1800, group, hits), None)
            .await
            .unwrap();
    }
    assert_consistent(&store, "inserts").await;
    // The specialist keeps typing: row r1 becomes another group, an hour later.
    let replaced = store
        .log_query(&row("r1b", day + 7200, "maint long", 2), Some(("r1", day)))
        .await
        .unwrap();
    assert!(replaced);
    assert_consistent(&store, "a replaced row").await;
    assert!(store.record_use("r2", 1, UseAction::Copy).await.unwrap());
    assert!(
        store.record_use("r1", 2, UseAction::Open).await.unwrap(),
        "a replaced row keeps its reference"
    );
    assert_consistent(&store, "uses").await;
    assert_eq!(store.delete_queries_before(day + 4000).await.unwrap(), 2);
    assert_consistent(&store, "the purge").await;
    assert_eq!(store.delete_queries_before(i64::MAX / 2).await.unwrap(), 3);
    assert_consistent(&store, "emptying the log").await;
    assert!(groups(&store, "kept").await.is_empty());
}

#[tokio::test]
async fn the_lists_count_the_same_whichever_way_they_are_read() {
    let store = Store::in_memory().await.unwrap();
    let start = 86_400 * 20_000;
    let groups = ["fever", "maint", "port", "fever", "fever", "maint"];
    for i in 0..60i64 {
        let group = groups[i as usize % groups.len()];
        let reference = format!("r{i}");
        let hits = if i % 4 == 0 { 0 } else { 3 };
        store
            .log_query(&row(&reference, start + i * 3600, group, hits), None)
            .await
            .unwrap();
        if i % 3 == 0 {
            store
                .record_use(&reference, 1, UseAction::Open)
                .await
                .unwrap();
        }
    }
    // Most of the log (the totals less what is outside), then a small part (the log itself).
    for (from, to) in [
        (start + 5 * 3600, start + 58 * 3600),
        (start + 10 * 3600, start + 20 * 3600),
    ] {
        let [top, zero, no_click] = store.group_lists(from, to, 10).await.unwrap();
        let raw: Vec<(String, i64, i64, i64)> = with_pool!(store, |pool, Db| {
            sqlx::query_as(
                "SELECT normalized, COUNT(*), COUNT(*) FILTER (WHERE hits = 0), \
                 COUNT(*) FILTER (WHERE hits > 0 AND used_rank IS NULL) FROM query_log \
                 WHERE at >= $1 AND at < $2 GROUP BY normalized",
            )
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await
            .unwrap()
        });
        for (group, count, zeros, no_clicks) in raw {
            let find = |list: &[super::QueryGroupRow]| {
                list.iter().find(|r| r.normalized == group).map(|r| r.count)
            };
            assert_eq!(find(&top), Some(count), "{group} in [{from}, {to})");
            assert_eq!(find(&zero), (zeros > 0).then_some(zeros), "{group}");
            assert_eq!(
                find(&no_click),
                (no_clicks > 0).then_some(no_clicks),
                "{group}"
            );
        }
    }
}
