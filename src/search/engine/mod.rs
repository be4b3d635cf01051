//! The matching engine: the best passages holding at least `m` of a plan's groups, scored
//! exactly as the query tree in `query` would score them (BM25 per field with its boost, the
//! best way of saying a group plus a tie-breaker share of the others, the groups summed), but
//! without visiting every passage that holds a common word.
//!
//! Two facts let it skip passages. A passage holding `m` of `n` groups holds at least one of
//! any `n − m + 1` of them, so walking the rarest `n − m + 1` groups finds every candidate.
//! And once `k` passages are kept, a passage must beat the worst of them: sources whose bound
//! together (worked out as a passage is scored, `bound`) is below that cannot lift a passage
//! alone (MaxScore), so only the others need walking. The engine walks whichever of the two
//! sets is cheaper; every other source is looked up only at the candidates (a bit test in the
//! term's bitset first, `presence`), and a candidate is dropped as soon as it cannot qualify.
//! A pass needing three or more of many common groups counts instead (`counting`): the
//! passages holding enough groups come from one bitset per group, 64 at a time.

mod bound;
mod candidate;
mod counted;
mod counting;
mod source;
mod spec;
mod top;
mod walk;

#[cfg(test)]
mod tests;

use super::presence::Presence;
use super::query::QueryPlan;
use super::schema::LangFields;
use bound::SetBound;
use source::Source;
use spec::Specs;
use std::cell::OnceCell;
use tantivy::{DocAddress, Score, Searcher, SegmentReader, TERMINATED};

/// Counting is chosen when walking would check more than this many passages per 64-passage
/// word and group counted.
const COUNTING_FACTOR: u64 = 4;
/// Passes needing fewer groups walk instead: MaxScore narrows a walk to the passages holding
/// a strong source, which counting cannot do.
const MIN_COUNTED: usize = 3;
use top::TopK;

/// A plan made ready to run against one searcher.
pub struct Engine<'a> {
    searcher: &'a Searcher,
    presence: &'a Presence,
    specs: Specs,
    /// Per segment: each source's bitset and how many groups each passage may hold
    /// (`counting`), made when a pass first counts and shared by the later passes.
    segment_bits: Vec<OnceCell<counting::SegmentBits>>,
}

impl<'a> Engine<'a> {
    pub fn new(
        searcher: &'a Searcher,
        presence: &'a Presence,
        plan: &QueryPlan,
        fields: &LangFields,
    ) -> tantivy::Result<Engine<'a>> {
        Ok(Engine {
            searcher,
            presence,
            specs: Specs::new(searcher, plan, fields)?,
            segment_bits: searcher
                .segment_readers()
                .iter()
                .map(|_| OnceCell::new())
                .collect(),
        })
    }

    /// Number of groups (the unfinished word standing alone counts as one).
    pub fn group_count(&self) -> usize {
        self.specs.group_count
    }

    /// The best `k` passages holding at least `min_groups` groups, best first.
    pub fn top(&self, min_groups: usize, k: usize) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let mut top = TopK::new(k);
        if k == 0 || self.specs.group_count == 0 {
            return Ok(Vec::new());
        }
        let min_groups = min_groups.clamp(1, self.specs.group_count);
        if min_groups > self.specs.live_groups {
            return Ok(Vec::new());
        }
        for (ord, reader) in self.searcher.segment_readers().iter().enumerate() {
            let mut segment =
                SegmentRun::open(&self.specs, self.presence, reader, ord, min_groups)?;
            // Counting costs a few operations per 64 passages and group; walking costs a
            // check per passage walked. Passes needing one group have nothing to count.
            let words = (reader.max_doc() as u64).div_ceil(64);
            let counting_cost = words * self.specs.live_groups as u64 / COUNTING_FACTOR;
            if min_groups >= MIN_COUNTED && segment.walked_cost > counting_cost {
                let bits = self.segment_bits(ord, reader)?;
                let candidates = bits.counts.at_least(min_groups);
                segment.run_counted(&candidates, &bits.sources, ord as u32, reader, &mut top);
            } else {
                segment.run(ord as u32, reader, &mut top);
            }
        }
        Ok(top.into_sorted())
    }

    fn segment_bits(
        &self,
        ord: usize,
        reader: &SegmentReader,
    ) -> tantivy::Result<&counting::SegmentBits> {
        if let Some(bits) = self.segment_bits[ord].get() {
            return Ok(bits);
        }
        let bits = counting::segment_bits(&self.specs, self.presence, reader, ord)?;
        Ok(self.segment_bits[ord].get_or_init(|| bits))
    }

    /// How many passages hold any group, counted up to `cap` (then `None`: more than `cap`).
    pub fn count_any(&self, cap: usize) -> tantivy::Result<Option<usize>> {
        // A word held by more than `cap` passages settles it without reading anything (when
        // no passage is deleted, its count is exact).
        let no_deletes = self
            .searcher
            .segment_readers()
            .iter()
            .all(|r| r.num_deleted_docs() == 0);
        if no_deletes
            && self
                .specs
                .sources
                .iter()
                .any(|s| s.counts_exactly() && s.cost > cap as u64)
        {
            return Ok(None);
        }
        let mut count = 0;
        for (ord, reader) in self.searcher.segment_readers().iter().enumerate() {
            let alive = reader.alive_bitset();
            let mut sources = open_all(&self.specs, self.presence, reader, ord)?;
            loop {
                let doc = sources.iter().map(|s| s.doc).min().unwrap_or(TERMINATED);
                if doc == TERMINATED {
                    break;
                }
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    count += 1;
                    if count > cap {
                        return Ok(None);
                    }
                }
                for source in sources.iter_mut().filter(|s| s.doc == doc) {
                    source.advance();
                }
            }
        }
        Ok(Some(count))
    }
}

fn open_all(
    specs: &Specs,
    presence: &Presence,
    reader: &SegmentReader,
    segment_ord: usize,
) -> tantivy::Result<Vec<Source>> {
    specs
        .sources
        .iter()
        .map(|s| Source::open(s, reader, segment_ord, presence))
        .collect()
}

/// One pass over one segment.
struct SegmentRun {
    sources: Vec<Source>,
    min_groups: usize,
    /// Per group: its sources, by disjunct; and an upper bound on its score.
    group_sources: Vec<Vec<usize>>,
    group_bound: Vec<Score>,
    bound_total: Score,
    /// Groups in the order a candidate is checked: rarest first.
    check_order: Vec<usize>,
    /// The sources walked; the others are looked up at candidates.
    walked: Vec<bool>,
    walked_list: Vec<usize>,
    walked_cost: u64,
    /// Sources by bound, lowest first, and how many of them together cannot lift a passage.
    by_bound: Vec<usize>,
    weak: usize,
    weak_set: SetBound,
    /// Scratch per disjunct: its score at the candidate, and whether it matched.
    disjunct_score: Vec<Score>,
    /// Scratch per group: the most it can give the candidate, or `NOT_HELD`.
    held: Vec<Score>,
}

impl SegmentRun {
    fn open(
        specs: &Specs,
        presence: &Presence,
        reader: &SegmentReader,
        segment_ord: usize,
        min_groups: usize,
    ) -> tantivy::Result<Self> {
        let sources = open_all(specs, presence, reader, segment_ord)?;
        let groups = specs.group_count;
        let mut group_sources = vec![Vec::new(); groups];
        for (i, s) in sources.iter().enumerate() {
            group_sources[s.group].push(i);
        }
        let mut all = SetBound::new(&specs.disjunct_group, groups);
        for s in &sources {
            all.add(s.disjunct, s.bound);
        }
        let group_bound: Vec<Score> = (0..groups).map(|g| all.group(g)).collect();
        // Any `groups - min_groups + 1` groups hold a candidate: the cheapest ones are walked.
        // A candidate checks the rarest groups first: the likeliest to be missing, so a
        // candidate without enough groups is dropped soonest, and the jump to where a missing
        // group comes back is the longest.
        let group_cost =
            |g: usize| -> u64 { group_sources[g].iter().map(|&i| sources[i].cost).sum() };
        // Groups that no passage holds can never match: left out of the order altogether.
        let mut check_order: Vec<usize> = (0..groups)
            .filter(|&g| !group_sources[g].is_empty())
            .collect();
        check_order.sort_by_key(|&g| group_cost(g));
        let mut walked = vec![false; sources.len()];
        let walked_groups = (check_order.len() + 1).saturating_sub(min_groups);
        for &g in check_order.iter().take(walked_groups) {
            for &i in &group_sources[g] {
                walked[i] = true;
            }
        }
        let mut by_bound: Vec<usize> = (0..sources.len()).collect();
        by_bound.sort_by(|&a, &b| sources[a].bound.total_cmp(&sources[b].bound));
        let mut run = SegmentRun {
            disjunct_score: vec![f32::NAN; specs.disjunct_group.len()],
            held: vec![candidate::NOT_HELD; groups],
            sources,
            min_groups,
            group_sources,
            bound_total: group_bound.iter().sum(),
            group_bound,
            check_order,
            walked,
            walked_list: Vec::new(),
            walked_cost: 0,
            by_bound,
            weak: 0,
            weak_set: SetBound::new(&specs.disjunct_group, groups),
        };
        run.refresh_walked();
        Ok(run)
    }

    pub(super) fn refresh_walked(&mut self) {
        self.walked_list = (0..self.sources.len())
            .filter(|&i| self.walked[i])
            .collect();
        self.walked_cost = self.walked_list.iter().map(|&i| self.sources[i].cost).sum();
    }
}
