//! Checks across the loaded content that keep it honest: dates not in the future, reviews not
//! overdue, sources with addresses, passages of a readable length, internal links that lead
//! somewhere, and every document and every passage with its twin in the other language.

use super::model::{Corpus, Document};
use super::problem::Problem;
use crate::domain::Lang;
use chrono::{Days, NaiveDate};
use pulldown_cmark::{Event, Parser, Tag};
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use std::path::Path;

/// Passages shorter or longer than these (in words) are reported as warnings.
pub const MIN_PASSAGE_WORDS: usize = 20;
pub const MAX_PASSAGE_WORDS: usize = 220;

/// Runs every check on `corpus` as of `today`.
pub fn check_corpus(corpus: &Corpus, today: NaiveDate) -> Vec<Problem> {
    // Each document's own checks run on every core at once; the problems keep their order.
    let per_document: Vec<Vec<Problem>> = corpus
        .documents()
        .par_iter()
        .map(|doc| {
            let mut problems = Vec::new();
            check_dates(doc, today, &mut problems);
            check_sources(doc, &mut problems);
            check_lengths(doc, &mut problems);
            check_links(corpus, doc, &mut problems);
            problems
        })
        .collect();
    let mut problems: Vec<Problem> = per_document.into_iter().flatten().collect();
    check_twins(corpus, &mut problems);
    check_topics(corpus, &mut problems);
    check_not_covered(corpus, &mut problems);
    problems
}

/// A synonym group for a disease the content does not cover must name an English passage that
/// exists and has a twin in every other language.
fn check_not_covered(corpus: &Corpus, problems: &mut Vec<Problem>) {
    let file = content_folder(corpus).join("synonyms.toml");
    for group in corpus.synonyms.groups() {
        let passages = group.not_covered.iter().chain(&group.age_passage);
        for (passage, lang) in passages.flat_map(|p| Lang::ALL.map(|lang| (p, lang))) {
            if corpus.passage_in(passage, lang).is_none() {
                problems.push(Problem::error(
                    file.clone(),
                    group.line,
                    format!("not_covered (or age_passage) names {passage:?}, which has no {} passage (it must be an English passage id, `<doc id>#<slug>`, with a Spanish twin)", lang.code()),
                ));
            }
        }
    }
}

/// The content folder the corpus was read from (the parent of its language folders).
fn content_folder(corpus: &Corpus) -> &Path {
    corpus
        .documents()
        .first()
        .and_then(|d| d.path.parent())
        .and_then(Path::parent)
        .unwrap_or(Path::new("."))
}

/// Every topic the pane browses should have a passage in every language.
fn check_topics(corpus: &Corpus, problems: &mut Vec<Problem>) {
    if corpus.documents().is_empty() {
        return;
    }
    let folder = content_folder(corpus);
    for topic in super::model::TOPICS {
        for lang in Lang::ALL {
            let covered = corpus
                .documents()
                .iter()
                .any(|d| d.topic == topic && d.lang == lang && !d.passages.is_empty());
            if !covered {
                problems.push(Problem::warning(
                    folder.join(lang.code()),
                    0,
                    format!("no {} passage on the topic {topic:?}", lang.code()),
                ));
            }
        }
    }
}

/// The day a document's review falls due.
pub fn review_due(doc: &Document) -> NaiveDate {
    doc.last_reviewed
        .checked_add_days(Days::new(u64::from(doc.review_every_days)))
        .unwrap_or(NaiveDate::MAX)
}

fn check_dates(doc: &Document, today: NaiveDate, problems: &mut Vec<Problem>) {
    let line = key_line_in_file(&doc.path, "last_reviewed");
    if doc.last_reviewed > today {
        problems.push(Problem::error(
            &doc.path,
            line,
            format!("last_reviewed {} is in the future", doc.last_reviewed),
        ));
    } else if review_due(doc) < today {
        problems.push(Problem::warning(
            &doc.path,
            line,
            format!(
                "review overdue: last reviewed {}, due every {} days (since {})",
                doc.last_reviewed,
                doc.review_every_days,
                review_due(doc)
            ),
        ));
    }
    for source in &doc.sources {
        if let Some(accessed) = source.accessed.as_deref().and_then(super::text::parse_date)
            && accessed > today
        {
            problems.push(Problem::error(
                &doc.path,
                key_line_in_file(&doc.path, "accessed"),
                format!(
                    "source {:?} was accessed {accessed}, which is in the future",
                    source.title
                ),
            ));
        }
    }
}

fn check_sources(doc: &Document, problems: &mut Vec<Problem>) {
    for source in doc.sources.iter().filter(|s| s.url.is_none()) {
        problems.push(Problem::warning(
            &doc.path,
            key_line_in_file(&doc.path, "[[sources]]"),
            format!("source {:?} has no url", source.title),
        ));
    }
}

fn check_lengths(doc: &Document, problems: &mut Vec<Problem>) {
    if doc.topic == "glossary" {
        return;
    }
    for passage in &doc.passages {
        let words = passage.text.split_whitespace().count();
        if !(MIN_PASSAGE_WORDS..=MAX_PASSAGE_WORDS).contains(&words) {
            problems.push(Problem::warning(
                &doc.path,
                passage.line,
                format!(
                    "passage has {words} words; one that stands alone as an answer has about 40–160"
                ),
            ));
        }
    }
}

fn check_links(corpus: &Corpus, doc: &Document, problems: &mut Vec<Problem>) {
    for passage in &doc.passages {
        for (event, range) in Parser::new(&passage.markdown).into_offset_iter() {
            let Event::Start(Tag::Link { dest_url, .. }) = event else {
                continue;
            };
            let Some(target) = dest_url.strip_prefix("/doc/") else {
                continue;
            };
            let (id, anchor) = target.split_once('#').unwrap_or((target, ""));
            let found = corpus
                .get(id)
                .is_some_and(|d| anchor.is_empty() || d.passages.iter().any(|p| p.slug == anchor));
            if !found {
                let line = passage.line + 1 + passage.markdown[..range.start].matches('\n').count();
                problems.push(Problem::error(
                    &doc.path,
                    line,
                    format!("link to {dest_url} leads nowhere"),
                ));
            }
        }
    }
}

fn check_twins(corpus: &Corpus, problems: &mut Vec<Problem>) {
    for doc in corpus.documents() {
        let twins = corpus.translations_of(doc);
        let other = doc.lang.other();
        if !twins.iter().any(|t| t.lang == other) {
            let (line, message) = match doc.lang {
                Lang::Es => (
                    key_line_in_file(&doc.path, "translation_of").max(1),
                    "this Spanish document has no English twin (translation_of)",
                ),
                Lang::En => (
                    key_line_in_file(&doc.path, "id"),
                    "this English document has no Spanish twin",
                ),
            };
            problems.push(Problem::warning(&doc.path, line, message));
            continue;
        }
        for twin in twins.iter().filter(|t| t.lang == other) {
            check_twin_passages(doc, twin, problems);
        }
    }
}

/// Every passage of `doc` should have a passage with the same key in `twin` (its translation),
/// so that both languages answer the same questions with the same facts.
fn check_twin_passages(doc: &Document, twin: &Document, problems: &mut Vec<Problem>) {
    let language = match twin.lang {
        Lang::En => "English",
        Lang::Es => "Spanish",
    };
    for passage in &doc.passages {
        if !twin.passages.iter().any(|t| t.key == passage.key) {
            problems.push(Problem::warning(
                &doc.path,
                passage.line,
                format!(
                    "passage {:?} (key {:?}) has no {language} twin passage in {} \
                     (give the twin's heading `{{key={}}}`)",
                    passage.heading.as_deref().unwrap_or("intro"),
                    passage.key,
                    twin.path.display(),
                    passage.key,
                ),
            ));
        }
    }
}

/// 1-based line of the first `key = ...` (or of a header like `[[sources]]`) in the file; 1
/// when it cannot be found.
pub fn key_line_in_file(path: &Path, key: &str) -> usize {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| {
            text.lines().position(|line| {
                let line = line.trim_start();
                if key.starts_with('[') {
                    line.trim_end() == key
                } else {
                    line.strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                }
            })
        })
        .map_or(1, |i| i + 1)
}
