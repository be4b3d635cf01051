//! `why` on each hit: how many of the query's groups the passage holds, how many of those were
//! corrected misspellings, whether two words stood together, and which pass found it. It is
//! read off the highlighter, which looks at every word of a hit anyway to mark it (or, for a
//! hit sent light, notes its text without marking it).

use super::highlight::{Highlighter, MARK_ONLY_BIT, group_bit};
use super::query::GroupKind;
use super::{Found, SearchIndex, Whole};
use crate::domain::{SearchHit, Why};

/// With `Whole::First`, how many hits are built whole: the first two, because the review step
/// (`ReviewService::apply_to_hits`) may swap an overdue first hit with the second. The caller
/// lightens the second once the order is final (`AppState::search`).
pub const WHOLE_WITH_FIRST: usize = 2;

impl SearchIndex {
    /// The hits of `found`, rendered, each with its `why`.
    pub(super) fn explained_hits(
        &self,
        found: &Found,
        highlighter: &mut Highlighter,
        whole: Whole,
    ) -> Vec<SearchHit> {
        let plan = &found.plan;
        let corrected: u64 = plan
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.kind == GroupKind::Corrected)
            .fold(0, |bits, (i, _)| bits | group_bit(i));
        let groups = clamp(plan.group_count());
        let mut whole_left = match whole {
            Whole::All => usize::MAX,
            Whole::First => WHOLE_WITH_FIRST,
        };
        found
            .hits
            .iter()
            .filter_map(|ranked| {
                highlighter.take_held();
                let mut hit = if whole_left > 0 {
                    self.hit(ranked.address, ranked.score, highlighter)?
                } else {
                    self.light_hit(ranked.address, ranked.score, highlighter)?
                };
                whole_left = whole_left.saturating_sub(1);
                highlighter.note(&hit.title);
                highlighter.note(&hit.heading);
                if let Some((_, passage)) = self.passage_at(ranked.address) {
                    for phrasing in &passage.phrasings {
                        highlighter.note(phrasing);
                    }
                }
                let held = highlighter.take_held() & !MARK_ONLY_BIT;
                hit.why = Some(Why {
                    groups,
                    matched: clamp(held.count_ones() as usize).min(groups),
                    typos: clamp((held & corrected).count_ones() as usize),
                    phrase: ranked.phrase,
                    pass: clamp(ranked.pass),
                    pinned: None,
                });
                Some(hit)
            })
            .collect()
    }
}

fn clamp(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}
