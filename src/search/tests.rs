//! The search engine on a small in-RAM index built from inline documents.

use super::*;
use crate::content::parse::parse_document;
use std::path::Path;

fn doc(id: &str, lang: &str, title: &str, body: &str) -> crate::content::Document {
    let text = format!(
        "+++\nid = \"{id}\"\ntitle = \"{title}\"\ntopic = \"maintenance\"\nlanguage = \"{lang}\"\n\
         summary = \"s\"\nowner = \"o\"\nlast_reviewed = \"2026-11-01\"\n\
         [[sources]]\ntitle = \"t\"\npublisher = \"p\"\n+++\n{body}"
    );
    let parsed = parse_document(Path::new("x.md"), &text, None);
    parsed
        .document
        .unwrap_or_else(|| panic!("{:?}", parsed.problems))
}

fn index() -> SearchIndex {
    let corpus = Corpus::new(vec![
        doc(
            "maintenance",
            "en",
            "Maintenance therapy",
            "## How long does maintenance last?\nMaintenance goes on for about two years at lower doses.\n\n\
             ## Which drugs are used in maintenance?\nMethotrexate and mercaptopurine by mouth, often with vincristine.\n",
        ),
        doc(
            "cns",
            "en",
            "Treating the brain and spinal cord",
            "## What is a lumbar puncture?\nA needle in the lower back takes fluid or gives drugs such as methotrexate.\n",
        ),
        doc(
            "mantenimiento",
            "es",
            "Tratamiento de mantenimiento",
            "## ¿Cuánto dura el mantenimiento?\nEl mantenimiento dura unos dos años con dosis más bajas.\n",
        ),
    ]);
    SearchIndex::build(Arc::new(corpus)).expect("index builds")
}

fn search(index: &SearchIndex, query: &str, lang: Option<Lang>) -> SearchResponse {
    index
        .search(&SearchRequest {
            query: query.into(),
            lang,
            limit: 10,
        })
        .expect("search runs")
}

#[test]
fn the_passage_that_answers_comes_first() {
    let idx = index();
    let res = search(&idx, "maintenance how long", None);
    assert_eq!(
        res.hits[0].passage_id,
        "maintenance#how-long-does-maintenance-last"
    );
    assert_eq!(
        res.hits[0].url,
        "/doc/maintenance#how-long-does-maintenance-last"
    );
    assert_eq!(res.lang, Some(Lang::En));
}

#[test]
fn hits_carry_marked_snippets_text_and_metadata() {
    let idx = index();
    let hit = &search(&idx, "methotrexate lumbar", None).hits[0];
    assert_eq!(hit.doc_id, "cns");
    assert!(
        hit.snippet_html.contains("<mark>methotrexate</mark>"),
        "{}",
        hit.snippet_html
    );
    assert!(
        hit.html.contains("<mark>methotrexate</mark>"),
        "{}",
        hit.html
    );
    assert!(hit.text.starts_with("A needle"));
    assert_eq!(hit.last_reviewed, "2026-11-01");
    assert_eq!(hit.sources[0].publisher, "p");
}

#[test]
fn passages_with_every_word_rank_above_those_with_some() {
    let idx = index();
    let res = search(&idx, "methotrexate mouth", None);
    assert_eq!(
        res.hits[0].passage_id,
        "maintenance#which-drugs-are-used-in-maintenance"
    );
    assert_eq!(res.total, 2, "the lumbar puncture passage matches one word");
}

#[test]
fn an_unfinished_last_word_matches_as_a_prefix() {
    let idx = index();
    let res = search(&idx, "lower back nee", None);
    assert_eq!(res.hits[0].doc_id, "cns");
    assert!(
        res.hits[0].snippet_html.contains("<mark>needle</mark>"),
        "{}",
        res.hits[0].snippet_html
    );
    // with a space after it, the word is finished: no prefix
    assert!(search(&idx, "nee ", None).hits.is_empty());
    assert_eq!(
        search(&idx, "lumbar punc", None).hits[0].doc_id,
        "cns",
        "headings match prefixes too"
    );
}

#[test]
fn spanish_queries_find_spanish_passages_with_or_without_accents() {
    let idx = index();
    for q in [
        "¿cuánto dura el mantenimiento?",
        "cuanto dura mantenimiento",
    ] {
        let res = search(&idx, q, None);
        assert_eq!(res.lang, Some(Lang::Es), "{q}");
        assert_eq!(res.hits[0].doc_id, "mantenimiento", "{q}");
    }
}

#[test]
fn the_lang_parameter_restricts_results() {
    let idx = index();
    let res = search(&idx, "mantenimiento", Some(Lang::En));
    assert!(res.hits.is_empty());
    assert_eq!(res.lang, Some(Lang::En));
}

#[test]
fn nothing_typed_can_break_a_search() {
    let idx = index();
    let long = "maintenance ".repeat(1000);
    for q in [
        "",
        "   ",
        "\"unbalanced",
        "AND OR NOT",
        "title:(x",
        "💊🧬 ??",
        "\u{0}\u{7}\u{1b}[31m",
        "*",
        "-",
        long.as_str(),
    ] {
        let res = search(&idx, q, None);
        assert!(res.hits.len() <= 10, "{q:?}");
    }
    assert!(search(&idx, "", None).hits.is_empty());
}

#[test]
fn limit_caps_the_hits() {
    let idx = index();
    let res = idx
        .search(&SearchRequest {
            query: "methotrexate".into(),
            lang: None,
            limit: 1,
        })
        .unwrap();
    assert_eq!(res.hits.len(), 1);
    assert_eq!(res.total, 2);
}
