//! The search engine: a tantivy index of every passage, built in RAM from a `Corpus`, and the
//! search that turns what a specialist typed into ranked, highlighted hits. Plain Rust: no
//! Leptos, no HTTP. Callers on an async runtime run `search` in `spawn_blocking`.

pub mod analysis;
mod engine;
pub mod eval;
pub mod glossary_marks;
pub mod highlight;
mod hits;
pub mod normalize;
mod presence;
mod proximity;
pub mod query;
pub mod request;
mod runs;
pub mod schema;
mod total;
pub mod typo;

#[cfg(test)]
mod tests;

use crate::content::Corpus;
use crate::domain::{Lang, MAX_QUERY_CHARS, SearchResponse};
use highlight::Highlighter;
use query::QueryPlan;
pub use request::InvalidSearch;
use schema::{Fields, build_schema, pack_ord};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::indexer::NoMergePolicy;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::TantivyDocument;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, Term};

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
}

/// What to search for.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    pub query: String,
    /// The language to answer in; detected from the query when `None`.
    pub lang: Option<Lang>,
    pub limit: usize,
}

/// The outcome of one language's passes.
struct Found {
    lang: Lang,
    plan: QueryPlan,
    corrected: Option<String>,
    total: total::Total,
    hits: Vec<(f32, DocAddress)>,
}

/// An index over one corpus. Cheap to share: one reader for the process, one searcher per search.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    corpus: Arc<Corpus>,
    glossary: glossary_marks::GlossaryMarks,
    /// Per document, per passage: the query-independent part of its hit, once made.
    prepared: Vec<Vec<std::sync::OnceLock<hits::Prepared>>>,
    /// Per segment, per passage in the index: its packed position in the corpus (the `ord`
    /// fast field read once; opening the column per hit cost more than scoring the hit).
    ords: Vec<Vec<u64>>,
    /// Bitsets of the common terms of the stemmed and run fields (see `presence`).
    presence: presence::Presence,
}

impl SearchIndex {
    /// Indexes every passage of `corpus` in RAM.
    pub fn build(corpus: Arc<Corpus>) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        analysis::register(&index);
        let mut writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
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
                for alias in &passage.aliases {
                    d.add_text(lf.heading, alias);
                }
                d.add_text(lf.body, &passage.text);
                let mut stemmer = analysis::stemmed(doc.lang);
                d.add_pre_tokenized_text(lf.title_runs, runs::runs_of(&mut stemmer, &doc.title));
                for text in
                    std::iter::once(heading).chain(passage.aliases.iter().map(String::as_str))
                {
                    d.add_pre_tokenized_text(lf.heading_runs, runs::runs_of(&mut stemmer, text));
                }
                d.add_pre_tokenized_text(lf.body_runs, runs::runs_of(&mut stemmer, &passage.text));
                for text in [doc.title.as_str(), heading, passage.text.as_str()] {
                    d.add_text(lf.words, text);
                }
                writer.add_document(d)?;
            }
        }
        writer.commit()?;
        // One segment: a search sets up its scorers once per segment, so an index written in
        // several pieces (a large corpus) would pay for that several times over.
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;
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

    /// Memory taken by the term bitsets, in bytes.
    pub fn presence_bytes(&self) -> usize {
        self.presence.bytes()
    }

    pub fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
    }

    /// Searches; anything typed is accepted (over-long text is cut, control characters dropped).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let text = query::clean(&request.query, MAX_QUERY_CHARS);
        let searcher = self.reader.searcher();
        let detected = request
            .lang
            .unwrap_or_else(|| self.detect_lang(&searcher, &text));
        let mut found = self.run(&searcher, &text, detected, request.limit)?;
        if found.hits.is_empty() && request.lang.is_none() {
            let other = self.run(&searcher, &text, detected.other(), request.limit)?;
            if !other.hits.is_empty() {
                found = other;
            }
        }
        let mut highlighter = Highlighter::new(&found.plan, found.lang);
        let hits = found
            .hits
            .into_iter()
            .filter_map(|(score, address)| self.hit(address, score, &mut highlighter))
            .collect();
        Ok(SearchResponse {
            query: request.query.clone(),
            lang: Some(found.lang),
            took_us: started.elapsed().as_micros() as u64,
            corrected: found.corrected,
            total: found.total.count,
            total_at_least: found.total.at_least,
            hits,
            search_ref: None,
        })
    }

    /// Plans the query in `lang` (synonyms, typo corrections) and runs its passes: every group,
    /// then most, then any, best first, without repeating a passage, until the page is full. A
    /// short definition query puts the best glossary entry first.
    fn run(
        &self,
        searcher: &Searcher,
        text: &str,
        lang: Lang,
        limit: usize,
    ) -> Result<Found, SearchError> {
        let fields = self.fields.of(lang);
        let mut plan = query::plan(text, lang, &self.corpus.synonyms);
        let corrected = typo::correct(searcher, fields, lang, text, &mut plan);
        let docs = searcher.num_docs();
        query::weigh_alternatives(&mut plan, docs, |stem| {
            searcher
                .doc_freq(&Term::from_field_text(fields.body, stem))
                .unwrap_or(0)
        });
        let mut found = Found {
            lang,
            plan,
            corrected,
            total: total::Total::default(),
            hits: Vec::with_capacity(limit),
        };
        if found.plan.is_empty() || limit == 0 {
            return Ok(found);
        }
        let mut seen = HashSet::new();
        if found.plan.wants_definition()
            && let Some(strict) = query::build_named(&found.plan, fields)
        {
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
            if let Some((score, address)) = searcher
                .search(&glossary, &TopDocs::with_limit(1).order_by_score())?
                .pop()
            {
                seen.insert(address);
                found.hits.push((score, address));
            }
        }
        let proximity = proximity::queries(&found.plan, fields);
        let engine = engine::Engine::new(searcher, &self.presence, &found.plan, fields)?;
        for min_groups in query::passes(&found.plan) {
            if found.hits.len() >= limit || engine.group_count() == 0 {
                break;
            }
            let wanted = limit + GLOSSARY_HEADROOM;
            let mut top = engine.top(min_groups, proximity::pool_size(wanted))?;
            proximity::rescore(searcher, &proximity, &mut top)?;
            top.truncate(wanted);
            if !found.plan.wants_definition() {
                self.damp_glossary(&mut top);
            }
            for (score, address) in top {
                if found.hits.len() < limit && seen.insert(address) {
                    found.hits.push((score, address));
                }
            }
        }
        if !found.hits.is_empty() {
            found.total = match engine.count_any(total::EXACT_UP_TO)? {
                Some(count) => total::Total {
                    count,
                    at_least: false,
                },
                None => total::Total {
                    count: total::EXACT_UP_TO,
                    at_least: true,
                },
            };
        }
        found.total.count = found.total.count.max(found.hits.len());
        if found.hits.is_empty() {
            found.corrected = None;
        }
        Ok(found)
    }

    /// The language whose passages know more of the query's words; marks such as `¿` or `ñ`
    /// settle it for Spanish. English when nothing tells.
    fn detect_lang(&self, searcher: &Searcher, text: &str) -> Lang {
        if text.chars().any(|c| "¿¡ñÑáéíóúÁÉÍÓÚ".contains(c)) {
            return Lang::Es;
        }
        let known = |lang: Lang| -> usize {
            let fields = self.fields.of(lang);
            // The words as typed: synonyms span both languages and would blur the signal.
            query::plan(text, lang, &Default::default())
                .stems()
                .filter(|stem| {
                    searcher
                        .doc_freq(&Term::from_field_text(fields.body, stem))
                        .is_ok_and(|n| n > 0)
                })
                .count()
        };
        // Function words ("what", "is" / "qué", "es") are the surest sign of a language, and a
        // passage quoting a title in the other language cannot fake them.
        let function_words = |lang: Lang| -> usize {
            text.split(|c: char| !c.is_alphanumeric())
                .map(analysis::fold)
                .filter(|w| {
                    analysis::is_stop_word(lang, w) && !analysis::is_stop_word(lang.other(), w)
                })
                .count()
        };
        let score = |lang: Lang| known(lang) + function_words(lang);
        if score(Lang::Es) > score(Lang::En) {
            Lang::Es
        } else {
            Lang::En
        }
    }
}
