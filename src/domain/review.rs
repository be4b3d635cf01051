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

/// Why a specialist flags a passage. Stored and sent as its code (`missing-spanish`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum FlagReason {
    Outdated,
    Unclear,
    Incorrect,
    MissingSpanish,
    Other,
}

impl FlagReason {
    pub const ALL: [FlagReason; 5] = [
        FlagReason::Outdated,
        FlagReason::Unclear,
        FlagReason::Incorrect,
        FlagReason::MissingSpanish,
        FlagReason::Other,
    ];

    /// The code in forms, URLs, JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            FlagReason::Outdated => "outdated",
            FlagReason::Unclear => "unclear",
            FlagReason::Incorrect => "incorrect",
            FlagReason::MissingSpanish => "missing-spanish",
            FlagReason::Other => "other",
        }
    }

    /// How a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            FlagReason::Outdated => "Outdated",
            FlagReason::Unclear => "Unclear",
            FlagReason::Incorrect => "Incorrect",
            FlagReason::MissingSpanish => "Missing Spanish",
            FlagReason::Other => "Other",
        }
    }

    pub fn parse(code: &str) -> Option<FlagReason> {
        FlagReason::ALL.into_iter().find(|r| r.as_str() == code)
    }
}

impl std::fmt::Display for FlagReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for FlagReason {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

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
    /// For a translation: its original was published after it was (listed first).
    #[serde(default)]
    pub needs_update: bool,
}

/// A flag on a passage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagView {
    pub id: i64,
    pub passage_id: String,
    pub doc_id: String,
    /// The passage's heading (or the document title), for people.
    pub place: String,
    pub reason: FlagReason,
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

/// Searches on one day (`YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    pub count: i64,
}

/// The analytics page for a date range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalyticsView {
    /// YYYY-MM-DD, inclusive, in the helpline's time zone.
    pub from: String,
    pub to: String,
    pub searches: i64,
    pub searches_with_hits: i64,
    /// Searches on each day of the range, for the bar chart.
    pub per_day: Vec<DayCount>,
    /// Searches per hour of the week (rows Monday to Sunday, columns 0–23 h), for the heat map.
    pub per_hour: [[i64; 24]; 7],
    pub top: Vec<QueryGroupView>,
    pub zero: Vec<QueryGroupView>,
    pub no_click: Vec<QueryGroupView>,
    pub by_rank: Vec<RankUse>,
    /// Whether searches are being logged at all.
    pub logging: bool,
    pub retention_days: u32,
    /// Searches in the range that found nothing but a query link's passage.
    #[serde(default)]
    pub answered_by_links: i64,
    /// Searches in the range whose first hit a query link put there (the engine found others).
    #[serde(default)]
    pub led_by_links: i64,
}

/// One entry of the content-gap queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GapView {
    pub group: QueryGroupView,
    pub status: GapStatus,
    pub owner: String,
    pub doc_id: String,
    /// For content added: the revision that added it.
    #[serde(default)]
    pub revision: Option<i64>,
    /// The passage a supervisor linked the group to (its id), if any: a linked group is
    /// answered, and leaves the pending list.
    #[serde(default)]
    pub linked_to: Option<String>,
}

/// One page of the content-gap queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GapPage {
    pub gaps: Vec<GapView>,
    /// Groups the filter holds in all.
    pub total: i64,
    /// From 1.
    pub page: u32,
    pub page_size: i64,
}

/// Where a content gap stands. Stored and sent as its code (`open`, `assigned`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "TEXT", rename_all = "lowercase"))]
pub enum GapStatus {
    Open,
    Assigned,
    Added,
    Dismissed,
}

impl GapStatus {
    pub const ALL: [GapStatus; 4] = [
        GapStatus::Open,
        GapStatus::Assigned,
        GapStatus::Added,
        GapStatus::Dismissed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GapStatus::Open => "open",
            GapStatus::Assigned => "assigned",
            GapStatus::Added => "added",
            GapStatus::Dismissed => "dismissed",
        }
    }

    pub fn parse(code: &str) -> Option<GapStatus> {
        GapStatus::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// Still waiting for content (open or assigned), rather than settled.
    pub fn is_pending(self) -> bool {
        matches!(self, GapStatus::Open | GapStatus::Assigned)
    }
}

impl std::fmt::Display for GapStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for GapStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// What the pane reports after a hit was used, for click-through by rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "TEXT", rename_all = "lowercase"))]
pub enum UseAction {
    Open,
    Copy,
}

/// A query group a supervisor linked to the passage that answers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryLinkView {
    pub id: i64,
    pub normalized: String,
    /// A recent way the group was typed (redacted).
    pub example: String,
    pub lang: super::Lang,
    pub passage_id: String,
    /// "Document title — heading", or the passage id when the passage is gone.
    pub passage_label: String,
    pub created_by: String,
    /// Local time, `YYYY-MM-DD HH:MM`.
    pub created_at: String,
    /// Searches of the group since it was linked.
    pub searches: i64,
    /// Of those, searches the engine found nothing for, answered by the link.
    pub answered: i64,
}

/// A passage a supervisor may link a query group to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkCandidate {
    pub passage_id: String,
    pub title: String,
    pub heading: String,
    /// Escaped, with the matched words in `<mark>`.
    pub snippet_html: String,
    pub lang: super::Lang,
}
