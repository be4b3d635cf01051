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

fn spanish_index() -> SearchIndex {
    let docs = vec![
        TestDoc::new(
            "heart",
            "es",
            "## El corazón\nLa quimio puede dañar el corazón años después del tratamiento.\n",
        )
        .title("Efectos tardíos")
        .parse(),
        TestDoc::new(
            "cord",
            "es",
            "## Sangre del cordón\nLa sangre del cordón umbilical sirve para un trasplante.\n",
        )
        .title("Trasplante")
        .parse(),
        TestDoc::new(
            "cart",
            "es",
            "## Kymriah\nKymriah es una terapia de células CAR-T hecha con las células del paciente.\n",
        )
        .title("Terapias nuevas")
        .parse(),
    ];
    SearchIndex::build(Arc::new(Corpus::new(docs))).expect("index builds")
}

#[test]
fn of_two_corrections_as_close_the_one_beside_the_other_words_wins() {
    let idx = spanish_index();
    // "corzón" is one edit from "cordón" (same length) and from "corazón" (one letter left
    // out): the words said with it, "quimio" and "dañar", stand beside "corazón".
    let (hit, corrected) = first(&idx, "la quimio puede dañar el corzon");
    assert_eq!(
        corrected.as_deref(),
        Some("la quimio puede dañar el corazon")
    );
    assert_eq!(hit.as_deref(), Some("heart#el-corazon"));
    // Alone, with nothing beside it, the same-length word is taken, as before.
    assert_eq!(first(&idx, "corzon").1.as_deref(), Some("cordon"));
}

#[test]
fn a_word_of_seven_letters_or_more_may_be_two_edits_off() {
    let idx = spanish_index();
    assert_eq!(first(&idx, "kimmriah").1.as_deref(), Some("kymriah"));
    // Shorter words still allow one edit only.
    assert_eq!(first(&idx, "sangeo cordon").1, None);
}
