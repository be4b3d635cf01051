//! One line that says the whole question: a passage whose heading, or one of whose authored
//! phrasings, holds more of the query's groups than the others' do is the answer asked for in
//! other words. Within a pass, each candidate's score is lifted by the share of the query's
//! groups its best line holds (two groups at least: one word in a heading says little).

use super::SearchIndex;
use super::highlight::{Highlighter, MARK_ONLY_BIT};
use tantivy::DocAddress;

/// How much a line holding every group of the query lifts a score (a share of it for fewer).
pub const LINE_BONUS: f32 = 0.5;

impl SearchIndex {
    /// Lifts each candidate of `pool` by its best line's share of the query's `groups`, then
    /// orders the pool by score again.
    pub(super) fn lift_by_lines(
        &self,
        pool: &mut [(f32, DocAddress)],
        groups: usize,
        highlighter: &mut Highlighter,
    ) {
        if groups < 2 || LINE_BONUS == 0.0 {
            return;
        }
        for (score, address) in pool.iter_mut() {
            let Some((_, passage)) = self.passage_at(*address) else {
                continue;
            };
            let lines = passage.heading.iter().chain(passage.phrasings.iter());
            let best = lines
                .map(|line| {
                    highlighter.take_held();
                    highlighter.note(line);
                    (highlighter.take_held() & !MARK_ONLY_BIT).count_ones() as usize
                })
                .max()
                .unwrap_or(0);
            if best >= 2 {
                *score *= 1.0 + LINE_BONUS * best.min(groups) as f32 / groups as f32;
            }
        }
        pool.sort_by(|a, b| b.0.total_cmp(&a.0));
    }
}
