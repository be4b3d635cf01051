//! A draft's life on an in-memory database: who may do what, and what each refusal leaves.

use super::*;
use crate::store::{NewRevision, Store};

async fn store_with_revision() -> (Store, RevisionRow) {
    let store = Store::in_memory().await.unwrap();
    let revision = NewRevision {
        doc_id: "maintenance".into(),
        lang: Lang::En,
        path: "en/maintenance.md".into(),
        body: "+++\nid = \"maintenance\"\n+++\nold text\n".into(),
        sha256: "h1".into(),
        author: "content folder".into(),
        approver: None,
        note: String::new(),
        created_at: 1,
        retired: false,
        original_revision: None,
    };
    store
        .import_file("maintenance", "h1", 1, Some((&revision, None)))
        .await
        .unwrap();
    let latest = store.latest_revisions().await.unwrap().remove(0);
    (store, latest)
}

fn edit<'a>(body: &'a str, user: &'a str) -> DraftEdit<'a> {
    DraftEdit {
        body,
        note: "why",
        user,
        rebase: None,
        seen: None,
    }
}

#[tokio::test]
async fn a_user_resumes_their_own_draft_and_others_get_their_own() {
    let (store, latest) = store_with_revision().await;
    let first = start(&store, &latest, "ana", 2).await.unwrap();
    assert_eq!(start(&store, &latest, "ana", 3).await.unwrap(), first);
    assert_ne!(start(&store, &latest, "ben", 3).await.unwrap(), first);
}

#[tokio::test]
async fn the_submitter_cannot_approve_and_another_supervisor_can() {
    let (store, latest) = store_with_revision().await;
    let id = start(&store, &latest, "ana", 2).await.unwrap();
    let draft = get(&store, id).await.unwrap();
    save(&store, &draft, edit("new text", "ana"), Some(&latest), 3)
        .await
        .unwrap();
    submit(
        &store,
        &get(&store, id).await.unwrap(),
        "ana",
        false,
        Some(&latest),
        4,
    )
    .await
    .unwrap();
    let submitted = get(&store, id).await.unwrap();
    assert_eq!(submitted.state, DraftState::Submitted);
    assert!(matches!(
        approval_refused(&submitted, "ana"),
        Some(EditorialError::NotAllowed(_))
    ));
    assert!(approval_refused(&submitted, "ben").is_none());
}

#[tokio::test]
async fn whoever_last_changed_the_text_cannot_approve_it() {
    let (store, latest) = store_with_revision().await;
    let id = start(&store, &latest, "ana", 2).await.unwrap();
    save(
        &store,
        &get(&store, id).await.unwrap(),
        edit("ben's words", "ben"),
        Some(&latest),
        3,
    )
    .await
    .unwrap();
    submit(
        &store,
        &get(&store, id).await.unwrap(),
        "ana",
        false,
        Some(&latest),
        4,
    )
    .await
    .unwrap();
    let submitted = get(&store, id).await.unwrap();
    assert!(approval_refused(&submitted, "ben").is_some());
    assert!(approval_refused(&submitted, "cy").is_none());
}

#[tokio::test]
async fn a_draft_with_errors_or_a_stale_base_is_not_submitted() {
    let (store, latest) = store_with_revision().await;
    let id = start(&store, &latest, "ana", 2).await.unwrap();
    let draft = get(&store, id).await.unwrap();
    let err = submit(&store, &draft, "ana", true, Some(&latest), 3)
        .await
        .unwrap_err();
    assert!(matches!(err, EditorialError::Invalid(_)));
    let mut newer = latest.clone();
    newer.id += 1;
    let err = submit(&store, &draft, "ana", false, Some(&newer), 3)
        .await
        .unwrap_err();
    assert!(matches!(err, EditorialError::Conflict(_)));
    assert_eq!(
        get(&store, id).await.unwrap().state,
        DraftState::Editing,
        "nothing changed"
    );
    // Saved as merged, it takes the latest revision as its base and can be submitted.
    let merged = DraftEdit {
        rebase: Some(newer.id),
        ..edit("merged", "ana")
    };
    save(&store, &draft, merged, Some(&newer), 4).await.unwrap();
    let draft = get(&store, id).await.unwrap();
    assert_eq!(draft.base_revision, Some(newer.id));
    submit(&store, &draft, "ana", false, Some(&newer), 5)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_submitted_draft_is_frozen_until_sent_back_with_a_comment() {
    let (store, latest) = store_with_revision().await;
    let id = start(&store, &latest, "ana", 2).await.unwrap();
    submit(
        &store,
        &get(&store, id).await.unwrap(),
        "ana",
        false,
        Some(&latest),
        3,
    )
    .await
    .unwrap();
    let submitted = get(&store, id).await.unwrap();
    let err = save(&store, &submitted, edit("sneaky", "ana"), Some(&latest), 4)
        .await
        .unwrap_err();
    assert!(matches!(err, EditorialError::Conflict(_)));
    assert!(
        send_back(&store, &submitted, "ben", "  ", 5).await.is_err(),
        "a comment is needed"
    );
    assert!(
        send_back(&store, &submitted, "ana", "mine", 5)
            .await
            .is_err(),
        "not by the submitter"
    );
    send_back(&store, &submitted, "ben", "cite the label", 5)
        .await
        .unwrap();
    let returned = get(&store, id).await.unwrap();
    assert_eq!(
        (returned.state, returned.review_comment.as_str()),
        (DraftState::Returned, "cite the label")
    );
    save(&store, &returned, edit("fixed", "ana"), Some(&latest), 6)
        .await
        .unwrap();
}

#[tokio::test]
async fn oversized_text_is_refused_and_the_draft_kept() {
    let (store, latest) = store_with_revision().await;
    let id = start(&store, &latest, "ana", 2).await.unwrap();
    let huge = "x".repeat(MAX_DRAFT_BYTES + 1);
    let err = save(
        &store,
        &get(&store, id).await.unwrap(),
        edit(&huge, "ana"),
        Some(&latest),
        3,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, EditorialError::Invalid(_)));
    assert_eq!(get(&store, id).await.unwrap().body, latest.body);
}

#[tokio::test]
async fn a_retired_document_cannot_be_edited() {
    let (_, mut latest) = store_with_revision().await;
    latest.retired = true;
    assert!(matches!(
        editable("maintenance", Some(&latest)),
        Err(EditorialError::Conflict(_))
    ));
    assert!(matches!(
        editable("nothing", None),
        Err(EditorialError::NotFound(_))
    ));
}

#[tokio::test]
async fn rolling_back_makes_a_draft_of_the_old_text_on_the_latest_base() {
    let (store, first) = store_with_revision().await;
    let mut latest = first.clone();
    latest.id = 99;
    latest.body = "newer".into();
    let id = roll_back(&store, &first, &latest, "ana", 5).await.unwrap();
    let draft = get(&store, id).await.unwrap();
    assert_eq!(
        (draft.body.as_str(), draft.base_revision),
        (first.body.as_str(), Some(99))
    );
    assert!(draft.note.contains(&first.id.to_string()));
}

#[tokio::test]
async fn a_save_or_approval_of_a_version_nobody_saw_is_refused() {
    let (store, latest) = store_with_revision().await;
    let id = start(&store, &latest, "ana", 2).await.unwrap();
    let opened = get(&store, id).await.unwrap();
    // Ben saves first; Ana's save of the version she opened must not overwrite his words.
    let bens = DraftEdit {
        seen: Some(opened.version),
        ..edit("ben's words", "ben")
    };
    save(&store, &opened, bens, Some(&latest), 3).await.unwrap();
    let anas = DraftEdit {
        seen: Some(opened.version),
        ..edit("ana's words", "ana")
    };
    let current = get(&store, id).await.unwrap();
    let err = save(&store, &current, anas, Some(&latest), 4)
        .await
        .unwrap_err();
    assert!(matches!(err, EditorialError::Conflict(_)), "{err}");
    assert_eq!(get(&store, id).await.unwrap().body, "ben's words");
    // A draft changed after submission cannot be published at the version approved.
    submit(&store, &current, "ana", false, Some(&latest), 5)
        .await
        .unwrap();
    let submitted = get(&store, id).await.unwrap();
    send_back(&store, &submitted, "cy", "again", 6)
        .await
        .unwrap();
    let returned = get(&store, id).await.unwrap();
    save(&store, &returned, edit("changed", "ana"), Some(&latest), 7)
        .await
        .unwrap();
    submit(
        &store,
        &get(&store, id).await.unwrap(),
        "ana",
        false,
        Some(&latest),
        8,
    )
    .await
    .unwrap();
    let revision = crate::store::NewRevision {
        body: "changed".into(),
        ..new_revision_for(&latest)
    };
    let refused = store
        .publish_draft((id, submitted.version), &revision, Some(latest.id))
        .await;
    assert!(matches!(
        refused,
        Err(crate::store::PublishRefused::NotSubmitted)
    ));
    let now = get(&store, id).await.unwrap();
    store
        .publish_draft((id, now.version), &revision, Some(latest.id))
        .await
        .unwrap();
}

fn new_revision_for(latest: &RevisionRow) -> crate::store::NewRevision {
    crate::store::NewRevision {
        doc_id: latest.doc_id.clone(),
        lang: latest.lang,
        path: latest.path.clone(),
        body: latest.body.clone(),
        sha256: "h2".into(),
        author: "ana".into(),
        approver: Some("ben".into()),
        note: String::new(),
        created_at: 9,
        retired: false,
        original_revision: None,
    }
}

#[tokio::test]
async fn only_the_people_of_a_draft_or_an_admin_withdraw_it_but_any_supervisor_declines_a_suggestion()
 {
    let (store, latest) = store_with_revision().await;
    let id = start(&store, &latest, "ana", 2).await.unwrap();
    let draft = get(&store, id).await.unwrap();
    assert!(may_withdraw(&draft, "ana", false));
    assert!(!may_withdraw(&draft, "ben", false));
    assert!(may_withdraw(&draft, "ben", true));
    let mut suggestion = draft.clone();
    suggestion.state = DraftState::Suggested;
    assert!(may_withdraw(&suggestion, "ben", false));
}
