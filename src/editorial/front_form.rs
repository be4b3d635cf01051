//! A document's front matter as form fields, and back. Joining changes only the keys whose
//! value changed (through `toml_edit`, which keeps everything else as written), so a form saved
//! unchanged gives back the same bytes — and no new revision.

use crate::domain::FrontFields;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

const TEXT_KEYS: [&str; 5] = ["title", "topic", "owner", "summary", "last_reviewed"];

/// The front matter's TOML and the body, when `text` starts with a closed `+++` block.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("+++\n")?;
    let end = if rest.starts_with("+++\n") {
        Some(0)
    } else {
        rest.find("\n+++\n").map(|i| i + 1)
    }?;
    Some((&rest[..end], &rest[end + 4..]))
}

/// The form fields and the body of `text`; `None` when its front matter cannot be read (the
/// editor then shows the whole text as Markdown).
pub fn fields_of(text: &str) -> Option<(FrontFields, String)> {
    let (toml, body) = split(text)?;
    let doc: DocumentMut = toml.parse().ok()?;
    let get = |key: &str| {
        doc.get(key)
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let sources = doc
        .get("sources")
        .and_then(Item::as_array_of_tables)
        .map(|tables| {
            tables
                .iter()
                .map(source_line)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    Some((
        FrontFields {
            title: get("title"),
            topic: get("topic"),
            owner: get("owner"),
            summary: get("summary"),
            last_reviewed: get("last_reviewed"),
            sources,
        },
        // Shown without its leading blank lines: a browser drops a newline that opens a
        // `<textarea>`, and `join` puts the original's back.
        body.trim_start_matches('\n').to_string(),
    ))
}

fn source_line(table: &Table) -> String {
    let get = |key: &str| table.get(key).and_then(Item::as_str).unwrap_or_default();
    let mut parts = vec![get("title"), get("publisher"), get("url"), get("accessed")];
    while parts.len() > 2 && parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts.join(" | ")
}

/// `original` with its front matter set to `fields` and its body replaced by `body`.
pub fn join(original: &str, fields: &FrontFields, body: &str) -> Result<String, String> {
    let (toml, old_body) = split(original).ok_or("the document's front matter cannot be read")?;
    let blank_lines = old_body.len() - old_body.trim_start_matches('\n').len();
    let mut doc: DocumentMut = toml.parse().map_err(|e| format!("front matter: {e}"))?;
    let (current, _) = fields_of(original).ok_or("the document's front matter cannot be read")?;
    let wanted = [
        &fields.title,
        &fields.topic,
        &fields.owner,
        &fields.summary,
        &fields.last_reviewed,
    ];
    let had = [
        &current.title,
        &current.topic,
        &current.owner,
        &current.summary,
        &current.last_reviewed,
    ];
    for ((key, want), had) in TEXT_KEYS.iter().zip(wanted).zip(had) {
        if want.trim() != had.as_str() {
            doc[key] = value(want.trim());
        }
    }
    if normalized(&fields.sources) != normalized(&current.sources) {
        doc["sources"] = Item::ArrayOfTables(sources_of(&fields.sources)?);
    }
    let mut body = "\n".repeat(blank_lines) + body.replace("\r\n", "\n").trim_start_matches('\n');
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    let toml = doc.to_string();
    let newline = if toml.ends_with('\n') { "" } else { "\n" };
    Ok(format!("+++\n{toml}{newline}+++\n{body}"))
}

fn normalized(sources: &str) -> Vec<String> {
    sources
        .lines()
        .map(|l| l.split('|').map(str::trim).collect::<Vec<_>>().join(" | "))
        .map(|l| l.trim_end_matches([' ', '|']).to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn sources_of(lines: &str) -> Result<ArrayOfTables, String> {
    let mut tables = ArrayOfTables::new();
    for (i, line) in normalized(lines).iter().enumerate() {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        if parts.len() < 2 || parts[0].is_empty() || parts[1].is_empty() {
            return Err(format!(
                "source {}: write `title | publisher | url | accessed`",
                i + 1
            ));
        }
        let mut table = Table::new();
        table["title"] = value(parts[0]);
        table["publisher"] = value(parts[1]);
        for (key, part) in [("url", parts.get(2)), ("accessed", parts.get(3))] {
            if let Some(part) = part.filter(|p| !p.is_empty()) {
                table[key] = value(*part);
            }
        }
        tables.push(table);
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "+++\nid = \"maintenance\"\ntitle = \"Maintenance\"\ntopic = \"maintenance\"\nlanguage = \"en\"\nsummary = \"Two years of pills.\"\nowner = \"Team\"\nlast_reviewed = \"2026-01-05\"\n\n[[sources]]\ntitle = \"Treatment\"\npublisher = \"NCI\"\nurl = \"https://www.cancer.gov/x\"\n+++\n\n## Pills\n\nDaily pills.\n";

    #[test]
    fn an_unchanged_form_gives_back_the_same_bytes() {
        let (fields, body) = fields_of(DOC).unwrap();
        assert_eq!(fields.title, "Maintenance");
        assert_eq!(fields.sources, "Treatment | NCI | https://www.cancer.gov/x");
        assert_eq!(join(DOC, &fields, &body).unwrap(), DOC);
    }

    #[test]
    fn changed_fields_are_written_and_the_rest_kept() {
        let (mut fields, body) = fields_of(DOC).unwrap();
        fields.title = "Maintenance therapy".into();
        fields
            .sources
            .push_str("\nPDQ | NCI | https://www.cancer.gov/y | 2026-12-01");
        let text = join(DOC, &fields, &body.replace("Daily", "Most days")).unwrap();
        assert!(text.contains("title = \"Maintenance therapy\""));
        assert!(text.contains("id = \"maintenance\"\n"));
        assert!(text.contains("accessed = \"2026-12-01\""));
        assert!(text.contains("Most days pills."));
        let (again, _) = fields_of(&text).unwrap();
        assert_eq!(again.sources.lines().count(), 2);
    }

    #[test]
    fn a_source_without_a_publisher_is_refused() {
        let (mut fields, body) = fields_of(DOC).unwrap();
        fields.sources = "Only a title".into();
        assert!(join(DOC, &fields, &body).unwrap_err().contains("source 1"));
    }

    #[test]
    fn a_body_starting_with_a_blank_line_survives_a_browser_dropping_it() {
        let (fields, body) = fields_of(DOC).unwrap();
        assert!(!body.starts_with('\n'), "shown without the blank line");
        assert_eq!(join(DOC, &fields, &format!("\n{body}")).unwrap(), DOC);
    }

    #[test]
    fn text_without_front_matter_has_no_fields() {
        assert!(fields_of("## Just a body\n").is_none());
    }
}
