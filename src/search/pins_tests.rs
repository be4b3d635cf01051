//! Query links keep finding their searches when the synonyms change what words normalize to.

use super::normalize::normalized_query;
use super::pins::{QueryLinks, StoredLink};
use crate::content::Corpus;
use crate::content::synonyms::Synonyms;
use crate::domain::Lang;
use std::path::Path;

const TYPED: &str = "spinal tap recovery time";
const PASSAGE: &str = "lp#what-happens-after";

fn corpus(synonyms: &str) -> Corpus {
    let mut corpus = Corpus::new(Vec::new());
    let (parsed, problems) = Synonyms::parse(Path::new("synonyms.toml"), synonyms);
    assert!(problems.is_empty(), "{problems:?}");
    corpus.synonyms = parsed;
    corpus
}

/// A link made while `before` was served: stored under the key its words had then.
fn link_made_under(before: &Corpus) -> StoredLink {
    StoredLink {
        normalized: normalized_query(TYPED, Lang::En, &before.synonyms),
        lang: Lang::En,
        passage_id: PASSAGE.into(),
        example: TYPED.into(),
    }
}

#[test]
fn a_link_still_answers_after_new_synonyms_change_its_key() {
    let before = corpus("");
    let after = corpus("[[group]]\nterms = [\"lumbar puncture\", \"spinal tap\", \"LP\"]\n");
    let link = link_made_under(&before);
    // The premise: the same words now normalize to another key.
    assert_ne!(
        link.normalized,
        normalized_query(TYPED, Lang::En, &after.synonyms)
    );

    let served = QueryLinks::new(vec![link], &before);
    assert_eq!(
        served.linked(TYPED, &before),
        vec![(Lang::En, PASSAGE.to_string())]
    );
    // Content reloaded with the new synonyms: the links are keyed again for it.
    let rekeyed = served.rekeyed(&after);
    assert_eq!(
        rekeyed.linked(TYPED, &after),
        vec![(Lang::En, PASSAGE.to_string())]
    );
    // And a server starting on the new content finds it from the stored link too.
    let fresh = QueryLinks::new(vec![link_made_under(&before)], &after);
    assert_eq!(fresh.linked("Spinal tap recovery time?", &after).len(), 1);
}

#[test]
fn a_key_another_link_was_stored_under_stays_that_links() {
    let served_corpus =
        corpus("[[group]]\nterms = [\"lumbar puncture\", \"spinal tap\", \"LP\"]\n");
    let key = normalized_query(TYPED, Lang::En, &served_corpus.synonyms);
    let stored_there = StoredLink {
        normalized: key,
        lang: Lang::En,
        passage_id: "lp#the-newer-link".into(),
        example: "lumbar puncture recovery time".into(),
    };
    // An older link whose example now normalizes to the same key.
    let older = StoredLink {
        normalized: "an old key".into(),
        lang: Lang::En,
        passage_id: PASSAGE.into(),
        example: TYPED.into(),
    };
    let links = QueryLinks::new(vec![older, stored_there], &served_corpus);
    assert_eq!(
        links.linked(TYPED, &served_corpus),
        vec![(Lang::En, "lp#the-newer-link".to_string())]
    );
}

#[test]
fn an_example_with_no_words_adds_no_key() {
    let served_corpus = corpus("");
    let link = StoredLink {
        normalized: "maintenance".into(),
        lang: Lang::En,
        passage_id: PASSAGE.into(),
        example: String::new(),
    };
    let links = QueryLinks::new(vec![link], &served_corpus);
    assert_eq!(links.len(), 1);
    assert!(links.linked("?", &served_corpus).is_empty());
}
