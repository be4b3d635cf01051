//! The counted pass: the candidates that counting found (`counting`), checked 64 at a time.
//! Every source has a bitset here, so which sources a candidate may hold is one bit test per
//! source, and a group's bound from the sources it may hold is looked up by their mask (worked
//! out once per pass). Only candidates whose bound clears the bar are scored from postings;
//! once the weak sources together cannot clear it, only candidates holding a strong source
//! are looked at. Part of `SegmentRun`; walks no source.

use super::SegmentRun;
use super::candidate::NOT_HELD;
use super::top::TopK;
use crate::search::presence::Bits;
use tantivy::{DocAddress, DocId, Score, SegmentReader};

/// A group said in more ways than this has its bound worked out at each candidate instead of
/// looked up (the table has an entry per subset of its sources).
const MAX_TABLED_SOURCES: usize = 8;

impl SegmentRun {
    /// A pass over the passages `candidates` holds, in order, with each source's bitset in
    /// `source_bits` (exact for a word, a superset for a phrase).
    pub(super) fn run_counted(
        &mut self,
        candidates: &[u64],
        source_bits: &[Bits],
        segment_ord: u32,
        reader: &SegmentReader,
        top: &mut TopK,
    ) {
        self.walked.iter_mut().for_each(|w| *w = false);
        self.refresh_walked();
        for (source, bits) in self.sources.iter_mut().zip(source_bits) {
            source.use_bits(bits.clone());
        }
        let tables: Vec<Option<Vec<Score>>> = (0..self.group_sources.len())
            .map(|g| self.bound_table(g))
            .collect();
        let alive = reader.alive_bitset();
        // The bitsets of the sources strong enough to lift a passage; `None` while all are.
        let mut strong: Option<Vec<&[u64]>> = None;
        let any_strong = |strong: &Option<Vec<&[u64]>>, w: usize| {
            strong
                .as_ref()
                .map_or(u64::MAX, |s| s.iter().fold(0, |any, bits| any | bits[w]))
        };
        // Each source's bits for the current 64 passages.
        let mut here = vec![0u64; self.sources.len()];
        for (w, &held) in candidates.iter().enumerate() {
            let mut word = held & any_strong(&strong, w);
            if word == 0 {
                continue;
            }
            for (slot, bits) in here.iter_mut().zip(source_bits) {
                *slot = bits[w];
            }
            while word != 0 {
                let bit = word.trailing_zeros();
                word &= word - 1;
                let doc = (w * 64) as DocId + bit;
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let (matched, bound) = self.held_by_mask(&here, bit, &tables);
                if let Ok(score) = self.exact_score(doc, top.threshold(), matched, bound)
                    && top.offer(score, DocAddress::new(segment_ord, doc))
                    && self.grow_weak(top.threshold())
                {
                    let strong_sources = &self.by_bound[self.weak..];
                    strong = Some(strong_sources.iter().map(|&i| &*source_bits[i]).collect());
                    word &= any_strong(&strong, w);
                }
            }
        }
    }

    /// How many groups the passage at `bit` of the current word may hold, and the most they
    /// can give it; notes each group's share in the per-group scratch.
    fn held_by_mask(
        &mut self,
        here: &[u64],
        bit: u32,
        tables: &[Option<Vec<Score>>],
    ) -> (usize, Score) {
        let (mut matched, mut bound) = (0, 0.0);
        for position in 0..self.check_order.len() {
            let g = self.check_order[position];
            let mut mask = 0usize;
            for (j, &i) in self.group_sources[g].iter().enumerate() {
                mask |= (((here[i] >> bit) & 1) as usize) << j;
            }
            if mask == 0 {
                self.held[g] = NOT_HELD;
                continue;
            }
            let value = match &tables[g] {
                Some(table) => table[mask],
                None => self.mask_bound(g, mask),
            };
            self.held[g] = value;
            matched += 1;
            bound += value;
        }
        (matched, bound)
    }

    /// The group's bound for every subset of its sources, by mask; `None` when it has too
    /// many sources for a table.
    fn bound_table(&mut self, g: usize) -> Option<Vec<Score>> {
        let sources = self.group_sources[g].len();
        (sources <= MAX_TABLED_SOURCES).then(|| {
            (0..1usize << sources)
                .map(|mask| self.mask_bound(g, mask))
                .collect()
        })
    }

    /// The group's bound when it holds the sources in `mask` (bit `j`: its `j`th source).
    fn mask_bound(&mut self, g: usize, mask: usize) -> Score {
        for (j, &i) in self.group_sources[g].iter().enumerate() {
            if (mask >> j) & 1 == 1 {
                let source = &self.sources[i];
                super::candidate::add(&mut self.disjunct_score[source.disjunct], source.bound);
            }
        }
        self.fold_group(g)
    }
}
