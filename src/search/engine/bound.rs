//! Upper bounds on what a passage can score from a set of sources, worked out the way a
//! passage is scored: a way of saying a group (a disjunct) sums its fields, a group takes its
//! best disjunct plus a tie-breaker share of the others, and the groups add up. Summing the
//! sources' bounds instead would overstate a group said many ways several times over, and
//! keep sources walked that cannot lift a passage. Knows nothing of postings.

use super::super::query::ALTERNATIVES_TIE_BREAKER;
use tantivy::Score;

/// The bound of a growing set of sources.
pub(super) struct SetBound {
    /// The group each disjunct belongs to, and each group's disjuncts.
    disjunct_group: Vec<usize>,
    group_disjuncts: Vec<Vec<usize>>,
    /// Per disjunct: the sum of its sources' bounds in the set.
    disjunct_sum: Vec<Score>,
    /// Per group: its bound from the set, and their total.
    group_value: Vec<Score>,
    total: Score,
}

impl SetBound {
    /// An empty set, for `groups` groups whose disjuncts belong to `disjunct_group`.
    pub fn new(disjunct_group: &[usize], groups: usize) -> Self {
        let mut group_disjuncts = vec![Vec::new(); groups];
        for (d, &g) in disjunct_group.iter().enumerate() {
            group_disjuncts[g].push(d);
        }
        SetBound {
            disjunct_group: disjunct_group.to_vec(),
            group_disjuncts,
            disjunct_sum: vec![0.0; disjunct_group.len()],
            group_value: vec![0.0; groups],
            total: 0.0,
        }
    }

    #[cfg(test)]
    pub fn total(&self) -> Score {
        self.total
    }

    pub fn group(&self, g: usize) -> Score {
        self.group_value[g]
    }

    /// The set's total bound were a source of `disjunct` with `bound` added to it.
    pub fn total_with(&self, disjunct: usize, bound: Score) -> Score {
        let g = self.disjunct_group[disjunct];
        self.total - self.group_value[g] + self.group_value_with(g, disjunct, bound)
    }

    /// Adds a source of `disjunct` with `bound`.
    pub fn add(&mut self, disjunct: usize, bound: Score) {
        let g = self.disjunct_group[disjunct];
        let value = self.group_value_with(g, disjunct, bound);
        self.disjunct_sum[disjunct] += bound;
        self.total += value - self.group_value[g];
        self.group_value[g] = value;
    }

    fn group_value_with(&self, g: usize, disjunct: usize, extra: Score) -> Score {
        let (mut max, mut sum) = (0.0f32, 0.0f32);
        for &d in &self.group_disjuncts[g] {
            let value = self.disjunct_sum[d] + if d == disjunct { extra } else { 0.0 };
            max = max.max(value);
            sum += value;
        }
        max + (sum - max) * ALTERNATIVES_TIE_BREAKER
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Score, b: Score) -> bool {
        (a - b).abs() < 1e-5
    }

    #[test]
    fn fields_add_up_within_a_disjunct_and_a_group_takes_its_best_plus_a_share() {
        // Group 0 said two ways (disjuncts 0 and 1), group 1 one way (disjunct 2).
        let mut set = SetBound::new(&[0, 0, 1], 2);
        set.add(0, 1.0);
        set.add(0, 2.0);
        assert!(close(set.total(), 3.0));
        assert!(close(set.total_with(1, 1.0), 3.0 + 0.1));
        set.add(1, 1.0);
        assert!(close(set.group(0), 3.1));
        set.add(2, 0.5);
        assert!(close(set.group(1), 0.5));
        assert!(close(set.total(), 3.6));
    }

    #[test]
    fn many_weak_ways_of_one_group_stay_far_below_their_sum() {
        let mut set = SetBound::new(&[0; 6], 1);
        for d in 0..6 {
            set.add(d, 0.11);
        }
        assert!(close(set.total(), 0.11 + 0.1 * 0.55));
        assert!(set.total() < 0.66 / 2.0);
    }

    #[test]
    fn a_better_way_said_later_takes_over_as_the_group_s_best() {
        let mut set = SetBound::new(&[0, 0], 1);
        set.add(0, 1.0);
        set.add(1, 4.0);
        assert!(close(set.total(), 4.0 + 0.1));
    }
}
