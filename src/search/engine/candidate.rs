//! Checking one candidate passage, in two steps. First which groups it holds, asking the
//! sources' bitsets (`presence`) before reading any postings, and whether those groups could
//! add up to enough; most candidates stop there. Then, for the few left, the exact score from
//! the postings of the groups held. Part of `SegmentRun`; must not move the walked sources.

use super::SegmentRun;
use super::source::Bitset;
use crate::search::query::ALTERNATIVES_TIE_BREAKER;
use tantivy::{DocId, Score, TERMINATED};

impl SegmentRun {
    /// The passage's score when it holds enough groups and can beat `threshold`. Otherwise
    /// the next passage that could qualify: when too many groups are missing here, none
    /// qualifies before one of the missing groups appears again.
    pub(super) fn score_candidate(
        &mut self,
        doc: DocId,
        threshold: Option<Score>,
    ) -> Result<Score, DocId> {
        let beaten = |score: Score| threshold.is_some_and(|t| score <= t);
        let mut matched = 0;
        // The most the groups held so far can give, from the sources held.
        let mut held_bound = 0.0;
        let mut groups_left = self.check_order.len();
        let mut bound_left = self.bound_total;
        // The earliest passage where a group missing here appears again.
        let mut missing_back = TERMINATED;
        for position in 0..self.check_order.len() {
            let g = self.check_order[position];
            if matched + groups_left < self.min_groups {
                return Err(missing_back);
            }
            if beaten(held_bound + bound_left) {
                return Err(doc + 1);
            }
            groups_left -= 1;
            bound_left -= self.group_bound[g];
            match self.group_held(g, doc) {
                Ok(bound) => {
                    self.held[g] = bound;
                    matched += 1;
                    held_bound += bound;
                }
                Err(back) => {
                    self.held[g] = NOT_HELD;
                    missing_back = missing_back.min(back);
                }
            }
        }
        if matched < self.min_groups {
            return Err(missing_back);
        }
        self.exact_score(doc, threshold, matched, held_bound)
    }

    /// The passage's score from the postings of the groups it may hold (noted in the per-group
    /// scratch, `matched` of them, together worth at most `held_bound`), when it really holds
    /// enough of them and can beat `threshold`; otherwise the next passage to look at.
    pub(super) fn exact_score(
        &mut self,
        doc: DocId,
        threshold: Option<Score>,
        mut matched: usize,
        mut held_bound: Score,
    ) -> Result<Score, DocId> {
        let beaten = |score: Score| threshold.is_some_and(|t| score <= t);
        if matched < self.min_groups || beaten(held_bound) {
            return Err(doc + 1);
        }
        let mut score = 0.0;
        for position in 0..self.check_order.len() {
            let g = self.check_order[position];
            if self.held[g] == NOT_HELD {
                continue;
            }
            held_bound -= self.held[g];
            match self.group_score(g, doc) {
                Some(group) => score += group,
                // Only a phrase's superset said it might be here.
                None => matched -= 1,
            }
            if matched < self.min_groups || beaten(score + held_bound) {
                return Err(doc + 1);
            }
        }
        Ok(score)
    }

    /// Whether the passage holds the group and, if so, the most the group can give there (from
    /// the sources it holds), reading postings only where no bitset tells. When it does not,
    /// the next passage where it may.
    fn group_held(&mut self, g: usize, doc: DocId) -> Result<Score, DocId> {
        let mut back = TERMINATED;
        let mut held = false;
        let mut unsure = false;
        for &i in &self.group_sources[g] {
            let source = &self.sources[i];
            let here = if self.walked[i] {
                source.doc == doc
            } else {
                match source.bitset(doc) {
                    Bitset::Held => true,
                    Bitset::NotHeld(next) => {
                        back = back.min(next);
                        false
                    }
                    Bitset::Unsure => {
                        unsure = true;
                        false
                    }
                }
            };
            if here {
                held = true;
                add(&mut self.disjunct_score[source.disjunct], source.bound);
            } else if self.walked[i] {
                back = back.min(source.doc);
            }
        }
        // Sources without a bitset (rare ones, phrases) are read: counting their bounds
        // unseen would keep most candidates alive for the costly second step.
        if unsure {
            for &i in &self.group_sources[g] {
                let source = &mut self.sources[i];
                if self.walked[i] || !matches!(source.bitset(doc), Bitset::Unsure) {
                    continue;
                }
                source.seek(doc);
                if source.doc == doc {
                    held = true;
                    add(&mut self.disjunct_score[source.disjunct], source.bound);
                } else {
                    back = back.min(source.doc);
                }
            }
        }
        let bound = self.fold_group(g);
        if held { Ok(bound) } else { Err(back) }
    }

    /// The score of a group at the passage: its best way of saying it, plus a share of the
    /// others; `None` when no source of the group is there after all.
    fn group_score(&mut self, g: usize, doc: DocId) -> Option<Score> {
        let mut found = false;
        for &i in &self.group_sources[g] {
            let source = &mut self.sources[i];
            if !self.walked[i] {
                if let Bitset::NotHeld(_) = source.bitset(doc) {
                    continue;
                }
                source.seek(doc);
            }
            if source.doc == doc {
                found = true;
                let score = source.score();
                add(&mut self.disjunct_score[source.disjunct], score);
            }
        }
        let score = self.fold_group(g);
        found.then_some(score)
    }

    /// The group's value from the per-disjunct sums in the scratch (which it clears): the
    /// best disjunct plus a share of the others.
    pub(super) fn fold_group(&mut self, g: usize) -> Score {
        let (mut max, mut sum) = (0.0f32, 0.0f32);
        for &i in &self.group_sources[g] {
            let slot = &mut self.disjunct_score[self.sources[i].disjunct];
            if !slot.is_nan() {
                max = max.max(*slot);
                sum += *slot;
                *slot = f32::NAN;
            }
        }
        max + (sum - max) * ALTERNATIVES_TIE_BREAKER
    }
}

/// Marks a group the candidate does not hold, in the per-group scratch.
pub(super) const NOT_HELD: Score = -1.0;

/// Adds to a per-disjunct sum of the scratch (NaN: nothing yet).
pub(super) fn add(slot: &mut Score, value: Score) {
    *slot = if slot.is_nan() { value } else { *slot + value };
}
