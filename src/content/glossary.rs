//! The glossary from `content/glossary.toml`: each term with its aliases and a short definition
//! in English and Spanish. It becomes two documents (`glossary` and its Spanish twin
//! `glossary-es`), one passage per term, so terms are searched, linked and shown like any
//! passage (`/doc/glossary#<term id>`) and come back as hits of their own kind.

use super::markdown::to_plain_text;
use super::model::{Document, Passage, SourceEntry};
use super::problem::Problem;
use super::synonyms::{compact, header_lines};
use super::text::parse_date;
use crate::domain::Lang;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

pub const GLOSSARY_ID: &str = "glossary";
pub const GLOSSARY_ES_ID: &str = "glossary-es";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    owner: String,
    last_reviewed: String,
    #[serde(default = "default_review_every_days")]
    review_every_days: u32,
    #[serde(default)]
    sources: Vec<SourceEntry>,
    #[serde(default)]
    term: Vec<TermEntry>,
}

fn default_review_every_days() -> u32 {
    365
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    id: String,
    term: String,
    #[serde(default)]
    aliases: Vec<String>,
    definition: String,
    term_es: String,
    #[serde(default)]
    aliases_es: Vec<String>,
    definition_es: String,
}

/// One language's side of a term.
struct Side<'a> {
    term: &'a str,
    aliases: &'a [String],
    definition: &'a str,
}

fn passage(term_id: &str, doc_id: &str, side: &Side<'_>, also: &str, line: usize) -> Passage {
    let mut markdown = side.definition.trim().to_string();
    if !side.aliases.is_empty() {
        markdown.push_str(&format!("\n\n*{also}:* {}", side.aliases.join(", ")));
    }
    Passage {
        id: format!("{doc_id}#{term_id}"),
        slug: term_id.to_string(),
        key: term_id.to_string(),
        heading: Some(side.term.trim().to_string()),
        text: to_plain_text(&markdown),
        markdown,
        line,
        aliases: side.aliases.to_vec(),
        phrasings: Vec::new(),
    }
}

/// Parses `text`, the contents of `path`, into the English and Spanish glossary documents.
/// With any error, no document is returned and every problem is.
pub fn parse_glossary(path: &Path, text: &str) -> (Vec<Document>, Vec<Problem>) {
    let file: File = match toml::from_str(text) {
        Ok(file) => file,
        Err(err) => {
            return (
                Vec::new(),
                vec![Problem::from_toml(path, text, &err, "glossary")],
            );
        }
    };
    let mut problems = Vec::new();
    let last_reviewed = check_header(path, &file, &mut problems);
    let lines = header_lines(text, "[[term]]");
    let mut seen = Seen::default();
    let (mut en, mut es) = (Vec::new(), Vec::new());
    for (i, entry) in file.term.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        let Some(sides) = check_term(path, entry, line, &mut seen, &mut problems) else {
            continue;
        };
        en.push(passage(
            &entry.id,
            GLOSSARY_ID,
            &sides[0],
            "Also called",
            line,
        ));
        es.push(passage(
            &entry.id,
            GLOSSARY_ES_ID,
            &sides[1],
            "También se dice",
            line,
        ));
    }
    match last_reviewed.filter(|_| !problems.iter().any(Problem::is_error)) {
        Some(last_reviewed) => (
            glossary_documents(&file, path, text, last_reviewed, en, es),
            problems,
        ),
        None => (Vec::new(), problems),
    }
}

/// The file's own fields: a review date that parses and at least one source.
fn check_header(path: &Path, file: &File, problems: &mut Vec<Problem>) -> Option<NaiveDate> {
    let last_reviewed = parse_date(&file.last_reviewed);
    if last_reviewed.is_none() {
        problems.push(Problem::error(
            path,
            1,
            format!(
                "last_reviewed {:?} is not a date (YYYY-MM-DD)",
                file.last_reviewed
            ),
        ));
    }
    if file.sources.is_empty() {
        problems.push(Problem::error(
            path,
            1,
            "list at least one source ([[sources]] with title and publisher)",
        ));
    }
    last_reviewed
}

/// Ids and names already used, per language, with the line that used them.
#[derive(Default)]
struct Seen<'a> {
    ids: HashMap<&'a str, usize>,
    names: [HashMap<String, (usize, String)>; 2],
}

/// Checks one term (a unique slug id; a name and definition in both languages; no name or
/// alias another term has) and gives its English and Spanish sides; `None` for a repeated id.
fn check_term<'a>(
    path: &Path,
    entry: &'a TermEntry,
    line: usize,
    seen: &mut Seen<'a>,
    problems: &mut Vec<Problem>,
) -> Option<[Side<'a>; 2]> {
    if let Some(first) = seen.ids.insert(&entry.id, line) {
        problems.push(Problem::error(
            path,
            line,
            format!("term id {:?} is already used on line {first}", entry.id),
        ));
        return None;
    }
    let slug = !entry.id.is_empty()
        && entry
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug {
        problems.push(Problem::error(
            path,
            line,
            format!(
                "term id {:?} must be a slug: lowercase letters, digits and `-`",
                entry.id
            ),
        ));
    }
    let sides = [
        Side {
            term: &entry.term,
            aliases: &entry.aliases,
            definition: &entry.definition,
        },
        Side {
            term: &entry.term_es,
            aliases: &entry.aliases_es,
            definition: &entry.definition_es,
        },
    ];
    for (side, names) in sides.iter().zip(seen.names.iter_mut()) {
        if side.term.trim().is_empty() || side.definition.trim().is_empty() {
            problems.push(Problem::error(
                path,
                line,
                format!(
                    "term {:?} needs a name and a definition in both languages",
                    entry.id
                ),
            ));
        }
        for name in std::iter::once(side.term).chain(side.aliases.iter().map(String::as_str)) {
            match names.get(&compact(name)) {
                Some((other, other_name)) if *other != line => problems.push(Problem::error(
                    path,
                    line,
                    format!("{name:?} also names the term on line {other} ({other_name:?})"),
                )),
                _ => {
                    names.insert(compact(name), (line, name.to_string()));
                }
            }
        }
    }
    Some(sides)
}

/// The English glossary and its Spanish twin.
fn glossary_documents(
    file: &File,
    path: &Path,
    text: &str,
    last_reviewed: NaiveDate,
    en: Vec<Passage>,
    es: Vec<Passage>,
) -> Vec<Document> {
    let document =
        |id: &str, lang: Lang, title: &str, summary: &str, passages: Vec<Passage>| Document {
            id: id.to_string(),
            title: title.to_string(),
            topic: "glossary".to_string(),
            lang,
            summary: summary.to_string(),
            owner: file.owner.clone(),
            last_reviewed,
            review_every_days: file.review_every_days,
            sources: file.sources.clone(),
            subtypes: Vec::new(),
            translation_of: (lang == Lang::Es).then(|| GLOSSARY_ID.to_string()),
            public_url: None,
            path: path.to_path_buf(),
            content_hash: super::model::content_hash(text),
            passages,
        };
    vec![
        document(
            GLOSSARY_ID,
            Lang::En,
            "Glossary",
            "Plain-language meanings of the words callers hear.",
            en,
        ),
        document(
            GLOSSARY_ES_ID,
            Lang::Es,
            "Glosario",
            "Qué significan, en palabras sencillas, los términos que oyen las personas que llaman.",
            es,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"owner = "Team"
last_reviewed = "2026-11-01"

[[sources]]
title = "Dictionary"
publisher = "NCI"
url = "https://example.org"

[[term]]
id = "lumbar-puncture"
term = "Lumbar puncture (LP)"
aliases = ["spinal tap", "LP"]
definition = "A needle in the lower back takes a little spinal fluid."
term_es = "Punción lumbar"
aliases_es = []
definition_es = "Una aguja en la parte baja de la espalda toma un poco de líquido."

[[term]]
id = "mrd"
term = "MRD"
aliases = ["measurable residual disease"]
definition = "Leukemia too little to see under a microscope."
term_es = "EMR"
definition_es = "Leucemia tan escasa que no se ve al microscopio."
"#;

    #[test]
    fn terms_become_passages_in_two_twin_documents() {
        let (docs, problems) = parse_glossary(Path::new("glossary.toml"), FILE);
        assert!(problems.is_empty(), "{problems:?}");
        let [en, es] = &docs[..] else {
            panic!("two documents")
        };
        assert_eq!(
            (en.id.as_str(), es.translation_of.as_deref()),
            ("glossary", Some("glossary"))
        );
        assert_eq!(en.passages[0].id, "glossary#lumbar-puncture");
        assert_eq!(es.passages[0].id, "glossary-es#lumbar-puncture");
        assert_eq!(en.passages[0].line, 9);
        assert!(
            en.passages[0].text.contains("Also called: spinal tap, LP"),
            "{}",
            en.passages[0].text
        );
        assert_eq!(es.passages[1].heading.as_deref(), Some("EMR"));
    }

    #[test]
    fn an_alias_of_two_terms_names_both_lines() {
        let text = FILE.replace(
            "aliases = [\"measurable residual disease\"]",
            "aliases = [\"spinal-tap\"]",
        );
        let (docs, problems) = parse_glossary(Path::new("glossary.toml"), &text);
        assert!(docs.is_empty());
        assert_eq!(problems[0].line, 18);
        assert!(problems[0].message.contains("line 9"), "{}", problems[0]);
    }

    #[test]
    fn duplicate_ids_and_missing_definitions_are_errors() {
        let text = FILE.replace("id = \"mrd\"", "id = \"lumbar-puncture\"");
        assert!(
            parse_glossary(Path::new("g"), &text).1[0]
                .message
                .contains("already used")
        );
        let text = FILE.replace(
            "definition_es = \"Leucemia tan escasa que no se ve al microscopio.\"",
            "definition_es = \" \"",
        );
        assert!(
            parse_glossary(Path::new("g"), &text).1[0]
                .message
                .contains("definition")
        );
    }
}
