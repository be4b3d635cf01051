//! The supervisor workspace's logic: review schedules, passage flags, the query log (redacted),
//! analytics and the content-gap queue. Plain Rust over `Store` and the loaded `Corpus`; the
//! server functions and JSON handlers are thin adapters over `ReviewService`. Never imports
//! Leptos or axum.

pub mod analytics;
pub mod gaps;
pub mod links;
pub mod queue;
pub mod redact;
pub mod schedule;

use crate::content::{Corpus, Document};
use crate::domain::{DocView, ReviewState, SearchResponse};
use crate::store::{SeenDocument, Store, StoreError};
use chrono::{DateTime, NaiveDate, TimeZone};
use chrono_tz::Tz;
use schedule::{ReviewRecord, Schedule};
use std::collections::HashMap;
use std::sync::RwLock;

/// The helpline's time zone when `helpline.toml` is missing.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::America::Chicago;

/// An overdue hit is moved below the next hit when that one scores at least this share of it.
const OVERDUE_RANK_FACTOR: f32 = 0.85;

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
}

impl ReviewError {
    /// The database could not be reached (an outage, not a fault).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, ReviewError::Store(inner) if inner.is_unreachable())
    }
}

impl From<ReviewError> for crate::error::AppError {
    /// What a caller may see of a review error; internals are logged.
    fn from(err: ReviewError) -> Self {
        use crate::error::AppError;
        match err {
            ReviewError::Store(inner) if inner.is_unreachable() => {
                tracing::warn!("review action failed, database unreachable: {inner}");
                AppError::DatabaseDown
            }
            ReviewError::Store(inner) => {
                tracing::error!("review action failed: {inner}");
                AppError::Internal
            }
            ReviewError::NotFound(_) => AppError::NotFound,
            ReviewError::Invalid(message) => AppError::BadRequest(message),
        }
    }
}

/// Whether and how long searches are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueryLogPolicy {
    pub enabled: bool,
    pub retention_days: u32,
}

impl Default for QueryLogPolicy {
    fn default() -> Self {
        QueryLogPolicy {
            enabled: true,
            retention_days: 90,
        }
    }
}

pub struct ReviewService {
    store: Store,
    policy: QueryLogPolicy,
    /// Every review per document, kept in memory: each search hit needs its document's date.
    records: RwLock<HashMap<String, Vec<ReviewRecord>>>,
}

/// The helpline's time zone for `corpus`.
pub fn time_zone(corpus: &Corpus) -> Tz {
    corpus
        .helpline
        .as_ref()
        .map_or(DEFAULT_TIME_ZONE, |h| h.time_zone)
}

/// The calendar day of `at` (Unix seconds) in `tz`.
pub fn local_day(at: i64, tz: Tz) -> NaiveDate {
    DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&tz)
        .date_naive()
}

/// The first second of `day` in `tz`, as Unix seconds.
pub fn start_of_day(day: NaiveDate, tz: Tz) -> i64 {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc().timestamp(), |t| t.timestamp())
}

impl ReviewService {
    /// Reads the reviews into memory.
    pub async fn load(store: Store, policy: QueryLogPolicy) -> Result<ReviewService, ReviewError> {
        let service = ReviewService {
            store,
            policy,
            records: RwLock::new(HashMap::new()),
        };
        service.reload_records(DEFAULT_TIME_ZONE).await?;
        Ok(service)
    }

    pub fn policy(&self) -> QueryLogPolicy {
        self.policy
    }

    #[cfg(test)]
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    async fn reload_records(&self, tz: Tz) -> Result<(), ReviewError> {
        let mut records: HashMap<String, Vec<ReviewRecord>> = HashMap::new();
        for row in self.store.reviews().await? {
            records.entry(row.doc_id).or_default().push(ReviewRecord {
                on: local_day(row.reviewed_at, tz),
                reviewer: row.reviewer,
                content_hash: row.content_hash,
            });
        }
        *self.records.write().unwrap_or_else(|e| e.into_inner()) = records;
        Ok(())
    }

    /// Notes the content every document has now, so the review queue can tell when an
    /// original changed after its translation was reviewed. Call after each content load.
    pub async fn note_versions(&self, corpus: &Corpus, now: i64) -> Result<(), ReviewError> {
        let tz = time_zone(corpus);
        let seen: Vec<SeenDocument> = corpus
            .documents()
            .iter()
            .map(|doc| SeenDocument {
                doc_id: doc.id.clone(),
                content_hash: doc.content_hash.clone(),
                baseline: start_of_day(doc.last_reviewed, tz),
            })
            .collect();
        self.store.record_versions(&seen, now).await?;
        self.reload_records(tz).await
    }

    /// The review schedule of `doc` on `today`.
    pub fn schedule(&self, doc: &Document, today: NaiveDate) -> Schedule {
        let records = self.records.read().unwrap_or_else(|e| e.into_inner());
        let reviews = records.get(&doc.id).map_or(&[][..], Vec::as_slice);
        schedule::schedule(doc, reviews, today)
    }

    /// Puts each hit's effective review date on it, marks overdue ones, and moves an overdue
    /// hit one place down when the next hit is current and nearly as good: overdue answers stay
    /// findable, a 24/7 line cannot lose an answer at midnight.
    pub fn apply_to_hits(&self, corpus: &Corpus, today: NaiveDate, response: &mut SearchResponse) {
        for hit in &mut response.hits {
            let Some(doc) = corpus.get(&hit.doc_id) else {
                continue;
            };
            let schedule = self.schedule(doc, today);
            let effective = schedule.effective.to_string();
            if effective != hit.last_reviewed {
                hit.chat_text = hit.chat_text.replace(&hit.last_reviewed, &effective);
                hit.last_reviewed = effective;
            }
            hit.overdue = schedule.state == ReviewState::Overdue;
        }
        let hits = &mut response.hits;
        let mut i = 0;
        while i + 1 < hits.len() {
            // A pinned hit (linked by a supervisor, or the not-covered explanation) stays put.
            let pinned = hits[i].why.is_some_and(|w| w.pinned.is_some());
            if hits[i].overdue
                && !pinned
                && !hits[i + 1].overdue
                && hits[i + 1].score >= hits[i].score * OVERDUE_RANK_FACTOR
            {
                hits.swap(i, i + 1);
                i += 2;
            } else {
                i += 1;
            }
        }
    }

    /// Puts the effective review date on a document page.
    pub fn apply_to_doc(&self, doc: &Document, today: NaiveDate, view: &mut DocView) {
        let schedule = self.schedule(doc, today);
        view.last_reviewed = schedule.effective.to_string();
        view.overdue = schedule.state == ReviewState::Overdue;
    }

    async fn audit(&self, actor: &str, action: &str, target: &str, client: &str) {
        if let Err(err) = self.store.audit(actor, action, target, client).await {
            tracing::error!("cannot write the audit log: {err}");
        }
    }
}

/// `note` trimmed, refused when longer than the limit.
pub fn checked_note(note: &str) -> Result<String, ReviewError> {
    let note = note.trim();
    if note.chars().count() > crate::domain::MAX_NOTE_CHARS {
        return Err(ReviewError::Invalid(format!(
            "the note is longer than {} characters",
            crate::domain::MAX_NOTE_CHARS
        )));
    }
    Ok(note.to_string())
}

#[cfg(test)]
mod tests;
