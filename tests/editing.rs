//! Editing and publishing through the app state: the whole life of a draft, conflicts,
//! rollback, translations marked for update, retiring, the content folder imported at start-up
//! and exported back, and publishing while searches run.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::editing::{actor, hits, submitted};
use common::{MAINTENANCE, send};
use helpline_assist::domain::DraftState;
use helpline_assist::editorial::{EditorialError, drafts::DraftEdit, export, pages};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[tokio::test]
async fn a_draft_is_published_by_a_second_supervisor_and_searchable_at_once() {
    let app = common::test_app().await;
    assert_eq!(hits(&app, "zebrafish").await, 0);
    let body = MAINTENANCE.replace("by mouth.", "by mouth, like a zebrafish diet.");
    let id = submitted(&app, "maintenance", &body).await;
    let own = app
        .state
        .approve_draft(id, None, &actor("ana"))
        .await
        .unwrap_err();
    assert!(matches!(own, EditorialError::NotAllowed(_)), "{own}");
    assert_eq!(
        hits(&app, "zebrafish").await,
        0,
        "nothing published by a refusal"
    );
    let revision = app
        .state
        .approve_draft(id, None, &actor("ben"))
        .await
        .unwrap();
    assert_eq!(hits(&app, "zebrafish").await, 1);
    let stored = app.state.store().revision(revision).await.unwrap().unwrap();
    assert_eq!(
        (stored.author.as_str(), stored.approver.as_deref()),
        ("ana", Some("ben"))
    );
    assert_eq!(stored.body, body);
    let draft = app.state.store().draft(id).await.unwrap().unwrap();
    assert_eq!(
        (draft.state, draft.published_revision),
        (DraftState::Published, Some(revision))
    );
    let audit = app.state.store().audit_entries(20).await.unwrap();
    for action in ["draft submitted", "revision published"] {
        assert!(audit.iter().any(|e| e.action == action), "{action} audited");
    }
}

#[tokio::test]
async fn a_draft_that_breaks_a_check_cannot_be_submitted() {
    let app = common::test_app().await;
    let id = app
        .state
        .start_draft("maintenance", &actor("ana"))
        .await
        .unwrap();
    let broken = MAINTENANCE.replace("last_reviewed = \"2026-11-01\"", "last_reviewed = \"soon\"");
    let edit = DraftEdit {
        body: &broken,
        note: "",
        user: "ana",
        rebase: None,
        seen: None,
    };
    app.state.save_draft(id, edit, "test").await.unwrap();
    let err = app.state.submit_draft(id, &actor("ana")).await.unwrap_err();
    assert!(matches!(err, EditorialError::Invalid(_)), "{err}");
    let draft = app.state.store().draft(id).await.unwrap().unwrap();
    assert_eq!(
        (draft.state, draft.body.as_str()),
        (DraftState::Editing, broken.as_str()),
        "saved, not lost"
    );
    let preview = app.state.check_draft(&draft).await.unwrap();
    assert!(
        preview.problems.iter().any(|p| p.error && p.line == 8),
        "{:?}",
        preview.problems
    );
}

#[tokio::test]
async fn a_stale_draft_must_be_merged_before_it_is_published() {
    let app = common::test_app().await;
    let mine = app
        .state
        .start_draft("maintenance", &actor("cy"))
        .await
        .unwrap();
    let first = submitted(
        &app,
        "maintenance",
        &MAINTENANCE.replace("two years", "2 years"),
    )
    .await;
    app.state
        .approve_draft(first, None, &actor("ben"))
        .await
        .unwrap();
    let edit = DraftEdit {
        body: &MAINTENANCE.replace("by mouth", "as tablets"),
        note: "",
        user: "cy",
        rebase: None,
        seen: None,
    };
    app.state.save_draft(mine, edit, "test").await.unwrap();
    let err = app
        .state
        .submit_draft(mine, &actor("cy"))
        .await
        .unwrap_err();
    assert!(matches!(err, EditorialError::Conflict(_)), "{err}");
    let draft = app.state.store().draft(mine).await.unwrap().unwrap();
    let latest = app.state.latest_revision("maintenance").await.unwrap();
    let conflict = pages::conflict(app.state.store(), &draft, latest.as_ref())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(conflict.theirs.changed_rows, 1, "what was published since");
    assert_eq!(conflict.mine.changed_rows, 1, "what the draft changes");
    let merged = MAINTENANCE
        .replace("two years", "2 years")
        .replace("by mouth", "as tablets");
    let latest_id = latest.as_ref().map(|r| r.id);
    let edit = DraftEdit {
        body: &merged,
        note: "",
        user: "cy",
        rebase: latest_id.map(|id| id - 1),
        seen: None,
    };
    let err = app.state.save_draft(mine, edit, "test").await.unwrap_err();
    assert!(
        matches!(err, EditorialError::Conflict(_)),
        "merging an older revision: {err}"
    );
    let edit = DraftEdit {
        body: &merged,
        note: "",
        user: "cy",
        rebase: latest_id,
        seen: None,
    };
    app.state.save_draft(mine, edit, "test").await.unwrap();
    app.state.submit_draft(mine, &actor("cy")).await.unwrap();
    app.state
        .approve_draft(mine, None, &actor("ben"))
        .await
        .unwrap();
    assert_eq!(
        app.state
            .latest_revision("maintenance")
            .await
            .unwrap()
            .unwrap()
            .body,
        merged
    );
}

#[tokio::test]
async fn rolling_back_goes_through_approval_and_restores_the_text() {
    let app = common::test_app().await;
    let original = app
        .state
        .latest_revision("maintenance")
        .await
        .unwrap()
        .unwrap();
    let id = submitted(
        &app,
        "maintenance",
        &MAINTENANCE.replace("two years", "a decade"),
    )
    .await;
    app.state
        .approve_draft(id, None, &actor("ben"))
        .await
        .unwrap();
    assert_eq!(hits(&app, "decade").await, 1);
    let latest = app
        .state
        .latest_revision("maintenance")
        .await
        .unwrap()
        .unwrap();
    let store = app.state.store();
    let back = helpline_assist::editorial::drafts::roll_back(store, &original, &latest, "ana", 9)
        .await
        .unwrap();
    app.state.submit_draft(back, &actor("ana")).await.unwrap();
    app.state
        .approve_draft(back, None, &actor("ben"))
        .await
        .unwrap();
    assert_eq!(hits(&app, "decade").await, 0);
    let history = pages::history(store, "maintenance", "t".into(), None, None, chrono_tz::UTC)
        .await
        .unwrap();
    assert_eq!(history.revisions.len(), 3, "every revision kept");
    assert!(history.diff.unwrap().changed_rows > 0);
}

#[tokio::test]
async fn publishing_an_original_marks_its_translation_for_update() {
    let app = common::test_app().await;
    let store = app.state.store();
    let es = app
        .state
        .latest_revision("maintenance-es")
        .await
        .unwrap()
        .unwrap();
    let en = app.state.latest_revision("maintenance").await.unwrap();
    assert!(
        !pages::needs_update(&es, en.as_ref()),
        "imported together: up to date"
    );
    let id = submitted(
        &app,
        "maintenance",
        &MAINTENANCE.replace("two years", "2 years"),
    )
    .await;
    app.state
        .approve_draft(id, None, &actor("ben"))
        .await
        .unwrap();
    let en = app.state.latest_revision("maintenance").await.unwrap();
    assert!(pages::needs_update(&es, en.as_ref()));
    let changes = pages::original_changes(store, &es, en.as_ref())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(changes.changed_rows, 1);
    // Publishing the translation brings it up to date.
    let es_draft = app
        .state
        .start_draft("maintenance-es", &actor("ana"))
        .await
        .unwrap();
    app.state
        .submit_draft(es_draft, &actor("ana"))
        .await
        .unwrap();
    app.state
        .approve_draft(es_draft, None, &actor("ben"))
        .await
        .unwrap();
    let es = app
        .state
        .latest_revision("maintenance-es")
        .await
        .unwrap()
        .unwrap();
    assert!(!pages::needs_update(&es, en.as_ref()));
}

#[tokio::test]
async fn a_retired_document_is_no_longer_served_and_cannot_be_edited() {
    let app = common::test_app().await;
    assert!(hits(&app, "mercaptopurine").await > 0);
    let latest = app
        .state
        .latest_revision("maintenance")
        .await
        .unwrap()
        .unwrap();
    let id = helpline_assist::editorial::drafts::retire(
        app.state.store(),
        &latest,
        "ana",
        "merged elsewhere",
        5,
    )
    .await
    .unwrap();
    app.state
        .approve_draft(id, None, &actor("ben"))
        .await
        .unwrap();
    assert_eq!(hits(&app, "mercaptopurine").await, 0);
    assert!(app.state.content().retired_on("maintenance").is_some());
    let err = app
        .state
        .start_draft("maintenance", &actor("ana"))
        .await
        .unwrap_err();
    assert!(matches!(err, EditorialError::Conflict(_)), "{err}");
    let history = pages::history(
        app.state.store(),
        "maintenance",
        "t".into(),
        None,
        None,
        chrono_tz::UTC,
    )
    .await;
    assert!(history.unwrap().retired, "history kept");
}

#[tokio::test]
async fn a_file_changed_on_disk_is_imported_at_start_up_unless_the_app_changed_it_too() {
    let app = common::test_app().await;
    let dir = app.dir.path().to_path_buf();
    std::fs::write(
        dir.join("en/maintenance.md"),
        MAINTENANCE.replace("two years", "24 months"),
    )
    .unwrap();
    let restarted = common::state_for(&dir, &dir).await;
    let latest = restarted
        .latest_revision("maintenance")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.author, helpline_assist::editorial::FOLDER_AUTHOR);
    assert!(latest.body.contains("24 months"));
    // Changed in the app, then on disk: refused, reported, not overwritten.
    let id = submitted(
        &app,
        "maintenance",
        &MAINTENANCE.replace("two years", "the app's words"),
    )
    .await;
    app.state
        .approve_draft(id, None, &actor("ben"))
        .await
        .unwrap();
    std::fs::write(
        dir.join("en/maintenance.md"),
        MAINTENANCE.replace("two years", "the disk's words"),
    )
    .unwrap();
    let again = common::state_for(&dir, &dir).await;
    let latest = again.latest_revision("maintenance").await.unwrap().unwrap();
    assert!(latest.body.contains("the app's words"));
    let status = again.status();
    assert!(
        status
            .last_reload_errors
            .iter()
            .any(|e| e.contains("maintenance.md") && e.contains("changed on disk and in the app")),
        "{status:?}"
    );
    // Still shown after a publish of another document rebuilt the served content.
    let es = again
        .start_draft("maintenance-es", &actor("ana"))
        .await
        .unwrap();
    again.submit_draft(es, &actor("ana")).await.unwrap();
    again.approve_draft(es, None, &actor("ben")).await.unwrap();
    let status = again.status();
    assert!(
        status
            .last_reload_errors
            .iter()
            .any(|e| e.contains("changed on disk and in the app")),
        "the conflict is still reported: {status:?}"
    );
}

#[tokio::test]
async fn an_export_imported_again_makes_no_new_revision() {
    let app = common::test_app().await;
    let id = submitted(
        &app,
        "maintenance",
        &MAINTENANCE.replace("two years", "2 years"),
    )
    .await;
    app.state
        .approve_draft(id, None, &actor("ben"))
        .await
        .unwrap();
    let dir = app.dir.path().to_path_buf();
    let exported = export::export(app.state.store(), &dir, &dir).await.unwrap();
    assert_eq!(exported.documents, 2);
    let on_disk = std::fs::read_to_string(dir.join("en/maintenance.md")).unwrap();
    let latest = app
        .state
        .latest_revision("maintenance")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(on_disk, latest.body, "byte for byte");
    let before = app.state.store().content_generation().await.unwrap();
    app.state.reload_content().await.ok();
    assert_eq!(
        app.state.store().content_generation().await.unwrap(),
        before
    );
    let out = tempfile::tempdir().unwrap();
    export::export(app.state.store(), &dir, out.path())
        .await
        .unwrap();
    let checked = helpline_assist::content::load_dir(out.path());
    assert!(!checked.has_errors(), "{:?}", checked.error_lines());
    assert_eq!(checked.corpus.documents().len(), 2);
}

#[tokio::test]
async fn publishing_while_searches_run_fails_none_of_them() {
    let app = Arc::new(common::test_app().await);
    let stop = Arc::new(AtomicBool::new(false));
    let searchers: Vec<_> = (0..4)
        .map(|_| {
            let (app, stop) = (Arc::clone(&app), Arc::clone(&stop));
            tokio::spawn(async move {
                let mut done = 0;
                while !stop.load(Ordering::Relaxed) {
                    let request = Request::get("/api/search?q=maintenance")
                        .header("authorization", format!("Bearer {}", app.specialist_token))
                        .body(Body::empty())
                        .unwrap();
                    let reply = send(&app.router, request).await;
                    assert!(
                        matches!(reply.status, StatusCode::OK | StatusCode::TOO_MANY_REQUESTS),
                        "{}",
                        reply.status
                    );
                    done += 1;
                }
                done
            })
        })
        .collect();
    for round in 0..4 {
        let body = MAINTENANCE.replace("two years", &format!("two years (round {round})"));
        let id = submitted(&app, "maintenance", &body).await;
        app.state
            .approve_draft(id, None, &actor("ben"))
            .await
            .unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    let mut total = 0;
    for searcher in searchers {
        total += searcher.await.expect("no search failed");
    }
    assert!(total > 0);
}

#[tokio::test]
async fn a_change_that_breaks_a_link_in_another_document_is_not_submitted() {
    let app = common::test_app().await;
    let linking = MAINTENANCE
        .replace("id = \"maintenance\"", "id = \"pills\"")
        .replace(
            "Methotrexate and mercaptopurine (6-MP) by mouth.",
            "See [the drugs](/doc/maintenance#which-drugs-are-used).",
        );
    std::fs::write(app.dir.path().join("en/pills.md"), linking).unwrap();
    app.state.reload_content().await.ok();
    assert!(app.state.latest_revision("pills").await.unwrap().is_some());
    let id = app
        .state
        .start_draft("maintenance", &actor("ana"))
        .await
        .unwrap();
    let renamed = MAINTENANCE.replace("## Which drugs are used?", "## Medicines");
    let edit = DraftEdit {
        body: &renamed,
        note: "",
        user: "ana",
        rebase: None,
        seen: None,
    };
    app.state.save_draft(id, edit, "test").await.unwrap();
    let err = app.state.submit_draft(id, &actor("ana")).await.unwrap_err();
    assert!(matches!(err, EditorialError::Invalid(_)), "{err}");
    let draft = app.state.store().draft(id).await.unwrap().unwrap();
    let checked = app.state.check_draft(&draft).await.unwrap();
    assert!(
        checked
            .problems
            .iter()
            .any(|p| p.error && p.message.contains("pills.md")),
        "{:?}",
        checked.problems
    );
}

#[tokio::test]
async fn a_suggestion_applies_to_the_latest_text_even_when_another_server_published_it() {
    let app = common::test_app().await;
    let dir = app.dir.path().to_path_buf();
    let other_server = common::state_for(&dir, &dir).await;
    let longer = MAINTENANCE.replace(
        "## Which drugs are used?",
        "A new line.\n\nAnd another.\n\n## Which drugs are used?",
    );
    let id = other_server
        .start_draft("maintenance", &actor("ana"))
        .await
        .unwrap();
    let edit = DraftEdit {
        body: &longer,
        note: "",
        user: "ana",
        rebase: None,
        seen: None,
    };
    other_server.save_draft(id, edit, "test").await.unwrap();
    other_server.submit_draft(id, &actor("ana")).await.unwrap();
    other_server
        .approve_draft(id, None, &actor("ben"))
        .await
        .unwrap();
    // This server still serves the old text (its poll has not run).
    let suggested = app
        .state
        .suggest_edit(
            "maintenance#which-drugs-are-used",
            "Two medicines by mouth.",
            "",
            None,
            &actor("sam"),
        )
        .await
        .unwrap();
    let draft = app.state.store().draft(suggested).await.unwrap().unwrap();
    assert!(
        draft
            .body
            .contains("And another.\n\n## Which drugs are used?\nTwo medicines by mouth.\n"),
        "{}",
        draft.body
    );
    assert!(!draft.body.contains("mercaptopurine"), "{}", draft.body);
    assert!(draft.body.contains("about **two years**"), "{}", draft.body);
}

#[tokio::test]
async fn two_servers_approving_drafts_of_one_document_at_once_publish_one_and_refuse_the_other() {
    let app = common::test_app().await;
    let dir = app.dir.path().to_path_buf();
    let other_server = common::state_for(&dir, &dir).await;
    let mine = submitted(
        &app,
        "maintenance",
        &MAINTENANCE.replace("two years", "2 years"),
    )
    .await;
    let theirs = other_server
        .start_draft("maintenance", &actor("cy"))
        .await
        .unwrap();
    let edit = DraftEdit {
        body: &MAINTENANCE.replace("by mouth", "as tablets"),
        note: "",
        user: "cy",
        rebase: None,
        seen: None,
    };
    other_server.save_draft(theirs, edit, "test").await.unwrap();
    other_server
        .submit_draft(theirs, &actor("cy"))
        .await
        .unwrap();
    let ben = actor("ben");
    let (a, b) = tokio::join!(
        app.state.approve_draft(mine, None, &ben),
        other_server.approve_draft(theirs, None, &ben)
    );
    let refused = [&a, &b]
        .into_iter()
        .filter(|r| matches!(r, Err(EditorialError::Conflict(_))))
        .count();
    assert_eq!(
        (a.is_ok() as usize + b.is_ok() as usize, refused),
        (1, 1),
        "{a:?} {b:?}"
    );
    let revisions = app.state.store().revisions_of("maintenance").await.unwrap();
    assert_eq!(revisions.len(), 2, "the import and exactly one publish");
}
