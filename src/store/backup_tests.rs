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

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the copy holds password hashes");
    }
    let again = live.backup_to(&copy).await.unwrap_err();
    assert!(matches!(again, StoreError::BackupExists(_)), "{again}");
    assert!(restored.user_by_name("ada").await.unwrap().is_some());
}

#[tokio::test]
async fn a_backup_reads_the_database_as_it_is_and_never_makes_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = format!("sqlite://{}", dir.path().join("nothing.db").display());
    let err = Store::open_for_backup(&missing).await.unwrap_err();
    assert!(matches!(err, StoreError::NoDatabase(_)), "{err}");
    assert!(
        !dir.path().join("nothing.db").exists(),
        "no empty database was made"
    );

    let url = format!("sqlite://{}", dir.path().join("live.db").display());
    let live = Store::open(&url).await.unwrap();
    live.create_user("ada", "hash", Role::Admin).await.unwrap();
    let (reader, path) = Store::open_for_backup(&url).await.unwrap();
    assert!(path.is_absolute());
    let copy = dir.path().join("copy.db");
    reader.backup_to(&copy).await.unwrap();
    let restored = Store::open(&format!("sqlite://{}", copy.display()))
        .await
        .unwrap();
    assert!(restored.user_by_name("ada").await.unwrap().is_some());
}
