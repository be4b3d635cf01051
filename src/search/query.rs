//! Turns what a person typed into a query plan, without a query language: nothing typed can be
//! a syntax error. The query is cut into groups — a word, or a run of words naming a synonym
//! group ("spinal tap", "6 mp") with every way of saying it — and each group matches in the
//! title, heading or text. The last word, while still being typed, also matches as a prefix.
//! Searches run strict (every group) first, then one group fewer at a time down to half, then
//! any. The plan is run by `engine`. `build` states the same scoring as a tantivy query tree,
//! the reference the engine is tested against; `build_named` (the glossary lookup) is a tree.

use super::analysis::{self, terms};
use super::schema::LangFields;
use crate::content::synonyms::Synonyms;
use crate::domain::Lang;
use std::collections::HashSet;
use std::ops::Range;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

/// At most this many groups of a query are used; the rest are ignored.
pub const MAX_QUERY_GROUPS: usize = 32;
/// Shortest unfinished last word that is matched as a prefix.
const MIN_PREFIX_CHARS: usize = 2;
/// The unfinished word's prefix matches with this constant score.
pub const PREFIX_BOOST: f32 = 0.3;
/// How much the other alternatives of a group add to the best one.
pub const ALTERNATIVES_TIE_BREAKER: f32 = 0.1;

/// Words that ask for a definition; they are dropped from the query and mark it as one.
const DEFINITION_CUES: &[&str] = &[
    "mean",
    "means",
    "meaning",
    "define",
    "definition",
    "significa",
    "significado",
    "definicion",
];

/// One way of saying a group: stems with their positions relative to the first.
pub type Alternative = Vec<(usize, String)>;

#[derive(Clone, Debug, PartialEq)]
pub enum GroupKind {
    /// One word as typed.
    Word,
    /// A run of words that names a synonym group.
    Synonym,
    /// A word not in the index, replaced by the closest word that is.
    Corrected,
}

#[derive(Clone, Debug)]
pub struct Group {
    /// Where the group stands in the text the plan was made from: the cleaned query, or the
    /// corrected one once a typo was corrected (`correction::replan`). Never slice the query
    /// as typed with it.
    pub typed: Range<usize>,
    pub alternatives: Vec<Alternative>,
    /// A boost per alternative (1.0 until `weigh_alternatives` sets them), so that all the
    /// ways of saying one thing weigh as one term would.
    pub weights: Vec<f32>,
    pub kind: GroupKind,
    /// For a word: its folded, unstemmed form.
    pub word: Option<String>,
}

/// What a query means to the index, and what the highlighter must mark.
#[derive(Clone, Debug, Default)]
pub struct QueryPlan {
    pub groups: Vec<Group>,
    /// The unfinished last word (folded), matched as a prefix of whole words.
    pub prefix: Option<String>,
    /// Index of the group the unfinished word belongs to, if any.
    pub prefix_group: Option<usize>,
    /// The query asks what something means ("what does refractory mean").
    pub definition_cue: bool,
    /// Real words, as typed, that no passage holds: taken out of the groups, and told to the
    /// specialist ("no passage mentions …") rather than searched as another word.
    pub unmatched: Vec<String>,
    /// Groups too common to count (see `weak`), taken out of the search; still highlighted.
    pub weak: Vec<Group>,
}

impl QueryPlan {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.prefix.is_none()
    }

    pub fn group_count(&self) -> usize {
        self.groups.len() + usize::from(self.prefix_stands_alone())
    }

    fn prefix_stands_alone(&self) -> bool {
        self.prefix.is_some() && self.prefix_group.is_none()
    }

    /// Every stem any group could match: what gets highlighted.
    pub fn stems(&self) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .flat_map(|g| g.alternatives.iter().flatten().map(|(_, s)| s.as_str()))
    }

    /// Takes the groups at `indices` (ascending) out of the plan and records their words, as
    /// typed in `text`, as unmatched.
    pub fn drop_unmatched(&mut self, indices: &[usize], text: &str) {
        for &i in indices.iter().rev() {
            let group = self.groups.remove(i);
            self.unmatched
                .insert(0, text[group.typed.clone()].to_string());
            match self.prefix_group {
                Some(p) if p == i => {
                    self.prefix_group = None;
                    self.prefix = None;
                }
                Some(p) if p > i => self.prefix_group = Some(p - 1),
                _ => {}
            }
        }
    }

    /// A short query asking what a term is: glossary entries should come first.
    pub fn wants_definition(&self) -> bool {
        !self.groups.is_empty() && (self.groups.len() <= 2 || self.definition_cue)
    }
}

/// Removes control characters and caps the length; what is left is safe to analyze.
pub fn clean(text: &str, max_chars: usize) -> String {
    text.chars()
        .take(max_chars)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Analyzes `text` (already cleaned) for searching in `lang`.
pub fn plan(text: &str, lang: Lang, synonyms: &Synonyms) -> QueryPlan {
    let mut analyzer = analysis::stemmed(lang);
    let matches = synonyms.find(text, |word| analysis::is_stop_word(lang, word));
    let found = terms(&mut analyzer, text);
    let mut plan = QueryPlan::default();
    let mut seen: HashSet<Vec<Alternative>> = HashSet::new();
    let mut push = |plan: &mut QueryPlan, group: Group| {
        if plan.groups.len() < MAX_QUERY_GROUPS && seen.insert(group.alternatives.clone()) {
            plan.groups.push(group);
        }
    };
    let mut next_match = matches.iter().peekable();
    let mut token = found.iter().peekable();
    loop {
        // Whichever starts first: the next synonym match or the next word.
        let match_first = match (next_match.peek(), token.peek()) {
            (Some(m), Some(t)) => m.from <= t.from,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if match_first {
            let m = next_match.next().expect("peeked");
            while token.peek().is_some_and(|t| t.from < m.to) {
                token.next();
            }
            let mut alternatives: Vec<Alternative> = Vec::new();
            let typed = &text[m.from..m.to];
            for term in std::iter::once(typed)
                .chain(synonyms.group(m.group).terms.iter().map(String::as_str))
            {
                let alternative = analyze(&mut analyzer, term);
                if !alternative.is_empty() && !alternatives.contains(&alternative) {
                    alternatives.push(alternative);
                }
            }
            if !alternatives.is_empty() {
                let weights = vec![1.0; alternatives.len()];
                push(
                    &mut plan,
                    Group {
                        typed: m.from..m.to,
                        alternatives,
                        weights,
                        kind: GroupKind::Synonym,
                        word: None,
                    },
                );
            }
        } else {
            let t = token.next().expect("peeked");
            let word = analysis::fold(&text[t.from..t.to]);
            if is_clitic(text, t.from, &word) || is_negated_function_word(text, t.to, &word, lang) {
                continue;
            }
            if DEFINITION_CUES.contains(&word.as_str()) {
                plan.definition_cue = true;
                continue;
            }
            push(
                &mut plan,
                Group {
                    typed: t.from..t.to,
                    alternatives: vec![vec![(0, t.term.clone())]],
                    weights: vec![1.0],
                    kind: GroupKind::Word,
                    word: Some(word),
                },
            );
        }
    }

    let still_typing = text.chars().last().is_some_and(char::is_alphanumeric);
    let last_word = terms(&mut analysis::words(), text).pop();
    // A last word that is a whole function word ("… are in it") after words that count is
    // finished, not the start of a longer one: "it" must not ask for words beginning "it".
    let function_word_ends =
        |w: &analysis::Found| !plan.groups.is_empty() && analysis::is_stop_word(lang, &w.term);
    if let Some(last) = last_word.filter(|w| {
        still_typing
            && w.term.chars().count() >= MIN_PREFIX_CHARS
            && !function_word_ends(w)
            && !is_clitic(text, w.from, &w.term)
    }) {
        let inside_match = matches
            .iter()
            .any(|m| m.from <= last.from && last.to <= m.to);
        if !inside_match {
            plan.prefix_group = plan.groups.iter().position(|g| g.typed.start == last.from);
            plan.prefix = Some(last.term);
        }
    }
    plan
}

/// The tail of an English contraction ("there's", "don't", "we'll"): the tokenizer splits at
/// the apostrophe, and the tail is no word a caller meant.
const CLITICS: &[&str] = &["s", "t", "re", "ve", "ll", "d", "m"];

fn is_clitic(text: &str, from: usize, word: &str) -> bool {
    let mut before = text[..from].chars().rev();
    matches!(before.next(), Some('\'' | '\u{2019}'))
        && before.next().is_some_and(char::is_alphanumeric)
        && CLITICS.contains(&word)
}

/// The head of a negative contraction that is a function word once whole ("doesn't" is
/// "doesnt", "isn't" is "isnt"): the tokenizer leaves "doesn", which is no word at all.
fn is_negated_function_word(text: &str, to: usize, word: &str, lang: Lang) -> bool {
    let rest = &text[to..];
    let tail = rest
        .strip_prefix('\'')
        .or_else(|| rest.strip_prefix('\u{2019}'));
    tail.is_some_and(|t| t.starts_with(['t', 'T']))
        && analysis::is_stop_word(lang, &format!("{word}t"))
}

/// Stems of `text` with positions relative to its first stem.
pub fn analyze(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Alternative {
    use tantivy::tokenizer::TokenStream;
    let mut stream = analyzer.token_stream(text);
    let mut out: Alternative = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    if let Some(&(first, _)) = out.first() {
        for (position, _) in &mut out {
            *position -= first;
        }
    }
    out
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, boost))
}

fn alternative_in(field: Field, alternative: &Alternative) -> Box<dyn Query> {
    if let [(_, stem)] = &alternative[..] {
        return Box::new(TermQuery::new(
            Term::from_field_text(field, stem),
            IndexRecordOption::WithFreqs,
        ));
    }
    let terms = alternative
        .iter()
        .map(|(p, s)| (*p, Term::from_field_text(field, s)))
        .collect();
    Box::new(PhraseQuery::new_with_offset(terms))
}

/// One group: the best of its alternatives counts (a passage saying "spinal tap" and "lumbar
/// puncture" is not twice as relevant), each alternative matching in any field.
fn group_query(
    fields: &LangFields,
    targets: &[(Field, f32)],
    group: &Group,
    prefix: Option<&str>,
) -> Box<dyn Query> {
    let mut disjuncts: Vec<Box<dyn Query>> = Vec::new();
    for (alternative, weight) in group.alternatives.iter().zip(&group.weights) {
        let in_fields = targets
            .iter()
            .map(|&(field, boost)| {
                (
                    Occur::Should,
                    boosted(alternative_in(field, alternative), boost),
                )
            })
            .collect();
        disjuncts.push(boosted(Box::new(BooleanQuery::new(in_fields)), *weight));
    }
    if let Some(prefix) = prefix {
        disjuncts.push(prefix_query(fields, prefix));
    }
    Box::new(DisjunctionMaxQuery::with_tie_breaker(
        disjuncts,
        ALTERNATIVES_TIE_BREAKER,
    ))
}

/// Sets each alternative's weight so that it scores with the rarity of the whole group (the
/// documents containing any of its alternatives), as one term would: a rare way of saying a
/// common thing must not outweigh the rest of the query. `doc_freq` counts the passages
/// holding a stem; `docs` is the number of passages.
pub fn weigh_alternatives(plan: &mut QueryPlan, docs: u64, doc_freq: impl Fn(&str) -> u64) {
    let idf = |df: u64| {
        (1.0 + (docs as f32 - df as f32 + 0.5) / (df as f32 + 0.5))
            .ln()
            .max(0.01)
    };
    for group in plan.groups.iter_mut().filter(|g| g.alternatives.len() > 1) {
        let alternative_df: Vec<u64> = group
            .alternatives
            .iter()
            .map(|alt| alt.iter().map(|(_, s)| doc_freq(s)).min().unwrap_or(0))
            .collect();
        let union = alternative_df.iter().sum::<u64>().min(docs);
        let group_idf = idf(union);
        group.weights = group
            .alternatives
            .iter()
            .map(|alt| {
                let own: f32 = alt.iter().map(|(_, s)| idf(doc_freq(s))).sum();
                (group_idf / own).min(1.0)
            })
            .collect();
    }
}

fn prefix_query(fields: &LangFields, prefix: &str) -> Box<dyn Query> {
    let query = FuzzyTermQuery::new_prefix(Term::from_field_text(fields.words, prefix), 0, true);
    boosted(Box::new(query), PREFIX_BOOST)
}

/// The query requiring at least `min_groups` of the plan's groups (all of them when it equals
/// the group count), as a tantivy query tree: the reference `engine` must agree with. The
/// bonus for words standing near each other is added afterwards, to the best candidates only
/// (`proximity`). Tests only: searches run the plan through `engine`.
#[cfg(test)]
pub fn build(plan: &QueryPlan, fields: &LangFields, min_groups: usize) -> Option<Box<dyn Query>> {
    let mut groups: Vec<(Occur, Box<dyn Query>)> = plan
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let prefix = plan
                .prefix
                .as_deref()
                .filter(|_| plan.prefix_group == Some(i));
            (
                Occur::Should,
                group_query(fields, &fields.boosted(), g, prefix),
            )
        })
        .collect();
    if plan.prefix_stands_alone()
        && let Some(prefix) = &plan.prefix
    {
        groups.push((Occur::Should, prefix_query(fields, prefix)));
    }
    if groups.is_empty() {
        return None;
    }
    let min = min_groups.clamp(1, groups.len());
    Some(Box::new(BooleanQuery::with_minimum_required_clauses(
        groups, min,
    )))
}

/// The stems of the groups that are one plain word, in query order (the words that can earn a
/// proximity bonus).
pub fn single_words(plan: &QueryPlan) -> impl Iterator<Item = &str> {
    plan.groups
        .iter()
        .filter_map(|g| match &g.alternatives[..] {
            [alternative] if alternative.len() == 1 => Some(alternative[0].1.as_str()),
            _ => None,
        })
}

/// The query for passages *named* by every group of the plan: each must match the heading
/// (for glossary entries, the term and its aliases). `None` when the plan has no groups.
pub fn build_named(plan: &QueryPlan, fields: &LangFields) -> Option<Box<dyn Query>> {
    if plan.groups.is_empty() {
        return None;
    }
    let targets = [(fields.heading, 1.0)];
    let groups = plan
        .groups
        .iter()
        .map(|g| (Occur::Must, group_query(fields, &targets, g, None)))
        .collect();
    Some(Box::new(BooleanQuery::new(groups)))
}

/// How many groups each pass requires: all, then one fewer each time down to half, then any
/// one. A passage holding more of what was said ranks above one holding less.
pub fn passes(plan: &QueryPlan) -> Vec<usize> {
    let n = plan.group_count();
    let half = n.div_ceil(2).max(1);
    let mut passes: Vec<usize> = (half..=n).rev().collect();
    passes.push(1);
    passes.dedup();
    passes.retain(|&p| p >= 1);
    passes
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
