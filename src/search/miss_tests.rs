//! The classes of miss the engine must not make, each on a small corpus built to provoke it:
//! a real word "corrected" into another, correction into a function word, a question about
//! another disease (or a child, by the age stated) answered with an ALL passage, a linked
//! passage not put first, and scores
//! that go down the list without `why` saying so, a misspelled word beside correct ones, and
//! Spanish typed without accents.

use super::*;
use crate::content::fixture::TestDoc;
use crate::domain::{Pinned, SearchHit};
use std::path::Path;

fn doc(id: &str, lang: &str, title: &str, body: &str) -> crate::content::Document {
    TestDoc::new(id, lang, body).title(title).parse()
}

const SYNONYMS: &str = "[[group]]\nterms = [\"ALL\", \"acute lymphocytic leukemia\", \"LLA\"]\n\n\
    [[group]]\nterms = [\"CLL\", \"chronic lymphocytic leukemia\", \"LLC\", \"leucemia linfocítica crónica\"]\n\
    not_covered = \"other#is-all-the-same-as-cll\"\n\n\
    [[group]]\nterms = [\"childhood ALL\", \"LLA infantil\"]\n\
    not_covered = \"other#is-all-in-children-the-same\"\nages_below = 15\n\
    age_passage = \"other#my-child-has-all\"\n";

/// An index of `docs` with the synonyms in `synonyms` (a file's text; `path` names it).
fn index_with(docs: Vec<crate::content::Document>, path: &Path, synonyms: &str) -> SearchIndex {
    let mut corpus = Corpus::new(docs);
    corpus.synonyms = crate::content::synonyms::Synonyms::parse(path, synonyms).0;
    SearchIndex::build(Arc::new(corpus)).expect("index builds")
}

fn index() -> SearchIndex {
    let mut other_es = TestDoc::new(
        "other-es",
        "es",
        "## ¿La LLA es lo mismo que la LLC? {key=is-all-the-same-as-cll}\nNo. Son dos enfermedades distintas con tratamientos distintos.\n",
    )
    .title("La LLA y otras leucemias");
    other_es.translation_of = Some("other");
    let docs = vec![
        doc(
            "nausea",
            "en",
            "Nausea during chemo",
            "## Nausea\nFewer people are sick during chemo today because anti-nausea drugs work well.\n",
        ),
        doc(
            "about",
            "en",
            "About the helpline",
            "## Who we are\nThis is about the helpline and the specialists who answer.\n",
        ),
        doc(
            "other",
            "en",
            "ALL and other leukemias",
            "## Is ALL the same as CLL?\nNo. Acute lymphocytic leukemia and chronic lymphocytic leukemia are different diseases with different treatments.\n\n\
             ## Is ALL in children the same? {key=is-all-in-children-the-same}\nChildren are treated on children's plans by pediatric teams.\n\n\
             ## My child has ALL {key=my-child-has-all}\nA child's care is led by a pediatric oncologist.\n",
        ),
        other_es.parse(),
        doc(
            "treatment",
            "en",
            "Treatment of ALL",
            "## What is the treatment for ALL?\nTreatment of acute lymphocytic leukemia has three phases: induction, consolidation and maintenance.\n\n\
             ## Maintenance\nMaintenance treatment lasts about two years.\n",
        ),
    ];
    index_with(docs, Path::new("s.toml"), SYNONYMS)
}

fn search(index: &SearchIndex, query: &str) -> SearchResponse {
    index
        .search(&SearchRequest {
            query: query.into(),
            lang: None,
            limit: 10,
            whole: Default::default(),
        })
        .expect("search runs")
}

fn ids(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.passage_id.as_str()).collect()
}

#[test]
fn a_real_word_the_content_lacks_is_reported_not_corrected() {
    let idx = index();
    let res = search(&idx, "fever during chemo what do I do");
    assert_eq!(res.corrected, None, "fever is a word, not a typo of fewer");
    assert_eq!(res.unmatched, vec!["fever".to_string()]);
    // Alone, it finds nothing rather than something about "fewer".
    let alone = search(&idx, "fever ");
    assert!(alone.hits.is_empty(), "{:?}", ids(&alone.hits));
    assert_eq!(alone.unmatched, vec!["fever".to_string()]);
    // A misspelling is still corrected.
    assert_eq!(search(&idx, "nausae ").corrected.as_deref(), Some("nausea"));
}

#[test]
fn nothing_is_corrected_into_a_function_word() {
    let idx = index();
    // "abuot" is one swap from "about", a word of the content, but a function word.
    let res = search(&idx, "abuot ");
    assert_ne!(res.corrected.as_deref(), Some("about"));
}

#[test]
fn another_disease_is_told_and_the_difference_comes_first() {
    let idx = index();
    // The maintenance passage holds more of these words; the difference still comes first.
    let res = search(&idx, "how long does maintenance treatment last for CLL");
    assert_eq!(res.not_covered.as_deref(), Some("CLL"));
    assert_eq!(res.hits[0].passage_id, "other#is-all-the-same-as-cll");
    // (There the rare name anchors the search, so the difference comes first on its own.) Two
    // words: no rare name anchors the search, and the maintenance passage, which holds
    // "maintenance" in its heading, would come first if the difference were not pinned.
    let short = search(&idx, "maintenance for CLL");
    assert_eq!(short.hits[0].passage_id, "other#is-all-the-same-as-cll");
    assert_eq!(
        short.hits[0].why.and_then(|w| w.pinned),
        Some(Pinned::NotCovered)
    );
    assert!(
        res.hits
            .iter()
            .any(|h| h.passage_id == "treatment#maintenance")
    );
    for hit in &res.hits {
        let note = "Please note: this information is about acute lymphocytic leukemia (ALL) in adults. It does not describe CLL.";
        assert!(hit.chat_text.starts_with(note), "{}", hit.chat_text);
        assert!(
            hit.phone_text.starts_with("Please note"),
            "{}",
            hit.phone_text
        );
    }
    let es = search(&idx, "tratamiento de la leucemia linfocítica crónica");
    assert!(!es.hits.is_empty(), "{es:?}");
    assert_eq!(
        es.hits[0].passage_id,
        "other-es#la-lla-es-lo-mismo-que-la-llc"
    );
    assert!(es.hits[0].chat_text.starts_with("Tenga en cuenta"));
    // A question about ALL says nothing of the kind.
    let all = search(&idx, "ALL treatment");
    assert_eq!(all.not_covered, None);
    assert!(!all.hits[0].chat_text.starts_with("Please note"));
}

#[test]
fn a_linked_passage_comes_first_in_its_language() {
    let idx = index();
    let plain = search(&idx, "how long is the treatment");
    assert_ne!(plain.hits[0].passage_id, "nausea#nausea");
    let linked = idx
        .search_linked(
            &SearchRequest {
                query: "how long is the treatment".into(),
                lang: None,
                limit: 10,
                whole: Default::default(),
            },
            &[(Lang::En, "nausea#nausea".into())],
        )
        .unwrap();
    assert_eq!(linked.hits[0].passage_id, "nausea#nausea");
    assert_eq!(
        linked.hits[0].why.and_then(|w| w.pinned),
        Some(Pinned::Linked)
    );
    let twice = linked
        .hits
        .iter()
        .filter(|h| h.passage_id == "nausea#nausea")
        .count();
    assert_eq!(twice, 1, "the linked passage is shown once");
    // A query the engine cannot answer at all is answered by its link.
    let request = SearchRequest {
        query: "zzzzqqq".into(),
        lang: None,
        limit: 10,
        whole: Default::default(),
    };
    assert!(idx.search(&request).unwrap().hits.is_empty());
    let answered = idx
        .search_linked(&request, &[(Lang::En, "nausea#nausea".into())])
        .unwrap();
    assert_eq!(ids(&answered.hits), vec!["nausea#nausea"]);
    assert_eq!(answered.hits[0].why.map(|w| w.pass), Some(0));
    // A link to a passage that is gone changes nothing.
    let gone = idx
        .search_linked(&request, &[(Lang::En, "nausea#gone".into())])
        .unwrap();
    assert!(gone.hits.is_empty());
}

#[test]
fn why_explains_each_hit() {
    let idx = index();
    let res = search(&idx, "maintenance lasts two years nausea");
    let first = res.hits[0].why.expect("why");
    assert_eq!(first.groups, 5);
    assert!(first.matched >= 4, "{first:?}");
    let last = res.hits.last().and_then(|h| h.why).expect("why");
    assert!(last.pass < first.pass, "{first:?} then {last:?}");
    assert!(last.matched >= 1);
    let typo = search(&idx, "nausae ");
    assert_eq!(typo.corrected.as_deref(), Some("nausea"), "{typo:?}");
    assert_eq!(typo.hits[0].why.map(|w| w.typos), Some(1));
}

/// A drug passage beside a general side-effects passage that holds more of the common words,
/// and a Spanish twin pair about maintenance (Spanish typed without accents must find Spanish).
fn side_effects_index() -> SearchIndex {
    let docs = vec![
        doc(
            "effects",
            "en",
            "Side effects",
            "## What side effects does chemotherapy have?\nSide effects of chemotherapy are common; most side effects go away after treatment. Tell the team about side effects.\n\n\
             ## Blinatumomab\nBlinatumomab is an immunotherapy given by vein. It can cause fever and confusion.\n",
        ),
        doc(
            "maint",
            "en",
            "Maintenance",
            "## How long does maintenance last?\nMaintenance usually lasts about two years.\n",
        ),
        doc(
            "mant",
            "es",
            "Mantenimiento",
            "## ¿Cuánto dura el mantenimiento? {key=how-long-does-maintenance-last}\nEl mantenimiento suele durar unos dos años; después la médula ósea se revisa.\n",
        ),
        // Words both languages write the same way ("hospital", "normal") are in the English
        // passage; the Spanish one has only "hospital".
        doc(
            "stay",
            "en",
            "Hospital stay",
            "## Hospital stay\nA normal hospital stay for the first treatment is long; a normal day has tests.\n",
        ),
        doc(
            "estancia",
            "es",
            "Estancia",
            "## ¿Cuánto tiempo se queda en el hospital? {key=hospital-stay}\nLa estancia en el hospital para el primer tratamiento es larga.\n",
        ),
    ];
    index_with(docs, Path::new("s.toml"), SYNONYMS)
}

#[test]
fn a_misspelled_word_beside_correct_ones_is_corrected_and_counts() {
    let idx = side_effects_index();
    // "effects" and "side" match exactly; "blinatumumab" matches nothing until corrected.
    let res = search(&idx, "blinatumumab side effects");
    assert_eq!(
        res.hits[0].passage_id,
        "effects#blinatumomab",
        "{:?}",
        ids(&res.hits)
    );
    assert_eq!(res.hits[0].why.map(|w| w.typos), Some(1));
    assert!(
        res.corrected
            .as_deref()
            .is_some_and(|c| c.contains("blinatumomab"))
    );
}

#[test]
fn spanish_typed_without_accents_finds_the_spanish_passage() {
    let idx = side_effects_index();
    for (query, doc_id) in [
        ("cuanto dura el mantenimiento", "mant"),
        ("medula osea mantenimiento", "mant"),
        // Only "hospital" and "normal" are content words, and English has both: the function
        // words ("cuanto", "en", "el") must tell Spanish.
        ("cuanto tiempo en el hospital normal", "estancia"),
    ] {
        let res = search(&idx, query);
        assert_eq!(res.lang, Some(Lang::Es), "{query}");
        assert_eq!(res.hits[0].doc_id, doc_id, "{query}: {:?}", ids(&res.hits));
    }
}

/// Passages worded as clinicians write, searched with the shipped synonyms.
fn clinical_wording_index() -> SearchIndex {
    let docs = vec![doc(
        "care",
        "en",
        "Supportive care",
        "## Nausea and vomiting\nChemotherapy can cause nausea and vomiting; medicines help.\n\n\
             ## Blood transfusions\nA transfusion replaces red cells or platelets when counts are low.\n\n\
             ## Lumbar puncture\nA lumbar puncture puts chemotherapy into the spinal fluid.\n\n\
             ## CAR T-cell therapy\nCAR T-cell therapy changes a patient's T cells in a laboratory.\n\n\
             ## Chemotherapy at home\nSome chemotherapy is taken at home, and the team checks in by phone.\n\n\
             ## Alopecia\nAlopecia (hair loss) is common with chemotherapy; it usually grows back.\n\n\
             ## Insomnia\nSome medicines cause insomnia; taking them in the morning helps.\n\n\
             ## Older adults\nTreatment for older adults is often gentler.\n\n\
             ## Follow-up visits\nFollow-up visits are frequent in the first year.\n\n\
             ## Mucositis\nMucositis can make eating painful.\n\n\
             ## Blood tests\nBlood tests check the counts.\n",
    )];
    let path = Path::new("content/synonyms.toml");
    let text = std::fs::read_to_string(path).expect("shipped synonyms");
    index_with(docs, path, &text)
}

#[test]
fn lay_paraphrases_find_the_passage_on_their_subject() {
    let idx = clinical_wording_index();
    for (query, passage) in [
        ("throwing up from chemo", "care#nausea-and-vomiting"),
        ("he needs blood", "care#blood-transfusions"),
        ("chemo shot in the back", "care#lumbar-puncture"),
        (
            "cell therapy using his own t cells",
            "care#car-t-cell-therapy",
        ),
        ("is her hair going to fall out", "care#alopecia"),
        ("sleepless nights", "care#insomnia"),
        ("my grandma", "care#older-adults"),
        ("how often is a checkup", "care#follow-up-visits"),
        ("mouth ulcers", "care#mucositis"),
        ("bloodwork every week", "care#blood-tests"),
    ] {
        let res = search(&idx, query);
        assert_eq!(
            res.hits[0].passage_id,
            passage,
            "{query}: {:?}",
            ids(&res.hits)
        );
    }
}

#[test]
fn a_phrasing_that_says_the_whole_question_lifts_its_passage() {
    // The avascular-necrosis passage holds the question's everyday words in its text; the
    // answer says it in other words, and an author wrote the question as a phrasing.
    let mut answer = doc(
        "transplant",
        "en",
        "Cell therapy",
        "## How is a stem cell transplant given?\nThe new cells are given through a vein, like a blood transfusion; no operation is needed.\n",
    );
    answer.passages[0].phrasings = vec![
        "is the transplant a surgery".into(),
        "do they operate for a bone marrow transplant".into(),
    ];
    let docs = vec![
        answer,
        doc(
            "after",
            "en",
            "Life after a transplant",
            "## Surgery on the hip\nAfter steroids, bone can lose its blood supply, and the hip may need an operation.\n",
        ),
    ];
    let idx = index_with(docs, Path::new("s.toml"), SYNONYMS);
    let res = search(&idx, "is the transplant a surgery");
    let scores: Vec<_> = res
        .hits
        .iter()
        .map(|h| (h.passage_id.as_str(), h.score))
        .collect();
    assert_eq!(res.hits[0].doc_id, "transplant", "{scores:?}");
}

#[test]
fn a_child_by_age_is_told_like_childhood_all() {
    let idx = index();
    let res = search(
        &idx,
        "my 7 year old has ALL, how long does maintenance treatment last",
    );
    assert_eq!(res.not_covered.as_deref(), Some("ALL in children"));
    // A parent giving the age is asking about their own child: `age_passage` comes first.
    assert_eq!(res.hits[0].passage_id, "other#my-child-has-all");
    assert!(res.hits.len() >= 2, "{:?}", ids(&res.hits));
    assert!(
        res.hits
            .iter()
            .all(|h| h.chat_text.starts_with("Please note"))
    );
    // An adult's age, or a length of time, says nothing of the kind.
    for query in [
        "my dad is 68 years old, how long does maintenance treatment last",
        "maintenance treatment lasts 2 years",
    ] {
        let res = search(&idx, query);
        assert_eq!(res.not_covered, None, "{query}");
        assert_eq!(res.hits[0].passage_id, "treatment#maintenance", "{query}");
    }
}
