//! Parses one content file: TOML front matter between `+++` lines, then a Markdown body split
//! into passages at each `## ` heading. Every problem carries the file's path and a line.
//! Knows nothing of other files (see `load` for checks across documents).

use super::model::{Document, FrontMatter, SUBTYPES};
use super::passages::split_passages;
use super::problem::Problem;
use super::text::parse_date;
use crate::domain::Lang;
use std::path::Path;

/// Topics the pane knows how to browse; others load with a warning.
pub const TOPICS: [&str; 25] = [
    "overview",
    "factors",
    "phases",
    "induction-ph-neg",
    "remission",
    "induction-ph-pos",
    "induction-t-cell",
    "older-adults",
    "cns",
    "consolidation",
    "maintenance",
    "outcomes",
    "relapsed-refractory",
    "transplant",
    "supportive-care",
    "glossary",
    "helpline",
    "side-effects",
    "procedures",
    "fertility",
    "clinical-trials",
    "practical-help",
    "after-treatment",
    "young-adults",
    "emotional-support",
];

/// What parsing one file found: the document when it has no errors, and every problem.
#[derive(Debug)]
pub struct ParsedFile {
    pub document: Option<Document>,
    pub problems: Vec<Problem>,
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// Parses `text`, the contents of `path`. `folder_lang` is the language of the folder the file
/// sits in, when it sits in one.
pub fn parse_document(path: &Path, text: &str, folder_lang: Option<Lang>) -> ParsedFile {
    let mut problems = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(split) = split_front_matter(text) else {
        problems.push(Problem::error(
            path,
            1,
            "missing front matter: the file must start with a `+++` line, then TOML, then `+++`",
        ));
        return ParsedFile {
            document: None,
            problems,
        };
    };
    if split.close_line.is_none() {
        problems.push(Problem::error(
            path,
            split.open_line,
            "front matter is not closed: add a `+++` line after the TOML",
        ));
        return ParsedFile {
            document: None,
            problems,
        };
    }
    let front_line =
        |key: &str| key_line(split.toml, key).map_or(split.open_line, |l| split.open_line + l);

    let front: FrontMatter = match toml::from_str(split.toml) {
        Ok(front) => front,
        Err(err) => {
            let line = err
                .span()
                .map(|span| split.open_line + 1 + count_newlines(&split.toml[..span.start]))
                .unwrap_or(split.open_line);
            problems.push(Problem::error(
                path,
                line,
                format!("front matter: {}", err.message()),
            ));
            return ParsedFile {
                document: None,
                problems,
            };
        }
    };

    let mut error =
        |key: &str, message: String| problems.push(Problem::error(path, front_line(key), message));
    if !is_slug(&front.id) {
        error(
            "id",
            format!(
                "id {:?} must be a slug: lowercase letters, digits and `-`",
                front.id
            ),
        );
    }
    for (key, value) in [
        ("title", &front.title),
        ("summary", &front.summary),
        ("owner", &front.owner),
    ] {
        if value.trim().is_empty() {
            error(key, format!("{key} must not be empty"));
        }
    }
    let lang = Lang::from_code(&front.language);
    match (lang, folder_lang) {
        (None, _) => error(
            "language",
            format!("language {:?} is not one of: en, es", front.language),
        ),
        (Some(lang), Some(folder)) if lang != folder => error(
            "language",
            format!(
                "language is {:?} but the file is in the {:?} folder",
                lang.code(),
                folder.code()
            ),
        ),
        _ => {}
    }
    let last_reviewed = parse_date(&front.last_reviewed);
    if last_reviewed.is_none() {
        error(
            "last_reviewed",
            format!(
                "last_reviewed {:?} is not a date (YYYY-MM-DD)",
                front.last_reviewed
            ),
        );
    }
    if !(1..=3650).contains(&front.review_every_days) {
        error(
            "review_every_days",
            "review_every_days must be between 1 and 3650".to_string(),
        );
    }
    if front.sources.is_empty() {
        error(
            "sources",
            "list at least one source ([[sources]] with title and publisher)".to_string(),
        );
    }
    for source in &front.sources {
        if let Some(url) = &source.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            error(
                "url",
                format!("source url {url:?} must start with https:// or http://"),
            );
        }
        if let Some(accessed) = &source.accessed
            && parse_date(accessed).is_none()
        {
            error(
                "accessed",
                format!("source accessed date {accessed:?} is not a date (YYYY-MM-DD)"),
            );
        }
    }
    for subtype in &front.subtypes {
        if !SUBTYPES.contains(&subtype.as_str()) {
            error(
                "subtypes",
                format!(
                    "unknown subtype {subtype:?}; known: {}",
                    SUBTYPES.join(", ")
                ),
            );
        }
    }
    if !TOPICS.contains(&front.topic.as_str()) {
        problems.push(Problem::warning(
            path,
            front_line("topic"),
            format!(
                "topic {:?} is not one the pane browses ({})",
                front.topic,
                TOPICS.join(", ")
            ),
        ));
    }

    let body_first_line = split.close_line.unwrap_or(1) + 1;
    let passages = split_passages(&front.id, split.body, body_first_line, path, &mut problems);
    if passages.is_empty() {
        problems.push(Problem::error(
            path,
            body_first_line,
            "the document has no text",
        ));
    }

    let has_errors = problems.iter().any(Problem::is_error);
    let document = match (has_errors, lang, last_reviewed) {
        (false, Some(lang), Some(last_reviewed)) => Some(Document {
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
        }),
        _ => None,
    };
    ParsedFile { document, problems }
}

struct FrontSplit<'a> {
    toml: &'a str,
    body: &'a str,
    /// 1-based line of the opening `+++`.
    open_line: usize,
    close_line: Option<usize>,
}

fn split_front_matter(text: &str) -> Option<FrontSplit<'_>> {
    let mut offset = 0;
    let mut line_no = 0;
    let mut open: Option<(usize, usize)> = None; // (line, byte after the line)
    for line in text.split_inclusive('\n') {
        line_no += 1;
        let end = offset + line.len();
        let trimmed = line.trim();
        match open {
            None if trimmed.is_empty() => {}
            None if trimmed == "+++" => open = Some((line_no, end)),
            None => return None,
            Some((open_line, toml_start)) if trimmed == "+++" => {
                return Some(FrontSplit {
                    toml: &text[toml_start..offset],
                    body: &text[end..],
                    open_line,
                    close_line: Some(line_no),
                });
            }
            Some(_) => {}
        }
        offset = end;
    }
    open.map(|(open_line, toml_start)| FrontSplit {
        toml: &text[toml_start..],
        body: "",
        open_line,
        close_line: None,
    })
}

fn count_newlines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// 0-based line within the TOML where `key = ...` is written, plus one (so it is the offset
/// from the opening `+++` line).
fn key_line(toml: &str, key: &str) -> Option<usize> {
    toml.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}
