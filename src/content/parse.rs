//! Parses one content file: TOML front matter between `+++` lines, then a Markdown body split
//! into passages at each `## ` heading. Every problem carries the file's path and a line.
//! Knows nothing of other files (see `load` for checks across documents).

use super::front::{FrontCheck, read_front_matter};
use super::model::{Document, FrontMatter};
use super::passages::split_passages;
use super::problem::Problem;
use crate::domain::Lang;
use chrono::NaiveDate;
use std::path::Path;

/// What parsing one file found: the document when it has no errors, and every problem.
#[derive(Debug)]
pub struct ParsedFile {
    pub document: Option<Document>,
    pub problems: Vec<Problem>,
}

/// Parses `text`, the contents of `path`. `folder_lang` is the language of the folder the file
/// sits in, when it sits in one.
pub fn parse_document(path: &Path, text: &str, folder_lang: Option<Lang>) -> ParsedFile {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (split, front) = match read_front_matter(path, text) {
        Ok(read) => read,
        Err(problem) => {
            return ParsedFile {
                document: None,
                problems: vec![problem],
            };
        }
    };
    let mut problems = Vec::new();
    let checked = {
        let mut check = FrontCheck {
            path,
            split: &split,
            problems: &mut problems,
        };
        let lang = check.identity(&front, folder_lang);
        let last_reviewed = check.review(&front);
        check.sources_and_tags(&front);
        lang.zip(last_reviewed)
    };
    let body_first_line = split.close_line.unwrap_or(1) + 1;
    let mut passages = split_passages(&front.id, split.body, body_first_line, path, &mut problems);
    super::phrasings::attach(
        &front.phrasings,
        &mut passages,
        path,
        split.toml,
        split.open_line + 1,
        &mut problems,
    );
    if passages.is_empty() {
        problems.push(Problem::error(
            path,
            body_first_line,
            "the document has no text",
        ));
    }
    let document = match checked {
        Some((lang, last_reviewed)) if !problems.iter().any(Problem::is_error) => Some(
            document_from(front, lang, last_reviewed, path, text, passages),
        ),
        _ => None,
    };
    ParsedFile { document, problems }
}

fn document_from(
    front: FrontMatter,
    lang: Lang,
    last_reviewed: NaiveDate,
    path: &Path,
    text: &str,
    passages: Vec<super::model::Passage>,
) -> Document {
    Document {
        id: front.id,
        title: front.title.trim().to_string(),
        topic: front.topic,
        lang,
        summary: front.summary.trim().to_string(),
        owner: front.owner,
        last_reviewed,
        review_every_days: front.review_every_days,
        sources: front.sources,
        subtypes: front.subtypes,
        translation_of: front.translation_of,
        public_url: front.public_url,
        path: path.to_path_buf(),
        content_hash: super::model::content_hash(text),
        passages,
    }
}
