//! What the engine reads for one query: per group, per way of saying it (an alternative, or
//! the unfinished word's prefix), one source per field — a word's postings scored with BM25
//! here, or a tantivy scorer for phrases and prefixes — each with an upper bound on the score
//! it can give and a cost (how many passages it may visit). Must not decide what matches.

use super::super::query::{Alternative, PREFIX_BOOST, QueryPlan};
use super::super::runs::phrase_runs;
use super::super::schema::LangFields;
use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, EnableScoring, FuzzyTermQuery, PhraseQuery, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SeekDangerResult, SegmentReader, TERMINATED, Term};

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

pub(super) struct SourceSpec {
    pub kind: SpecKind,
    pub bound: Score,
    pub cost: u64,
    pub group: usize,
    /// Global index of the way of saying the group this source belongs to.
    pub disjunct: usize,
}

/// Everything the engine needs to know about a plan, for one searcher.
pub(super) struct Specs {
    pub sources: Vec<SourceSpec>,
    pub group_count: usize,
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
        Ok(specs)
    }

    fn new_disjunct(&mut self, group: usize) -> usize {
        self.disjunct_group.push(group);
        self.disjunct_group.len() - 1
    }

    fn push(&mut self, source: Option<(SpecKind, Score, u64)>, group: usize, disjunct: usize) {
        if let Some((kind, bound, cost)) = source {
            self.sources.push(SourceSpec {
                kind,
                bound: bound * BOUND_MARGIN,
                cost,
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
    ) -> tantivy::Result<Option<(SpecKind, Score, u64)>> {
        let terms: Vec<Term> = alternative
            .iter()
            .map(|(_, stem)| Term::from_field_text(field, stem))
            .collect();
        let mut rarest = u64::MAX;
        let mut all = 0;
        for term in &terms {
            let df = searcher.doc_freq(term)?;
            rarest = rarest.min(df);
            all += df;
        }
        if terms.is_empty() || rarest == 0 {
            return Ok(None);
        }
        let bm25 = Bm25Weight::for_terms(searcher, &terms)?.boost_by(boost);
        let bound = bm25.max_score();
        if let [term] = &terms[..] {
            let term = term.clone();
            let kind = SpecKind::Word {
                term,
                norms: field,
                bm25,
            };
            return Ok(Some((kind, bound, rarest)));
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
                    let kind = SpecKind::Word {
                        term,
                        norms: field,
                        bm25,
                    };
                    return Ok(Some((kind, bound, df)));
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
        Ok(Some((
            SpecKind::Scored {
                weight,
                boost,
                pair,
            },
            bound,
            cost,
        )))
    }
}

/// The passages holding a word that starts with `prefix`, listed once per search (every pass
/// reuses the list), each scoring `PREFIX_BOOST`.
fn prefix_spec(
    searcher: &Searcher,
    fields: &LangFields,
    prefix: &str,
) -> tantivy::Result<(SpecKind, Score, u64)> {
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
    Ok((kind, PREFIX_BOOST, count))
}

// A query has a few dozen sources at most, read in the innermost loop: kept inline, not boxed.
#[allow(clippy::large_enum_variant)]
enum Matcher {
    Word {
        postings: SegmentPostings,
        norms: FieldNormReader,
        bm25: Bm25Weight,
    },
    Scored(Box<dyn Scorer>),
    /// A phrase checked only where its rarest run is (`pair`): `checked` is false while the scorer may be
    /// between passages (after a failed `seek_danger`).
    Paired {
        scorer: Box<dyn Scorer>,
        pair: SegmentPostings,
        checked: bool,
    },
    Listed {
        docs: Arc<[DocId]>,
        at: usize,
        score: Score,
    },
}

/// The first passage at or after the run postings' current one that really holds the phrase.
fn confirm(scorer: &mut Box<dyn Scorer>, pair: &mut SegmentPostings, checked: &mut bool) -> DocId {
    let mut doc = pair.doc();
    while doc != TERMINATED {
        if *checked && scorer.doc() >= doc {
            // Checked: nothing between the last target and the scorer's passage holds the phrase.
            if scorer.doc() == doc || scorer.doc() == TERMINATED {
                return scorer.doc();
            }
            doc = pair.seek(scorer.doc());
            continue;
        }
        match scorer.seek_danger(doc) {
            SeekDangerResult::Found => {
                *checked = true;
                return doc;
            }
            SeekDangerResult::SeekLowerBound(bound) => {
                *checked = false;
                doc = pair.seek(bound.max(doc + 1));
            }
        }
    }
    TERMINATED
}

/// A source positioned on one segment: a cursor over the passages it matches, in order.
pub(super) struct Source {
    matcher: Matcher,
    pub doc: DocId,
    pub group: usize,
    pub disjunct: usize,
    pub bound: Score,
    pub cost: u64,
}

impl Source {
    pub fn open(
        spec: &SourceSpec,
        reader: &SegmentReader,
        segment_ord: usize,
    ) -> tantivy::Result<Source> {
        let matcher = match &spec.kind {
            SpecKind::Listed { per_segment, score } => Matcher::Listed {
                docs: per_segment
                    .get(segment_ord)
                    .cloned()
                    .unwrap_or_else(|| Arc::from([])),
                at: 0,
                score: *score,
            },
            SpecKind::Word { term, norms, bm25 } => {
                let inverted = reader.inverted_index(term.field())?;
                match inverted.read_postings(term, IndexRecordOption::WithFreqs)? {
                    Some(postings) => Matcher::Word {
                        postings,
                        norms: reader.get_fieldnorms_reader(*norms)?,
                        bm25: bm25.clone(),
                    },
                    None => Matcher::Scored(Box::new(tantivy::query::EmptyScorer)),
                }
            }
            SpecKind::Scored {
                weight,
                boost,
                pair,
            } => {
                let scorer = weight.scorer(reader, *boost)?;
                let postings = match pair {
                    Some(term) => reader
                        .inverted_index(term.field())?
                        .read_postings(term, IndexRecordOption::Basic)?,
                    None => None,
                };
                match postings {
                    Some(pair) => Matcher::Paired {
                        scorer,
                        pair,
                        checked: true,
                    },
                    None if pair.is_some() => {
                        Matcher::Scored(Box::new(tantivy::query::EmptyScorer))
                    }
                    None => Matcher::Scored(scorer),
                }
            }
        };
        let mut matcher = matcher;
        let doc = match &mut matcher {
            Matcher::Word { postings, .. } => postings.doc(),
            Matcher::Scored(scorer) => scorer.doc(),
            Matcher::Paired {
                scorer,
                pair,
                checked,
            } => confirm(scorer, pair, checked),
            Matcher::Listed { docs, at, .. } => docs.get(*at).copied().unwrap_or(TERMINATED),
        };
        Ok(Source {
            matcher,
            doc,
            group: spec.group,
            disjunct: spec.disjunct,
            bound: spec.bound,
            cost: spec.cost,
        })
    }

    pub fn advance(&mut self) -> DocId {
        self.doc = match &mut self.matcher {
            Matcher::Word { postings, .. } => postings.advance(),
            Matcher::Scored(scorer) => scorer.advance(),
            Matcher::Paired {
                scorer,
                pair,
                checked,
            } => {
                pair.advance();
                confirm(scorer, pair, checked)
            }
            Matcher::Listed { docs, at, .. } => {
                *at += 1;
                docs.get(*at).copied().unwrap_or(TERMINATED)
            }
        };
        self.doc
    }

    /// Moves to the first passage at or after `target` (never backwards).
    pub fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target && self.doc != TERMINATED {
            self.doc = match &mut self.matcher {
                Matcher::Word { postings, .. } => postings.seek(target),
                Matcher::Scored(scorer) => scorer.seek(target),
                Matcher::Paired {
                    scorer,
                    pair,
                    checked,
                } => {
                    pair.seek(target);
                    confirm(scorer, pair, checked)
                }
                Matcher::Listed { docs, at, .. } => {
                    *at += docs[*at..].partition_point(|&d| d < target);
                    docs.get(*at).copied().unwrap_or(TERMINATED)
                }
            };
        }
        self.doc
    }

    /// The score at the current passage.
    pub fn score(&mut self) -> Score {
        match &mut self.matcher {
            Matcher::Word {
                postings,
                norms,
                bm25,
            } => bm25.score(norms.fieldnorm_id(self.doc), postings.term_freq()),
            Matcher::Scored(scorer) | Matcher::Paired { scorer, .. } => scorer.score(),
            Matcher::Listed { score, .. } => *score,
        }
    }
}
