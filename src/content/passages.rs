//! A document's Markdown body cut into passages, one per `## ` heading (text before the first
//! heading, if any, is an opening passage `#intro`): each with its anchor, its line in the file,
//! its Markdown and its plain text. A duplicate anchor or an empty heading is an error, an empty
//! section a warning, and raw HTML outside code fences a warning (it shows as text). Headings
//! inside code fences do not cut. Knows nothing of front matter.

use super::markdown;
use super::model::Passage;
use super::parse::slugify;
use super::problem::Problem;
use std::path::Path;

/// The passages of `body`, whose first line is line `first_line` of the file at `path`.
pub(super) fn split_passages(
    doc_id: &str,
    body: &str,
    first_line: usize,
    path: &Path,
    problems: &mut Vec<Problem>,
) -> Vec<Passage> {
    struct Section {
        heading: Option<String>,
        line: usize,
        lines: Vec<String>,
    }
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
        sections
            .last_mut()
            .expect("there is always a section")
            .lines
            .push(line.to_string());
    }

    let mut passages: Vec<Passage> = Vec::new();
    for section in sections {
        let markdown = section.lines.join("\n").trim().to_string();
        let text = markdown::to_plain_text(&markdown);
        let Some(heading) = section.heading else {
            if !text.is_empty() {
                let line = section.line
                    + section
                        .lines
                        .iter()
                        .take_while(|l| l.trim().is_empty())
                        .count();
                passages.push(Passage {
                    id: format!("{doc_id}#intro"),
                    slug: "intro".into(),
                    heading: None,
                    markdown,
                    text,
                    line,
                    aliases: Vec::new(),
                });
            }
            continue;
        };
        if heading.is_empty() {
            problems.push(Problem::error(
                path,
                section.line,
                "a `## ` heading has no text",
            ));
            continue;
        }
        let slug = slugify(&heading);
        if passages.iter().any(|p| p.slug == slug) {
            problems.push(Problem::error(
                path,
                section.line,
                format!("heading {heading:?} gives the anchor #{slug}, which an earlier heading already has"),
            ));
            continue;
        }
        if text.is_empty() {
            problems.push(Problem::warning(
                path,
                section.line,
                format!("section {heading:?} has no text; it is left out"),
            ));
            continue;
        }
        passages.push(Passage {
            id: format!("{doc_id}#{slug}"),
            slug,
            heading: Some(heading),
            markdown,
            text,
            line: section.line,
            aliases: Vec::new(),
        });
    }
    passages
}

/// True when a line holds something that looks like an HTML tag (`<b>`, `</div>`, `<!--`).
fn looks_like_html(line: &str) -> bool {
    line.match_indices('<').any(|(at, _)| {
        let rest = &line[at + 1..];
        rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
            && rest.contains('>')
    })
}
