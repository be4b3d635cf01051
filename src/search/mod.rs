//! The search engine: a tantivy index of every passage, built in RAM from a `Corpus`, and the
//! search that turns what a specialist typed into ranked, highlighted hits. Plain Rust: no
//! Leptos, no HTTP. Callers on an async runtime run `search` in `spawn_blocking`.

pub mod analysis;
pub mod eval;
pub mod highlight;
pub mod query;
pub mod request;
pub mod schema;

#[cfg(test)]
mod tests;

use crate::content::Corpus;
use crate::domain::{Lang, MAX_QUERY_CHARS, SearchHit, SearchResponse};
use highlight::Highlighter;
pub use request::InvalidSearch;
use schema::{Fields, build_schema, pack_ord, unpack_ord};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, Term};

/// Length of a hit's snippet, in bytes of text.
const SNIPPET_LEN: usize = 220;
const WRITER_MEMORY: usize = 50_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("a document has more passages than the index can address: {0}")]
    TooManyPassages(String),
}

/// What to search for.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    pub query: String,
    /// The language to answer in; detected from the query when `None`.
    pub lang: Option<Lang>,
    pub limit: usize,
}

/// An index over one corpus. Cheap to share: one reader for the process, one searcher per search.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    corpus: Arc<Corpus>,
}

impl SearchIndex {
    /// Indexes every passage of `corpus` in RAM.
    pub fn build(corpus: Arc<Corpus>) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        analysis::register(&index);
        let mut writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        for (doc_index, doc) in corpus.documents().iter().enumerate() {
            if doc.passages.len() > 0xffff {
                return Err(SearchError::TooManyPassages(doc.id.clone()));
            }
            let lf = fields.of(doc.lang);
            for (passage_index, passage) in doc.passages.iter().enumerate() {
                let heading = passage.heading.as_deref().unwrap_or("");
                let mut d = TantivyDocument::default();
                d.add_text(fields.passage_id, &passage.id);
                d.add_text(fields.doc_id, &doc.id);
                d.add_text(fields.lang, doc.lang.code());
                d.add_text(fields.topic, &doc.topic);
                d.add_u64(fields.ord, pack_ord(doc_index, passage_index));
                d.add_text(lf.title, &doc.title);
                d.add_text(lf.heading, heading);
                d.add_text(lf.body, &passage.text);
                for text in [doc.title.as_str(), heading, passage.text.as_str()] {
                    d.add_text(lf.words, text);
                }
                writer.add_document(d)?;
            }
        }
        writer.commit()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            corpus,
        })
    }

    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Searches; anything typed is accepted (over-long text is cut, control characters dropped).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let text = query::clean(&request.query, MAX_QUERY_CHARS);
        let searcher = self.reader.searcher();
        let mut lang = request
            .lang
            .unwrap_or_else(|| self.detect_lang(&searcher, &text));
        let mut found = self.run(&searcher, &text, lang, request.limit)?;
        if found.0 == 0 && request.lang.is_none() {
            let other = self.run(&searcher, &text, lang.other(), request.limit)?;
            if other.0 > 0 {
                lang = lang.other();
                found = other;
            }
        }
        let (total, hits) = found;
        let plan = query::plan(&text, lang);
        let mut highlighter = Highlighter::new(&plan, lang);
        let hits = hits
            .into_iter()
            .filter_map(|(score, address)| self.hit(&searcher, address, score, &mut highlighter))
            .collect();
        Ok(SearchResponse {
            query: request.query.clone(),
            lang: Some(lang),
            took_us: started.elapsed().as_micros() as u64,
            total,
            hits,
        })
    }

    /// Runs the passes of a query plan (every word, then most, then any), best first, without
    /// repeating a passage. Returns how many passages matched at all, and the best `limit`.
    fn run(
        &self,
        searcher: &Searcher,
        text: &str,
        lang: Lang,
        limit: usize,
    ) -> Result<(usize, Vec<(f32, DocAddress)>), SearchError> {
        let plan = query::plan(text, lang);
        if plan.is_empty() || limit == 0 {
            return Ok((0, Vec::new()));
        }
        let fields = self.fields.of(lang);
        let mut seen = HashSet::new();
        let mut hits = Vec::with_capacity(limit);
        let mut total = 0;
        for min_groups in query::passes(&plan) {
            let Some(query) = query::build(&plan, fields, min_groups) else {
                break;
            };
            if hits.len() < limit {
                let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
                for (score, address) in top {
                    if hits.len() < limit && seen.insert(address) {
                        hits.push((score, address));
                    }
                }
            }
            if min_groups == 1 {
                total = searcher.search(&query, &Count)?;
            }
        }
        Ok((total.max(hits.len()), hits))
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        highlighter: &mut Highlighter,
    ) -> Option<SearchHit> {
        let stored: TantivyDocument = searcher.doc(address).ok()?;
        let ord = stored.get_first(self.fields.ord)?.as_u64()?;
        let (doc_index, passage_index) = unpack_ord(ord);
        let doc = self.corpus.documents().get(doc_index)?;
        let passage = doc.passages.get(passage_index)?;
        let html =
            crate::content::markdown::to_html(&passage.markdown, &mut |t| highlighter.mark_all(t));
        Some(SearchHit {
            passage_id: passage.id.clone(),
            doc_id: doc.id.clone(),
            title: doc.title.clone(),
            heading: passage.heading.clone().unwrap_or_else(|| doc.title.clone()),
            lang: doc.lang,
            topic: doc.topic.clone(),
            snippet_html: highlighter.snippet(&passage.text, SNIPPET_LEN),
            text: passage.text.clone(),
            score,
            last_reviewed: doc.last_reviewed.to_string(),
            url: doc.passage_url(passage),
            html,
            sources: doc.source_views(),
        })
    }

    /// The language whose passages know more of the query's words; marks such as `¿` or `ñ`
    /// settle it for Spanish. English when nothing tells.
    fn detect_lang(&self, searcher: &Searcher, text: &str) -> Lang {
        if text.chars().any(|c| "¿¡ñÑáéíóúÁÉÍÓÚ".contains(c)) {
            return Lang::Es;
        }
        let known = |lang: Lang| -> usize {
            let fields = self.fields.of(lang);
            query::plan(text, lang)
                .stems
                .iter()
                .filter(|stem| {
                    searcher
                        .doc_freq(&Term::from_field_text(fields.body, stem))
                        .is_ok_and(|n| n > 0)
                })
                .count()
        };
        if known(Lang::Es) > known(Lang::En) {
            Lang::Es
        } else {
            Lang::En
        }
    }
}
