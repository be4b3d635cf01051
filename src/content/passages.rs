//! A document's Markdown body cut into passages, one per `## ` heading (text before the first
//! heading, if any, is an opening passage `#intro`): each with its anchor, its key (the same in
//! both languages: `{key=…}` at the end of a heading, else the anchor), its line in the file,
//! its Markdown and its plain text. A duplicate anchor or an empty heading is an error, an empty
//! section a warning, and raw HTML outside code fences a warning (it shows as text). Headings
//! inside code fences do not cut. Knows nothing of front matter.

use super::markdown;
use super::model::Passage;
use super::problem::Problem;
use super::text::slugify;
use std::path::Path;

/// One `## ` section of a body as cut: its heading (none for text before the first), the
/// line it starts on, and its lines.
struct Section {
    heading: Option<String>,
    line: usize,
    lines: Vec<String>,
}

/// The passages of `body`, whose first line is line `first_line` of the file at `path`.
pub(super) fn split_passages(
    doc_id: &str,
    body: &str,
    first_line: usize,
    path: &Path,
    problems: &mut Vec<Problem>,
) -> Vec<Passage> {
    let mut passages: Vec<Passage> = Vec::new();
    for section in cut_sections(body, first_line, path, problems) {
        let markdown = section.lines.join("\n").trim().to_string();
        let text = markdown::to_plain_text(&markdown);
        let Some(heading) = &section.heading else {
            if !text.is_empty() {
                passages.push(intro(doc_id, &section, markdown, text));
            }
            continue;
        };
        match headed_passage(doc_id, heading, &passages) {
            Err(message) => problems.push(Problem::error(path, section.line, message)),
            Ok(_) if text.is_empty() => problems.push(Problem::warning(
                path,
                section.line,
                format!("section {heading:?} has no text; it is left out"),
            )),
            Ok(passage) => passages.push(Passage {
                markdown,
                text,
                line: section.line,
                ..passage
            }),
        }
    }
    passages
}

/// Cuts `body` at each `## ` heading outside code fences; raw HTML outside fences is a warning.
fn cut_sections(
    body: &str,
    first_line: usize,
    path: &Path,
    problems: &mut Vec<Problem>,
) -> Vec<Section> {
    let mut sections = vec![Section {
        heading: None,
        line: first_line,
        lines: Vec::new(),
    }];
    let mut fence: Option<&str> = None;
    for (i, line) in body.lines().enumerate() {
        let line_no = first_line + i;
        let trimmed = line.trim_start();
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    None => Some(marker),
                    Some(open) if open == marker => None,
                    other => other,
                };
            }
        }
        if fence.is_none()
            && let Some(heading) = line.strip_prefix("## ")
        {
            sections.push(Section {
                heading: Some(heading.trim().trim_end_matches('#').trim().to_string()),
                line: line_no,
                lines: Vec::new(),
            });
            continue;
        }
        if fence.is_none() && looks_like_html(line) {
            problems.push(Problem::warning(
                path,
                line_no,
                "raw HTML is shown as text, not as markup",
            ));
        }
        if let Some(section) = sections.last_mut() {
            section.lines.push(line.to_string());
        }
    }
    sections
}

/// The text before the first heading, as the `#intro` passage at its first non-blank line.
fn intro(doc_id: &str, section: &Section, markdown: String, text: String) -> Passage {
    let blank = section
        .lines
        .iter()
        .take_while(|l| l.trim().is_empty())
        .count();
    Passage {
        id: format!("{doc_id}#intro"),
        slug: "intro".into(),
        key: "intro".into(),
        heading: None,
        markdown,
        text,
        line: section.line + blank,
        aliases: Vec::new(),
        phrasings: Vec::new(),
    }
}

/// A headed passage's heading, anchor and key (text still to fill in), or why the heading is
/// refused: empty, a malformed key, or an anchor or key an earlier passage has.
fn headed_passage(doc_id: &str, heading: &str, earlier: &[Passage]) -> Result<Passage, String> {
    if heading.is_empty() {
        return Err("a `## ` heading has no text".into());
    }
    let (heading, key) = split_key(heading)?;
    let slug = slugify(&heading);
    let key = key.unwrap_or_else(|| slug.clone());
    if let Some(other) = earlier.iter().find(|p| p.key == key && p.slug != slug) {
        return Err(format!(
            "key {key:?} is already the key of {:?}",
            other.heading.as_deref().unwrap_or("")
        ));
    }
    if earlier.iter().any(|p| p.slug == slug) {
        return Err(format!(
            "heading {heading:?} gives the anchor #{slug}, which an earlier heading already has"
        ));
    }
    Ok(Passage {
        id: format!("{doc_id}#{slug}"),
        slug,
        key,
        heading: Some(heading),
        markdown: String::new(),
        text: String::new(),
        line: 0,
        aliases: Vec::new(),
        phrasings: Vec::new(),
    })
}

/// A heading and the passage key written at its end (`## ¿Cuánto dura? {key=how-long}`), which
/// pairs the passage with its twin in the other language; `None` when there is none (the key is
/// then the anchor). A malformed key is an error.
fn split_key(heading: &str) -> Result<(String, Option<String>), String> {
    let Some(open) = heading.rfind("{key=") else {
        return Ok((heading.to_string(), None));
    };
    let rest = &heading[open + "{key=".len()..];
    let key = rest
        .strip_suffix('}')
        .ok_or_else(|| format!("{heading:?}: a `{{key=…}}` must close the heading"))?
        .trim();
    if key.is_empty() || slugify(key) != key {
        return Err(format!(
            "{heading:?}: a passage key is lowercase ASCII words joined by `-` (e.g. {{key=how-long-does-it-last}})"
        ));
    }
    Ok((heading[..open].trim().to_string(), Some(key.to_string())))
}

/// True when a line holds something that looks like an HTML tag (`<b>`, `</div>`, `<!--`).
fn looks_like_html(line: &str) -> bool {
    line.match_indices('<').any(|(at, _)| {
        let rest = &line[at + 1..];
        rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
            && rest.contains('>')
    })
}
