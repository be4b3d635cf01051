//! The search engine: a tantivy index of every passage, built in RAM from a `Corpus`, and the
//! search that turns what a specialist typed into ranked, highlighted hits. Plain Rust: no
//! Leptos, no HTTP. Callers on an async runtime run `search` in `spawn_blocking`.

pub mod analysis;
mod anchor;
pub(crate) mod build;
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
mod presence;
mod proximity;
pub mod query;
pub mod request;
mod runs;
pub mod schema;
mod stated_age;
pub mod stored;
mod total;
pub mod typo;
mod weak;
mod why;

#[cfg(test)]
mod miss_tests;
#[cfg(test)]
mod promote_tests;
#[cfg(test)]
mod stored_tests;
#[cfg(test)]
mod tests;

use crate::content::Corpus;
use crate::domain::{Lang, MAX_QUERY_CHARS, SearchResponse};
use highlight::Highlighter;
pub use pins::QueryLinks;
use query::QueryPlan;
pub use request::InvalidSearch;
use schema::Fields;
use std::collections::HashSet;
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
        let in_lang = searcher
            .doc_freq(&Term::from_field_text(self.fields.lang, lang.code()))
            .unwrap_or(0);
        let group_dfs: Vec<u64> = plan
            .groups
            .iter()
            .map(|group| weak::group_doc_freq(searcher, fields, group).min(in_lang))
            .collect();
        weak::drop_weak_groups(&mut plan, in_lang, |g| group_dfs[g]);
        if tracing::enabled!(tracing::Level::DEBUG) {
            let typed = |gs: &[query::Group]| -> Vec<String> {
                gs.iter()
                    .map(|g| format!("{}:{:?}", &text[g.typed.clone()], g.kind))
                    .collect()
            };
            tracing::debug!(groups = ?typed(&plan.groups), weak = ?typed(&plan.weak), unmatched = ?plan.unmatched, "query plan");
        }
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
        if let Some((score, address)) = self.glossary_first(searcher, &found.plan, lang)? {
            seen.insert(address);
            let pass = found.plan.group_count();
            found.hits.push(Ranked {
                score,
                address,
                pass,
                phrase: false,
            });
        }
        let anchor = anchor::Anchor::of(searcher, fields, &found.plan, in_lang)?;
        let proximity = proximity::queries(&found.plan, fields);
        let mut line_marks = lines::LineGroups::new(Highlighter::new(&found.plan, lang));
        let engine = engine::Engine::new(searcher, &self.presence, &found.plan, fields)?;
        for min_groups in query::passes(&found.plan) {
            if found.hits.len() >= limit || engine.group_count() == 0 {
                break;
            }
            let wanted = limit + GLOSSARY_HEADROOM;
            let pool_size = proximity::pool_size(wanted);
            // An anchored pass keeps only the passages holding the anchor: fetch more, so that
            // enough of them are among the pool (at 100,000 passages many may hold it).
            let fetch = if anchor.is_some() && min_groups > 1 {
                pool_size * anchor::OVERFETCH
            } else {
                pool_size
            };
            let mut top = engine.top(min_groups, fetch)?;
            self.promote(
                &engine,
                &mut top,
                min_groups,
                pool_size,
                &seen,
                &mut line_marks,
            )?;
            if let Some(anchor) = anchor.as_ref().filter(|_| min_groups > 1) {
                top.retain(|&(_, address)| anchor.held_by(address));
            }
            let on_words: std::collections::HashMap<DocAddress, f32> = top
                .iter()
                .map(|&(score, address)| (address, score))
                .collect();
            proximity::rescore(searcher, &proximity, &mut top)?;
            self.lift_by_lines(&mut top, found.plan.group_count(), &mut line_marks);
            top.truncate(wanted);
            if !found.plan.wants_definition() {
                self.damp_glossary(&mut top);
            }
            for (score, address) in top {
                if found.hits.len() < limit && seen.insert(address) {
                    let phrase = !proximity.is_empty()
                        && on_words.get(&address).is_some_and(|&before| score > before);
                    found.hits.push(Ranked {
                        score,
                        address,
                        pass: min_groups,
                        phrase,
                    });
                }
            }
        }
        if !found.hits.is_empty() {
            found.total = total::Total::of(engine.count_any(total::EXACT_UP_TO)?);
        }
        found.total.count = found.total.count.max(found.hits.len());
        if found.hits.is_empty() {
            found.corrected = None;
        }
        Ok(found)
    }
}
