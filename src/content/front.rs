//! A document's front matter: cut from the body (between two `+++` lines), read as TOML, and
//! each field checked, every problem at the line of its key.

use super::model::TOPICS;
use super::model::{FrontMatter, SUBTYPES};
use super::problem::Problem;
use super::text::parse_date;
use crate::domain::Lang;
use chrono::NaiveDate;
use std::path::Path;

/// The front matter cut from the body and read as TOML, or the one problem that stops the file.
pub(super) fn read_front_matter<'a>(
    path: &Path,
    text: &'a str,
) -> Result<(FrontSplit<'a>, FrontMatter), Problem> {
    let Some(split) = split_front_matter(text) else {
        return Err(Problem::error(
            path,
            1,
            "missing front matter: the file must start with a `+++` line, then TOML, then `+++`",
        ));
    };
    if split.close_line.is_none() {
        return Err(Problem::error(
            path,
            split.open_line,
            "front matter is not closed: add a `+++` line after the TOML",
        ));
    }
    match toml::from_str(split.toml) {
        Ok(front) => Ok((split, front)),
        Err(err) => {
            let line = err
                .span()
                .map(|span| split.open_line + 1 + count_newlines(&split.toml[..span.start]))
                .unwrap_or(split.open_line);
            Err(Problem::error(
                path,
                line,
                format!("front matter: {}", err.message()),
            ))
        }
    }
}

/// Checks of the front matter's fields, each problem at the line of its key.
pub(super) struct FrontCheck<'a, 'b> {
    pub path: &'a Path,
    pub split: &'a FrontSplit<'b>,
    pub problems: &'a mut Vec<Problem>,
}

impl FrontCheck<'_, '_> {
    fn line(&self, key: &str) -> usize {
        key_line(self.split.toml, key).map_or(self.split.open_line, |l| self.split.open_line + l)
    }

    fn error(&mut self, key: &str, message: String) {
        let line = self.line(key);
        self.problems.push(Problem::error(self.path, line, message));
    }

    /// The id, the text fields and the language (which must match the folder).
    pub fn identity(&mut self, front: &FrontMatter, folder_lang: Option<Lang>) -> Option<Lang> {
        if !is_slug(&front.id) {
            self.error(
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
                self.error(key, format!("{key} must not be empty"));
            }
        }
        let lang = Lang::from_code(&front.language);
        match (lang, folder_lang) {
            (None, _) => self.error(
                "language",
                format!("language {:?} is not one of: en, es", front.language),
            ),
            (Some(lang), Some(folder)) if lang != folder => self.error(
                "language",
                format!(
                    "language is {:?} but the file is in the {:?} folder",
                    lang.code(),
                    folder.code()
                ),
            ),
            _ => {}
        }
        lang
    }

    /// The review date and interval.
    pub fn review(&mut self, front: &FrontMatter) -> Option<NaiveDate> {
        let last_reviewed = parse_date(&front.last_reviewed);
        if last_reviewed.is_none() {
            self.error(
                "last_reviewed",
                format!(
                    "last_reviewed {:?} is not a date (YYYY-MM-DD)",
                    front.last_reviewed
                ),
            );
        }
        if !(1..=3650).contains(&front.review_every_days) {
            self.error(
                "review_every_days",
                "review_every_days must be between 1 and 3650".to_string(),
            );
        }
        last_reviewed
    }

    /// Sources (at least one; addresses and dates that parse), subtypes and the topic.
    pub fn sources_and_tags(&mut self, front: &FrontMatter) {
        if front.sources.is_empty() {
            self.error(
                "sources",
                "list at least one source ([[sources]] with title and publisher)".to_string(),
            );
        }
        for source in &front.sources {
            if let Some(url) = &source.url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                self.error(
                    "url",
                    format!("source url {url:?} must start with https:// or http://"),
                );
            }
            if let Some(accessed) = &source.accessed
                && parse_date(accessed).is_none()
            {
                self.error(
                    "accessed",
                    format!("source accessed date {accessed:?} is not a date (YYYY-MM-DD)"),
                );
            }
        }
        for subtype in &front.subtypes {
            if !SUBTYPES.contains(&subtype.as_str()) {
                self.error(
                    "subtypes",
                    format!(
                        "unknown subtype {subtype:?}; known: {}",
                        SUBTYPES.join(", ")
                    ),
                );
            }
        }
        if !TOPICS.contains(&front.topic.as_str()) {
            let line = self.line("topic");
            self.problems.push(Problem::warning(
                self.path,
                line,
                format!(
                    "topic {:?} is not one the pane browses ({})",
                    front.topic,
                    TOPICS.join(", ")
                ),
            ));
        }
    }
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

pub(super) struct FrontSplit<'a> {
    pub toml: &'a str,
    pub body: &'a str,
    /// 1-based line of the opening `+++`.
    pub open_line: usize,
    pub close_line: Option<usize>,
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
