//! How many passages matched in all: those holding any group of the query. Counting them all
//! means walking every posting of every word, which in a large corpus of common words costs
//! more than the search itself. So counting stops past `EXACT_UP_TO`: the total is exact up to
//! there, and beyond it is reported as "at least" that many.

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocSet, Searcher, TERMINATED};

/// Totals are exact up to this many matching passages; beyond, "at least" this many.
pub const EXACT_UP_TO: usize = 1000;

/// A count of matching passages, possibly a lower bound.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Total {
    pub count: usize,
    /// More passages matched than `count` says.
    pub at_least: bool,
}

/// The passages `query` matches (without scoring them), counted up to `EXACT_UP_TO`.
pub fn count(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<Total> {
    count_up_to(searcher, query, EXACT_UP_TO)
}

/// The passages `query` matches, counted up to `cap`.
pub fn count_up_to(searcher: &Searcher, query: &dyn Query, cap: usize) -> tantivy::Result<Total> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut count = 0;
    for reader in searcher.segment_readers() {
        let alive = reader.alive_bitset();
        let mut docs = weight.scorer(reader, 1.0)?;
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                count += 1;
                if count > cap {
                    return Ok(Total {
                        count: cap,
                        at_least: true,
                    });
                }
            }
            doc = docs.advance();
        }
    }
    Ok(Total {
        count,
        at_least: false,
    })
}
