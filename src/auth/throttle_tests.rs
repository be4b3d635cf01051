//! The sign-in throttle's policy, on the database (both backends in `scripts/test`), and two
//! servers sharing one database counting together.

use super::*;

fn refused(v: Verdict) -> bool {
    matches!(v, Verdict::Wait(_))
}

async fn throttle() -> LoginThrottle {
    LoginThrottle::new(Store::in_memory().await.expect("database"))
}

const NOW: i64 = 1_900_000_000;

#[tokio::test]
async fn five_failures_from_a_client_are_free_then_waits_double() {
    let t = throttle().await;
    for _ in 0..FREE_PAIR_FAILURES {
        assert_eq!(
            t.attempt("ann", "10.0.0.1", NOW).await.unwrap(),
            Verdict::Proceed(Duration::ZERO)
        );
    }
    assert_eq!(
        t.attempt("ann", "10.0.0.1", NOW).await.unwrap(),
        Verdict::Wait(Duration::from_secs(30))
    );
    let later = NOW + 31;
    assert!(!refused(t.attempt("ann", "10.0.0.1", later).await.unwrap()));
    assert_eq!(
        t.attempt("ann", "10.0.0.1", later).await.unwrap(),
        Verdict::Wait(Duration::from_secs(60)),
        "the wait doubles"
    );
}

#[tokio::test]
async fn a_stranger_cannot_lock_a_name_for_everyone() {
    let t = throttle().await;
    for _ in 0..20 {
        t.attempt("ann", "203.0.113.9", NOW).await.unwrap();
    }
    assert!(refused(t.attempt("ann", "203.0.113.9", NOW).await.unwrap()));
    assert!(
        !refused(t.attempt("ann", "10.0.0.1", NOW).await.unwrap()),
        "ann's own computer still may try"
    );
}

#[tokio::test]
async fn many_failures_for_a_name_slow_strangers_but_not_a_known_client() {
    let t = throttle().await;
    assert!(!refused(t.attempt("ann", "10.0.0.1", NOW).await.unwrap()));
    t.succeeded("ann", "10.0.0.1", NOW).await.unwrap();
    for i in 0..(FREE_NAME_FAILURES + 3) {
        let client = format!("198.51.100.{i}");
        assert!(!refused(t.attempt("ann", &client, NOW).await.unwrap()));
    }
    assert_eq!(
        t.attempt("ann", "198.51.100.200", NOW).await.unwrap(),
        Verdict::Proceed(Duration::from_secs(3))
    );
    assert_eq!(
        t.attempt("ann", "10.0.0.1", NOW).await.unwrap(),
        Verdict::Proceed(Duration::ZERO)
    );
}

#[tokio::test]
async fn spraying_many_names_from_one_client_is_stopped() {
    let t = throttle().await;
    for i in 0..FREE_CLIENT_FAILURES {
        let name = format!("user{i}");
        assert!(!refused(
            t.attempt(&name, "203.0.113.9", NOW).await.unwrap()
        ));
    }
    assert!(refused(
        t.attempt("someone", "203.0.113.9", NOW).await.unwrap()
    ));
    assert!(t.rejected("203.0.113.9", NOW).await.unwrap().is_some());
}

#[tokio::test]
async fn success_forgets_the_clients_failures() {
    let t = throttle().await;
    for _ in 0..4 {
        t.attempt("ann", "c", NOW).await.unwrap();
    }
    t.succeeded("ann", "c", NOW).await.unwrap();
    for _ in 0..FREE_PAIR_FAILURES {
        assert!(!refused(t.attempt("ann", "c", NOW).await.unwrap()));
    }
}

#[tokio::test]
async fn failures_older_than_an_hour_are_forgotten_and_purged() {
    let t = throttle().await;
    for _ in 0..(FREE_PAIR_FAILURES + 1) {
        t.attempt("ann", "c", NOW).await.unwrap();
    }
    assert!(refused(t.attempt("ann", "c", NOW + 10).await.unwrap()));
    let hour_on = NOW + MEMORY_SECS + 1;
    assert!(!refused(t.attempt("ann", "c", hour_on).await.unwrap()));
    assert!(t.purge(hour_on + MEMORY_SECS + 1).await.unwrap() > 0);
}

#[tokio::test]
async fn attempts_spread_over_servers_are_counted_together() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = Store::shared_pair(dir.path()).await;
    let (one, two) = (LoginThrottle::new(a), LoginThrottle::new(b));
    // Sent at once, alternately to two servers: exactly the free ones go ahead.
    let mut going = Vec::new();
    for i in 0..(2 * FREE_PAIR_FAILURES) {
        let server = if i % 2 == 0 { one.clone() } else { two.clone() };
        going.push(tokio::spawn(async move {
            server.attempt("ann", "203.0.113.9", NOW).await.unwrap()
        }));
    }
    let mut proceeded = 0;
    for attempt in going {
        if !refused(attempt.await.unwrap()) {
            proceeded += 1;
        }
    }
    assert_eq!(proceeded, FREE_PAIR_FAILURES);
}

#[test]
fn the_wait_is_capped() {
    assert_eq!(wait_after(100, FREE_PAIR_FAILURES), LONGEST_WAIT_SECS);
}
