//! The rare name a question turns on. Passes count groups alike, so in "tecartus how many
//! adults respond" a passage holding "how", "many" and "adults" would rank above the one
//! about Tecartus, which holds fewer of the everyday words. When one group of a longer query
//! is rare in the content (a drug, a test, a named study), a passage must hold it to rank in
//! any pass but the last ("any group"): the everyday words only order the passages that hold
//! the name. Knows nothing of scores.

use super::query::{Group, GroupKind, QueryPlan};
use super::schema::LangFields;
use std::collections::HashSet;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED, Term};

/// A group held by at most this share of a language's passages can anchor a query.
pub const ANCHOR_SHARE: f64 = 0.04;
/// An anchored pass fetches this many times its pool, since non-holders are dropped from it.
pub const OVERFETCH: usize = 4;
/// Only a query of this many groups or more is anchored: in a shorter one every group is
/// much of the question already.
pub const ANCHOR_FROM: usize = 3;

/// The passages holding the query's anchor, if it has one.
pub struct Anchor {
    holders: HashSet<DocAddress>,
}

impl Anchor {
    /// The rarest group of `plan` that some passage holds, when it is rare enough (never the
    /// word still being typed: it may become another word). `in_lang` is how many passages
    /// the language has.
    pub fn of(
        searcher: &Searcher,
        fields: &LangFields,
        plan: &QueryPlan,
        in_lang: u64,
    ) -> tantivy::Result<Option<Anchor>> {
        if plan.group_count() < ANCHOR_FROM {
            return Ok(None);
        }
        let limit = ((in_lang as f64 * ANCHOR_SHARE) as u64).max(1);
        // The rarest group by the passages that really hold it (the ways of saying a name
        // overlap: "brexucabtagene autoleucel (Tecartus)" is one passage, not two). A group is
        // read only until it holds more than the rarest so far.
        let mut rarest: Option<HashSet<DocAddress>> = None;
        for (g, group) in plan.groups.iter().enumerate() {
            if plan.prefix_group == Some(g) || group.kind == GroupKind::Word {
                continue;
            }
            let cap = rarest
                .as_ref()
                .map_or(limit, |r| (r.len() as u64).min(limit));
            if let Some(holders) = holders_within(searcher, fields, group, cap)?
                && !holders.is_empty()
                && rarest.as_ref().is_none_or(|r| holders.len() < r.len())
            {
                rarest = Some(holders);
            }
        }
        let Some(holders) = rarest else {
            return Ok(None);
        };
        Ok(Some(Anchor { holders }))
    }

    /// Whether the passage at `address` holds the anchor.
    pub fn held_by(&self, address: DocAddress) -> bool {
        self.holders.contains(&address)
    }
}

/// The passages holding `group` (a phrase by its rarest word), unless some way of saying it
/// is alone held by more than `limit` passages (then `None`, without reading its postings).
fn holders_within(
    searcher: &Searcher,
    fields: &LangFields,
    group: &Group,
    limit: u64,
) -> tantivy::Result<Option<HashSet<DocAddress>>> {
    let mut rarest_words = Vec::new();
    for alternative in &group.alternatives {
        for field in [fields.title, fields.heading, fields.phrasings, fields.body] {
            // A passage holding a phrase holds each of its words; the rarest is enough to
            // look up (this may count a passage holding the words apart: harmless).
            let rarest = alternative
                .iter()
                .map(|(_, stem)| Term::from_field_text(field, stem))
                .map(|term| (searcher.doc_freq(&term).unwrap_or(0), term))
                .min_by_key(|(df, _)| *df);
            if let Some((df, term)) = rarest {
                if df > limit {
                    return Ok(None);
                }
                rarest_words.push(term);
            }
        }
    }
    let mut holders = HashSet::new();
    for term in &rarest_words {
        collect_holders(searcher, term, &mut holders)?;
        if holders.len() as u64 > limit {
            return Ok(None);
        }
    }
    Ok(Some(holders))
}

fn collect_holders(
    searcher: &Searcher,
    term: &Term,
    out: &mut HashSet<DocAddress>,
) -> tantivy::Result<()> {
    for (segment_ord, reader) in searcher.segment_readers().iter().enumerate() {
        let index = reader.inverted_index(term.field())?;
        if let Some(mut postings) = index.read_postings(term, IndexRecordOption::Basic)? {
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if reader
                    .alive_bitset()
                    .is_none_or(|alive| alive.is_alive(doc))
                {
                    out.insert(DocAddress::new(segment_ord as u32, doc));
                }
                doc = postings.advance();
            }
        }
    }
    Ok(())
}
