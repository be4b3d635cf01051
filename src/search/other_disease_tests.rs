//! A question about a disease the content does not cover gets the passage explaining the
//! difference first, unless the first hit itself speaks of that disease.

use super::*;
use crate::content::fixture::TestDoc;
use crate::domain::Pinned;
use std::path::Path;

#[test]
fn a_sibling_passage_is_not_taken_for_one_about_the_disease_by_its_title() {
    // The document's title names CLL, as a comparison document's does; its passage about
    // children holds the question's other word and does not speak of CLL.
    let docs = vec![
        TestDoc::new(
            "other",
            "en",
            "## Is ALL the same as CLL?\nNo. They are different diseases, treated differently.\n\n\
             ## My child has ALL {key=my-child}\nA child's chemo is planned by a pediatric team.\n",
        )
        .title("ALL compared with CLL")
        .parse(),
        TestDoc::new(
            "phases",
            "en",
            "## Treatment phases\nTreatment has three phases.\n",
        )
        .title("Phases")
        .parse(),
    ];
    let mut corpus = Corpus::new(docs);
    let synonyms = "[[group]]\nterms = [\"CLL\", \"chronic lymphocytic leukemia\"]\n\
        not_covered = \"other#is-all-the-same-as-cll\"\n";
    corpus.synonyms = crate::content::synonyms::Synonyms::parse(Path::new("s.toml"), synonyms).0;
    let index = SearchIndex::build(Arc::new(corpus)).expect("index builds");
    let res = index
        .search(&SearchRequest {
            query: "CLL chemo".into(),
            lang: None,
            limit: 10,
            whole: Default::default(),
        })
        .expect("search runs");
    assert_eq!(res.not_covered.as_deref(), Some("CLL"));
    let first = &res.hits[0];
    assert_eq!(first.passage_id, "other#is-all-the-same-as-cll");
    assert_eq!(first.why.and_then(|w| w.pinned), Some(Pinned::NotCovered));
}
