//! Reading documents, and what the corpus holds.

use crate::domain::{CorpusStatus, DocView};
use crate::error::AppError;
use leptos::prelude::*;

/// One whole document for its page.
#[server(endpoint = "document")]
pub async fn get_document(id: String) -> Result<DocView, AppError> {
    use crate::state::AppState;

    crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let state = expect_context::<AppState>();
    let index = state.index();
    let corpus = index.corpus();
    let Some(doc) = corpus.get(&id) else {
        return Err(state
            .content()
            .retired_on(&id)
            .map_or(AppError::NotFound, AppError::Retired));
    };
    let mut view = crate::content::view::doc_view(corpus, doc);
    state.review().apply_to_doc(doc, state.today(), &mut view);
    Ok(view)
}

/// How many documents and passages are served, and how many files were skipped.
#[server(endpoint = "content_status")]
pub async fn content_status() -> Result<CorpusStatus, AppError> {
    use crate::state::AppState;

    crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    Ok(expect_context::<AppState>().status())
}
