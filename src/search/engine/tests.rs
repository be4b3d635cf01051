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

#[test]
fn the_engine_finds_what_the_query_tree_finds() {
    let index = real_index();
    let searcher = index.reader.searcher();
    let mut compared = 0;
    for text in QUERIES {
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
                for k in [1, 3, 10, 60] {
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
    }
    assert!(
        compared > 1000,
        "the queries should find plenty: {compared}"
    );
}

#[test]
fn counts_match_the_query_tree_up_to_the_cap() {
    let index = real_index();
    let searcher = index.reader.searcher();
    for text in QUERIES {
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
}
