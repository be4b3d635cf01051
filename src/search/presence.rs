//! Which passages hold a common term, one bit per passage, read once when the index is built.
//! The engine asks it whether a passage can hold a group before reading any postings: a bit
//! test costs a nanosecond where a seek into a long posting list costs tens. Rare terms get no
//! bitset (their short lists are cheap to seek, and a bitset would outweigh them). Knows
//! nothing of queries or scores.

use rustc_hash::FxHashMap;
use std::sync::Arc;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, TERMINATED, Term};

/// A term held by at least one passage in this many gets a bitset: its bitset then takes
/// about as much room as its postings.
const DENSITY: u32 = 32;

/// One bit per passage of a segment, set where the term is.
pub type Bits = Arc<[u64]>;

/// Whether the bit of `doc` is set.
pub fn holds(bits: &[u64], doc: DocId) -> bool {
    bits.get(doc as usize / 64)
        .is_some_and(|word| (word >> (doc % 64)) & 1 == 1)
}

/// The first passage at or after `doc` whose bit is set (`TERMINATED` when none is).
pub fn next_held(bits: &[u64], doc: DocId) -> DocId {
    let mut index = doc as usize / 64;
    let Some(&first) = bits.get(index) else {
        return TERMINATED;
    };
    let mut word = first & (u64::MAX << (doc % 64));
    loop {
        if word != 0 {
            return (index * 64) as DocId + word.trailing_zeros();
        }
        index += 1;
        match bits.get(index) {
            Some(&next) => word = next,
            None => return TERMINATED,
        }
    }
}

/// The bitsets of every common term of some fields, per segment.
#[derive(Default)]
pub struct Presence {
    per_segment: Vec<FxHashMap<Term, Bits>>,
    bytes: usize,
}

impl Presence {
    /// Reads the postings of every term of `fields` that at least one passage in `DENSITY`
    /// holds.
    pub fn build(searcher: &Searcher, fields: &[Field]) -> tantivy::Result<Presence> {
        let mut presence = Presence::default();
        for segment in searcher.segment_readers() {
            let max_doc = segment.max_doc();
            let min_doc_freq = (max_doc / DENSITY).max(1);
            let words = (max_doc as usize).div_ceil(64);
            let mut terms = FxHashMap::default();
            for &field in fields {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().stream()?;
                while stream.advance() {
                    let info = stream.value();
                    if info.doc_freq < min_doc_freq {
                        continue;
                    }
                    let Ok(text) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let mut postings =
                        inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                    let mut bits = vec![0u64; words];
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        bits[doc as usize / 64] |= 1 << (doc % 64);
                        doc = postings.advance();
                    }
                    presence.bytes += words * 8;
                    terms.insert(Term::from_field_text(field, text), Arc::from(bits));
                }
            }
            presence.per_segment.push(terms);
        }
        Ok(presence)
    }

    /// The term's bitset in a segment, when it is common enough to have one.
    pub fn get(&self, segment_ord: usize, term: &Term) -> Option<Bits> {
        self.per_segment.get(segment_ord)?.get(term).cloned()
    }

    /// Memory taken by the bitsets.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits_of(docs: &[DocId], max_doc: usize) -> Vec<u64> {
        let mut bits = vec![0u64; max_doc.div_ceil(64)];
        for &d in docs {
            bits[d as usize / 64] |= 1 << (d % 64);
        }
        bits
    }

    #[test]
    fn a_bit_is_set_exactly_where_a_passage_holds_the_term() {
        let bits = bits_of(&[0, 5, 63, 64, 130], 200);
        let held: Vec<DocId> = (0..200).filter(|&d| holds(&bits, d)).collect();
        assert_eq!(held, vec![0, 5, 63, 64, 130]);
        assert!(!holds(&bits, 10_000), "past the end holds nothing");
    }

    #[test]
    fn the_next_held_passage_is_found_across_words() {
        let bits = bits_of(&[5, 64, 130], 200);
        assert_eq!(next_held(&bits, 0), 5);
        assert_eq!(next_held(&bits, 5), 5);
        assert_eq!(next_held(&bits, 6), 64);
        assert_eq!(next_held(&bits, 65), 130);
        assert_eq!(next_held(&bits, 131), TERMINATED);
        assert_eq!(next_held(&bits, 10_000), TERMINATED);
    }
}
