//! Wire types of the supervisor workspace: review states, flags, the review queue, search
//! analytics and the content-gap queue. Plain serde types, compiled in both builds.

use super::{DocView, Lang};
use serde::{Deserialize, Serialize};

/// Where a document stands against its review cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewState {
    Overdue,
    DueSoon,
    Current,
}

impl ReviewState {
    pub const ALL: [ReviewState; 3] = [
        ReviewState::Overdue,
        ReviewState::DueSoon,
        ReviewState::Current,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Overdue => "overdue",
            ReviewState::DueSoon => "due-soon",
            ReviewState::Current => "current",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewState::Overdue => "overdue",
            ReviewState::DueSoon => "due within 30 days",
            ReviewState::Current => "current",
        }
    }

    pub fn parse(text: &str) -> Option<ReviewState> {
        ReviewState::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Why a specialist flags a passage.
pub const FLAG_REASONS: [(&str, &str); 5] = [
    ("outdated", "Outdated"),
    ("unclear", "Unclear"),
    ("incorrect", "Incorrect"),
    ("missing-spanish", "Missing Spanish"),
    ("other", "Other"),
];

/// Longest note on a flag or a review action, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

/// One document in the review queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewQueueRow {
    pub doc_id: String,
    pub title: String,
    pub lang: Lang,
    pub topic: String,
    pub owner: String,
    /// The later of the front matter's date and the last review of this very content.
    pub effective_review: String,
    pub due: String,
    pub state: ReviewState,
    pub reviewed_by: Option<String>,
    /// Reviewed in the app, but the file has changed since.
    pub changed_since_review: bool,
    pub open_flags: usize,
    /// For a translation: its original changed after it was last reviewed.
    pub twin_warning: Option<String>,
}

/// A flag on a passage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagView {
    pub id: i64,
    pub passage_id: String,
    pub doc_id: String,
    /// The passage's heading (or the document title), for people.
    pub place: String,
    pub reason: String,
    pub note: String,
    pub created_by: String,
    pub created: String,
    pub open: bool,
    pub resolved_by: Option<String>,
    pub resolution_note: Option<String>,
    /// The passage's text differs from what was flagged (or the passage is gone).
    pub text_changed: bool,
}

/// A past "mark reviewed".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecordView {
    pub reviewer: String,
    pub date: String,
    pub note: String,
    /// Made on the content the file has now.
    pub current_content: bool,
}

/// Everything the review page of one document shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentReview {
    pub doc: DocView,
    pub status: ReviewQueueRow,
    pub flags: Vec<FlagView>,
    pub history: Vec<ReviewRecordView>,
}

/// Logged searches sharing one normalized form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryGroupView {
    pub normalized: String,
    pub example: String,
    pub count: i64,
    pub zero_results: i64,
    pub first_seen: String,
    pub last_seen: String,
}

/// How often the hit at a rank was the one opened or copied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankUse {
    pub rank: i64,
    pub uses: i64,
    /// Uses per search with hits, 0–1.
    pub rate: f64,
}

/// The analytics page for a date range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalyticsView {
    /// YYYY-MM-DD, inclusive, in the helpline's time zone.
    pub from: String,
    pub to: String,
    pub searches: i64,
    pub searches_with_hits: i64,
    /// Server-drawn SVG charts (no charting code in the browser).
    pub per_day_svg: String,
    pub per_hour_svg: String,
    pub top: Vec<QueryGroupView>,
    pub zero: Vec<QueryGroupView>,
    pub no_click: Vec<QueryGroupView>,
    pub by_rank: Vec<RankUse>,
    /// Whether searches are being logged at all.
    pub logging: bool,
    pub retention_days: u32,
}

/// One entry of the content-gap queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GapView {
    pub group: QueryGroupView,
    /// `open`, `assigned`, `added` or `dismissed`.
    pub status: String,
    pub owner: String,
    pub doc_id: String,
}

pub const GAP_STATUSES: [&str; 4] = ["open", "assigned", "added", "dismissed"];

/// What the pane reports after a hit was used, for click-through by rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UseAction {
    Open,
    Copy,
}
