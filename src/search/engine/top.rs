//! The best `k` passages seen so far, kept in a small heap: the engine asks it for the score a
//! new passage must beat. On equal scores the passage met first stays.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use tantivy::{DocAddress, Score};

struct Entry {
    score: Score,
    address: DocAddress,
}

impl Entry {
    /// Better entries are greater: higher score, then the earlier passage.
    fn rank(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.address.cmp(&self.address))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.rank(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    /// Reversed, so the heap's top is the worst entry kept.
    fn cmp(&self, other: &Self) -> Ordering {
        other.rank(self)
    }
}

pub(super) struct TopK {
    k: usize,
    heap: BinaryHeap<Entry>,
}

impl TopK {
    pub fn new(k: usize) -> TopK {
        TopK {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    /// The score a passage must exceed to get in, once the heap is full.
    pub fn threshold(&self) -> Option<Score> {
        if self.heap.len() < self.k {
            return None;
        }
        self.heap.peek().map(|e| e.score)
    }

    /// Offers a passage; true when it was kept.
    pub fn offer(&mut self, score: Score, address: DocAddress) -> bool {
        if self.k == 0 {
            return false;
        }
        if let Some(threshold) = self.threshold()
            && score <= threshold
        {
            return false;
        }
        self.heap.push(Entry { score, address });
        if self.heap.len() > self.k {
            self.heap.pop();
        }
        true
    }

    /// Best first.
    pub fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|e| (e.score, e.address))
            .collect()
    }
}
