//! A specialist's suggestion for one passage, as a whole document text: the passage's lines
//! (after its heading, up to the next `## ` heading) replaced by the suggested wording. New
//! documents start from a template with the front matter every document needs.

use crate::domain::Lang;

/// `body` with the passage that starts on 1-based line `line` given `markdown` as its text.
/// A passage with a heading keeps it; an opening passage (no heading) is replaced from `line`.
pub fn replace_passage(body: &str, line: usize, has_heading: bool, markdown: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut start = if has_heading {
        line
    } else {
        line.saturating_sub(1)
    };
    // Blank lines after the heading stay as they were.
    while has_heading && start < lines.len() && lines[start].trim().is_empty() {
        start += 1;
    }
    let start = start.min(lines.len());
    let mut in_fence = false;
    let mut end = lines.len();
    for (i, text) in lines.iter().enumerate().skip(start) {
        if text.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && text.starts_with("## ") {
            end = i;
            break;
        }
    }
    let mut out: Vec<String> = lines[..start].iter().map(|l| l.to_string()).collect();
    out.extend(
        markdown
            .replace("\r\n", "\n")
            .trim()
            .lines()
            .map(str::to_string),
    );
    if end < lines.len() {
        out.push(String::new());
    }
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// The text of a new document: its front matter (to be completed) and one section.
pub fn new_document(
    lang: Lang,
    id: &str,
    title: &str,
    topic: &str,
    original: Option<&str>,
) -> String {
    let translation = original.map_or_else(String::new, |o| format!("translation_of = {o:?}\n"));
    let today = chrono::Utc::now().date_naive();
    let section = match lang {
        Lang::En => {
            "## First section\n\nWrite the passage here, in plain words, with its sources listed above.\n"
        }
        Lang::Es => {
            "## Primera sección\n\nEscriba aquí el pasaje, en palabras sencillas, con sus fuentes arriba.\n"
        }
    };
    format!(
        "+++\nid = {id:?}\n{translation}title = {title:?}\ntopic = {topic:?}\nlanguage = \"{}\"\n\
         summary = \"\"\nowner = \"Clinical content team\"\nlast_reviewed = \"{today}\"\n\n\
         [[sources]]\ntitle = \"\"\npublisher = \"\"\nurl = \"\"\n+++\n\n{section}",
        lang.code()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "+++\nid = \"x\"\n+++\nOpening words.\n\n## First\nOld first.\nMore.\n\n## Second\nSecond text.\n";

    #[test]
    fn a_headed_passage_is_replaced_up_to_the_next_heading() {
        let text = replace_passage(BODY, 6, true, "New first.");
        assert_eq!(
            text,
            "+++\nid = \"x\"\n+++\nOpening words.\n\n## First\nNew first.\n\n## Second\nSecond text.\n"
        );
    }

    #[test]
    fn the_blank_line_after_a_heading_is_kept() {
        let body = "## A\n\nold\n\n## B\nb\n";
        assert_eq!(
            replace_passage(body, 1, true, "new"),
            "## A\n\nnew\n\n## B\nb\n"
        );
    }

    #[test]
    fn the_last_passage_is_replaced_to_the_end() {
        let text = replace_passage(BODY, 10, true, "Changed.\r\n\r\nTwo paragraphs.");
        assert!(
            text.ends_with("## Second\nChanged.\n\nTwo paragraphs.\n"),
            "{text}"
        );
        assert!(text.contains("Old first."));
    }

    #[test]
    fn an_opening_passage_is_replaced_from_its_first_line() {
        let text = replace_passage(BODY, 4, false, "New opening.");
        assert!(
            text.starts_with("+++\nid = \"x\"\n+++\nNew opening.\n\n## First\n"),
            "{text}"
        );
    }

    #[test]
    fn a_heading_inside_a_code_fence_does_not_end_the_passage() {
        let body = "## A\ntext\n```\n## not a heading\n```\n## B\nb\n";
        let text = replace_passage(body, 1, true, "new");
        assert_eq!(text, "## A\nnew\n\n## B\nb\n");
    }

    #[test]
    fn a_new_document_has_every_front_matter_key() {
        let text = new_document(
            Lang::Es,
            "dolor-es",
            "Dolor",
            "supportive-care",
            Some("pain"),
        );
        for key in [
            "id = \"dolor-es\"",
            "translation_of = \"pain\"",
            "language = \"es\"",
            "[[sources]]",
        ] {
            assert!(text.contains(key), "{key}");
        }
    }
}
