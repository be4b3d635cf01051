//! How many passages matched in all: those holding any group of the query. Counting them all
//! means walking every posting of every word, which in a large corpus of common words costs
//! more than the search itself. So counting stops past `EXACT_UP_TO`: the total is exact up to
//! there, and beyond it is reported as "at least" that many.

/// Totals are exact up to this many matching passages; beyond, "at least" this many.
pub const EXACT_UP_TO: usize = 1000;

/// A count of matching passages, possibly a lower bound.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Total {
    pub count: usize,
    /// More passages matched than `count` says.
    pub at_least: bool,
}

impl Total {
    /// The total from a capped count: exact when counting finished, else "at least" the cap.
    pub fn of(counted: Option<usize>) -> Total {
        match counted {
            Some(count) => Total {
                count,
                at_least: false,
            },
            None => Total {
                count: EXACT_UP_TO,
                at_least: true,
            },
        }
    }
}
