//! Loads a content folder: every `*.md` under `<dir>/en/` and `<dir>/es/`, parsed, linted with
//! `safety.toml`, then checked across documents (unique ids, translations that point somewhere). A file with errors is
//! skipped and reported; the rest still load.

use super::checks::{check_corpus, key_line_in_file};
use super::glossary::parse_glossary;
use super::helpline::HelplineFacts;
use super::model::{Corpus, Document};
use super::parse::parse_document;
use super::problem::Problem;
use super::safety::SafetyRules;
use super::synonyms::Synonyms;
use crate::domain::Lang;
use chrono::NaiveDate;
use rayon::iter::{IntoParallelIterator, ParallelIterator};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The safety rules' file name in a content folder.
pub const SAFETY_FILE: &str = "safety.toml";

/// The outcome of loading a folder: what can be served and what is wrong.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub corpus: Corpus,
    pub problems: Vec<Problem>,
    /// Markdown files read.
    pub files_seen: usize,
    /// Files left out because of errors.
    pub skipped_files: usize,
}

impl LoadReport {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The errors, each as `path:line: error: message`.
    pub fn error_lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect()
    }
}

/// Loads every document under `dir`, checked as of today. A missing folder gives an empty
/// corpus and one error.
pub fn load_dir(dir: &Path) -> LoadReport {
    load_dir_as_of(dir, chrono::Utc::now().date_naive())
}

/// One document's text and where it lives (or would live) in the content folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentText {
    pub lang: Lang,
    pub path: PathBuf,
    pub text: String,
}

/// Loads `dir` as `load_dir` does, with `today` for the checks that depend on the date.
pub fn load_dir_as_of(dir: &Path, today: NaiveDate) -> LoadReport {
    let mut report = LoadReport::default();
    let texts = read_documents(dir, &mut report);
    load_texts(dir, texts, today, report)
}

/// Loads the Markdown documents given as `texts` (the database's published revisions) with the
/// glossary, synonyms, helpline facts and safety rules of `dir`, checked as `load_dir` does.
pub fn load_texts_as_of(dir: &Path, texts: Vec<DocumentText>, today: NaiveDate) -> LoadReport {
    let mut report = LoadReport::default();
    if !dir.is_dir() {
        report.problems.push(folder_missing(dir));
    }
    report.files_seen += texts.len();
    load_texts(dir, texts, today, report)
}

fn folder_missing(dir: &Path) -> Problem {
    Problem::error(
        dir,
        0,
        "content folder not found (expected en/ and es/ folders of Markdown files)",
    )
}

/// Reads every `*.md` under `<dir>/en/` and `<dir>/es/`, in a stable order.
pub fn read_documents(dir: &Path, report: &mut LoadReport) -> Vec<DocumentText> {
    if !dir.is_dir() {
        report.problems.push(folder_missing(dir));
        return Vec::new();
    }
    let mut files = Vec::new();
    for lang in Lang::ALL {
        let mut found = Vec::new();
        collect_markdown(&dir.join(lang.code()), &mut found, &mut report.problems);
        found.sort();
        files.extend(found.into_iter().map(|path| (lang, path)));
    }
    let mut texts = Vec::new();
    for (lang, path) in files {
        report.files_seen += 1;
        match std::fs::read_to_string(&path) {
            Ok(text) => texts.push(DocumentText { lang, path, text }),
            Err(err) => {
                report.problems.push(Problem::error(
                    &path,
                    0,
                    format!("cannot read the file: {err}"),
                ));
                report.skipped_files += 1;
            }
        }
    }
    texts
}

fn load_texts(
    dir: &Path,
    texts: Vec<DocumentText>,
    today: NaiveDate,
    mut report: LoadReport,
) -> LoadReport {
    if !dir.is_dir() && texts.is_empty() {
        return report;
    }
    let mut documents = Vec::new();
    // Each file parses on its own: on every core at once (a large folder loads at start-up).
    let parsed: Vec<_> = texts
        .into_par_iter()
        .map(|DocumentText { lang, path, text }| parse_document(&path, &text, Some(lang)))
        .collect();
    for parsed in parsed {
        report.problems.extend(parsed.problems);
        match parsed.document {
            Some(doc) => documents.push(doc),
            None => report.skipped_files += 1,
        }
    }
    let glossary_path = dir.join("glossary.toml");
    if let Some(text) = read_optional(&glossary_path, &mut report) {
        let (glossary, problems) = parse_glossary(&glossary_path, &text);
        report.problems.extend(problems);
        if glossary.is_empty() {
            report.skipped_files += 1;
        }
        documents.extend(glossary);
    }
    let documents = apply_safety_rules(dir, documents, &mut report);
    let documents = check_across(documents, &mut report);
    report.corpus = Corpus::new(documents);

    let synonyms_path = dir.join("synonyms.toml");
    if let Some(text) = read_optional(&synonyms_path, &mut report) {
        let (synonyms, problems) = Synonyms::parse(&synonyms_path, &text);
        report.problems.extend(problems);
        report.corpus.synonyms = synonyms;
    }
    let helpline_path = dir.join("helpline.toml");
    if let Some(text) = read_optional(&helpline_path, &mut report) {
        match HelplineFacts::parse(&helpline_path, &text) {
            Ok(facts) => report.corpus.helpline = Some(facts),
            Err(problems) => report.problems.extend(problems),
        }
    } else {
        report.problems.push(Problem::warning(
            &helpline_path,
            0,
            "no helpline facts: phone, hours and disclaimer are not shown",
        ));
    }
    let problems = check_corpus(&report.corpus, today);
    report.problems.extend(problems);
    report
}

/// The text of an optional file; `None` when it does not exist (an unreadable one is an error).
fn read_optional(path: &Path, report: &mut LoadReport) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            report.files_seen += 1;
            Some(text)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => {
            report.problems.push(Problem::error(
                path,
                0,
                format!("cannot read the file: {err}"),
            ));
            report.skipped_files += 1;
            None
        }
    }
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_markdown(&path, out, problems);
        } else if path.extension().is_some_and(|ext| ext == "md") {
            out.push(path);
        } else if !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            problems.push(Problem::warning(
                &path,
                0,
                "not a Markdown (.md) file; ignored",
            ));
        }
    }
}

/// Applies `safety.toml` to every passage: a document breaking a rule is reported (an error per
/// passage and rule) and not served, like any file with errors. Without the file, a warning.
fn apply_safety_rules(
    dir: &Path,
    documents: Vec<Document>,
    report: &mut LoadReport,
) -> Vec<Document> {
    let path = dir.join(SAFETY_FILE);
    let Some(text) = read_optional(&path, report) else {
        report.problems.push(Problem::warning(
            &path,
            0,
            "no safety rules: passages are not linted (see content/FORMAT.md)",
        ));
        return documents;
    };
    let (rules, problems) = SafetyRules::parse(&path, &text);
    report.problems.extend(problems);
    let mut kept = Vec::with_capacity(documents.len());
    let linted: Vec<(Document, Vec<Problem>)> = documents
        .into_par_iter()
        .map(|doc| {
            let broken = rules.check_document(&doc);
            (doc, broken)
        })
        .collect();
    for (doc, broken) in linted {
        if broken.is_empty() {
            kept.push(doc);
        } else {
            report.problems.extend(broken);
            report.skipped_files += 1;
        }
    }
    kept
}

/// Checks that need every document: duplicate ids (the later file is skipped) and
/// translations that name a document that does not exist.
fn check_across(documents: Vec<Document>, report: &mut LoadReport) -> Vec<Document> {
    let mut first_path: HashMap<String, PathBuf> = HashMap::new();
    let mut kept = Vec::with_capacity(documents.len());
    for doc in documents {
        if let Some(first) = first_path.get(&doc.id) {
            report.problems.push(Problem::error(
                &doc.path,
                id_line(&doc.path),
                format!("id {:?} is already used by {}", doc.id, first.display()),
            ));
            report.skipped_files += 1;
            continue;
        }
        first_path.insert(doc.id.clone(), doc.path.clone());
        kept.push(doc);
    }
    let langs: HashMap<&str, Lang> = kept.iter().map(|d| (d.id.as_str(), d.lang)).collect();
    for doc in &kept {
        let Some(original) = &doc.translation_of else {
            continue;
        };
        let line = key_line_in_file(&doc.path, "translation_of");
        match langs.get(original.as_str()) {
            None => report.problems.push(Problem::warning(
                &doc.path,
                line,
                format!("translation_of names {original:?}, which is not a loaded document"),
            )),
            Some(lang) if *lang == doc.lang => report.problems.push(Problem::warning(
                &doc.path,
                line,
                format!("translation_of names {original:?}, which is in the same language"),
            )),
            _ => {}
        }
    }
    kept
}

fn id_line(path: &Path) -> usize {
    key_line_in_file(path, "id")
}
