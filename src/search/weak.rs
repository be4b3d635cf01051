//! Groups too common to tell passages apart ("ALL" in content about ALL, "treatment") are
//! taken out of a query that has better ones. Passes count groups alike — all of them, then
//! one fewer, … — so a passage holding two such groups would otherwise outrank one holding
//! the rare word that was the point of the question; and their BM25 weight is near nothing
//! anyway. A query made only of common groups keeps them all.
//!
//! Words naming who the patient is to the caller ("my husband", "mi hermana") are set aside the
//! same way: they say whom the question is about, not what it asks, yet authors' phrasings
//! use them ("my husband's counts are low"), so they would pull a question to any passage
//! phrased for a husband. A group of synonyms that holds one stays.

use super::query::{Group, GroupKind, QueryPlan};
use super::schema::LangFields;
use tantivy::{Searcher, Term};

/// A group held by more than this share of a language's passages is weak.
pub const WEAK_SHARE: f64 = 0.5;

/// Words for the people around a patient, folded (accents removed), in both languages. Not
/// children or siblings: a child may be the question ("tener un hijo" after chemotherapy) and
/// a brother or sister the donor it is about.
#[rustfmt::skip]
const RELATIVES: &[&str] = &[
    "husband", "wife", "partner", "spouse", "mom", "mother", "mum", "dad", "father", "parents",
    "friend", "boyfriend", "girlfriend", "fiance", "fiancee", "aunt", "uncle", "cousin", "niece",
    "nephew", "grandson", "granddaughter", "esposo", "esposa", "marido", "pareja", "mama",
    "madre", "papa", "padre", "padres", "amigo", "amiga", "novio", "novia", "tio", "tia",
    "primo", "prima", "sobrino", "sobrina", "nieto", "nieta",
];

/// Whether `group` is one word naming a relative, typed or corrected (see the module's
/// header).
fn names_a_relative(group: &Group) -> bool {
    matches!(group.kind, GroupKind::Word | GroupKind::Corrected)
        && group
            .word
            .as_deref()
            .is_some_and(|w| RELATIVES.contains(&w))
}

/// Drops the weak groups of `plan` (never the word still being typed), unless every group is
/// weak: the common ones and the words naming a relative. `passages` is how many passages the
/// language has; `group_df` how many hold a group.
pub fn drop_weak_groups(plan: &mut QueryPlan, passages: u64, group_df: impl Fn(usize) -> u64) {
    if passages == 0 || plan.groups.len() < 2 {
        return;
    }
    let limit = (passages as f64 * WEAK_SHARE) as u64;
    let weak: Vec<bool> = (0..plan.groups.len())
        .map(|g| {
            plan.prefix_group != Some(g)
                && (group_df(g) > limit || names_a_relative(&plan.groups[g]))
        })
        .collect();
    // Only a group some passage holds can stand in for the common ones.
    let useful = (0..plan.groups.len()).any(|g| !weak[g] && group_df(g) > 0);
    if !useful {
        return;
    }
    let groups = std::mem::take(&mut plan.groups);
    let prefix = plan.prefix_group.take();
    for (g, group) in groups.into_iter().enumerate() {
        if weak[g] {
            plan.weak.push(group);
        } else {
            if prefix == Some(g) {
                plan.prefix_group = Some(plan.groups.len());
            }
            plan.groups.push(group);
        }
    }
}

/// About how many passages hold `group`: per way of saying it, the passages holding its
/// rarest word in the field where it is most common; summed over the ways (an upper bound).
pub fn group_doc_freq(searcher: &Searcher, fields: &LangFields, group: &Group) -> u64 {
    let df = |field, stem: &str| {
        searcher
            .doc_freq(&Term::from_field_text(field, stem))
            .unwrap_or(0)
    };
    group
        .alternatives
        .iter()
        .map(|alternative| {
            [fields.title, fields.heading, fields.body]
                .into_iter()
                .map(|field| {
                    alternative
                        .iter()
                        .map(|(_, stem)| df(field, stem))
                        .min()
                        .unwrap_or(0)
                })
                .max()
                .unwrap_or(0)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::synonyms::Synonyms;
    use crate::domain::Lang;
    use crate::search::query::plan;

    fn words(plan: &QueryPlan) -> Vec<String> {
        plan.groups.iter().filter_map(|g| g.word.clone()).collect()
    }

    #[test]
    fn common_groups_go_when_a_rarer_one_stays() {
        let mut p = plan("fever during treatment ", Lang::En, &Synonyms::default());
        let df = |g: usize| [3, 60, 80][g];
        drop_weak_groups(&mut p, 100, df);
        assert_eq!(words(&p), vec!["fever"]);
        let weak: Vec<_> = p.weak.iter().filter_map(|g| g.word.clone()).collect();
        assert_eq!(
            weak,
            vec!["during", "treatment"],
            "kept aside for highlighting"
        );
    }

    #[test]
    fn a_relative_is_set_aside_when_the_question_has_more() {
        let mut p = plan("my husband counts low ", Lang::En, &Synonyms::default());
        drop_weak_groups(&mut p, 100, |g| [5, 10, 10][g]);
        assert_eq!(words(&p), vec!["counts", "low"]);
        assert_eq!(p.weak.len(), 1, "kept aside for highlighting");
        // Beside words no passage holds, it is all there is to search.
        let mut alone = plan("mi esposa zzzq ", Lang::Es, &Synonyms::default());
        drop_weak_groups(&mut alone, 100, |g| [5, 0][g]);
        assert_eq!(words(&alone), vec!["esposa", "zzzq"]);
    }

    #[test]
    fn a_sibling_or_a_child_is_not_set_aside() {
        // The brother may be the donor asked about; "tener un hijo" is having a child.
        let mut donor = plan("can my brother donate ", Lang::En, &Synonyms::default());
        drop_weak_groups(&mut donor, 100, |_| 5);
        assert_eq!(words(&donor), vec!["brother", "donate"]);
        let mut child = plan("tener un hijo despues ", Lang::Es, &Synonyms::default());
        drop_weak_groups(&mut child, 100, |_| 5);
        assert_eq!(words(&child), vec!["tener", "hijo", "despues"]);
    }

    #[test]
    fn a_query_of_common_groups_only_keeps_them() {
        let mut p = plan("during treatment ", Lang::En, &Synonyms::default());
        drop_weak_groups(&mut p, 100, |_| 90);
        assert_eq!(words(&p), vec!["during", "treatment"]);
    }

    #[test]
    fn common_groups_stay_when_the_others_match_nothing() {
        let mut p = plan("treatment zzzq ", Lang::En, &Synonyms::default());
        drop_weak_groups(&mut p, 100, |g| [90, 0][g]);
        assert_eq!(words(&p), vec!["treatment", "zzzq"]);
    }

    #[test]
    fn the_word_being_typed_is_kept_and_still_found() {
        let mut p = plan("treatment during fev", Lang::En, &Synonyms::default());
        assert_eq!(p.prefix_group, Some(2));
        drop_weak_groups(&mut p, 100, |g| [90, 90, 5][g]);
        assert_eq!(words(&p), vec!["fev"]);
        assert_eq!(p.prefix_group, Some(0));
    }
}
