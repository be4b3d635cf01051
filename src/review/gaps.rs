//! The content-gap queue: the log's unanswered searches (no result, or nothing opened or
//! copied) grouped by normalized form, a page at a time, with what supervisors decided and
//! the passage a group is linked to; and recording those decisions.

use super::queue::local_time;
use super::{ReviewError, ReviewService, time_zone};
use crate::content::Corpus;
use crate::domain::{GapPage, GapStatus, GapView, QueryGroupView};
use crate::store::GapFilter;

/// Groups per page of the gap queue.
pub const GAP_PAGE: i64 = 50;

impl ReviewService {
    /// The content-gap queue: the log's unanswered searches (no result, or nothing opened or
    /// copied; the log holds the retention period) grouped by normalized form, with what
    /// supervisors decided; `status` filters (`None`:
    /// every group). The first `GAP_PAGE * 10` groups.
    pub async fn gaps(
        &self,
        corpus: &Corpus,
        status: Option<&str>,
    ) -> Result<Vec<GapView>, ReviewError> {
        let filter = match status {
            None => GapFilter::Any,
            Some(s) => GapFilter::Is(parse_gap_status(s)?),
        };
        Ok(self.gap_rows(corpus, filter, 0, GAP_PAGE * 10).await?.gaps)
    }

    /// One page of the gap queue; `status` empty lists what is still to do (open or assigned,
    /// not linked). Pages count from 1; a page past the end is empty (with the total).
    pub async fn gap_page(
        &self,
        corpus: &Corpus,
        status: &str,
        page: u32,
    ) -> Result<GapPage, ReviewError> {
        let filter = match status.trim() {
            "" => GapFilter::Pending,
            s => GapFilter::Is(parse_gap_status(s)?),
        };
        let page = page.max(1);
        let offset = i64::from(page - 1) * GAP_PAGE;
        let mut found = self.gap_rows(corpus, filter, offset, GAP_PAGE).await?;
        found.page = page;
        Ok(found)
    }

    async fn gap_rows(
        &self,
        corpus: &Corpus,
        filter: GapFilter,
        offset: i64,
        limit: i64,
    ) -> Result<GapPage, ReviewError> {
        let tz = time_zone(corpus);
        let (rows, total) = self.store.gap_groups(filter, limit, offset).await?;
        let names: Vec<String> = rows.iter().map(|r| r.normalized.clone()).collect();
        let mut examples = self.store.group_examples(&names).await?;
        let gaps = rows
            .into_iter()
            .map(|row| GapView {
                group: QueryGroupView {
                    example: examples.remove(&row.normalized).unwrap_or_default(),
                    count: row.count,
                    zero_results: row.zero_results,
                    first_seen: local_time(row.first_seen, tz),
                    last_seen: local_time(row.last_seen, tz),
                    normalized: row.normalized,
                },
                status: row.status,
                owner: row.owner,
                doc_id: row.doc_id,
                revision: row.revision,
                linked_to: row.linked_to,
            })
            .collect();
        Ok(GapPage {
            gaps,
            total,
            page: 1,
            page_size: GAP_PAGE,
        })
    }

    /// Records a supervisor's decision on a gap: assign an owner, mark content added (with the
    /// document), dismiss, or reopen.
    #[allow(clippy::too_many_arguments)]
    pub async fn set_gap(
        &self,
        corpus: &Corpus,
        user: &str,
        normalized: &str,
        status: &str,
        owner: &str,
        doc_id: &str,
        client: &str,
    ) -> Result<(), ReviewError> {
        let status = parse_gap_status(status)?;
        let owner = owner.trim();
        let doc_id = doc_id.trim();
        if status == GapStatus::Assigned && owner.is_empty() {
            return Err(ReviewError::Invalid("name the owner to assign".into()));
        }
        if status == GapStatus::Added && corpus.get(doc_id).is_none() {
            return Err(ReviewError::Invalid(
                "name the document that now answers these searches".into(),
            ));
        }
        if normalized.trim().is_empty() || normalized.len() > 600 || owner.chars().count() > 80 {
            return Err(ReviewError::Invalid("unknown gap".into()));
        }
        self.store
            .set_gap(normalized, status, owner, doc_id, user)
            .await?;
        self.audit(user, &format!("gap {status}"), normalized, client)
            .await;
        Ok(())
    }
}

/// A gap status from a form or address, or why not.
fn parse_gap_status(code: &str) -> Result<GapStatus, ReviewError> {
    GapStatus::parse(code).ok_or_else(|| {
        ReviewError::Invalid(format!(
            "status must be one of: {}",
            GapStatus::ALL.map(GapStatus::as_str).join(", ")
        ))
    })
}
