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
