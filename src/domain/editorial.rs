//! Wire types of editing and publishing: drafts, revisions, diffs and the pages that show them.

use super::{DocView, Lang};
use serde::{Deserialize, Serialize};

/// Where a draft stands. Stored and sent as its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "TEXT", rename_all = "lowercase"))]
pub enum DraftState {
    /// Proposed by a specialist; a supervisor takes it up.
    Suggested,
    /// Saved, not yet submitted.
    Editing,
    /// Waiting for a second supervisor's approval.
    Submitted,
    /// Sent back with a comment.
    Returned,
    Published,
    Withdrawn,
}

impl DraftState {
    pub fn as_str(self) -> &'static str {
        match self {
            DraftState::Suggested => "suggested",
            DraftState::Editing => "editing",
            DraftState::Submitted => "submitted",
            DraftState::Returned => "returned",
            DraftState::Published => "published",
            DraftState::Withdrawn => "withdrawn",
        }
    }

    /// Still being worked on (not published or withdrawn).
    pub fn is_open(self) -> bool {
        !matches!(self, DraftState::Published | DraftState::Withdrawn)
    }

    /// Its text may still be changed (everything open except waiting for approval).
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            DraftState::Suggested | DraftState::Editing | DraftState::Returned
        )
    }
}

/// What publishing a draft does to its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "TEXT", rename_all = "lowercase"))]
pub enum DraftKind {
    /// A new text for an existing document.
    Edit,
    /// A document that does not exist yet.
    Create,
    /// Take the document out of service (its history stays).
    Retire,
}

impl DraftKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DraftKind::Edit => "edit",
            DraftKind::Create => "create",
            DraftKind::Retire => "retire",
        }
    }
}

/// A draft as lists and the editor show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: i64,
    pub doc_id: String,
    pub lang: Lang,
    pub kind: DraftKind,
    pub state: DraftState,
    pub base_revision: Option<i64>,
    pub body: String,
    pub note: String,
    pub author: String,
    pub editor: String,
    pub submitted_by: Option<String>,
    pub review_comment: String,
    pub passage_id: Option<String>,
    pub flag_id: Option<i64>,
    pub published_revision: Option<i64>,
    /// Local date and time of the last change.
    pub updated: String,
    /// Raised by every change; approving and saving name the version they saw.
    pub version: i64,
}

/// One published revision, without its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionView {
    pub id: i64,
    pub doc_id: String,
    pub author: String,
    pub approver: Option<String>,
    pub note: String,
    pub created: String,
    pub sha256: String,
    pub retired: bool,
}

/// One line of `check`'s findings on a draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftProblem {
    pub line: usize,
    pub error: bool,
    pub message: String,
}

/// A draft's text rendered as the document page renders it, with `check`'s findings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftPreview {
    /// `None` when the text cannot be read as a document at all.
    pub doc: Option<DocView>,
    pub problems: Vec<DraftProblem>,
}

impl DraftPreview {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.error)
    }
}

/// A run of words in a diff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffSpan {
    pub text: String,
    /// Only in this side (removed on the left, added on the right).
    pub changed: bool,
}

/// One row of a side-by-side diff: a line (or nothing) on each side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffRow {
    pub left_line: Option<usize>,
    pub left: Vec<DiffSpan>,
    pub right_line: Option<usize>,
    pub right: Vec<DiffSpan>,
    pub changed: bool,
}

/// Two texts side by side, changed words marked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffView {
    pub left_title: String,
    pub right_title: String,
    pub rows: Vec<DiffRow>,
    pub changed_rows: usize,
}

/// The edit page: the document's latest revision, the draft being worked on, and what else
/// concerns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorPage {
    pub doc_id: String,
    /// The draft's front matter as form fields and its body; `None` when the front matter
    /// cannot be read (then the whole text is edited as Markdown).
    pub form: Option<(FrontFields, String)>,
    pub title: String,
    pub lang: Lang,
    pub latest_revision: Option<i64>,
    pub retired: bool,
    pub draft: DraftView,
    pub preview: DraftPreview,
    /// When the draft's base is no longer the latest revision: base, latest and draft.
    pub conflict: Option<Conflict>,
    /// For a translation whose original changed since it was last published: that change.
    pub original_changes: Option<DiffView>,
    /// Other open drafts of the same document.
    pub other_drafts: Vec<DraftView>,
    /// The signed-in user may approve or return it (submitted by someone else).
    pub can_approve: bool,
}

/// The three versions a stale draft must be merged from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub base_revision: Option<i64>,
    pub latest_revision: i64,
    /// What was published since the draft started (base → latest).
    pub theirs: DiffView,
    /// What the draft changes (base → draft).
    pub mine: DiffView,
    pub latest_body: String,
}

/// `/review/doc/<id>/history`: every revision, and a diff of two of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub doc_id: String,
    pub title: String,
    pub retired: bool,
    pub revisions: Vec<RevisionView>,
    pub diff: Option<DiffView>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub drafts: Vec<DraftView>,
}

/// The fields the editor shows as a form. Sources are one per line:
/// `title | publisher | url | accessed` (the last two may be empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FrontFields {
    pub title: String,
    pub topic: String,
    pub owner: String,
    pub summary: String,
    pub last_reviewed: String,
    pub sources: String,
}

/// The longest document text accepted (bytes).
pub const MAX_DRAFT_BYTES: usize = 200_000;
