//! One line that says the whole question: a passage whose heading, or one of whose authored
//! phrasings, holds more of the query's groups than the others' do is the answer asked for in
//! other words. Within a pass, each candidate's score is lifted by the share of the query's
//! groups its best line holds (two groups at least: one word in a heading says little). And in
//! a long question, a passage one group short of a pass joins it when one of its lines holds
//! every group it has (a line is worth a word the text lacks), or when it scores well above the
//! pass's best.

use super::SearchIndex;
use super::engine::Engine;
use super::highlight::{Highlighter, MARK_ONLY_BIT};
use std::collections::{HashMap, HashSet};
use tantivy::DocAddress;

/// How much a line holding every group of the query lifts a score (a share of it for fewer).
pub const LINE_BONUS: f32 = 0.5;
/// Passes needing this many groups or more take in passages one group short (see `promote`):
/// in a long question one missing word says little; in a short one it is much of the question.
pub const PROMOTE_FROM: usize = 4;
/// A passage one group short joins a pass with this multiple of the pass's best score.
pub const PROMOTE_SCORE: f32 = 1.5;

/// How many of the query's groups each candidate's best line holds, worked out once per
/// passage and search (a candidate is often in several passes' pools, and in `promote`'s too).
pub(super) struct LineGroups {
    highlighter: Highlighter,
    known: HashMap<DocAddress, usize>,
}

impl LineGroups {
    pub(super) fn new(highlighter: Highlighter) -> LineGroups {
        LineGroups {
            highlighter,
            known: HashMap::new(),
        }
    }

    /// How many of the query's groups the passage's heading or best phrasing holds.
    fn of(&mut self, index: &SearchIndex, address: DocAddress) -> usize {
        if let Some(&groups) = self.known.get(&address) {
            return groups;
        }
        let highlighter = &mut self.highlighter;
        let groups = index.passage_at(address).map_or(0, |(_, passage)| {
            let lines = passage.heading.iter().chain(passage.phrasings.iter());
            lines
                .map(|line| {
                    highlighter.take_held();
                    highlighter.note(line);
                    (highlighter.take_held() & !MARK_ONLY_BIT).count_ones() as usize
                })
                .max()
                .unwrap_or(0)
        });
        self.known.insert(address, groups);
        groups
    }
}

impl SearchIndex {
    /// Lifts each candidate of `pool` by its best line's share of the query's `groups`, then
    /// orders the pool by score again.
    pub(super) fn lift_by_lines(
        &self,
        pool: &mut [(f32, DocAddress)],
        groups: usize,
        lines: &mut LineGroups,
    ) {
        if groups < 2 || LINE_BONUS == 0.0 {
            return;
        }
        for (score, address) in pool.iter_mut() {
            let best = lines.of(self, *address);
            if best >= 2 {
                *score *= 1.0 + LINE_BONUS * best.min(groups) as f32 / groups as f32;
            }
        }
        pool.sort_by(|a, b| b.0.total_cmp(&a.0));
    }

    /// Adds to `pool` (the pass needing `min_groups`, when that is `PROMOTE_FROM` or more) the
    /// passages holding one group fewer that say the question anyway: one of their lines
    /// holds every group they hold, or their score is `PROMOTE_SCORE` times the best of the
    /// pass's own passages (those not `placed` by a pass above): the rarer words of the
    /// question, held strongly, outweigh one everyday word missing.
    pub(super) fn promote(
        &self,
        engine: &Engine,
        pool: &mut Vec<(f32, DocAddress)>,
        min_groups: usize,
        pool_size: usize,
        placed: &HashSet<DocAddress>,
        lines: &mut LineGroups,
    ) -> tantivy::Result<()> {
        if min_groups < PROMOTE_FROM || engine.group_count() < min_groups {
            return Ok(());
        }
        let in_pool: HashSet<DocAddress> = pool.iter().map(|&(_, address)| address).collect();
        // The pass's best among what it adds: passages placed by a pass above are not its own.
        let strong = pool
            .iter()
            .find(|(_, address)| !placed.contains(address))
            .map_or(f32::INFINITY, |&(best, _)| best * PROMOTE_SCORE);
        for (score, address) in engine.top(min_groups - 1, pool_size)? {
            if !in_pool.contains(&address)
                && (score >= strong || lines.of(self, address) >= min_groups - 1)
            {
                pool.push((score, address));
            }
        }
        pool.sort_by(|a, b| b.0.total_cmp(&a.0));
        Ok(())
    }
}
