//! Typo correction: a word the index does not know is replaced by the closest word it does,
//! so "blinatumamab" searches as "blinatumomab" with full BM25 scoring (tantivy's fuzzy query
//! would score every near match the same). Words of 5–6 characters allow one edit, 7+ two
//! ("kimmriah" is Kymriah); a swap of neighbours counts as one. Among candidates the fewest
//! edits win — so a misspelled drug never turns into a different drug when a closer candidate
//! exists — then the one found beside more of the query's other words, then the same length,
//! then the most common word (`correction`). The corrected query is planned again, so a
//! corrected word joins the synonym phrase it completes (`correction::replan`). A real English or Spanish word (`lexicon`) is never
//! corrected: the content lacks it, and the plan says so (`QueryPlan::unmatched`) instead of
//! searching for another word. Nothing is ever corrected into a function word.

use super::correction::Context;
use super::query::{Group, GroupKind, QueryPlan, analyze};
use super::schema::LangFields;
use super::{analysis, lexicon};
use crate::domain::Lang;
use std::cell::OnceCell;
use tantivy::query::FuzzyTermQuery;
use tantivy::{Searcher, Term};

/// Candidates read from the term dictionary per word, at most.
const MAX_CANDIDATES: usize = 200;

fn allowed_edits(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=6 => 1,
        _ => 2,
    }
}

/// Does the index know `group`'s word, as typed or by its stem?
fn known(searcher: &Searcher, fields: &LangFields, group: &Group) -> bool {
    let in_field = |field, text: &str| {
        searcher
            .doc_freq(&Term::from_field_text(field, text))
            .is_ok_and(|n| n > 0)
    };
    group
        .word
        .as_deref()
        .is_some_and(|w| in_field(fields.words, w))
        || group.alternatives.iter().flatten().any(|(_, stem)| {
            in_field(fields.body, stem)
                || in_field(fields.heading, stem)
                || in_field(fields.phrasings, stem)
                || in_field(fields.title, stem)
        })
}

/// Words within the allowed edits of `word`, with their document frequencies.
fn candidates(
    searcher: &Searcher,
    fields: &LangFields,
    word: &str,
    edits: u8,
) -> Vec<(String, u64)> {
    let query = FuzzyTermQuery::new(Term::from_field_text(fields.words, word), edits, true);
    let Ok(automaton) = query.automaton() else {
        return Vec::new();
    };
    let mut out: Vec<(String, u64)> = Vec::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(fields.words) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
            continue;
        };
        while stream.advance() && out.len() < MAX_CANDIDATES {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let freq = u64::from(stream.value().doc_freq);
            match out.iter_mut().find(|(t, _)| t == term) {
                Some(entry) => entry.1 += freq,
                None => out.push((term.to_string(), freq)),
            }
        }
    }
    out
}

/// The closest known word to `word`, if one is within the allowed edits (one edit tried
/// before two, so that a one-edit word is never crowded out of the candidates read). Among
/// the closest, the one found beside more of the query's other groups wins (`beside`: how
/// many a passage holding the candidate also holds), then the same length, then the most
/// common word.
pub fn best_correction(
    searcher: &Searcher,
    fields: &LangFields,
    word: &str,
    beside: impl Fn(&str) -> usize,
) -> Option<String> {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut found: Vec<(String, u64)> = Vec::new();
    for edits in 1..=allowed_edits(word) {
        found = candidates(searcher, fields, word, edits)
            .into_iter()
            .filter(|(candidate, _)| {
                !analysis::is_stop_word(Lang::En, candidate)
                    && !analysis::is_stop_word(Lang::Es, candidate)
            })
            .collect();
        if !found.is_empty() {
            break;
        }
    }
    let distance = |candidate: &str| strsim::damerau_levenshtein(word, candidate);
    let closest = found
        .iter()
        .map(|(candidate, _)| distance(candidate))
        .min()?;
    found.retain(|(candidate, _)| distance(candidate) == closest);
    let tied = found.len() > 1;
    found
        .into_iter()
        .max_by_key(|(candidate, freq)| {
            let length_gap = word.chars().count().abs_diff(candidate.chars().count());
            let context = if tied { beside(candidate) } else { 0 };
            (context, std::cmp::Reverse(length_gap), *freq)
        })
        .map(|(candidate, _)| candidate)
}

/// Replaces every unknown word of `plan` with its correction, and takes out the unknown words
/// that are real words (listed in `plan.unmatched`). Returns the query as corrected
/// (`text` with the corrected words in place) when anything changed.
pub fn correct(
    searcher: &Searcher,
    fields: &LangFields,
    lang: Lang,
    text: &str,
    plan: &mut QueryPlan,
) -> Option<String> {
    let mut analyzer = analysis::stemmed(lang);
    let mut replaced: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut missing: Vec<usize> = Vec::new();
    // Made only when two corrections tie (most searches correct nothing).
    let context: OnceCell<Context> = OnceCell::new();
    for i in 0..plan.groups.len() {
        let group = &plan.groups[i];
        if group.kind != GroupKind::Word || known(searcher, fields, group) {
            continue;
        }
        // A word still being typed that starts known words is not a typo yet.
        if plan.prefix_group == Some(i)
            && !candidates_by_prefix_empty(searcher, fields, plan.prefix.as_deref())
        {
            continue;
        }
        let Some(word) = group.word.clone() else {
            continue;
        };
        if lexicon::is_real_word(&text[group.typed.clone()]) {
            missing.push(i);
            continue;
        }
        let beside = |candidate: &str| {
            context
                .get_or_init(|| Context::of(plan, fields, lang))
                .beside(searcher, fields, candidate, i)
        };
        let Some(fixed) = best_correction(searcher, fields, &word, beside) else {
            continue;
        };
        let alternative = analyze(&mut analyzer, &fixed);
        if alternative.is_empty() {
            continue;
        }
        let group = &mut plan.groups[i];
        group.alternatives = vec![alternative];
        group.weights = vec![1.0];
        group.kind = GroupKind::Corrected;
        group.word = Some(fixed.clone());
        replaced.push((group.typed.clone(), fixed));
    }
    plan.drop_unmatched(&missing, text);
    if replaced.is_empty() {
        return None;
    }
    if replaced.iter().any(|(range, _)| {
        plan.prefix_group
            .is_some_and(|g| plan.groups[g].typed == *range)
    }) {
        plan.prefix = None;
        plan.prefix_group = None;
    }
    let mut corrected = text.to_string();
    for (range, word) in replaced.into_iter().rev() {
        corrected.replace_range(range, &word);
    }
    Some(corrected.trim().to_string())
}

fn candidates_by_prefix_empty(
    searcher: &Searcher,
    fields: &LangFields,
    prefix: Option<&str>,
) -> bool {
    let Some(prefix) = prefix else { return true };
    let query = FuzzyTermQuery::new_prefix(Term::from_field_text(fields.words, prefix), 0, true);
    let Ok(automaton) = query.automaton() else {
        return true;
    };
    !searcher.segment_readers().iter().any(|segment| {
        let Ok(inverted) = segment.inverted_index(fields.words) else {
            return false;
        };
        inverted
            .terms()
            .search(&automaton)
            .into_stream()
            .is_ok_and(|mut stream| stream.advance())
    })
}
