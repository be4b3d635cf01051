//! The walking pass: the candidates are the passages where the walked sources are, taken in
//! order; every other source is looked up at each (`candidate`). As the bar rises, sources too
//! weak to lift a passage alone stop being walked when walking the others is cheaper
//! (MaxScore). Part of `SegmentRun`.

use super::SegmentRun;
use super::top::TopK;
use tantivy::{DocAddress, DocId, Score, SegmentReader, TERMINATED};

impl SegmentRun {
    /// A pass over one segment, walking the cheaper of the two sets of sources that find
    /// every candidate.
    pub(super) fn run(&mut self, segment_ord: u32, reader: &SegmentReader, top: &mut TopK) {
        let alive = reader.alive_bitset();
        loop {
            let doc = self
                .walked_list
                .iter()
                .map(|&i| self.sources[i].doc)
                .min()
                .unwrap_or(TERMINATED);
            if doc == TERMINATED {
                return;
            }
            let mut next = doc + 1;
            if alive.is_none_or(|a| a.is_alive(doc)) {
                match self.score_candidate(doc, top.threshold()) {
                    Ok(score) => {
                        if top.offer(score, DocAddress::new(segment_ord, doc)) {
                            self.raise_threshold(top.threshold(), doc);
                        }
                    }
                    Err(skip) => next = skip,
                }
            }
            for &i in &self.walked_list {
                let source = &mut self.sources[i];
                if source.doc == doc {
                    source.advance();
                }
                if source.doc < next {
                    source.seek(next);
                }
            }
        }
    }

    /// Adds to the weak sources those that, with the others already there, still cannot lift a
    /// passage past `threshold`; true when any was added.
    pub(super) fn grow_weak(&mut self, threshold: Option<Score>) -> bool {
        let Some(threshold) = threshold else {
            return false;
        };
        let before = self.weak;
        while let Some(&next) = self.by_bound.get(self.weak) {
            let source = &self.sources[next];
            if self.weak_set.total_with(source.disjunct, source.bound) >= threshold {
                break;
            }
            self.weak_set.add(source.disjunct, source.bound);
            self.weak += 1;
        }
        self.weak > before
    }

    /// With a higher bar, more sources may be too weak to lift a passage alone; when walking
    /// the others is cheaper than what is walked now, walk those instead.
    fn raise_threshold(&mut self, threshold: Option<Score>, doc: DocId) {
        if !self.grow_weak(threshold) {
            return;
        }
        let strong = &self.by_bound[self.weak..];
        let strong_cost: u64 = strong.iter().map(|&i| self.sources[i].cost).sum();
        if strong_cost >= self.walked_cost {
            return;
        }
        self.walked.iter_mut().for_each(|w| *w = false);
        for &i in strong {
            self.walked[i] = true;
            // Newly walked sources may lag behind: bring them past the current passage.
            if self.sources[i].doc <= doc {
                self.sources[i].seek(doc + 1);
            }
        }
        self.refresh_walked();
    }
}
