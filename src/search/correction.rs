//! What a typo correction needs beyond the closest word: the query's other groups, which
//! settle a tie between corrections as close ("dañar el corzón" is *corazón*, said beside
//! chemotherapy, not *cordón*), and the plan made again from the corrected query, so that a
//! corrected word joins the synonym phrase it completes ("otro hemtologo" names a second
//! opinion as "otro hematólogo" does).

use super::query::{GroupKind, QueryPlan};
use super::schema::LangFields;
use super::{analysis, typo};
use crate::content::synonyms::Synonyms;
use crate::domain::Lang;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

/// The terms of each group of a query, to count how many of them stand beside a candidate.
pub struct Context {
    /// Per group: the terms saying it (a word as typed, or each way of saying a synonym).
    groups: Vec<Vec<Term>>,
}

impl Context {
    /// The groups of `plan` that are not function words: a word by its whole form, a
    /// synonym or corrected word by the longest stem of each way of saying it.
    pub fn of(plan: &QueryPlan, fields: &LangFields, lang: Lang) -> Context {
        let groups = plan
            .groups
            .iter()
            .map(|group| match (&group.kind, group.word.as_deref()) {
                (GroupKind::Word, Some(word)) if !analysis::is_stop_word(lang, word) => {
                    vec![Term::from_field_text(fields.words, word)]
                }
                (GroupKind::Word, _) => Vec::new(),
                _ => group
                    .alternatives
                    .iter()
                    .filter_map(|alternative| {
                        alternative.iter().map(|(_, s)| s).max_by_key(|s| s.len())
                    })
                    .map(|stem| Term::from_field_text(fields.body, stem))
                    .collect(),
            })
            .collect();
        Context { groups }
    }

    /// The most of the groups other than `own` that one passage holding `candidate` (a whole
    /// word) also holds.
    pub fn beside(
        &self,
        searcher: &Searcher,
        fields: &LangFields,
        candidate: &str,
        own: usize,
    ) -> usize {
        let term = |term: &Term| -> Box<dyn Query> {
            Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic))
        };
        let others: Vec<(Occur, Box<dyn Query>)> = self
            .groups
            .iter()
            .enumerate()
            .filter(|&(g, terms)| g != own && !terms.is_empty())
            .map(|(_, terms)| {
                let any =
                    BooleanQuery::new(terms.iter().map(|t| (Occur::Should, term(t))).collect());
                (
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(Box::new(any), 1.0)) as Box<dyn Query>,
                )
            })
            .collect();
        if others.is_empty() {
            return 0;
        }
        let must = term(&Term::from_field_text(fields.words, candidate));
        let mut clauses = vec![(
            Occur::Must,
            Box::new(ConstScoreQuery::new(must, 0.0)) as Box<dyn Query>,
        )];
        clauses.extend(others);
        searcher
            .search(
                &BooleanQuery::new(clauses),
                &TopDocs::with_limit(1).order_by_score(),
            )
            .ok()
            .and_then(|top| top.first().map(|(score, _)| score.round() as usize))
            .unwrap_or(0)
    }
}

/// The plan of the `corrected` query, made again from its text: `first` is the plan the
/// correction was made on. The real words `first` found unmatched are taken out again, the
/// corrected words keep their mark, and a query that was finished stays finished (the
/// corrected text is trimmed, so its last word would otherwise look still typed).
pub fn replan(
    searcher: &Searcher,
    fields: &LangFields,
    lang: Lang,
    corrected: &str,
    first: &QueryPlan,
    synonyms: &Synonyms,
) -> QueryPlan {
    let finished = format!("{corrected} ");
    let text = if first.prefix.is_none() {
        finished.as_str()
    } else {
        corrected
    };
    let mut again = super::query::plan(text, lang, synonyms);
    // Every word is known now but the unmatched real words, which this takes out again.
    typo::correct(searcher, fields, lang, text, &mut again);
    let fixed: Vec<&str> = first
        .groups
        .iter()
        .filter(|g| g.kind == GroupKind::Corrected)
        .filter_map(|g| g.word.as_deref())
        .collect();
    for group in &mut again.groups {
        if group.kind == GroupKind::Word
            && group.word.as_deref().is_some_and(|w| fixed.contains(&w))
        {
            group.kind = GroupKind::Corrected;
        }
    }
    again
}
