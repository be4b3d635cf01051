//! A source positioned on one segment: a cursor over the passages it matches, in order, with
//! the score at each. Moves only forward; knows nothing of groups or passes.

use super::super::presence::{Bits, Presence, holds, next_held};
use super::spec::{SourceSpec, SpecKind};
use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, Scorer};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED};

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

/// What a source's bitset says of a passage, without moving the source.
pub(super) enum Bitset {
    /// The source is there.
    Held,
    /// The source is not there; it is nowhere before the passage given.
    NotHeld(DocId),
    /// No bitset, or one that can only rule passages out: the postings must tell.
    Unsure,
}

/// A source positioned on one segment: a cursor over the passages it matches, in order.
pub(super) struct Source {
    matcher: Matcher,
    presence: Option<Bits>,
    presence_exact: bool,
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
        presence: &Presence,
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
        let bits = spec
            .presence
            .as_ref()
            .and_then(|(term, exact)| Some((presence.get(segment_ord, term)?, *exact)));
        Ok(Source {
            matcher,
            presence_exact: spec.presence.as_ref().is_some_and(|(_, exact)| *exact),
            presence: bits.map(|(bits, _)| bits),
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

    /// Takes a bitset read for this search (exact when the source's term says so).
    pub fn use_bits(&mut self, bits: Bits) {
        self.presence = Some(bits);
    }

    /// What the bitset says of `doc` (at or after the current passage).
    pub fn bitset(&self, doc: DocId) -> Bitset {
        match &self.presence {
            Some(bits) if !holds(bits, doc) => Bitset::NotHeld(next_held(bits, doc)),
            Some(_) if self.presence_exact => Bitset::Held,
            _ => Bitset::Unsure,
        }
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
