//! A long question's answer that lacks one everyday word of it still comes first when one of
//! its lines says the question, when it holds the question's other words far more strongly, or
//! when it holds the rare name the question turns on (`anchor`), however many ways of saying
//! the name it holds.

use super::*;
use crate::content::fixture::TestDoc;

fn doc(id: &str, title: &str, body: &str) -> crate::content::Document {
    TestDoc::new(id, "en", body).title(title).parse()
}

/// Passages about other things, so that no word of the questions is held by most passages.
fn fillers() -> Vec<crate::content::Document> {
    vec![
        doc(
            "food",
            "Eating well",
            "## Meals\nSmall meals and plenty of water help.\n",
        ),
        doc(
            "travel",
            "Getting there",
            "## Parking\nThe hospital garage offers reduced rates.\n",
        ),
        doc(
            "sleep",
            "Rest",
            "## Sleeping\nShort naps can ease tiredness.\n",
        ),
    ]
}

fn first(docs: Vec<crate::content::Document>, query: &str) -> (String, Vec<(String, f32)>) {
    let index = SearchIndex::build(Arc::new(Corpus::new(docs))).expect("index builds");
    let response = index
        .search(&SearchRequest {
            query: query.into(),
            lang: None,
            limit: 5,
            whole: Default::default(),
        })
        .expect("search runs");
    let ranked = response
        .hits
        .iter()
        .map(|h| (h.doc_id.clone(), h.score))
        .collect::<Vec<_>>();
    (
        ranked.first().map(|h| h.0.clone()).unwrap_or_default(),
        ranked,
    )
}

#[test]
fn a_phrasing_that_says_all_but_one_word_joins_the_full_pass() {
    let mut answer = doc(
        "lp",
        "Lumbar puncture",
        "## Care after a lumbar puncture\nLie flat, drink fluids, and call the team if the pain is bad.\n",
    );
    answer.passages[0].phrasings = vec!["bad headache after a spinal tap".into()];
    let mut docs = vec![
        answer,
        doc(
            "clinic",
            "Clinic schedule",
            "## Clinic\nThe clinic opens on weekdays. After a spinal procedure some patients wait \
             there; a tap on the desk calls the nurse, and a headache clinic runs on other days.\n",
        ),
    ];
    docs.extend(fillers());
    let (top, ranked) = first(docs, "headache days after spinal tap");
    assert_eq!(top, "lp", "{ranked:?}");
}

#[test]
fn a_far_stronger_answer_one_everyday_word_short_joins_the_full_pass() {
    let mut docs = vec![
        doc(
            "nelarabine",
            "Nelarabine and the nerves",
            "## Nelarabine nerve effects\nNelarabine can harm the nerves. Numbness in the hands or \
             feet from nelarabine must be reported at once, because nerve damage from nelarabine \
             can be severe and may not go away.\n",
        ),
        doc(
            "visits",
            "Clinic visits",
            "## Visits\nVisits are planned every few weeks at first. The team checks blood counts, \
             weight, and any new problem, such as numbness, a cough or a rash, asks about each \
             medicine taken, nelarabine among them, and looks at the skin, the mouth and the \
             nerve reflexes before deciding on the next step of treatment.\n",
        ),
    ];
    docs.extend(fillers());
    let (top, ranked) = first(docs, "nelarabine nerve numbness weeks");
    assert_eq!(top, "nelarabine", "{ranked:?}");
}

#[test]
fn a_pass_is_measured_by_its_own_passages_not_one_placed_above_it() {
    // The full answer (every word) is placed first by the pass above; among the rest, the
    // passage holding three words strongly beats the one holding four in passing.
    let mut docs = vec![
        doc(
            "all",
            "Ferry, lantern, orchard, violin and meadow",
            "## Ferry lantern orchard violin meadow\nThe ferry lantern lights the orchard; a violin \
             plays in the meadow by the ferry.\n",
        ),
        doc(
            "passing",
            "A day out",
            "## A day out\nThe day began early and the weather held. There was a ferry to catch, \
             a lantern to carry for the way home, a walk past an old orchard, and in the evening \
             someone played a violin while everyone rested and talked about the trip.\n",
        ),
        doc(
            "strong",
            "The ferry lantern",
            "## Lantern on the ferry\nThe ferry lantern hangs at the bow. The ferry lantern was \
             made from orchard wood, and the orchard still grows beside the ferry landing.\n",
        ),
    ];
    docs.extend(fillers());
    docs.push(doc(
        "rain",
        "Rain",
        "## Rain\nBring a coat when rain is expected.\n",
    ));
    let (top, ranked) = first(docs, "ferry lantern orchard violin meadow");
    assert_eq!(top, "all", "{ranked:?}");
    assert_eq!(ranked[1].0, "strong", "{ranked:?}");
}

/// A passage about Tecartus (whose text is `tecartus`) and one about remission holding more
/// of the question's everyday words, among the fillers.
fn tecartus_and_remission(tecartus: &str) -> Vec<crate::content::Document> {
    let mut docs = vec![
        doc("tecartus", "Tecartus", tecartus),
        doc(
            "remission",
            "Remission",
            "## How many adults go into remission\nHow many respond to the first treatment \
             depends on age: most adults respond, and many go into remission within weeks.\n",
        ),
    ];
    docs.extend(fillers());
    docs
}

#[test]
fn the_rare_name_a_question_turns_on_outranks_everyday_words() {
    let docs = tecartus_and_remission(
        "## What is Tecartus\nTecartus is a cell therapy made from the patient's own cells; \
         about half of the adults given it respond.\n",
    );
    // Misspelled, as callers type it: corrected, it is the one rare group of five.
    let (top, ranked) = first(docs, "tecartes how many adults respond");
    assert_eq!(top, "tecartus", "{ranked:?}");
}

#[test]
fn a_rare_name_said_several_ways_in_one_passage_still_anchors() {
    let docs = tecartus_and_remission(
        "## What is Tecartus\nBrexucabtagene autoleucel (Tecartus) is a cell therapy made \
         from the patient's own cells; about half of the adults given it respond.\n",
    );
    let mut corpus = Corpus::new(docs);
    // Two ways of saying the name, held by the same one passage: one passage, not two.
    let synonyms = "[[group]]\nterms = [\"brexucabtagene autoleucel\", \"Tecartus\"]\n";
    corpus.synonyms =
        crate::content::synonyms::Synonyms::parse(std::path::Path::new("s.toml"), synonyms).0;
    let index = SearchIndex::build(Arc::new(corpus)).expect("index builds");
    let response = index
        .search(&SearchRequest {
            query: "tecartus how many adults respond".into(),
            lang: None,
            limit: 5,
            whole: Default::default(),
        })
        .expect("search runs");
    let ranked: Vec<&str> = response.hits.iter().map(|h| h.doc_id.as_str()).collect();
    assert_eq!(ranked.first(), Some(&"tecartus"), "{ranked:?}");
}
