//! Rows to wire types, and the pieces of the editor and history pages that come from the
//! database: the three versions of a conflict, a translation's pending original changes, and
//! a diff of any two revisions.

use super::diff::diff;
use super::{EditorialError, drafts};
use crate::domain::{Conflict, DiffView, DraftView, HistoryPage, RevisionView};
use crate::review::queue::local_time;
use crate::store::{DraftRow, RevisionRow, Store};
use chrono_tz::Tz;

pub fn draft_view(row: &DraftRow, tz: Tz) -> DraftView {
    DraftView {
        id: row.id,
        doc_id: row.doc_id.clone(),
        lang: row.lang,
        kind: row.kind,
        state: row.state,
        base_revision: row.base_revision,
        body: row.body.clone(),
        note: row.note.clone(),
        author: row.author.clone(),
        editor: row.editor.clone(),
        submitted_by: row.submitted_by.clone(),
        review_comment: row.review_comment.clone(),
        passage_id: row.passage_id.clone(),
        flag_id: row.flag_id,
        published_revision: row.published_revision,
        updated: local_time(row.updated_at, tz),
        version: row.version,
    }
}

pub fn revision_view(row: &RevisionRow, tz: Tz) -> RevisionView {
    RevisionView {
        id: row.id,
        doc_id: row.doc_id.clone(),
        author: row.author.clone(),
        approver: row.approver.clone(),
        note: row.note.clone(),
        created: local_time(row.created_at, tz),
        sha256: row.sha256.clone(),
        retired: row.retired,
    }
}

fn label(row: &RevisionRow) -> String {
    format!("Revision {} ({})", row.id, row.author)
}

/// What a stale draft must merge: what was published since it started, and what it changes.
pub async fn conflict(
    store: &Store,
    draft: &DraftRow,
    latest: Option<&RevisionRow>,
) -> Result<Option<Conflict>, EditorialError> {
    let Some(latest) = latest.filter(|_| !drafts::is_current(draft, latest)) else {
        return Ok(None);
    };
    let base = match draft.base_revision {
        Some(id) => store.revision(id).await?,
        None => None,
    };
    let base_body = base.as_ref().map_or("", |b| b.body.as_str());
    let base_title = base.as_ref().map_or_else(|| "Nothing".to_string(), label);
    Ok(Some(Conflict {
        base_revision: draft.base_revision,
        latest_revision: latest.id,
        theirs: diff(&base_title, base_body, &label(latest), &latest.body),
        mine: diff(&base_title, base_body, "This draft", &draft.body),
        latest_body: latest.body.clone(),
    }))
}

/// For a translation: what changed in its original since the translation was last published
/// (`None` when it is up to date, or when that is unknown).
pub async fn original_changes(
    store: &Store,
    translation: &RevisionRow,
    original: Option<&RevisionRow>,
) -> Result<Option<DiffView>, EditorialError> {
    let (Some(original), Some(matched)) = (original, translation.original_revision) else {
        return Ok(None);
    };
    if original.id <= matched {
        return Ok(None);
    }
    let before = store.revision(matched).await?;
    let before_body = before.as_ref().map_or("", |b| b.body.as_str());
    let before_title = before.as_ref().map_or_else(|| "Unknown".to_string(), label);
    Ok(Some(diff(
        &before_title,
        before_body,
        &label(original),
        &original.body,
    )))
}

/// Whether a translation's original has a newer revision than the one it was published against.
pub fn needs_update(translation: &RevisionRow, original: Option<&RevisionRow>) -> bool {
    matches!((original, translation.original_revision), (Some(o), Some(m)) if o.id > m && !o.retired)
}

/// Every revision of a document, newest first, and the diff of `from` → `to` (by default the
/// latest revision against the one before it).
pub async fn history(
    store: &Store,
    doc_id: &str,
    title: String,
    from: Option<i64>,
    to: Option<i64>,
    tz: Tz,
) -> Result<HistoryPage, EditorialError> {
    let rows = store.revisions_of(doc_id).await?;
    if rows.is_empty() {
        return Err(EditorialError::NotFound(format!("document {doc_id}")));
    }
    let find = |id: i64| rows.iter().find(|r| r.id == id);
    let to_row = to.and_then(find).or(rows.first());
    let from_row = from
        .and_then(find)
        .or_else(|| to_row.and_then(|t| rows.iter().find(|r| r.id < t.id)));
    let diff_view = match (from_row, to_row) {
        (Some(a), Some(b)) => Some(diff(&label(a), &a.body, &label(b), &b.body)),
        _ => None,
    };
    let drafts = store.drafts_of(doc_id, false).await?;
    Ok(HistoryPage {
        doc_id: doc_id.to_string(),
        title,
        retired: rows[0].retired,
        revisions: rows.iter().map(|r| revision_view(r, tz)).collect(),
        from: from_row.map(|r| r.id),
        to: to_row.map(|r| r.id),
        diff: diff_view,
        drafts: drafts.iter().map(|d| draft_view(d, tz)).collect(),
    })
}
