//! `backup_to`: a copy made while the database is in use holds what was committed, opens as a
//! database of its own (the restore), and never overwrites a file.

use super::*;
use crate::domain::Role;

#[tokio::test]
async fn a_backup_taken_while_open_restores_what_was_committed() {
    let dir = tempfile::tempdir().unwrap();
    let live = Store::open(&format!(
        "sqlite://{}",
        dir.path().join("live.db").display()
    ))
    .await
    .unwrap();
    live.create_user("ada", "hash", Role::Admin).await.unwrap();
    let copy = dir.path().join("copy.db");
    live.backup_to(&copy).await.unwrap();
    // Writes after the copy go on, and are not in it.
    live.create_user("sam", "hash", Role::Specialist)
        .await
        .unwrap();

    let restored = Store::open(&format!("sqlite://{}", copy.display()))
        .await
        .unwrap();
    assert_eq!(restored.integrity_check().await.unwrap(), "ok");
    assert!(restored.user_by_name("ada").await.unwrap().is_some());
    assert!(restored.user_by_name("sam").await.unwrap().is_none());
    assert_eq!(live.count_users().await.unwrap(), 2);

    let again = live.backup_to(&copy).await.unwrap_err();
    assert!(matches!(again, StoreError::BackupExists(_)), "{again}");
    assert!(restored.user_by_name("ada").await.unwrap().is_some());
}
