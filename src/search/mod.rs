//! The search engine: a tantivy index of every passage, built in RAM from a `Corpus`, and the
//! search that turns what a specialist typed into ranked, highlighted hits. Plain Rust: no
//! Leptos, no HTTP. Callers on an async runtime run `search` in `spawn_blocking`.

pub mod analysis;
mod anchor;
pub(crate) mod build;
mod correction;
mod detect;
mod engine;
pub mod eval;
pub mod glossary_marks;
pub mod highlight;
mod hits;
pub mod lexicon;
mod lines;
pub mod normalize;
mod pins;
#[cfg(test)]
mod pins_tests;
mod presence;
mod proximity;
pub mod query;
pub mod request;
mod run;
mod runs;
pub mod schema;
mod senses;
mod stated_age;
pub mod stored;
mod total;
pub mod typo;
mod weak;
mod why;

#[cfg(test)]
mod miss_tests;
#[cfg(test)]
mod other_disease_tests;
#[cfg(test)]
mod promote_tests;
#[cfg(test)]
mod stored_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod typo_tests;

use crate::content::Corpus;
use crate::domain::{Lang, MAX_QUERY_CHARS, SearchResponse};
use highlight::Highlighter;
pub use pins::{QueryLinks, StoredLink};
use query::QueryPlan;
pub use request::InvalidSearch;
use schema::Fields;
use std::sync::Arc;
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, IndexReader, Searcher, Term};

/// Length of a hit's snippet, in bytes of text.
const SNIPPET_LEN: usize = 220;
const WRITER_MEMORY: usize = 50_000_000;
/// Glossary entries' scores outside definition queries are multiplied by this.
const GLOSSARY_DAMPING: f32 = 0.6;
/// Extra hits fetched per pass, so a damped glossary entry can be overtaken.
const GLOSSARY_HEADROOM: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("a document has more passages than the index can address: {0}")]
    TooManyPassages(String),
    #[error("stored search index: {0}")]
    Stored(String),
}

/// What to search for.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    pub query: String,
    /// The language to answer in; detected from the query when `None`.
    pub lang: Option<Lang>,
    pub limit: usize,
    /// Which hits come whole.
    pub whole: Whole,
}

/// Which hits of an answer come whole (the highlighted passage, its copy texts and sources);
/// the others carry what a list of hits shows (`SearchHit::partial`). The pane asks for the
/// first only, so a keystroke builds and sends one passage, not ten.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Whole {
    #[default]
    All,
    First,
}

/// A passage a pass found, with how.
struct Ranked {
    score: f32,
    address: DocAddress,
    /// The pass's number of groups required.
    pass: usize,
    /// The proximity bonus lifted it.
    phrase: bool,
}

/// The outcome of one language's passes.
struct Found {
    lang: Lang,
    plan: QueryPlan,
    corrected: Option<String>,
    total: total::Total,
    hits: Vec<Ranked>,
}

/// An index over one corpus. Cheap to share: one reader for the process, one searcher per search.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    corpus: Arc<Corpus>,
    glossary: glossary_marks::GlossaryMarks,
    /// Per document, per passage: the query-independent part of its hit, once made (boxed: an
    /// empty slot costs a pointer, not a whole `Prepared`, for each of 100,000 passages).
    prepared: Vec<Vec<std::sync::OnceLock<Box<hits::Prepared>>>>,
    /// Per segment, per passage in the index: its packed position in the corpus (the `ord`
    /// fast field read once; opening the column per hit cost more than scoring the hit).
    ords: Vec<Vec<u64>>,
    /// Bitsets of the common terms of the stemmed and run fields (see `presence`).
    presence: presence::Presence,
}

impl SearchIndex {
    /// Memory taken by the term bitsets, in bytes.
    pub fn presence_bytes(&self) -> usize {
        self.presence.bytes()
    }

    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }

    /// Searches; anything typed is accepted (over-long text is cut, control characters dropped).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        self.search_linked(request, &[])
    }

    /// Like `search`, with the passages supervisors linked to this query (per language, as
    /// passage ids): the one in the answer's language comes first.
    pub fn search_linked(
        &self,
        request: &SearchRequest,
        linked: &[(Lang, String)],
    ) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let text = query::clean(&request.query, MAX_QUERY_CHARS);
        let searcher = self.reader.searcher();
        let guess = match request.lang {
            Some(lang) => detect::Guess { lang, sure: true },
            None => self.detect_lang(&searcher, &text),
        };
        let mut found = self.run(&searcher, &text, guess.lang, request.limit)?;
        if request.lang.is_none() && (!guess.sure || found.hits.is_empty()) {
            let other = self.run(&searcher, &text, guess.lang.other(), request.limit)?;
            if detect::answers_better(&other, &found) {
                found = other;
            }
        }
        let mut highlighter = Highlighter::new(&found.plan, found.lang);
        let mut hits = self.explained_hits(&found, &mut highlighter, request.whole);
        let not_covered = self.apply_pins(
            &text,
            &mut found.lang,
            &mut hits,
            linked,
            &mut highlighter,
            request.limit,
        );
        found.total.count = found.total.count.max(hits.len());
        Ok(SearchResponse {
            query: request.query.clone(),
            lang: Some(found.lang),
            took_us: started.elapsed().as_micros() as u64,
            corrected: found.corrected,
            total: found.total.count,
            total_at_least: found.total.at_least,
            hits,
            unmatched: found.plan.unmatched,
            not_covered,
            search_ref: None,
        })
    }

    /// For a short definition query ("what is MRD"), the glossary entry whose term or alias is
    /// what was asked, to come first.
    fn glossary_first(
        &self,
        searcher: &Searcher,
        plan: &QueryPlan,
        lang: Lang,
    ) -> Result<Option<(tantivy::Score, DocAddress)>, SearchError> {
        let Some(strict) = plan
            .wants_definition()
            .then(|| query::build_named(plan, self.fields.of(lang)))
            .flatten()
        else {
            return Ok(None);
        };
        let glossary: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Must, strict),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.topic, "glossary"),
                    IndexRecordOption::Basic,
                )),
            ),
        ]));
        Ok(searcher
            .search(&glossary, &TopDocs::with_limit(1).order_by_score())?
            .pop())
    }
}
