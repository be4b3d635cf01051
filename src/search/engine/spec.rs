//! What the engine reads for one query: per group, per way of saying it (an alternative, or
//! the unfinished word's prefix), one source per field — a word's (or a run's) postings scored
//! with BM25, a tantivy phrase scorer, or the passages listed for a prefix — each with an upper
//! bound on the score it can give and a cost (how many passages it may visit). Worked out once
//! per search; must not decide what matches.

use super::super::query::{Alternative, PREFIX_BOOST, QueryPlan};
use super::super::runs::phrase_runs;
use super::super::schema::LangFields;
use std::sync::Arc;
use tantivy::query::{Bm25Weight, EnableScoring, FuzzyTermQuery, PhraseQuery, Query, Weight};
use tantivy::schema::Field;
use tantivy::{DocId, DocSet, Score, Searcher, TERMINATED, Term};

/// Bounds are widened by this factor, so that rounding can never make a bound too tight.
const BOUND_MARGIN: f32 = 1.0001;

pub(super) enum SpecKind {
    /// One word in one field, or a phrase of two or three words as one term of the field's run
    /// field:
    /// BM25 over its postings with the norms of `norms` (boost included in the weight).
    Word {
        term: Term,
        norms: Field,
        bm25: Bm25Weight,
    },
    /// A phrase or a prefix: tantivy's scorer, given `boost`. A phrase is checked only at the
    /// passages holding its rarest run of words, when it has one.
    Scored {
        weight: Box<dyn Weight>,
        boost: Score,
        pair: Option<Term>,
    },
    /// Passages listed up front (per segment), each with the same score.
    Listed {
        per_segment: Vec<Arc<[DocId]>>,
        score: Score,
    },
}

/// What one source is made of: how it matches, its bound and cost, and the term whose
/// bitset (`presence`) tells where it may be — exactly (`exact`) or as a superset.
struct Made {
    kind: SpecKind,
    bound: Score,
    cost: u64,
    presence: Option<(Term, bool)>,
}

impl Made {
    /// One term's postings (a word, or a run of words), scored with BM25 over the norms of
    /// `norms`; its bitset says exactly where it is.
    fn word(term: Term, norms: Field, bm25: Bm25Weight, cost: u64) -> Made {
        Made {
            bound: bm25.max_score(),
            presence: Some((term.clone(), true)),
            kind: SpecKind::Word { term, norms, bm25 },
            cost,
        }
    }
}

pub(super) struct SourceSpec {
    pub kind: SpecKind,
    /// The term whose bitset says where the source may be, and whether it says exactly.
    pub presence: Option<(Term, bool)>,
    pub bound: Score,
    pub cost: u64,
    pub group: usize,
    /// Global index of the way of saying the group this source belongs to.
    pub disjunct: usize,
}

impl SourceSpec {
    /// Whether `cost` is exactly the number of passages holding the source (a word or a list;
    /// a phrase's cost is that of its rarest run, a superset).
    pub fn counts_exactly(&self) -> bool {
        matches!(self.kind, SpecKind::Word { .. } | SpecKind::Listed { .. })
    }
}

/// Everything the engine needs to know about a plan, for one searcher.
pub(super) struct Specs {
    pub sources: Vec<SourceSpec>,
    pub group_count: usize,
    /// Groups that some passage holds (a word in no passage makes a group none holds).
    pub live_groups: usize,
    /// The group each disjunct belongs to.
    pub disjunct_group: Vec<usize>,
}

impl Specs {
    pub fn new(
        searcher: &Searcher,
        plan: &QueryPlan,
        fields: &LangFields,
    ) -> tantivy::Result<Specs> {
        let mut specs = Specs {
            sources: Vec::new(),
            group_count: 0,
            live_groups: 0,
            disjunct_group: Vec::new(),
        };
        for (g, group) in plan.groups.iter().enumerate() {
            for (alternative, weight) in group.alternatives.iter().zip(&group.weights) {
                let disjunct = specs.new_disjunct(g);
                for (field, boost) in fields.boosted() {
                    let source =
                        specs.alternative(searcher, fields, field, alternative, boost * weight)?;
                    specs.push(source, g, disjunct);
                }
            }
            if plan.prefix_group == Some(g)
                && let Some(prefix) = &plan.prefix
            {
                let disjunct = specs.new_disjunct(g);
                let source = prefix_spec(searcher, fields, prefix)?;
                specs.push(Some(source), g, disjunct);
            }
            specs.group_count += 1;
        }
        if plan.prefix_group.is_none()
            && let Some(prefix) = &plan.prefix
        {
            let g = specs.group_count;
            let disjunct = specs.new_disjunct(g);
            specs.push(Some(prefix_spec(searcher, fields, prefix)?), g, disjunct);
            specs.group_count += 1;
        }
        specs.live_groups = (0..specs.group_count)
            .filter(|&g| specs.sources.iter().any(|s| s.group == g))
            .count();
        Ok(specs)
    }

    fn new_disjunct(&mut self, group: usize) -> usize {
        self.disjunct_group.push(group);
        self.disjunct_group.len() - 1
    }

    fn push(&mut self, source: Option<Made>, group: usize, disjunct: usize) {
        // A source that no passage holds (a prefix nothing starts with) is left out.
        if let Some(made) = source.filter(|made| made.cost > 0) {
            self.sources.push(SourceSpec {
                kind: made.kind,
                presence: made.presence,
                bound: made.bound * BOUND_MARGIN,
                cost: made.cost,
                group,
                disjunct,
            });
        }
    }

    /// One alternative in one field; `None` when some word of it is not in that field at all.
    fn alternative(
        &self,
        searcher: &Searcher,
        fields: &LangFields,
        field: Field,
        alternative: &Alternative,
        boost: Score,
    ) -> tantivy::Result<Option<Made>> {
        let terms: Vec<Term> = alternative
            .iter()
            .map(|(_, stem)| Term::from_field_text(field, stem))
            .collect();
        let mut rarest = u64::MAX;
        let mut rarest_term = None;
        let mut all = 0;
        for term in &terms {
            let df = searcher.doc_freq(term)?;
            if df < rarest {
                rarest = df;
                rarest_term = Some(term.clone());
            }
            all += df;
        }
        if terms.is_empty() || rarest == 0 {
            return Ok(None);
        }
        let bm25 = Bm25Weight::for_terms(searcher, &terms)?.boost_by(boost);
        let bound = bm25.max_score();
        if let [term] = &terms[..] {
            return Ok(Some(Made::word(term.clone(), field, bm25, rarest)));
        }
        // Two or three neighbouring words are one term of the run field: its postings say where
        // the phrase is and how often, so it scores as the phrase would without positions.
        // A longer phrase is checked only where its rarest run is; none held means no match.
        let mut filter: Option<(Term, u64)> = None;
        if let Some(run_field) = fields.run_field(field) {
            for (text, whole) in phrase_runs(alternative) {
                let term = Term::from_field_text(run_field, &text);
                let df = searcher.doc_freq(&term)?;
                if whole {
                    if df == 0 {
                        return Ok(None);
                    }
                    return Ok(Some(Made::word(term, field, bm25, df)));
                }
                if filter.as_ref().is_none_or(|(_, best)| df < *best) {
                    filter = Some((term, df));
                }
            }
        }
        // Without a run, a phrase reads every passage holding all its words.
        let cost = filter.as_ref().map_or(all, |(_, df)| *df);
        if cost == 0 {
            return Ok(None);
        }
        let positioned = alternative
            .iter()
            .zip(terms)
            .map(|((position, _), term)| (*position, term))
            .collect();
        let weight = PhraseQuery::new_with_offset(positioned)
            .weight(EnableScoring::enabled_from_searcher(searcher))?;
        let pair = filter.map(|(term, _)| term);
        // The phrase is only where its rarest run (or word) is: a superset, to be confirmed.
        let presence = pair.clone().or(rarest_term).map(|term| (term, false));
        Ok(Some(Made {
            kind: SpecKind::Scored {
                weight,
                boost,
                pair,
            },
            bound,
            cost,
            presence,
        }))
    }
}

/// The passages holding a word that starts with `prefix`, listed once per search (every pass
/// reuses the list), each scoring `PREFIX_BOOST`.
fn prefix_spec(searcher: &Searcher, fields: &LangFields, prefix: &str) -> tantivy::Result<Made> {
    let query = FuzzyTermQuery::new_prefix(Term::from_field_text(fields.words, prefix), 0, true);
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut per_segment = Vec::new();
    let mut count = 0;
    for reader in searcher.segment_readers() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut docs = Vec::new();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            docs.push(doc);
            doc = scorer.advance();
        }
        count += docs.len() as u64;
        per_segment.push(Arc::from(docs));
    }
    let kind = SpecKind::Listed {
        per_segment,
        score: PREFIX_BOOST,
    };
    Ok(Made {
        kind,
        bound: PREFIX_BOOST,
        cost: count,
        presence: None,
    })
}
