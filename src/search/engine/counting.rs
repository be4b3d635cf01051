//! Candidates by counting: which passages may hold at least `m` of a query's groups, worked
//! out 64 passages at a time from one bitset per group. A pass that needs most of many common
//! groups would otherwise walk the postings of several groups and check thousands of
//! passages holding only one or two of them. A group's bitset may say "maybe" where it is a
//! phrase (its rarest run); the engine confirms every candidate against the postings, so a
//! candidate set too large is slower, never wrong. Knows nothing of scores.

use super::super::presence::{Bits, Presence};
use super::source::Source;
use super::spec::Specs;
use std::sync::Arc;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, SegmentReader, TERMINATED};

/// For one segment: per source, the passages that may hold it (exact for a word, a superset
/// for a phrase read from its rarest run), so that counted candidates are checked without
/// seeking and narrowed to the strong sources; and how many groups each passage may hold.
pub(super) struct SegmentBits {
    pub sources: Vec<Bits>,
    pub counts: GroupCounts,
}

pub(super) fn segment_bits(
    specs: &Specs,
    presence: &Presence,
    reader: &SegmentReader,
    segment_ord: usize,
) -> tantivy::Result<SegmentBits> {
    let words = (reader.max_doc() as usize).div_ceil(64);
    let mut groups = vec![vec![0u64; words]; specs.group_count];
    let mut sources = Vec::with_capacity(specs.sources.len());
    for spec in &specs.sources {
        let bits = &mut groups[spec.group];
        let own: Bits = match &spec.presence {
            Some((term, _)) => match presence.get(segment_ord, term) {
                Some(known) => known,
                None => {
                    // A rare term: its postings are short.
                    let mut own = vec![0u64; words];
                    let inverted = reader.inverted_index(term.field())?;
                    if let Some(mut postings) =
                        inverted.read_postings(term, IndexRecordOption::Basic)?
                    {
                        let mut doc = postings.doc();
                        while doc != TERMINATED {
                            own[doc as usize / 64] |= 1 << (doc % 64);
                            doc = postings.advance();
                        }
                    }
                    Arc::from(own)
                }
            },
            None => {
                // A prefix's listed passages.
                let mut own = vec![0u64; words];
                let mut source = Source::open(spec, reader, segment_ord, presence)?;
                let mut doc = source.doc;
                while doc != TERMINATED {
                    own[doc as usize / 64] |= 1 << (doc % 64);
                    doc = source.advance();
                }
                Arc::from(own)
            }
        };
        bits.iter_mut().zip(own.iter()).for_each(|(b, k)| *b |= k);
        sources.push(own);
    }
    // Groups no passage holds count for nothing.
    let held: Vec<&[u64]> = groups
        .iter()
        .filter(|g| g.iter().any(|w| *w != 0))
        .map(Vec::as_slice)
        .collect();
    let counts = GroupCounts::new(&held);
    Ok(SegmentBits { sources, counts })
}

/// How many of a set of groups each passage of one segment holds, as bit planes: plane `j`
/// holds bit `j` of every passage's count. Worked out once; every pass then reads off the
/// passages holding enough groups.
pub(super) struct GroupCounts {
    planes: Vec<Vec<u64>>,
    groups: usize,
    words: usize,
}

impl GroupCounts {
    pub fn new(groups: &[&[u64]]) -> GroupCounts {
        let words = groups.first().map_or(0, |g| g.len());
        let plane_count = usize::BITS as usize - groups.len().leading_zeros() as usize;
        let mut planes = vec![vec![0u64; words]; plane_count];
        let mut plane = [0u64; usize::BITS as usize];
        for w in 0..words {
            plane[..plane_count].fill(0);
            for group in groups {
                // Adds this group's bits to the counts, carrying from plane to plane.
                let mut carry = group[w];
                for p in plane[..plane_count].iter_mut() {
                    if carry == 0 {
                        break;
                    }
                    let next = *p & carry;
                    *p ^= carry;
                    carry = next;
                }
            }
            for (j, out) in planes.iter_mut().enumerate() {
                out[w] = plane[j];
            }
        }
        GroupCounts {
            planes,
            groups: groups.len(),
            words,
        }
    }

    /// The passages holding at least `m` of the groups, as a bitset.
    pub fn at_least(&self, m: usize) -> Vec<u64> {
        if m == 0 {
            return vec![u64::MAX; self.words];
        }
        if m > self.groups {
            return vec![0; self.words];
        }
        (0..self.words)
            .map(|w| {
                // count >= m, compared bit by bit from the highest plane down.
                let (mut greater, mut equal) = (0u64, u64::MAX);
                for (j, plane) in self.planes.iter().enumerate().rev() {
                    if (m >> j) & 1 == 1 {
                        equal &= plane[w];
                    } else {
                        greater |= equal & plane[w];
                        equal &= !plane[w];
                    }
                }
                greater | equal
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift).
    fn words(seed: &mut u64, n: usize, sparse: bool) -> Vec<u64> {
        (0..n)
            .map(|_| {
                let mut next = || {
                    *seed ^= *seed << 13;
                    *seed ^= *seed >> 7;
                    *seed ^= *seed << 17;
                    *seed
                };
                if sparse { next() & next() } else { next() }
            })
            .collect()
    }

    #[test]
    fn counting_agrees_with_counting_one_passage_at_a_time() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for groups_n in [1, 2, 3, 5, 8, 13] {
            let groups: Vec<Vec<u64>> = (0..groups_n)
                .map(|g| words(&mut seed, 7, g % 2 == 0))
                .collect();
            let refs: Vec<&[u64]> = groups.iter().map(Vec::as_slice).collect();
            let counts = GroupCounts::new(&refs);
            for m in 0..=groups_n + 1 {
                let got = counts.at_least(m);
                for doc in 0..(7 * 64) {
                    let count = groups
                        .iter()
                        .filter(|g| (g[doc / 64] >> (doc % 64)) & 1 == 1)
                        .count();
                    let set = (got[doc / 64] >> (doc % 64)) & 1 == 1;
                    assert_eq!(set, count >= m, "groups {groups_n} m {m} doc {doc}");
                }
            }
        }
    }
}
