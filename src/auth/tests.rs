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
    assert_eq!(hashed - hashed_before, FREE_PAIR_FAILURES as u64);
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

async fn signed_in(auth: &Auth, name: &str, password: &str) -> (String, CurrentUser) {
    let secret = auth.sign_in(name, password, "c").await.unwrap();
    let user = auth.user_for_session(&secret).await.unwrap().unwrap();
    (secret, user)
}

#[tokio::test]
async fn users_change_their_own_password_and_their_other_sessions_end() {
    let auth = auth().await;
    auth.create_user("t", "ann", GOOD, Role::Specialist, "")
        .await
        .unwrap();
    let (_, elsewhere) = signed_in(&auth, "ann", GOOD).await;
    let (here_secret, here) = signed_in(&auth, "ann", GOOD).await;
    assert!(matches!(
        auth.change_own_password(&here, "not my password", "violet canyon drift 77", "c")
            .await,
        Err(AuthError::WrongCurrentPassword)
    ));
    assert!(matches!(
        auth.change_own_password(&here, GOOD, "password123", "c")
            .await,
        Err(AuthError::WeakPassword(_))
    ));
    auth.change_own_password(&here, GOOD, "violet canyon drift 77", "c")
        .await
        .expect("changed");
    assert!(
        auth.user_for_session(&here_secret).await.unwrap().is_some(),
        "this one stays"
    );
    let sessions = auth.my_sessions(&here).await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].current);
    let _ = elsewhere;
    assert!(matches!(
        auth.sign_in("ann", GOOD, "c").await,
        Err(AuthError::BadCredentials)
    ));
    assert!(
        auth.sign_in("ann", "violet canyon drift 77", "c")
            .await
            .is_ok()
    );
    let actions: Vec<String> = auth
        .audit_log(20)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"password changed".to_string()));
    assert!(actions.contains(&"password change refused".to_string()));
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session_and_sessions_are_capped() {
    use crate::store::MAX_SESSIONS_PER_USER;
    let auth = auth().await;
    auth.create_user("t", "ann", GOOD, Role::Specialist, "")
        .await
        .unwrap();
    let (first, _) = signed_in(&auth, "ann", GOOD).await;
    let mut last = None;
    for _ in 0..MAX_SESSIONS_PER_USER {
        last = Some(signed_in(&auth, "ann", GOOD).await);
    }
    let (last_secret, last_user) = last.unwrap();
    assert!(
        auth.user_for_session(&first).await.unwrap().is_none(),
        "the oldest ended"
    );
    assert_eq!(
        auth.my_sessions(&last_user).await.unwrap().len() as i64,
        MAX_SESSIONS_PER_USER
    );
    assert_eq!(
        auth.sign_out_everywhere(&last_user, "c").await.unwrap() as i64,
        MAX_SESSIONS_PER_USER
    );
    assert!(auth.user_for_session(&last_secret).await.unwrap().is_none());
    let token_user = CurrentUser {
        username: "token:crm".into(),
        role: Role::Specialist,
        session: None,
    };
    assert!(
        auth.sign_out_everywhere(&token_user, "c").await.is_err(),
        "tokens have no sessions"
    );
}

#[tokio::test]
async fn tokens_can_expire_and_show_their_last_use() {
    let auth = auth().await;
    assert!(
        auth.create_token_expiring("ada", "bad", Role::Specialist, Some(0), "")
            .await
            .is_err()
    );
    let secret = auth
        .create_token_expiring("ada", "crm", Role::Specialist, Some(30), "")
        .await
        .unwrap();
    assert!(auth.tokens().await.unwrap()[0].last_used.is_none());
    assert!(auth.user_for_token(&secret).await.unwrap().is_some());
    let listed = &auth.tokens().await.unwrap()[0];
    assert!(
        listed.expires.is_some() && listed.last_used.is_some(),
        "{listed:?}"
    );
    // A token past its expiry no longer works.
    auth.store()
        .create_token(
            "old",
            &crate::secret::hash_secret("old-secret"),
            Role::Specialist,
            "ada",
            Some(crate::store::now() - 1),
        )
        .await
        .unwrap();
    assert!(auth.user_for_token("old-secret").await.unwrap().is_none());
}

#[tokio::test]
async fn the_daily_purge_deletes_expired_sessions_only() {
    use super::service::IDLE_SECS;
    let auth = auth().await;
    auth.create_user("t", "ann", GOOD, Role::Specialist, "")
        .await
        .unwrap();
    signed_in(&auth, "ann", GOOD).await;
    signed_in(&auth, "ann", GOOD).await;
    let now = crate::store::now();
    assert_eq!(
        auth.purge_expired_sessions(now).await.unwrap(),
        0,
        "both are live"
    );
    auth.store()
        .backdate_sessions(IDLE_SECS + 60, IDLE_SECS + 60)
        .await
        .unwrap();
    assert_eq!(auth.purge_expired_sessions(now).await.unwrap(), 2);
    let (_, user) = signed_in(&auth, "ann", GOOD).await;
    assert_eq!(auth.my_sessions(&user).await.unwrap().len(), 1);
}

#[tokio::test]
async fn with_the_database_unreachable_sign_in_is_a_503_and_nothing_is_half_done() {
    use crate::error::AppError;
    let store = Store::in_memory().await.expect("database opens");
    let auth = Auth::new(store.clone());
    auth.create_user("t", "ann", GOOD, Role::Specialist, "")
        .await
        .expect("user");
    store.close().await;
    let err = auth
        .sign_in("ann", GOOD, "10.0.0.1")
        .await
        .expect_err("no database, no session");
    let shown = AppError::from(err);
    assert_eq!(shown, AppError::DatabaseDown);
    assert_eq!(shown.status_code(), 503);
}

#[tokio::test]
async fn in_an_outage_a_recently_confirmed_session_or_token_still_searches_and_others_get_503() {
    use crate::error::AppError;
    let store = Store::in_memory().await.expect("database opens");
    let auth = Auth::new(store.clone());
    auth.create_user("t", "ann", GOOD, Role::Specialist, "")
        .await
        .expect("user");
    auth.create_user("t", "bob", GOOD, Role::Specialist, "")
        .await
        .expect("user");
    let ann = auth
        .sign_in("ann", GOOD, "10.0.0.1")
        .await
        .expect("signs in");
    let bob = auth
        .sign_in("bob", GOOD, "10.0.0.2")
        .await
        .expect("signs in");
    let token = auth
        .create_token("t", "feed", Role::Specialist, "")
        .await
        .expect("token");
    // Checked while the database answers (bob's session is not, so it is not remembered).
    assert!(auth.user_for_session(&ann).await.unwrap().is_some());
    assert!(auth.user_for_token(&token).await.unwrap().is_some());

    store.close().await;
    let during = auth.user_for_session(&ann).await.expect("from memory");
    assert_eq!(during.map(|u| u.username), Some("ann".to_string()));
    assert!(
        auth.user_for_token(&token)
            .await
            .expect("from memory")
            .is_some()
    );
    let unconfirmed = auth
        .user_for_session(&bob)
        .await
        .expect_err("never confirmed");
    assert_eq!(AppError::from(unconfirmed).status_code(), 503);
    let unknown = auth
        .user_for_session("not-a-session")
        .await
        .expect_err("unknown");
    assert_eq!(AppError::from(unknown), AppError::DatabaseDown);
}
