//! Alternative phrasings: ways callers ask for a passage, written by its authors in the front
//! matter (`[phrasings]`, keyed by the passage's key) and attached to their passages. Checked
//! here: each key must name a passage of the document, each phrasing must be one short line.

use super::model::Passage;
use super::problem::Problem;
use std::collections::BTreeMap;
use std::path::Path;

/// Longest phrasing, in characters.
pub const MAX_PHRASING_CHARS: usize = 160;
/// More phrasings than this for one passage is reported (a warning): they should be the ways
/// callers really ask, not a list of keywords.
pub const MANY_PHRASINGS: usize = 12;

/// Gives each passage its phrasings; `toml` (the front matter) gives the lines of problems.
pub fn attach(
    phrasings: &BTreeMap<String, Vec<String>>,
    passages: &mut [Passage],
    path: &Path,
    toml: &str,
    first_line: usize,
    problems: &mut Vec<Problem>,
) {
    for (key, list) in phrasings {
        let line = first_line + key_line(toml, key);
        let Some(passage) = passages.iter_mut().find(|p| &p.key == key) else {
            problems.push(Problem::error(
                path,
                line,
                format!("phrasings for {key:?}: no passage of this document has that key"),
            ));
            continue;
        };
        if list.len() > MANY_PHRASINGS {
            problems.push(Problem::warning(
                path,
                line,
                format!("{} phrasings for {key:?}; keep the ways callers really ask (at most {MANY_PHRASINGS})", list.len()),
            ));
        }
        for phrasing in list {
            let text = phrasing.trim();
            if text.is_empty() || text.contains('\n') || text.chars().count() > MAX_PHRASING_CHARS {
                problems.push(Problem::error(
                    path,
                    line,
                    format!("a phrasing for {key:?} must be one line of 1 to {MAX_PHRASING_CHARS} characters"),
                ));
            } else if !passage.phrasings.iter().any(|p| p == text) {
                passage.phrasings.push(text.to_string());
            }
        }
    }
}

/// 0-based line of `key` (quoted or bare, at the start of a line) in `toml`; 0 when not found.
fn key_line(toml: &str, key: &str) -> usize {
    toml.lines()
        .position(|line| {
            let line = line.trim_start();
            line.starts_with(&format!("\"{key}\""))
                || line.starts_with(&format!("{key} "))
                || line.starts_with(&format!("{key}="))
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use crate::content::fixture::TestDoc;
    use crate::content::parse::parse_document;
    use std::path::Path;

    fn parse(phrasings: &str) -> crate::content::parse::ParsedFile {
        let text = TestDoc::new(
            "d",
            "en",
            "## How long does it last?\nAbout two years in all.\n",
        )
        .text()
        .replacen("\n+++\n", &format!("\n{phrasings}+++\n"), 1);
        parse_document(Path::new("en/d.md"), &text, None)
    }

    #[test]
    fn phrasings_attach_to_the_passage_with_their_key() {
        let parsed = parse(
            "\n[phrasings]\n\"how-long-does-it-last\" = [\"how many years of pills\", \" same again \", \"same again\"]\n",
        );
        let doc = parsed.document.expect("parses");
        assert_eq!(
            doc.passages[0].phrasings,
            vec!["how many years of pills", "same again"]
        );
    }

    #[test]
    fn unknown_keys_and_bad_phrasings_are_errors_with_their_line() {
        let parsed = parse(
            "\n[phrasings]\n\"no-such-passage\" = [\"x\"]\n\"how-long-does-it-last\" = [\"\"]\n",
        );
        assert!(parsed.document.is_none());
        let messages: Vec<String> = parsed
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.line, p.message))
            .collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("no passage of this document has that key")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("must be one line")),
            "{messages:?}"
        );
        assert!(parsed.problems.iter().all(|p| p.line > 1), "{messages:?}");
    }
}
