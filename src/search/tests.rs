//! The search engine on a small in-RAM index built from inline documents.

use super::*;
use crate::content::fixture::TestDoc;
use std::collections::HashSet;
use std::path::Path;

fn doc(id: &str, lang: &str, title: &str, body: &str) -> crate::content::Document {
    let topic = if id == "glossary" {
        "glossary"
    } else {
        "maintenance"
    };
    TestDoc::new(id, lang, body)
        .title(title)
        .topic(topic)
        .parse()
}

const SYNONYMS: &str = "[[group]]\nterms = [\"lumbar puncture\", \"spinal tap\", \"LP\"]\n\n\
    [[group]]\nterms = [\"6-MP\", \"mercaptopurine\", \"Purinethol\"]\n";

fn index() -> SearchIndex {
    let mut corpus = Corpus::new(vec![
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
        doc(
            "drugs",
            "en",
            "Drugs used against leukemia",
            "## Blinatumomab\nBlinatumomab is used in consolidation.\n\n## Inotuzumab\nInotuzumab is used after relapse or when the leukemia is refractory.\n\n\
             ## Imatinib and dasatinib\nImatinib or dasatinib are tablets taken every day for Philadelphia positive leukemia.\n",
        ),
        doc(
            "glossary",
            "en",
            "Glossary",
            "## Refractory\nLeukemia that does not go into remission after the first treatment is refractory.\n",
        ),
    ]);
    corpus.synonyms = crate::content::synonyms::Synonyms::parse(Path::new("s.toml"), SYNONYMS).0;
    SearchIndex::build(Arc::new(corpus)).expect("index builds")
}

/// One search of `query` (ten hits), in `lang` or the language detected.
pub(super) fn search(index: &SearchIndex, query: &str, lang: Option<Lang>) -> SearchResponse {
    index
        .search(&SearchRequest {
            query: query.into(),
            lang,
            limit: 10,
            whole: Default::default(),
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
            whole: Default::default(),
        })
        .unwrap();
    assert_eq!(res.hits.len(), 1);
    assert_eq!(res.total, 2);
}

#[test]
fn totals_are_exact_up_to_a_cap_then_at_least() {
    let idx = index();
    let res = search(&idx, "methotrexate", None);
    assert_eq!((res.total, res.total_at_least), (2, false));
    let searcher = idx.reader.searcher();
    let plan = query::plan("methotrexate", Lang::En, &Default::default());
    let engine =
        super::engine::Engine::new(&searcher, &idx.presence, &plan, &idx.fields.en).unwrap();
    assert_eq!(engine.count_any(2).unwrap(), Some(2));
    assert_eq!(engine.count_any(1).unwrap(), None);
}

#[test]
fn synonyms_expand_however_the_term_is_typed() {
    let idx = index();
    for q in ["spinal tap", "LP", "6mp", "6 mp", "purinethol"] {
        let res = search(&idx, q, None);
        assert!(!res.hits.is_empty(), "{q}");
    }
    assert_eq!(search(&idx, "spinal tap ", None).hits[0].doc_id, "cns");
    let hit = &search(&idx, "6mp ", None).hits[0];
    assert_eq!(
        hit.passage_id,
        "maintenance#which-drugs-are-used-in-maintenance"
    );
    assert!(
        hit.snippet_html.contains("<mark>mercaptopurine</mark>"),
        "{}",
        hit.snippet_html
    );
}

#[test]
fn misspelled_words_are_corrected_and_reported() {
    let idx = index();
    let res = search(&idx, "blinatumamab consolidation", None);
    assert_eq!(res.hits[0].passage_id, "drugs#blinatumomab");
    assert_eq!(res.corrected.as_deref(), Some("blinatumomab consolidation"));
    assert!(
        res.hits[0]
            .snippet_html
            .contains("<mark>Blinatumomab</mark>"),
        "{}",
        res.hits[0].snippet_html
    );
    // a transposition is one edit
    assert_eq!(
        search(&idx, "imatnib ", None).hits[0].passage_id,
        "drugs#imatinib-and-dasatinib"
    );
    // words spelled right are never corrected
    assert_eq!(search(&idx, "blinatumomab", None).corrected, None);
}

#[test]
fn short_or_far_off_words_are_not_corrected() {
    let idx = index();
    assert!(
        search(&idx, "lpx ", None).hits.is_empty(),
        "four letters: no edits allowed"
    );
    assert!(search(&idx, "zzzzzzzz ", None).hits.is_empty());
}

#[test]
fn a_closer_word_beats_a_more_common_one() {
    let idx = index();
    // "dasatinab" is one edit from dasatinib and further from imatinib
    let res = search(&idx, "dasatinab ", None);
    assert_eq!(res.corrected.as_deref(), Some("dasatinib"));
}

#[test]
fn definition_queries_put_the_glossary_first() {
    let idx = index();
    let res = search(&idx, "what does refractory mean", None);
    assert_eq!(res.hits[0].passage_id, "glossary#refractory");
    assert_eq!(res.hits[0].kind, crate::domain::HitKind::Glossary);
    assert_eq!(
        search(&idx, "methotrexate", None).hits[0].kind,
        crate::domain::HitKind::Passage
    );
}

mod any_input {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn shared() -> &'static SearchIndex {
        static INDEX: OnceLock<SearchIndex> = OnceLock::new();
        INDEX.get_or_init(index)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_string_gives_hits_or_nothing_never_an_error(query in "\\PC{0,80}") {
            let res = shared().search(&SearchRequest { query, lang: None, limit: 10, whole: Default::default() }).unwrap();
            prop_assert!(res.hits.len() <= 10);
        }

        #[test]
        fn query_syntax_and_typos_never_break_a_search(
            words in proptest::collection::vec("(blinatumamab|spinal|tap|AND|OR|NOT|\\*|~|\\^2|title:|\"|\\(|\\)|6-MP|ph\\+|¿qué|[a-z]{1,12})", 0..12)
        ) {
            let query = words.join(" ");
            let res = shared().search(&SearchRequest { query, lang: None, limit: 5, whole: Default::default() }).unwrap();
            prop_assert!(res.hits.len() <= 5);
        }
    }
}

#[test]
fn glossary_terms_in_a_passage_carry_their_definition() {
    let idx = index();
    let hit = &search(&idx, "inotuzumab", None).hits[0];
    assert_eq!(hit.passage_id, "drugs#inotuzumab");
    assert!(
        hit.html.contains("<dfn class=\"gloss\" tabindex=\"0\""),
        "{}",
        hit.html
    );
    assert!(hit.html.contains("data-def=\"Leukemia that does not go into remission after the first treatment is refractory.\">refractory</dfn>"), "{}", hit.html);
    // the glossary entry itself is not marked up again
    let entry = &search(&idx, "refractory", None).hits[0];
    assert_eq!(entry.kind, crate::domain::HitKind::Glossary);
    assert!(!entry.html.contains("<dfn"), "{}", entry.html);
}

#[test]
fn hits_render_from_their_template_as_from_the_markdown() {
    use crate::content::markdown::to_html;
    use highlight::Chunk;
    let idx = SearchIndex::build(Arc::new(
        crate::content::load_dir(Path::new("content")).corpus,
    ))
    .unwrap();
    let mut compared = 0;
    for q in [
        "lumbar puncture",
        "maintenance chemo",
        "mrd",
        "remisión completa",
        "imatinib side eff",
    ] {
        let res = search(&idx, q, None);
        let lang = res.lang.unwrap();
        let plan = query::plan(q, lang, &idx.corpus.synonyms);
        for hit in &res.hits {
            let doc = idx
                .corpus
                .documents()
                .iter()
                .find(|d| d.id == hit.doc_id)
                .unwrap();
            let passage = doc
                .passages
                .iter()
                .find(|p| p.id == hit.passage_id)
                .unwrap();
            let mut highlighter = highlight::Highlighter::new(&plan, lang);
            let mut used = HashSet::new();
            let direct = to_html(&passage.markdown, &mut |text| {
                let glossary = if doc.topic == "glossary" {
                    Vec::new()
                } else {
                    idx.glossary
                        .find(doc.lang, text, &mut used)
                        .into_iter()
                        .map(|(s, e, d)| (s, e, glossary_marks::open_tag(d)))
                        .collect()
                };
                highlighter.mark_chunk(&Chunk::new(text, glossary))
            });
            assert_eq!(hit.html, direct, "{q}: {}", hit.passage_id);
            compared += 1;
        }
    }
    assert!(compared >= 20, "{compared}");
}

#[test]
fn browsing_a_topic_lists_a_page_at_a_time_and_counts_them_all() {
    let body: String = (0..60)
        .map(|i| format!("## Question number {i}\nAn answer about maintenance, number {i}.\n\n"))
        .collect();
    let corpus = Corpus::new(vec![doc("maintenance", "en", "Maintenance", &body)]);
    let idx = SearchIndex::build(Arc::new(corpus)).expect("index builds");
    let first = idx.browse("maintenance", Lang::En, 0);
    assert_eq!((first.hits.len(), first.total), (hits::BROWSE_PAGE, 60));
    assert_eq!(first.hits[0].heading, "Question number 0");
    let second = idx.browse("maintenance", Lang::En, hits::BROWSE_PAGE);
    assert_eq!(second.hits.len(), 60 - hits::BROWSE_PAGE);
    assert_eq!(second.hits[0].heading, "Question number 50");
}

#[test]
fn only_the_first_hit_comes_whole_when_asked() {
    let idx = index();
    let ask = |whole| {
        idx.search(&SearchRequest {
            query: "maintenance treatment".into(),
            lang: None,
            limit: 10,
            whole,
        })
        .expect("search runs")
    };
    let (all, first) = (ask(Whole::All), ask(Whole::First));
    assert!(first.hits.len() > why::WHOLE_WITH_FIRST, "{:?}", first.hits);
    assert_eq!(all.hits.len(), first.hits.len());
    assert!(!first.hits[0].partial && !first.hits[0].html.is_empty());
    assert!(
        !first.hits[1].partial,
        "the second stays whole for the review step's swap"
    );
    for (light, whole) in first.hits.iter().zip(&all.hits).skip(why::WHOLE_WITH_FIRST) {
        assert!(light.partial, "{}", light.passage_id);
        assert!(light.html.is_empty() && light.chat_text.is_empty() && light.sources.is_empty());
        // The same list: order, snippet and what `why` says.
        assert_eq!(light.passage_id, whole.passage_id);
        assert_eq!(light.snippet_html, whole.snippet_html);
        assert_eq!(light.why, whole.why);
    }
    assert!(all.hits.iter().all(|h| !h.partial));
}
