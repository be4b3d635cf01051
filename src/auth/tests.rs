//! Accounts on an in-memory database.

use super::password::{check_new_password, check_username};
use super::*;
use crate::domain::Role;
use crate::store::Store;

const GOOD: &str = "correct horse battery staple 42";

async fn auth() -> Auth {
    Auth::new(Store::in_memory().await.expect("database opens"))
}

#[test]
fn weak_and_common_passwords_are_refused() {
    for weak in [
        "short",
        "password123",
        "qwertyuiop",
        "1234567890",
        "iloveyou12",
        "ann.smith-ann.smith",
    ] {
        assert!(check_new_password("ann.smith", weak).is_err(), "{weak}");
    }
    assert!(check_new_password("ann", GOOD).is_ok());
}

#[test]
fn user_names_use_a_safe_charset() {
    assert!(check_username("ann.smith-2").is_ok());
    for bad in [
        "ab",
        "Ann",
        "1ann",
        "ann smith",
        "<script>",
        "ann@example.org",
    ] {
        assert!(check_username(bad).is_err(), "{bad}");
    }
}

#[tokio::test]
async fn sign_in_checks_the_password_and_the_account() {
    let auth = auth().await;
    auth.create_user("t", "ann", GOOD, Role::Supervisor, "")
        .await
        .unwrap();
    let secret = auth
        .sign_in("ANN ", GOOD, "c")
        .await
        .expect("names are case-insensitive");
    let user = auth.user_for_session(&secret).await.unwrap().unwrap();
    assert_eq!(
        (user.username.as_str(), user.role),
        ("ann", Role::Supervisor)
    );
    assert!(matches!(
        auth.sign_in("ann", "nope nope nope", "c").await,
        Err(AuthError::BadCredentials)
    ));
    assert!(matches!(
        auth.sign_in("bob", GOOD, "c").await,
        Err(AuthError::BadCredentials)
    ));
    auth.create_user("t", "cat", GOOD, Role::Admin, "")
        .await
        .unwrap();
    auth.set_disabled("t", "ann", true, "").await.unwrap();
    assert!(
        auth.user_for_session(&secret).await.unwrap().is_none(),
        "disabling ends sessions"
    );
    assert!(matches!(
        auth.sign_in("ann", GOOD, "c").await,
        Err(AuthError::BadCredentials)
    ));
}

#[tokio::test]
async fn duplicate_users_and_tokens_are_refused_clearly() {
    let auth = auth().await;
    auth.create_user("t", "ann", GOOD, Role::Specialist, "")
        .await
        .unwrap();
    let err = auth
        .create_user("t", "ann", GOOD, Role::Specialist, "")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    auth.create_token("t", "crm", Role::Specialist, "")
        .await
        .unwrap();
    assert!(
        auth.create_token("t", "crm", Role::Specialist, "")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn tokens_store_only_a_hash_and_act_with_their_role() {
    let auth = auth().await;
    let secret = auth
        .create_token("ada", "phone-system", Role::Supervisor, "")
        .await
        .unwrap();
    assert_eq!(secret.len(), 64);
    let user = auth.user_for_token(&secret).await.unwrap().unwrap();
    assert_eq!(
        (user.username.as_str(), user.role),
        ("token:phone-system", Role::Supervisor)
    );
    let listed = auth.tokens().await.unwrap();
    assert_eq!(listed[0].created_by, "ada");
    assert!(!format!("{listed:?}").contains(&secret));
}

#[tokio::test]
async fn every_change_is_audited() {
    let auth = auth().await;
    auth.create_user("ada", "ann", GOOD, Role::Specialist, "10.0.0.1")
        .await
        .unwrap();
    let _ = auth.sign_in("ann", "wrong wrong wrong", "10.0.0.2").await;
    auth.set_role("ada", "ann", Role::Supervisor, "10.0.0.1")
        .await
        .unwrap();
    auth.create_token("ada", "crm", Role::Specialist, "")
        .await
        .unwrap();
    auth.revoke_token("ada", "crm", "").await.unwrap();
    let actions: Vec<String> = auth
        .audit_log(10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            "token revoked",
            "token created (specialist)",
            "role changed to supervisor",
            "sign-in failed",
            "user added (specialist)"
        ]
    );
}

/// The attack that found the hole: a burst of wrong passwords for one account from one client,
/// all sent at once. Counted before hashing, at most the free failures reach the password check;
/// the rest are refused, and hashing never runs more than the gate's slots at once (each
/// argon2 check holds about 19 MiB, so this bounds memory).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_parallel_sign_ins_is_throttled_before_hashing() {
    use super::gate::MAX_CONCURRENT_HASHES;
    use super::throttle::FREE_PAIR_FAILURES;
    let auth = std::sync::Arc::new(auth().await);
    auth.create_user("t", "ann", GOOD, Role::Specialist, "")
        .await
        .unwrap();
    let (hashed_before, _) = auth.password_checks();
    let attempts: Vec<_> = (0..24)
        .map(|i| {
            let auth = auth.clone();
            tokio::spawn(async move {
                auth.sign_in("ann", &format!("wrong guess number {i}"), "203.0.113.9")
                    .await
            })
        })
        .collect();
    let mut throttled = 0;
    let mut refused = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Err(AuthError::Throttled(_)) => throttled += 1,
            Err(AuthError::BadCredentials) => refused += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    let (hashed, peak) = auth.password_checks();
    assert_eq!(refused, FREE_PAIR_FAILURES as usize);
    assert_eq!(throttled, 24 - FREE_PAIR_FAILURES as usize);
    assert_eq!(hashed - hashed_before, u64::from(FREE_PAIR_FAILURES));
    assert!(peak <= MAX_CONCURRENT_HASHES, "{peak} hashes at once");
    // The account's owner, on another computer, is not locked out by the stranger's burst.
    assert!(auth.sign_in("ann", GOOD, "10.0.0.1").await.is_ok());
}

#[tokio::test]
async fn malformed_names_and_huge_passwords_never_reach_the_hash() {
    let auth = auth().await;
    let (before, _) = auth.password_checks();
    for name in ["x".repeat(60_000), "<script>".into(), "a b".into()] {
        assert!(matches!(
            auth.sign_in(&name, GOOD, "c").await,
            Err(AuthError::BadCredentials)
        ));
    }
    assert!(matches!(
        auth.sign_in("ann", &"p".repeat(10_000), "c").await,
        Err(AuthError::BadCredentials)
    ));
    assert_eq!(auth.password_checks().0, before);
    let audit = auth.audit_log(10).await.unwrap();
    assert!(audit.iter().all(|e| e.actor.chars().count() <= 201));
}
