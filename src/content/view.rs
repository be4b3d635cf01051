//! A document as its page shows it: passages rendered to safe HTML, sources, and links to the
//! same document in other languages.

use super::markdown::{escape_html, to_html};
use super::model::{Corpus, Document};
use crate::domain::{DocLink, DocView, PassageView};

pub fn doc_view(corpus: &Corpus, doc: &Document) -> DocView {
    DocView {
        id: doc.id.clone(),
        title: doc.title.clone(),
        topic: doc.topic.clone(),
        lang: doc.lang,
        summary: doc.summary.clone(),
        owner: doc.owner.clone(),
        last_reviewed: doc.last_reviewed.to_string(),
        overdue: false,
        sources: doc.source_views(),
        passages: doc
            .passages
            .iter()
            .map(|p| PassageView {
                passage_id: p.id.clone(),
                slug: p.slug.clone(),
                heading: p.heading.clone(),
                html: to_html(&p.markdown, &mut escape_html),
            })
            .collect(),
        translations: corpus
            .translations_of(doc)
            .into_iter()
            .map(|d| DocLink {
                id: d.id.clone(),
                title: d.title.clone(),
                lang: d.lang,
            })
            .collect(),
    }
}
