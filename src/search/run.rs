//! One search in one language: the query planned (synonyms, typo corrections, common groups
//! set aside, alternatives weighed) and its passes run — every group, then most, then any —
//! best first, without repeating a passage, until the page is full.

use super::highlight::Highlighter;
use super::query::{self, QueryPlan};
use super::{
    Found, GLOSSARY_HEADROOM, Ranked, SearchError, SearchIndex, anchor, correction, engine, lines,
    proximity, total, typo, weak,
};
use crate::domain::Lang;
use std::collections::{HashMap, HashSet};
use tantivy::{DocAddress, Searcher, Term};

impl SearchIndex {
    /// Plans `text` in `lang` and runs its passes. A short definition query puts the best
    /// glossary entry first.
    pub(super) fn run(
        &self,
        searcher: &Searcher,
        text: &str,
        lang: Lang,
        limit: usize,
    ) -> Result<Found, SearchError> {
        let in_lang = searcher
            .doc_freq(&Term::from_field_text(self.fields.lang, lang.code()))
            .unwrap_or(0);
        let (plan, corrected) = self.plan_for(searcher, text, lang, in_lang);
        let mut found = Found {
            lang,
            plan,
            corrected,
            total: total::Total::default(),
            hits: Vec::with_capacity(limit),
        };
        if found.plan.is_empty() || limit == 0 {
            return Ok(found);
        }
        let mut seen = HashSet::new();
        if let Some((score, address)) = self.glossary_first(searcher, &found.plan, lang)? {
            seen.insert(address);
            let pass = found.plan.group_count();
            found.hits.push(Ranked {
                score,
                address,
                pass,
                phrase: false,
            });
        }
        let fields = self.fields.of(lang);
        let engine = engine::Engine::new(searcher, &self.presence, &found.plan, fields)?;
        self.run_passes(searcher, &engine, &mut found, &mut seen, in_lang, limit)?;
        if !found.hits.is_empty() {
            found.total = total::Total::of(engine.count_any(total::EXACT_UP_TO)?);
        }
        found.total.count = found.total.count.max(found.hits.len());
        if found.hits.is_empty() {
            found.corrected = None;
        }
        Ok(found)
    }

    /// The plan of `text` in `lang` (of `in_lang` passages), and the corrected query when a
    /// misspelling was corrected.
    fn plan_for(
        &self,
        searcher: &Searcher,
        text: &str,
        lang: Lang,
        in_lang: u64,
    ) -> (QueryPlan, Option<String>) {
        let fields = self.fields.of(lang);
        let mut plan = query::plan(text, lang, &self.corpus.synonyms);
        let corrected = typo::correct(searcher, fields, lang, text, &mut plan);
        if let Some(fixed) = corrected.as_deref() {
            plan = correction::replan(searcher, fields, lang, fixed, &plan, &self.corpus.synonyms);
        }
        // The text the plan's ranges point into.
        let text = corrected.as_deref().unwrap_or(text);
        let group_dfs: Vec<u64> = plan
            .groups
            .iter()
            .map(|group| weak::group_doc_freq(searcher, fields, group).min(in_lang))
            .collect();
        weak::drop_weak_groups(&mut plan, in_lang, |g| group_dfs[g]);
        if tracing::enabled!(tracing::Level::DEBUG) {
            let typed = |gs: &[query::Group]| -> Vec<String> {
                gs.iter()
                    .map(|g| format!("{}:{:?}", &text[g.typed.clone()], g.kind))
                    .collect()
            };
            tracing::debug!(groups = ?typed(&plan.groups), weak = ?typed(&plan.weak), unmatched = ?plan.unmatched, "query plan");
        }
        query::weigh_alternatives(&mut plan, searcher.num_docs(), |stem| {
            searcher
                .doc_freq(&Term::from_field_text(fields.body, stem))
                .unwrap_or(0)
        });
        (plan, corrected)
    }

    /// Runs the passes of `found.plan`, adding to `found.hits` what no pass above placed
    /// (`seen`) until `limit`.
    fn run_passes(
        &self,
        searcher: &Searcher,
        engine: &engine::Engine,
        found: &mut Found,
        seen: &mut HashSet<DocAddress>,
        in_lang: u64,
        limit: usize,
    ) -> Result<(), SearchError> {
        let fields = self.fields.of(found.lang);
        let anchor = anchor::Anchor::of(searcher, fields, &found.plan, in_lang)?;
        let proximity = proximity::queries(&found.plan, fields);
        let mut line_marks = lines::LineGroups::new(Highlighter::new(&found.plan, found.lang));
        let wanted = limit + GLOSSARY_HEADROOM;
        let pool_size = proximity::pool_size(wanted);
        for min_groups in query::passes(&found.plan) {
            if found.hits.len() >= limit || engine.group_count() == 0 {
                break;
            }
            // An anchored pass keeps only the passages holding the anchor: fetch more, so that
            // enough of them are among the pool (at 100,000 passages many may hold it).
            let anchored = anchor.as_ref().filter(|_| min_groups > 1);
            let fetch = pool_size
                * if anchored.is_some() {
                    anchor::OVERFETCH
                } else {
                    1
                };
            let mut top = engine.top(min_groups, fetch)?;
            self.promote(
                engine,
                &mut top,
                min_groups,
                pool_size,
                seen,
                &mut line_marks,
            )?;
            if let Some(anchor) = anchored {
                top.retain(|&(_, address)| anchor.held_by(address));
            }
            let on_words: HashMap<DocAddress, f32> = top
                .iter()
                .map(|&(score, address)| (address, score))
                .collect();
            proximity::rescore(searcher, &proximity, &mut top)?;
            self.lift_by_lines(&mut top, found.plan.group_count(), &mut line_marks);
            top.truncate(wanted);
            if !found.plan.wants_definition() {
                self.damp_glossary(&mut top);
            }
            for (score, address) in top {
                if found.hits.len() < limit && seen.insert(address) {
                    let phrase = !proximity.is_empty()
                        && on_words.get(&address).is_some_and(|&before| score > before);
                    found.hits.push(Ranked {
                        score,
                        address,
                        pass: min_groups,
                        phrase,
                    });
                }
            }
        }
        Ok(())
    }
}
