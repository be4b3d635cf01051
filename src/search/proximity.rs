//! The proximity bonus: two words of the query standing near each other in a passage (a few
//! positions apart, in the heading or the text) earn that passage more. Phrase matching reads
//! word positions and was the costliest part of a search when it ran inside the matching
//! query, over every passage holding both words. So a pass first ranks passages on their words
//! alone, keeps a pool of the best, adds each one's bonus there (looking only at those
//! passages) and sorts the pool again. A passage below the pool on its words alone is not
//! looked at: the bonus reorders good candidates, it does not fetch new ones.

use super::query::{QueryPlan, single_words};
use super::schema::LangFields;
use tantivy::query::{BoostQuery, EnableScoring, PhraseQuery, Query};
use tantivy::{DocAddress, DocSet, Score, Searcher, SeekDangerResult, Term};

/// Two words of the query standing near each other in a passage earn this much more.
const PROXIMITY_BOOST: f32 = 0.6;
const PROXIMITY_SLOP: u32 = 3;
/// Neighbouring word pairs that earn a proximity bonus, at most.
const MAX_PROXIMITY_PAIRS: usize = 3;
/// Passages re-ranked with the bonus per pass, at least (more when a page needs more).
const MIN_POOL: usize = 50;

/// How many candidates a pass should rank on words alone, to return `wanted` with the bonus.
pub fn pool_size(wanted: usize) -> usize {
    (wanted * 4).max(MIN_POOL)
}

/// One boosted phrase query (slop allowed) per neighbouring pair of one-word groups and field.
pub fn queries(plan: &QueryPlan, fields: &LangFields) -> Vec<Box<dyn Query>> {
    let singles: Vec<&str> = single_words(plan).collect();
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    for pair in singles.windows(2).take(MAX_PROXIMITY_PAIRS) {
        for field in [fields.body, fields.heading] {
            let terms = pair
                .iter()
                .map(|s| Term::from_field_text(field, s))
                .collect();
            let mut phrase = PhraseQuery::new(terms);
            phrase.set_slop(PROXIMITY_SLOP);
            out.push(Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_BOOST)));
        }
    }
    out
}

/// Adds each candidate's proximity bonus (the score the phrase queries give it) to its score,
/// then sorts the candidates best first.
pub fn rescore(
    searcher: &Searcher,
    queries: &[Box<dyn Query>],
    pool: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    if !queries.is_empty() && !pool.is_empty() {
        let mut order: Vec<usize> = (0..pool.len()).collect();
        order.sort_by_key(|&i| pool[i].1);
        for query in queries {
            let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
            // Per segment: a scorer that only ever seeks forward, and the first document it
            // could still match (anything before it is known not to).
            let mut current: Option<(u32, Box<dyn tantivy::query::Scorer>, u32)> = None;
            for &i in &order {
                let address = pool[i].1;
                let scorer = match &mut current {
                    Some((segment, scorer, next)) if *segment == address.segment_ord => {
                        if address.doc_id < *next {
                            continue;
                        }
                        match scorer.seek_danger(address.doc_id) {
                            SeekDangerResult::Found => *next = address.doc_id + 1,
                            SeekDangerResult::SeekLowerBound(bound) => {
                                *next = bound;
                                continue;
                            }
                        }
                        scorer
                    }
                    _ => {
                        let reader = searcher.segment_reader(address.segment_ord);
                        let (found, scorer) = weight.scorer_danger(reader, address.doc_id, 1.0)?;
                        let next = match found {
                            SeekDangerResult::Found => address.doc_id + 1,
                            SeekDangerResult::SeekLowerBound(bound) => bound,
                        };
                        let (_, scorer, _) = current.insert((address.segment_ord, scorer, next));
                        if !matches!(found, SeekDangerResult::Found) {
                            continue;
                        }
                        scorer
                    }
                };
                pool[i].0 += scorer.score();
            }
        }
    }
    pool.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(())
}
