//! The index kept on disk: opened when its content is unchanged, built again when anything
//! that went into it changed or the folder is unusable, and old folders cleared away.

use super::stored::{Readied, fingerprint};
use super::*;
use crate::content::fixture::TestDoc;

fn document(maintenance_text: &str) -> crate::content::Document {
    let body = format!(
        "## How long does maintenance last?\n{maintenance_text}\n\n\
         ## What is a lumbar puncture?\nA needle in the lower back takes fluid.\n"
    );
    TestDoc::new("maintenance", "en", &body)
        .title("Maintenance")
        .parse()
}

fn corpus(maintenance_text: &str) -> Arc<Corpus> {
    Arc::new(Corpus::new(vec![document(maintenance_text)]))
}

fn first_heading(index: &SearchIndex, query: &str) -> Option<String> {
    let response = index
        .search(&SearchRequest {
            query: query.into(),
            lang: None,
            limit: 3,
            whole: Default::default(),
        })
        .expect("search runs");
    response.hits.first().map(|hit| hit.heading.clone())
}

fn folders(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_unchanged_corpus_opens_the_index_written_before() {
    let dir = tempfile::tempdir().unwrap();
    let text = "It goes on for about two years.";
    let (built, how) = SearchIndex::open_or_build(corpus(text), dir.path()).unwrap();
    assert_eq!(how, Readied::Built);
    let (opened, how) = SearchIndex::open_or_build(corpus(text), dir.path()).unwrap();
    assert_eq!(how, Readied::Opened);
    for query in ["maintenance two years", "lumbar puncture", "needle back"] {
        assert_eq!(first_heading(&opened, query), first_heading(&built, query));
        assert!(first_heading(&opened, query).is_some(), "{query} answered");
    }
    assert_eq!(folders(dir.path()), vec![fingerprint(&corpus(text))]);
}

#[test]
fn changed_text_builds_a_new_index_and_removes_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    SearchIndex::open_or_build(corpus("It goes on for about two years."), dir.path()).unwrap();
    let changed = corpus("It goes on for about three years with tablets.");
    let (index, how) = SearchIndex::open_or_build(Arc::clone(&changed), dir.path()).unwrap();
    assert_eq!(how, Readied::Built);
    assert!(
        first_heading(&index, "tablets").is_some(),
        "the new text is searched"
    );
    assert_eq!(folders(dir.path()), vec![fingerprint(&changed)]);
}

#[test]
fn a_build_cut_off_before_it_completed_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let content = corpus("It goes on for about two years.");
    // A folder of the right name, but without the mark written last.
    std::fs::create_dir_all(dir.path().join(fingerprint(&content))).unwrap();
    let (index, how) = SearchIndex::open_or_build(content, dir.path()).unwrap();
    assert_eq!(how, Readied::Built);
    assert!(first_heading(&index, "lumbar puncture").is_some());
}

#[test]
fn a_damaged_index_is_built_again_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let content = corpus("It goes on for about two years.");
    SearchIndex::open_or_build(Arc::clone(&content), dir.path()).unwrap();
    let folder = dir.path().join(fingerprint(&content));
    std::fs::write(folder.join("meta.json"), b"{ not an index").unwrap();
    let (index, how) = SearchIndex::open_or_build(content, dir.path()).unwrap();
    assert_eq!(how, Readied::Built);
    assert!(first_heading(&index, "maintenance").is_some());
}

#[test]
fn the_fingerprint_follows_every_part_of_a_passage() {
    let base = fingerprint(&corpus("It goes on for about two years."));
    assert_eq!(
        base,
        fingerprint(&corpus("It goes on for about two years."))
    );
    assert_ne!(
        base,
        fingerprint(&corpus("It goes on for about two years!"))
    );
    let mut with_phrasing = document("It goes on for about two years.");
    with_phrasing.passages[0]
        .phrasings
        .push("how many years of pills".into());
    assert_ne!(base, fingerprint(&Corpus::new(vec![with_phrasing])));
}
