//! Query links: a supervisor says which passage answers a group of logged searches (from the
//! content-gap queue or the analytics lists); searches that normalize to the group then show
//! that passage first. Making and removing a link is audited; the list says how many
//! no-result searches each link has answered since.

use super::queue::local_time;
use super::{ReviewError, ReviewService, time_zone};
use crate::content::Corpus;
use crate::domain::{Lang, QueryLinkView};
use crate::store::{LinkRow, NewLink};

/// Longest normalized form accepted (a logged group's is far shorter).
const MAX_NORMALIZED_CHARS: usize = 600;

impl ReviewService {
    /// Links the logged query group `normalized` to `passage_id`, replacing any link it had.
    pub async fn link_query(
        &self,
        corpus: &Corpus,
        user: &str,
        normalized: &str,
        passage_id: &str,
        client: &str,
    ) -> Result<QueryLinkView, ReviewError> {
        let normalized = normalized.trim();
        if normalized.is_empty() || normalized.chars().count() > MAX_NORMALIZED_CHARS {
            return Err(ReviewError::Invalid("unknown query group".into()));
        }
        let Some((doc_index, _)) = corpus.position_of(passage_id.trim()) else {
            return Err(ReviewError::Invalid(
                "that passage is not in the published content".into(),
            ));
        };
        let lang = corpus.documents()[doc_index].lang;
        let Some(example) = self.store.group_example(normalized).await? else {
            return Err(ReviewError::NotFound("query group".into()));
        };
        let id = self
            .store
            .link_query(&NewLink {
                normalized,
                lang,
                passage_id: passage_id.trim(),
                example: &example,
                by: user,
            })
            .await?;
        self.audit(
            user,
            "query linked",
            &format!("{normalized} → {passage_id}"),
            client,
        )
        .await;
        let row = self.store.query_link(id).await?;
        let row = row.ok_or_else(|| ReviewError::NotFound("query link".into()))?;
        Ok(link_view(corpus, row))
    }

    /// Removes a link.
    pub async fn unlink_query(&self, user: &str, id: i64, client: &str) -> Result<(), ReviewError> {
        let Some(row) = self.store.unlink_query(id).await? else {
            return Err(ReviewError::NotFound("query link".into()));
        };
        let target = format!("{} → {}", row.normalized, row.passage_id);
        self.audit(user, "query unlinked", &target, client).await;
        Ok(())
    }

    /// Every link, newest first; or the links to one passage.
    pub async fn query_links(
        &self,
        corpus: &Corpus,
        passage_id: Option<&str>,
    ) -> Result<Vec<QueryLinkView>, ReviewError> {
        let rows = match passage_id {
            Some(id) => self.store.query_links_to(id).await?,
            None => self.store.query_links().await?,
        };
        Ok(rows.into_iter().map(|row| link_view(corpus, row)).collect())
    }

    /// What the search needs: (normalized form, passage language, passage id, example) of
    /// every link.
    pub async fn link_table(&self) -> Result<Vec<(String, Lang, String, String)>, ReviewError> {
        Ok(self.store.link_table().await?)
    }

    /// Changes whenever a link is made or removed (for servers sharing the database).
    pub async fn links_generation(&self) -> Result<(i64, i64), ReviewError> {
        Ok(self.store.links_generation().await?)
    }
}

fn link_view(corpus: &Corpus, row: LinkRow) -> QueryLinkView {
    let passage_label = corpus
        .position_of(&row.passage_id)
        .map(|(d, p)| {
            let doc = &corpus.documents()[d];
            let heading = doc.passages[p].heading.as_deref().unwrap_or(&doc.title);
            format!("{} — {heading}", doc.title)
        })
        .unwrap_or_else(|| row.passage_id.clone());
    QueryLinkView {
        id: row.id,
        normalized: row.normalized,
        example: row.example,
        lang: row.lang,
        passage_id: row.passage_id,
        passage_label,
        created_by: row.created_by,
        created_at: local_time(row.created_at, time_zone(corpus)),
        searches: row.searches,
        answered: row.answered,
    }
}
