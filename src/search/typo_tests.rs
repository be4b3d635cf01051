//! Typo correction as part of the plan: a corrected word takes part in synonyms and phrases
//! exactly as the word typed right would.

use super::*;
use crate::content::fixture::TestDoc;
use std::path::Path;

/// A passage naming a lumbar puncture only as a "spinal tap", and one holding "lumbar" and
/// "puncture" apart, about other things.
fn index() -> SearchIndex {
    let docs = vec![
        TestDoc::new(
            "tap",
            "en",
            "## Spinal tap\nA spinal tap takes a little fluid from the lower back.\n",
        )
        .title("Procedures")
        .parse(),
        TestDoc::new(
            "wounds",
            "en",
            "## Lumbar pain and wounds\nLumbar pain is common. A puncture wound needs cleaning.\n",
        )
        .title("Everyday care")
        .parse(),
    ];
    let mut corpus = Corpus::new(docs);
    let synonyms = "[[group]]\nterms = [\"spinal tap\", \"lumbar puncture\"]\n";
    corpus.synonyms =
        crate::content::synonyms::Synonyms::parse(Path::new("synonyms.toml"), synonyms).0;
    SearchIndex::build(Arc::new(corpus)).expect("index builds")
}

fn first(index: &SearchIndex, query: &str) -> (Option<String>, Option<String>) {
    let res = index
        .search(&SearchRequest {
            query: query.into(),
            lang: None,
            limit: 10,
            whole: Default::default(),
        })
        .expect("search runs");
    (
        res.hits.first().map(|h| h.passage_id.clone()),
        res.corrected,
    )
}

#[test]
fn a_corrected_word_joins_the_synonym_phrase_it_completes() {
    let idx = index();
    // Typed right, the phrase names the spinal tap.
    assert_eq!(
        first(&idx, "lumbar puncture ").0.as_deref(),
        Some("tap#spinal-tap")
    );
    // Misspelled, it must mean the same once corrected, not "lumbar" and "puncture" apart.
    let (hit, corrected) = first(&idx, "lumbar punctre ");
    assert_eq!(corrected.as_deref(), Some("lumbar puncture"));
    assert_eq!(hit.as_deref(), Some("tap#spinal-tap"));
}
