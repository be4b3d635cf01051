//! A draft's life: started from the latest revision (or suggested by a specialist for one
//! passage), saved, submitted, then approved by someone else or sent back. The rules of who
//! may do what are plain functions (`approval_refused`), tested on their own.

use super::EditorialError;
use crate::domain::{DraftKind, DraftState, Lang, MAX_DRAFT_BYTES, MAX_NOTE_CHARS};
use crate::store::{DraftRow, NewDraft, RevisionRow, Store};

/// Why `approver` may not approve `draft`, if they may not. Four eyes: the person who
/// submitted it and the last person to change its text cannot approve it.
pub fn approval_refused(draft: &DraftRow, approver: &str) -> Option<EditorialError> {
    if draft.state != DraftState::Submitted {
        return Some(EditorialError::Conflict(format!(
            "the draft is {}, not waiting for approval",
            draft.state.as_str()
        )));
    }
    if draft.submitted_by.as_deref() == Some(approver) || draft.editor == approver {
        return Some(EditorialError::NotAllowed(
            "you cannot approve a draft you wrote or submitted: another supervisor must".into(),
        ));
    }
    None
}

/// The draft, or `NotFound`.
pub async fn get(store: &Store, id: i64) -> Result<DraftRow, EditorialError> {
    store
        .draft(id)
        .await?
        .ok_or_else(|| EditorialError::NotFound(format!("draft {id}")))
}

/// The latest revision, refused when the document is retired.
pub fn editable(doc_id: &str, latest: Option<&RevisionRow>) -> Result<RevisionRow, EditorialError> {
    match latest {
        None => Err(EditorialError::NotFound(format!("document {doc_id}"))),
        Some(r) if r.retired => Err(EditorialError::Conflict(format!(
            "{doc_id} is retired: it can no longer be edited"
        ))),
        Some(r) => Ok(r.clone()),
    }
}

/// `user`'s open draft of the document, or a new one from its latest revision.
pub async fn start(
    store: &Store,
    latest: &RevisionRow,
    user: &str,
    now: i64,
) -> Result<i64, EditorialError> {
    let mine = store
        .drafts_of(&latest.doc_id, true)
        .await?
        .into_iter()
        .find(|d| d.editor == user && d.kind == DraftKind::Edit && d.state.is_editable());
    if let Some(draft) = mine {
        return Ok(draft.id);
    }
    Ok(store
        .insert_draft(&from_revision(
            latest,
            DraftKind::Edit,
            DraftState::Editing,
            user,
            now,
        ))
        .await?)
}

/// A new draft whose text is `latest`'s.
pub fn from_revision(
    latest: &RevisionRow,
    kind: DraftKind,
    state: DraftState,
    user: &str,
    now: i64,
) -> NewDraft {
    NewDraft {
        doc_id: latest.doc_id.clone(),
        lang: latest.lang,
        path: latest.path.clone(),
        kind,
        state,
        base_revision: Some(latest.id),
        body: latest.body.clone(),
        note: String::new(),
        author: user.to_string(),
        passage_id: None,
        flag_id: None,
        at: now,
    }
}

/// A note and a body within their limits.
pub fn checked(body: &str, note: &str) -> Result<(), EditorialError> {
    if body.len() > MAX_DRAFT_BYTES {
        return Err(EditorialError::Invalid(format!(
            "the text is longer than {} kB",
            MAX_DRAFT_BYTES / 1000
        )));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(EditorialError::Invalid(format!(
            "the note is longer than {MAX_NOTE_CHARS} characters"
        )));
    }
    Ok(())
}

/// Saves new text. `rebase` names the revision the text now merges (it must still be the
/// latest); `seen` is the version of the draft the author edited (a newer one means someone
/// else saved meanwhile: refused, nothing overwritten).
pub async fn save(
    store: &Store,
    draft: &DraftRow,
    edit: DraftEdit<'_>,
    latest: Option<&RevisionRow>,
    now: i64,
) -> Result<(), EditorialError> {
    checked(edit.body, edit.note)?;
    if draft.kind == DraftKind::Retire {
        return Err(EditorialError::Invalid(
            "a retirement has no text to edit".into(),
        ));
    }
    if edit.seen.is_some_and(|seen| seen != draft.version) {
        return Err(changed_meanwhile());
    }
    let base = match edit.rebase {
        Some(merged) if latest.map(|r| r.id) == Some(merged) => Some(merged),
        Some(merged) => {
            return Err(EditorialError::Conflict(format!(
                "revision {merged} is no longer the latest: merge the newer one too"
            )));
        }
        None => draft.base_revision,
    };
    let body = edit.body.replace("\r\n", "\n");
    if !store
        .save_draft(
            draft.id,
            draft.version,
            &body,
            edit.note.trim(),
            edit.user,
            base,
            now,
        )
        .await?
    {
        return Err(EditorialError::Conflict(format!(
            "the draft is {} and can no longer be changed",
            draft.state.as_str()
        )));
    }
    Ok(())
}

/// A change to a draft's text.
pub struct DraftEdit<'a> {
    pub body: &'a str,
    pub note: &'a str,
    pub user: &'a str,
    /// The revision the text merges, when saved as merged.
    pub rebase: Option<i64>,
    /// The draft's version the author started from, when known.
    pub seen: Option<i64>,
}

/// Someone saved or moved the draft since the caller loaded it.
pub fn changed_meanwhile() -> EditorialError {
    EditorialError::Conflict(
        "the draft changed since you opened it (someone saved, returned or resubmitted it): reload the page".into(),
    )
}

/// Whether the draft was started from the revision that is latest now.
pub fn is_current(draft: &DraftRow, latest: Option<&RevisionRow>) -> bool {
    draft.base_revision == latest.map(|r| r.id)
}

/// Submits a draft for approval; refused while `check` finds errors or the base is stale.
pub async fn submit(
    store: &Store,
    draft: &DraftRow,
    user: &str,
    has_errors: bool,
    latest: Option<&RevisionRow>,
    now: i64,
) -> Result<(), EditorialError> {
    if has_errors {
        return Err(EditorialError::Invalid(
            "the draft has errors (see the check beside the text); fix them before submitting"
                .into(),
        ));
    }
    if !is_current(draft, latest) {
        return Err(stale());
    }
    moved(
        store
            .move_draft(
                draft.id,
                &[
                    DraftState::Editing,
                    DraftState::Returned,
                    DraftState::Suggested,
                ],
                DraftState::Submitted,
                Some(user),
                None,
                now,
            )
            .await?,
        draft,
    )
}

pub fn stale() -> EditorialError {
    EditorialError::Conflict(
        "the document was published by someone else since this draft was started: open the \
         draft, merge the changes shown, and save it as merged"
            .into(),
    )
}

fn moved(done: bool, draft: &DraftRow) -> Result<(), EditorialError> {
    if done {
        Ok(())
    } else {
        Err(EditorialError::Conflict(format!(
            "the draft is {}: reload the page",
            draft.state.as_str()
        )))
    }
}

/// Sends a submitted draft back to its author with a comment.
pub async fn send_back(
    store: &Store,
    draft: &DraftRow,
    user: &str,
    comment: &str,
    now: i64,
) -> Result<(), EditorialError> {
    checked("", comment)?;
    if comment.trim().is_empty() {
        return Err(EditorialError::Invalid("say what needs to change".into()));
    }
    if draft.submitted_by.as_deref() == Some(user) {
        return Err(EditorialError::NotAllowed(
            "another supervisor reviews your draft".into(),
        ));
    }
    moved(
        store
            .move_draft(
                draft.id,
                &[DraftState::Submitted],
                DraftState::Returned,
                None,
                Some(comment.trim()),
                now,
            )
            .await?,
        draft,
    )
}

/// Withdraws an open draft (it stays in the history, unpublished).
/// Whether `user` may withdraw `draft`: its author, last editor or submitter; any supervisor
/// for a specialist's suggestion (declining it); an admin (`any`) always.
pub fn may_withdraw(draft: &DraftRow, user: &str, any: bool) -> bool {
    any || draft.state == DraftState::Suggested
        || draft.author == user
        || draft.editor == user
        || draft.submitted_by.as_deref() == Some(user)
}

pub async fn withdraw(store: &Store, draft: &DraftRow, now: i64) -> Result<(), EditorialError> {
    let open = [
        DraftState::Suggested,
        DraftState::Editing,
        DraftState::Submitted,
        DraftState::Returned,
    ];
    moved(
        store
            .move_draft(draft.id, &open, DraftState::Withdrawn, None, None, now)
            .await?,
        draft,
    )
}

/// A draft that brings back an old revision's text; it is approved like any other.
pub async fn roll_back(
    store: &Store,
    old: &RevisionRow,
    latest: &RevisionRow,
    user: &str,
    now: i64,
) -> Result<i64, EditorialError> {
    let mut draft = from_revision(latest, DraftKind::Edit, DraftState::Editing, user, now);
    draft.body = old.body.clone();
    draft.note = format!("roll back to revision {}", old.id);
    Ok(store.insert_draft(&draft).await?)
}

/// A draft that retires the document once approved.
pub async fn retire(
    store: &Store,
    latest: &RevisionRow,
    user: &str,
    note: &str,
    now: i64,
) -> Result<i64, EditorialError> {
    checked("", note)?;
    let mut draft = from_revision(latest, DraftKind::Retire, DraftState::Submitted, user, now);
    draft.note = note.trim().to_string();
    let id = store.insert_draft(&draft).await?;
    store
        .move_draft(
            id,
            &[DraftState::Submitted],
            DraftState::Submitted,
            Some(user),
            None,
            now,
        )
        .await?;
    Ok(id)
}

/// The path of a new document's file.
pub fn new_path(lang: Lang, id: &str) -> String {
    format!("{}/{id}.md", lang.code())
}

#[cfg(test)]
mod tests;
