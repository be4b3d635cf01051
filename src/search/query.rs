//! Turns what a person typed into tantivy queries, without a query language: nothing typed can
//! be a syntax error. Words are analyzed like the passages; the last word, while still being
//! typed, also matches as a prefix. Plans run strict (every word) first, then relaxed.

use super::analysis::{self, terms};
use super::schema::LangFields;
use crate::domain::Lang;
use std::collections::HashSet;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

/// At most this many distinct words of a query are used; the rest are ignored.
pub const MAX_QUERY_TERMS: usize = 32;
/// Shortest unfinished last word that is matched as a prefix.
const MIN_PREFIX_CHARS: usize = 2;
const PREFIX_BOOST: f32 = 0.3;

/// What a query means to the index: one group per word, each group matching that word in any
/// field. Also what the highlighter must mark.
#[derive(Debug, Default)]
pub struct QueryPlan {
    /// Stemmed terms, in the order typed.
    pub stems: Vec<String>,
    /// The unfinished last word (folded), matched as a prefix of whole words.
    pub prefix: Option<String>,
    /// The stem of that unfinished word, when it has one (a stop word has none).
    pub last_word_stem: Option<String>,
}

impl QueryPlan {
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.prefix.is_none()
    }

    fn group_count(&self) -> usize {
        self.stems.len() + usize::from(self.prefix_stands_alone())
    }

    /// The prefix is a group of its own when its word left no stem (say, a stop word).
    fn prefix_stands_alone(&self) -> bool {
        self.prefix.is_some() && self.last_word_stem.is_none()
    }
}

/// Removes control characters and caps the length; what is left is safe to analyze.
pub fn clean(text: &str, max_chars: usize) -> String {
    text.chars()
        .take(max_chars)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Analyzes `text` in `lang`. `text` must already be cleaned.
pub fn plan(text: &str, lang: Lang) -> QueryPlan {
    let mut seen = HashSet::new();
    let found = terms(&mut analysis::stemmed(lang), text);
    let mut plan = QueryPlan::default();
    for term in &found {
        if plan.stems.len() < MAX_QUERY_TERMS && seen.insert(term.term.clone()) {
            plan.stems.push(term.term.clone());
        }
    }
    let still_typing = text.chars().last().is_some_and(char::is_alphanumeric);
    if still_typing {
        let words = terms(&mut analysis::words(), text);
        if let Some(last) = words.last()
            && last.term.chars().count() >= MIN_PREFIX_CHARS
        {
            plan.prefix = Some(last.term.clone());
            plan.last_word_stem = found
                .iter()
                .rfind(|f| f.from == last.from)
                .map(|f| f.term.clone());
        }
    }
    plan
}

fn term_group(fields: &LangFields, stem: &str) -> Box<dyn Query> {
    let clauses = fields
        .boosted()
        .into_iter()
        .map(|(field, boost)| {
            let query = TermQuery::new(
                Term::from_field_text(field, stem),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), boost)) as Box<dyn Query>,
            )
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn prefix_query(fields: &LangFields, prefix: &str) -> Box<dyn Query> {
    let query = FuzzyTermQuery::new_prefix(Term::from_field_text(fields.words, prefix), 0, true);
    Box::new(BoostQuery::new(Box::new(query), PREFIX_BOOST))
}

/// The query requiring at least `min_groups` of the plan's groups (all of them when it equals
/// the group count). `None` when the plan is empty.
pub fn build(plan: &QueryPlan, fields: &LangFields, min_groups: usize) -> Option<Box<dyn Query>> {
    let mut groups: Vec<Box<dyn Query>> = Vec::new();
    for stem in &plan.stems {
        let mut group = term_group(fields, stem);
        if let Some(prefix) = &plan.prefix
            && plan.last_word_stem.as_deref() == Some(stem.as_str())
        {
            group = Box::new(BooleanQuery::new(vec![
                (Occur::Should, group),
                (Occur::Should, prefix_query(fields, prefix)),
            ]));
        }
        groups.push(group);
    }
    if plan.prefix_stands_alone()
        && let Some(prefix) = &plan.prefix
    {
        groups.push(prefix_query(fields, prefix));
    }
    if groups.is_empty() {
        return None;
    }
    let total = groups.len();
    let clauses = groups.into_iter().map(|g| (Occur::Should, g)).collect();
    let min = min_groups.clamp(1, total);
    Some(Box::new(BooleanQuery::with_minimum_required_clauses(
        clauses, min,
    )))
}

/// How many groups each pass requires: all, then most, then any one.
pub fn passes(plan: &QueryPlan) -> Vec<usize> {
    let n = plan.group_count();
    let mut passes = vec![n, n.div_ceil(2).max(1), 1];
    passes.dedup();
    passes.retain(|&p| p >= 1);
    passes
}
