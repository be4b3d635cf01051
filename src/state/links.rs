//! Query links as the server serves them: made and removed through the review service, then
//! swapped into the live content (with a fresh answer cache); a server sharing the database
//! notices another's change on its next poll.

use super::AppState;
use crate::domain::QueryLinkView;
use crate::review::ReviewError;
use crate::search::StoredLink;

impl AppState {
    /// Reads the links from the database and serves them.
    pub async fn refresh_links(&self) -> Result<(), ReviewError> {
        let generation = self.review.links_generation().await?;
        let table = self.review.link_table().await?;
        self.content.set_links(
            table
                .into_iter()
                .map(|(normalized, lang, passage_id, example)| StoredLink {
                    normalized,
                    lang,
                    passage_id,
                    example,
                })
                .collect(),
        );
        *self
            .links_generation
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = generation;
        Ok(())
    }

    /// Serves the links again when another server changed them.
    pub(super) async fn follow_links(&self) {
        let Ok(newest) = self.review.links_generation().await else {
            return;
        };
        let served = *self
            .links_generation
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if newest != served
            && let Err(err) = self.refresh_links().await
        {
            tracing::error!("cannot serve query links changed elsewhere: {err}");
        }
    }

    /// Links a logged query group to a passage of the content being served.
    pub async fn link_query(
        &self,
        user: &str,
        normalized: &str,
        passage_id: &str,
        client: &str,
    ) -> Result<QueryLinkView, ReviewError> {
        let corpus = std::sync::Arc::clone(self.index().corpus());
        let link = self
            .review
            .link_query(&corpus, user, normalized, passage_id, client)
            .await?;
        self.refresh_links().await?;
        Ok(link)
    }

    pub async fn unlink_query(&self, user: &str, id: i64, client: &str) -> Result<(), ReviewError> {
        self.review.unlink_query(user, id, client).await?;
        self.refresh_links().await
    }

    /// Every link (or those to one passage), with their counts.
    pub async fn query_links(
        &self,
        passage_id: Option<&str>,
    ) -> Result<Vec<QueryLinkView>, ReviewError> {
        let corpus = std::sync::Arc::clone(self.index().corpus());
        self.review.query_links(&corpus, passage_id).await
    }
}
