//! The engine must find exactly what the query tree (`query::build`, run by tantivy) finds:
//! same passages, same scores, for every pass, however small the page (small pages make the
//! engine skip the most).

use super::Engine;
use crate::content::load_dir;
use crate::domain::Lang;
use crate::search::{SearchIndex, query};
use std::path::Path;
use std::sync::Arc;
use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, Score, Term};

const QUERIES: &[&str] = &[
    "maintenance",
    "lumbar puncture",
    "spinal tap side effects",
    "6mp",
    "ph positive",
    "my husband has philadelphia positive ALL does he still need chemo",
    "leukemia came back after bone marrow transplant what now",
    "treatment options for a 78 year old with ALL who is not fit",
    "what does refractory mean",
    "stem cell transplant mrd",
    "chemo intrathecal methotrexate nausea hair",
    "consolidation mr",
    "blin",
    "¿cuánto dura el mantenimiento?",
    "punción lumbar quimioterapia intratecal",
    "the of and",
    "zzzz qqqq",
];

fn real_index() -> SearchIndex {
    SearchIndex::build(Arc::new(load_dir(Path::new("content")).corpus)).expect("index builds")
}

fn close(a: Score, b: Score) -> bool {
    (a - b).abs() <= 1e-4 * a.abs().max(b.abs()).max(1.0)
}

/// Compares the engine with the query tree for `text` in both languages, every pass and several
/// page sizes; returns how many hits were compared.
fn compare(index: &SearchIndex, text: &str, pages: &[usize]) -> usize {
    let searcher = index.reader.searcher();
    let mut compared = 0;
    for lang in [Lang::En, Lang::Es] {
        let fields = index.fields.of(lang);
        let mut plan = query::plan(text, lang, &index.corpus.synonyms);
        query::weigh_alternatives(&mut plan, searcher.num_docs(), |stem| {
            searcher
                .doc_freq(&Term::from_field_text(fields.body, stem))
                .unwrap_or(0)
        });
        let engine = Engine::new(&searcher, &index.presence, &plan, fields).unwrap();
        assert_eq!(engine.group_count(), plan.group_count(), "{text}");
        for min_groups in 1..=plan.group_count() {
            let tree = query::build(&plan, fields, min_groups).unwrap();
            for &k in pages {
                let expected: Vec<(Score, DocAddress)> = searcher
                    .search(&tree, &TopDocs::with_limit(k).order_by_score())
                    .unwrap();
                let got = engine.top(min_groups, k).unwrap();
                let context = format!("{text:?} {lang:?} m={min_groups} k={k}");
                assert_eq!(got.len(), expected.len(), "{context}");
                for ((gs, gd), (es, ed)) in got.iter().zip(&expected) {
                    assert!(close(*gs, *es), "{context}: {gs} vs {es}");
                    // Different passages only where scores tie.
                    if gd != ed {
                        let other = got.iter().find(|(_, d)| d == ed);
                        assert!(other.is_none_or(|(s, _)| close(*s, *es)), "{context}");
                    }
                }
                compared += got.len();
            }
        }
    }
    compared
}

#[test]
fn the_engine_finds_what_the_query_tree_finds() {
    let index = real_index();
    let compared: usize = QUERIES
        .iter()
        .map(|text| compare(&index, text, &[1, 3, 10, 60]))
        .sum();
    assert!(
        compared > 1000,
        "the queries should find plenty: {compared}"
    );
}

/// The real corpus written in several segments (a commit every 37 passages) with every fifth
/// passage deleted: the engine's paths for several segments and for deleted passages.
fn segmented_index() -> &'static SearchIndex {
    static INDEX: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let corpus = load_dir(Path::new("content")).corpus;
        let deleted = corpus
            .documents()
            .iter()
            .flat_map(|d| d.passages.iter().map(|p| p.id.clone()))
            .step_by(5)
            .collect();
        let layout = crate::search::build::Layout {
            commit_every: Some(37),
            deleted,
        };
        SearchIndex::build_in(Arc::new(corpus), &layout).expect("index builds")
    })
}

#[test]
fn several_segments_and_deleted_passages_match_the_query_tree() {
    let index = segmented_index();
    let searcher = index.reader.searcher();
    assert!(searcher.segment_readers().len() > 5);
    assert!(
        searcher
            .segment_readers()
            .iter()
            .any(|r| r.num_deleted_docs() > 0)
    );
    let compared: usize = QUERIES
        .iter()
        .map(|text| compare(index, text, &[1, 3, 10, 60]))
        .sum();
    assert!(compared > 500, "{compared}");
    for text in QUERIES {
        check_count(index, text);
    }
}

mod any_query {
    use super::*;
    use proptest::prelude::*;

    /// Words of the corpus, misspellings, Spanish and filler: random questions are made of these.
    const WORDS: &[&str] = &[
        "maintenance",
        "leukemia",
        "transplant",
        "stem",
        "cell",
        "marrow",
        "blinatumomab",
        "ph",
        "positive",
        "negative",
        "chemo",
        "chemotherapy",
        "fever",
        "infection",
        "side",
        "effects",
        "mrd",
        "relapse",
        "came",
        "back",
        "how",
        "long",
        "what",
        "is",
        "the",
        "all",
        "6mp",
        "lumbar",
        "puncture",
        "spinal",
        "tap",
        "remission",
        "trial",
        "fertility",
        "donor",
        "gvhd",
        "mantenimiento",
        "trasplante",
        "fiebre",
        "leucemia",
        "quimioterapia",
        "blinatumomb",
        "intrathecal",
        "methotrexate",
        "older",
        "adults",
        "cost",
        "port",
        "nausea",
        "steroid",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn random_questions_match_the_query_tree_on_a_segmented_index(
            picks in proptest::collection::vec(0..WORDS.len(), 1..7)
        ) {
            let text = picks.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            compare(segmented_index(), &text, &[1, 10]);
        }
    }
}

/// The engine's count of passages matching any group of `text` equals the query tree's, and
/// the cap is honoured around it.
fn check_count(index: &SearchIndex, text: &str) {
    let searcher = index.reader.searcher();
    let fields = index.fields.of(Lang::En);
    let plan = query::plan(text, Lang::En, &index.corpus.synonyms);
    let engine = Engine::new(&searcher, &index.presence, &plan, fields).unwrap();
    let expected = match query::build(&plan, fields, 1) {
        Some(tree) => searcher.search(&tree, &Count).unwrap(),
        None => 0,
    };
    assert_eq!(engine.count_any(100_000).unwrap(), Some(expected), "{text}");
    if expected > 2 {
        assert_eq!(engine.count_any(expected - 1).unwrap(), None, "{text}");
        assert_eq!(engine.count_any(expected).unwrap(), Some(expected));
    }
}

#[test]
fn counts_match_the_query_tree_up_to_the_cap() {
    let index = real_index();
    for text in QUERIES {
        check_count(&index, text);
    }
}
