//! The review cycle: the queue of documents with their state and open flags, one document's
//! review page, flagging a passage, resolving a flag and marking a document reviewed.

use super::{ReviewError, ReviewService, checked_note, local_day, time_zone};
use crate::content::model::content_hash;
use crate::content::{Corpus, Document};
use crate::domain::{DocumentReview, FlagReason, FlagView, ReviewQueueRow, ReviewRecordView};
use crate::store::{FlagFilter, FlagRow, NewFlag};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Formats Unix seconds as `YYYY-MM-DD HH:MM` in the helpline's time zone.
pub fn local_time(at: i64, tz: chrono_tz::Tz) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&tz)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

impl ReviewService {
    /// Every document with its review state, open flags and translation warning, most urgent
    /// first (overdue, then due soon, then current; earliest due first).
    pub async fn queue(
        &self,
        corpus: &Corpus,
        today: NaiveDate,
    ) -> Result<Vec<ReviewQueueRow>, ReviewError> {
        let open: HashMap<String, i64> = self.store.open_flag_counts().await?.into_iter().collect();
        let last_change = self.last_changes(corpus).await?;
        let mut rows: Vec<ReviewQueueRow> = corpus
            .documents()
            .iter()
            .map(|doc| self.queue_row(doc, today, &open, &last_change))
            .collect();
        rows.sort_by(|a, b| (a.state, &a.due, &a.doc_id).cmp(&(b.state, &b.due, &b.doc_id)));
        Ok(rows)
    }

    /// When each document's current content was first seen.
    async fn last_changes(
        &self,
        corpus: &Corpus,
    ) -> Result<HashMap<String, NaiveDate>, ReviewError> {
        let tz = time_zone(corpus);
        let current: HashMap<&str, &str> = corpus
            .documents()
            .iter()
            .map(|d| (d.id.as_str(), d.content_hash.as_str()))
            .collect();
        Ok(self
            .store
            .versions()
            .await?
            .into_iter()
            .filter(|v| current.get(v.doc_id.as_str()) == Some(&v.content_hash.as_str()))
            .map(|v| (v.doc_id, local_day(v.first_seen, tz)))
            .collect())
    }

    fn queue_row(
        &self,
        doc: &Document,
        today: NaiveDate,
        open: &HashMap<String, i64>,
        last_change: &HashMap<String, NaiveDate>,
    ) -> ReviewQueueRow {
        let schedule = self.schedule(doc, today);
        let twin_warning = doc
            .translation_of
            .as_ref()
            .and_then(|original| last_change.get(original).map(|changed| (original, changed)))
            .filter(|(_, changed)| schedule.effective < **changed)
            .map(|(original, changed)| {
                format!(
                    "{original} changed on {changed}, after this translation was last reviewed ({})",
                    schedule.effective
                )
            });
        ReviewQueueRow {
            doc_id: doc.id.clone(),
            title: doc.title.clone(),
            lang: doc.lang,
            topic: doc.topic.clone(),
            owner: doc.owner.clone(),
            effective_review: schedule.effective.to_string(),
            due: schedule.due.to_string(),
            state: schedule.state,
            reviewed_by: schedule.reviewed_by,
            changed_since_review: schedule.changed_since_review,
            open_flags: open.get(&doc.id).copied().unwrap_or(0).max(0) as usize,
            twin_warning,
            needs_update: false,
        }
    }

    /// The review page of one document: its text, state, flags (open first) and past reviews.
    pub async fn document(
        &self,
        corpus: &Corpus,
        doc_id: &str,
        today: NaiveDate,
    ) -> Result<DocumentReview, ReviewError> {
        let doc = corpus
            .get(doc_id)
            .ok_or_else(|| ReviewError::NotFound(format!("document {doc_id:?}")))?;
        let open: HashMap<String, i64> = self.store.open_flag_counts().await?.into_iter().collect();
        let last_change = self.last_changes(corpus).await?;
        let status = self.queue_row(doc, today, &open, &last_change);
        let mut flags = self
            .flags(
                corpus,
                &FlagFilter {
                    doc_id: Some(doc_id),
                    ..FlagFilter::default()
                },
            )
            .await?;
        flags.sort_by_key(|f| !f.open);
        let tz = time_zone(corpus);
        let history = self
            .store
            .reviews()
            .await?
            .into_iter()
            .rev()
            .filter(|r| r.doc_id == doc_id)
            .map(|r| ReviewRecordView {
                reviewer: r.reviewer,
                date: local_time(r.reviewed_at, tz),
                note: r.note,
                current_content: r.content_hash == doc.content_hash,
            })
            .collect();
        let mut view = crate::content::view::doc_view(corpus, doc);
        self.apply_to_doc(doc, today, &mut view);
        Ok(DocumentReview {
            doc: view,
            status,
            flags,
            history,
        })
    }

    /// Flags matching `filter`, newest first, with where they point and whether the passage
    /// has changed since.
    pub async fn flags(
        &self,
        corpus: &Corpus,
        filter: &FlagFilter<'_>,
    ) -> Result<Vec<FlagView>, ReviewError> {
        let tz = time_zone(corpus);
        Ok(self
            .store
            .flags(filter)
            .await?
            .into_iter()
            .map(|row| flag_view(corpus, row, tz))
            .collect())
    }

    /// Stores a specialist's flag on a passage; returns its id.
    pub async fn flag_passage(
        &self,
        corpus: &Corpus,
        user: &str,
        passage_id: &str,
        reason: &str,
        note: &str,
        client: &str,
    ) -> Result<i64, ReviewError> {
        let Some(reason) = FlagReason::parse(reason) else {
            return Err(ReviewError::Invalid(format!(
                "reason must be one of: {}",
                FlagReason::ALL.map(FlagReason::as_str).join(", ")
            )));
        };
        let note = redact_note(&checked_note(note)?);
        let (doc, passage) = find_passage(corpus, passage_id)
            .ok_or_else(|| ReviewError::NotFound(format!("passage {passage_id:?}")))?;
        let id = self
            .store
            .add_flag(&NewFlag {
                passage_id,
                doc_id: &doc.id,
                reason,
                note: &note,
                text_hash: &content_hash(&passage.markdown),
                created_by: user,
            })
            .await?;
        self.audit(
            user,
            "flag passage",
            &format!("{passage_id} (flag {id}, {reason})"),
            client,
        )
        .await;
        Ok(id)
    }

    /// Resolves an open flag with a note.
    pub async fn resolve_flag(
        &self,
        user: &str,
        id: i64,
        note: &str,
        client: &str,
    ) -> Result<(), ReviewError> {
        let note = redact_note(&checked_note(note)?);
        if !self.store.resolve_flag(id, user, &note).await? {
            return Err(ReviewError::NotFound(format!("open flag {id}")));
        }
        self.audit(user, "resolve flag", &id.to_string(), client)
            .await;
        Ok(())
    }

    /// Records that `user` reviewed the document as its file is now.
    pub async fn mark_reviewed(
        &self,
        corpus: &Corpus,
        user: &str,
        doc_id: &str,
        note: &str,
        now: i64,
        client: &str,
    ) -> Result<(), ReviewError> {
        let note = checked_note(note)?;
        let doc = corpus
            .get(doc_id)
            .ok_or_else(|| ReviewError::NotFound(format!("document {doc_id:?}")))?;
        self.store
            .add_review(doc_id, user, &doc.content_hash, &note, now)
            .await?;
        self.reload_records(time_zone(corpus)).await?;
        self.audit(
            user,
            "mark reviewed",
            &format!("{doc_id} ({})", &doc.content_hash[..12]),
            client,
        )
        .await;
        Ok(())
    }
}

/// A flag's note (or its resolution) as stored: redacted like a logged search, line by line,
/// because a specialist may describe the call that prompted it.
fn redact_note(note: &str) -> String {
    note.lines()
        .map(super::redact::redact)
        .collect::<Vec<_>>()
        .join("\n")
}

fn find_passage<'a>(
    corpus: &'a Corpus,
    passage_id: &str,
) -> Option<(&'a Document, &'a crate::content::Passage)> {
    let doc_id = passage_id.split('#').next()?;
    let doc = corpus.get(doc_id)?;
    doc.passages
        .iter()
        .find(|p| p.id == passage_id)
        .map(|p| (doc.as_ref(), p))
}

fn flag_view(corpus: &Corpus, row: FlagRow, tz: chrono_tz::Tz) -> FlagView {
    let passage = find_passage(corpus, &row.passage_id);
    let place = passage.map_or_else(
        || format!("{} (no longer in the content)", row.passage_id),
        |(doc, p)| p.heading.clone().unwrap_or_else(|| doc.title.clone()),
    );
    let text_changed = passage.is_none_or(|(_, p)| content_hash(&p.markdown) != row.text_hash);
    FlagView {
        id: row.id,
        place,
        text_changed,
        open: row.resolved_at.is_none(),
        created: local_time(row.created_at, tz),
        passage_id: row.passage_id,
        doc_id: row.doc_id,
        reason: row.reason,
        note: row.note,
        created_by: row.created_by,
        resolved_by: row.resolved_by,
        resolution_note: row.resolution_note,
    }
}
