//! The review-date rule. A document's effective review date is the later of its front matter's
//! `last_reviewed` and the latest "mark reviewed" whose content hash matches the file as it is
//! now, so editing a file after a review makes that review stop counting. Pure functions.

use crate::content::Document;
use crate::domain::ReviewState;
use chrono::{Days, NaiveDate};

/// Documents due within this many days are "due soon".
pub const DUE_SOON_DAYS: u64 = 30;

/// A "mark reviewed" of a document, as the rule needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRecord {
    pub on: NaiveDate,
    pub reviewer: String,
    pub content_hash: String,
}

/// Where one document stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub effective: NaiveDate,
    pub due: NaiveDate,
    pub state: ReviewState,
    /// Who made the review that counts, when it is an in-app review.
    pub reviewed_by: Option<String>,
    /// A later review exists, but of content the file no longer has.
    pub changed_since_review: bool,
}

/// The schedule of `doc` given its reviews (in any order) on `today`.
pub fn schedule(doc: &Document, reviews: &[ReviewRecord], today: NaiveDate) -> Schedule {
    let matching = reviews
        .iter()
        .filter(|r| r.content_hash == doc.content_hash)
        .max_by_key(|r| r.on);
    let (effective, reviewed_by) = match matching {
        Some(r) if r.on >= doc.last_reviewed => (r.on, Some(r.reviewer.clone())),
        _ => (doc.last_reviewed, None),
    };
    let changed_since_review = reviews
        .iter()
        .any(|r| r.content_hash != doc.content_hash && r.on >= effective);
    let due = effective
        .checked_add_days(Days::new(u64::from(doc.review_every_days)))
        .unwrap_or(NaiveDate::MAX);
    Schedule {
        effective,
        due,
        state: state_on(due, today),
        reviewed_by,
        changed_since_review,
    }
}

/// The state of a document due on `due`, seen on `today`.
pub fn state_on(due: NaiveDate, today: NaiveDate) -> ReviewState {
    if due < today {
        ReviewState::Overdue
    } else if due
        <= today
            .checked_add_days(Days::new(DUE_SOON_DAYS))
            .unwrap_or(NaiveDate::MAX)
    {
        ReviewState::DueSoon
    } else {
        ReviewState::Current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse::parse_document;
    use std::path::Path;

    fn doc(last_reviewed: &str, body: &str) -> Document {
        let text = format!(
            "+++\nid = \"d\"\ntitle = \"D\"\ntopic = \"maintenance\"\nlanguage = \"en\"\n\
             summary = \"s\"\nowner = \"Team\"\nlast_reviewed = \"{last_reviewed}\"\n\
             review_every_days = 100\n\n[[sources]]\ntitle = \"T\"\npublisher = \"P\"\n+++\n\n## A\n\n{body}\n"
        );
        parse_document(Path::new("en/d.md"), &text, None)
            .document
            .expect("test document parses")
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("test date")
    }

    fn review(on: &str, hash: &str) -> ReviewRecord {
        ReviewRecord {
            on: day(on),
            reviewer: "ada".into(),
            content_hash: hash.into(),
        }
    }

    #[test]
    fn front_matter_date_counts_without_reviews() {
        let d = doc("2026-01-01", "Text.");
        let s = schedule(&d, &[], day("2026-02-01"));
        assert_eq!(s.effective, day("2026-01-01"));
        assert_eq!(s.due, day("2026-04-11"));
        assert_eq!(s.state, ReviewState::Current);
        assert_eq!(s.reviewed_by, None);
    }

    #[test]
    fn a_review_of_the_current_content_moves_the_date() {
        let d = doc("2026-01-01", "Text.");
        let reviews = [
            review("2026-03-01", &d.content_hash),
            review("2026-02-01", &d.content_hash),
        ];
        let s = schedule(&d, &reviews, day("2026-03-02"));
        assert_eq!(s.effective, day("2026-03-01"));
        assert_eq!(s.reviewed_by.as_deref(), Some("ada"));
        assert!(!s.changed_since_review);
    }

    #[test]
    fn changing_the_file_after_a_review_undoes_it() {
        let before = doc("2026-01-01", "Old text.");
        let after = doc("2026-01-01", "New text.");
        assert_ne!(before.content_hash, after.content_hash);
        let reviews = [review("2026-03-01", &before.content_hash)];
        let s = schedule(&after, &reviews, day("2026-04-20"));
        assert_eq!(s.effective, day("2026-01-01"));
        assert!(s.changed_since_review);
        assert_eq!(s.state, ReviewState::Overdue);
    }

    #[test]
    fn an_older_review_does_not_beat_a_newer_front_matter_date() {
        let d = doc("2026-05-01", "Text.");
        let s = schedule(
            &d,
            &[review("2026-03-01", &d.content_hash)],
            day("2026-05-02"),
        );
        assert_eq!(s.effective, day("2026-05-01"));
        assert_eq!(s.reviewed_by, None);
    }

    #[test]
    fn states_at_their_edges() {
        let today = day("2026-06-01");
        assert_eq!(state_on(day("2026-05-31"), today), ReviewState::Overdue);
        assert_eq!(state_on(day("2026-06-01"), today), ReviewState::DueSoon);
        assert_eq!(state_on(day("2026-07-01"), today), ReviewState::DueSoon);
        assert_eq!(state_on(day("2026-07-02"), today), ReviewState::Current);
    }
}
