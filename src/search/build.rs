//! Building the index from a corpus: every passage a document of stemmed fields, runs of stems
//! and whole words, in RAM; then the per-passage positions and the term bitsets. In production
//! the index is one segment with nothing deleted; tests also build it in several segments with
//! passages deleted, so the engine's paths for both are checked against tantivy's.

use super::schema::{build_schema, pack_ord};
use super::{SearchError, SearchIndex, WRITER_MEMORY, analysis, glossary_marks, presence, runs};
use crate::content::Corpus;
use std::sync::Arc;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::TantivyDocument;
use tantivy::{Index, ReloadPolicy, Term};

/// How the index is written.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Commit after this many passages (each commit a segment); `None`: one segment.
    pub commit_every: Option<usize>,
    /// Passages (by id) to delete after writing.
    pub deleted: Vec<String>,
}

impl SearchIndex {
    /// Indexes every passage of `corpus` in RAM, in one segment.
    pub fn build(corpus: Arc<Corpus>) -> Result<SearchIndex, SearchError> {
        SearchIndex::build_in(corpus, &Layout::default())
    }

    /// Indexes `corpus` as `layout` says (tests write several segments and delete passages).
    pub(crate) fn build_in(
        corpus: Arc<Corpus>,
        layout: &Layout,
    ) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        write_passages(&index, &fields, &corpus, layout)?;
        SearchIndex::assemble(index, fields, corpus)
    }

    /// The engine over a written `index` of `corpus`: one reader, each passage's position in
    /// the corpus, the term bitsets and the glossary marks.
    pub(crate) fn assemble(
        index: Index,
        fields: super::schema::Fields,
        corpus: Arc<Corpus>,
    ) -> Result<SearchIndex, SearchError> {
        analysis::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let ords = reader
            .searcher()
            .segment_readers()
            .iter()
            .map(|segment| {
                let column = segment.fast_fields().u64("ord")?;
                Ok((0..segment.max_doc())
                    .map(|doc| column.first(doc).unwrap_or(u64::MAX))
                    .collect())
            })
            .collect::<tantivy::Result<_>>()?;
        let presence = presence::Presence::build(&reader.searcher(), &fields.matched())?;
        tracing::debug!(bytes = presence.bytes(), "term bitsets built");
        let glossary = glossary_marks::GlossaryMarks::build(&corpus);
        let prepared = corpus
            .documents()
            .iter()
            .map(|d| {
                d.passages
                    .iter()
                    .map(|_| std::sync::OnceLock::new())
                    .collect()
            })
            .collect();
        Ok(SearchIndex {
            reader,
            fields,
            corpus,
            glossary,
            prepared,
            ords,
            presence,
        })
    }
}

/// Writes every passage of `corpus` into `index` as `layout` says, then merges into one
/// segment (unless the layout asks for several).
pub(crate) fn write_passages(
    index: &Index,
    fields: &super::schema::Fields,
    corpus: &Corpus,
    layout: &Layout,
) -> Result<(), SearchError> {
    analysis::register(index);
    let mut writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let mut written = 0usize;
    for (doc_index, doc) in corpus.documents().iter().enumerate() {
        if doc.passages.len() > 0xffff {
            return Err(SearchError::TooManyPassages(doc.id.clone()));
        }
        for (passage_index, passage) in doc.passages.iter().enumerate() {
            let d = passage_document(fields, doc, passage, pack_ord(doc_index, passage_index));
            writer.add_document(d)?;
            written += 1;
            if layout
                .commit_every
                .is_some_and(|n| written.is_multiple_of(n))
            {
                writer.commit()?;
            }
        }
    }
    writer.commit()?;
    for passage_id in &layout.deleted {
        writer.delete_term(Term::from_field_text(fields.passage_id, passage_id));
    }
    if !layout.deleted.is_empty() {
        writer.commit()?;
    }
    // One segment: a search sets up its scorers once per segment, so an index written in
    // several pieces (a large corpus) would pay for that several times over.
    let segments = index.searchable_segment_ids()?;
    if layout.commit_every.is_none() && segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(())
}

/// One passage as the index stores it: ids, language, topic and position; title, heading (and
/// aliases) and text stemmed, as runs of stems, and as whole words.
fn passage_document(
    fields: &super::schema::Fields,
    doc: &crate::content::Document,
    passage: &crate::content::Passage,
    ord: u64,
) -> TantivyDocument {
    let lf = fields.of(doc.lang);
    let heading = passage.heading.as_deref().unwrap_or("");
    let mut d = TantivyDocument::default();
    d.add_text(fields.passage_id, &passage.id);
    d.add_text(fields.doc_id, &doc.id);
    d.add_text(fields.lang, doc.lang.code());
    d.add_text(fields.topic, &doc.topic);
    d.add_u64(fields.ord, ord);
    d.add_text(lf.title, &doc.title);
    d.add_text(lf.heading, heading);
    for alias in &passage.aliases {
        d.add_text(lf.heading, alias);
    }
    d.add_text(lf.body, &passage.text);
    for phrasing in &passage.phrasings {
        d.add_text(lf.phrasings, phrasing);
    }
    let mut stemmer = analysis::stemmed(doc.lang);
    d.add_pre_tokenized_text(lf.title_runs, runs::runs_of(&mut stemmer, &doc.title));
    for text in std::iter::once(heading).chain(passage.aliases.iter().map(String::as_str)) {
        d.add_pre_tokenized_text(lf.heading_runs, runs::runs_of(&mut stemmer, text));
    }
    d.add_pre_tokenized_text(lf.body_runs, runs::runs_of(&mut stemmer, &passage.text));
    for phrasing in &passage.phrasings {
        d.add_pre_tokenized_text(lf.phrasings_runs, runs::runs_of(&mut stemmer, phrasing));
    }
    let phrasings = passage.phrasings.iter().map(String::as_str);
    for text in [doc.title.as_str(), heading, passage.text.as_str()]
        .into_iter()
        .chain(phrasings)
    {
        d.add_text(lf.words, text);
    }
    d
}
