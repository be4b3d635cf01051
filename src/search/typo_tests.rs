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
    let res = search(index, query);
    (
        res.hits.first().map(|h| h.passage_id.clone()),
        res.corrected,
    )
}

fn search(index: &SearchIndex, query: &str) -> SearchResponse {
    super::tests::search(index, query, None)
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

/// A Spanish passage about the heart (its text `heart`) and one about cord blood.
fn heart_and_cord(heart: &str) -> Vec<crate::content::Document> {
    vec![
        TestDoc::new("heart", "es", heart)
            .title("Efectos tardíos")
            .parse(),
        TestDoc::new(
            "cord",
            "es",
            "## Sangre del cordón\nLa sangre del cordón umbilical sirve para un trasplante.\n",
        )
        .title("Trasplante")
        .parse(),
    ]
}

fn spanish_index() -> SearchIndex {
    let mut docs = heart_and_cord(
        "## El corazón\nLa quimio puede dañar el corazón años después del tratamiento.\n",
    );
    docs.push(
        TestDoc::new(
            "cart",
            "es",
            "## Kymriah\nKymriah es una terapia de células CAR-T hecha con las células del paciente.\n",
        )
        .title("Terapias nuevas")
        .parse(),
    );
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

#[test]
fn a_real_word_the_content_lacks_is_still_told_after_a_correction() {
    let docs = vec![
        TestDoc::new(
            "drug",
            "en",
            "## Blinatumomab\nBlinatumomab is given by vein. Use sunscreen outdoors.\n",
        )
        .title("Drugs")
        .parse(),
    ];
    let idx = SearchIndex::build(Arc::new(Corpus::new(docs))).expect("index builds");
    // Planned again from the corrected text, "sun" must not turn into a word being typed
    // (which "sunscreen" would complete): it is a finished word no passage holds.
    let res = search(&idx, "blinatumamab and the sun ");
    assert_eq!(res.corrected.as_deref(), Some("blinatumomab and the sun"));
    assert_eq!(res.unmatched, vec!["sun".to_string()]);
}

#[test]
fn a_misspelled_relative_is_set_aside_like_one_typed_right() {
    let docs = vec![
        TestDoc::new(
            "counts",
            "en",
            "## Low counts\nLow blood counts are common during treatment.\n",
        )
        .title("Blood counts")
        .parse(),
        TestDoc::new(
            "carers",
            "en",
            "## For a husband who cares\nA husband caring at home can feel tired; counts of \
             hours spent caring help plan support.\n",
        )
        .title("Carers")
        .parse(),
        TestDoc::new("meals", "en", "## Meals\nSmall meals help.\n")
            .title("Food")
            .parse(),
        TestDoc::new("parking", "en", "## Parking\nThe garage offers rates.\n")
            .title("Travel")
            .parse(),
        TestDoc::new("sleep", "en", "## Sleeping\nShort naps ease tiredness.\n")
            .title("Rest")
            .parse(),
    ];
    let idx = SearchIndex::build(Arc::new(Corpus::new(docs))).expect("index builds");
    let typed_right = search(&idx, "my husband low counts ");
    let misspelled = search(&idx, "my husbnd low counts ");
    assert_eq!(
        misspelled.corrected.as_deref(),
        Some("my husband low counts")
    );
    assert_eq!(typed_right.hits[0].passage_id, "counts#low-counts");
    assert_eq!(misspelled.hits[0].passage_id, "counts#low-counts");
}

#[test]
fn a_synonym_beside_a_misspelled_word_settles_its_correction() {
    let mut corpus = Corpus::new(heart_and_cord(
        "## El corazón\nLa quimio puede afectar el corazón.\n",
    ));
    let synonyms = "[[group]]\nterms = [\"quimio\", \"quimioterapia\"]\n";
    corpus.synonyms =
        crate::content::synonyms::Synonyms::parse(Path::new("synonyms.toml"), synonyms).0;
    let idx = SearchIndex::build(Arc::new(corpus)).expect("index builds");
    // "quimioterapia" is not in the text: only its synonym "quimio" stands beside "corazón".
    let res = search(&idx, "quimioterapia y el corzon ");
    assert_eq!(res.corrected.as_deref(), Some("quimioterapia y el corazon"));
}

#[test]
fn a_word_one_edit_away_is_found_however_many_are_two_away() {
    // More words two edits away than the candidates read per word, all sorted before the one
    // a single edit away: tried first, one edit finds it.
    let two_away: Vec<String> = (1..10)
        .flat_map(|at| {
            ('c'..='z').map(move |letter| {
                let mut word: Vec<char> = "abbbbbbbbb".chars().collect();
                word[at] = letter;
                word.into_iter().collect::<String>()
            })
        })
        .collect();
    let body = format!("## Words\n{} bbbbbbbbbbc.\n", two_away.join(" "));
    let docs = vec![TestDoc::new("words", "en", &body).title("Words").parse()];
    let idx = SearchIndex::build(Arc::new(Corpus::new(docs))).expect("index builds");
    assert_eq!(
        search(&idx, "bbbbbbbbbb ").corrected.as_deref(),
        Some("bbbbbbbbbbc")
    );
}
