//! Content parsing and loading, on inline strings and temporary folders.

use super::parse::{parse_document, slugify};
use super::*;
use crate::domain::Lang;
use std::path::Path;

const GOOD: &str = r#"+++
id = "maintenance"
title = "Maintenance therapy"
topic = "maintenance"
language = "en"
summary = "The longest phase."
owner = "Clinical content team"
last_reviewed = "2026-11-01"

[[sources]]
title = "A source"
publisher = "A publisher"
url = "https://example.org/a"
+++
Intro words before any heading.

## How long does maintenance last?
About **two years**, at lower doses.

## Which drugs are used?
- methotrexate
- 6-MP <b>by mouth</b>
"#;

fn parse(text: &str) -> parse::ParsedFile {
    parse_document(Path::new("content/en/x.md"), text, Some(Lang::En))
}

#[test]
fn a_good_document_splits_into_passages_at_each_heading() {
    let parsed = parse(GOOD);
    let doc = parsed.document.expect("document parses");
    assert_eq!(doc.id, "maintenance");
    assert_eq!(doc.review_every_days, 365, "default review interval");
    let ids: Vec<&str> = doc.passages.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "maintenance#intro",
            "maintenance#how-long-does-maintenance-last",
            "maintenance#which-drugs-are-used"
        ]
    );
    assert_eq!(
        doc.passages[1].heading.as_deref(),
        Some("How long does maintenance last?")
    );
    assert_eq!(doc.passages[1].text, "About two years, at lower doses.");
    assert_eq!(doc.passages[1].line, 17);
    // raw HTML is reported, and stays text
    assert!(
        parsed
            .problems
            .iter()
            .any(|p| !p.is_error() && p.line == 22),
        "{:?}",
        parsed.problems
    );
}

#[test]
fn slugs_are_ascii_and_stable() {
    assert_eq!(
        slugify("¿Cuánto dura el mantenimiento?"),
        "cuanto-dura-el-mantenimiento"
    );
    assert_eq!(
        slugify("What is 6-MP (mercaptopurine)?"),
        "what-is-6-mp-mercaptopurine"
    );
    assert_eq!(slugify("???"), "section");
}

#[test]
fn malformed_front_matter_names_the_line() {
    let text = GOOD.replace("topic = \"maintenance\"", "topic = maintenance");
    let parsed = parse(&text);
    assert!(parsed.document.is_none());
    let problem = &parsed.problems[0];
    assert!(problem.is_error());
    assert_eq!(problem.line, 4, "{problem}");
    assert!(
        problem
            .to_string()
            .starts_with("content/en/x.md:4: error: "),
        "{problem}"
    );
}

#[test]
fn missing_front_matter_is_an_error_on_line_one() {
    let parsed = parse("# Just markdown\n\nNo front matter.");
    assert!(parsed.document.is_none());
    assert_eq!(parsed.problems[0].line, 1);
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let parsed = parse("+++\nid = \"x\"\n");
    assert!(parsed.document.is_none());
    assert!(parsed.problems[0].message.contains("not closed"));
}

#[test]
fn field_errors_point_at_their_key() {
    let text = GOOD
        .replace(
            "last_reviewed = \"2026-11-01\"",
            "last_reviewed = \"2026-13-01\"",
        )
        .replace("language = \"en\"", "language = \"es\"");
    let parsed = parse(&text);
    assert!(parsed.document.is_none());
    let lines: Vec<usize> = parsed
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.line)
        .collect();
    assert_eq!(lines, [5, 8], "{:?}", parsed.problems);
}

#[test]
fn unknown_front_matter_keys_are_errors() {
    let text = GOOD.replace("owner =", "ownr =");
    let parsed = parse(&text);
    assert!(parsed.document.is_none());
    assert!(
        parsed.problems[0].message.contains("ownr"),
        "{:?}",
        parsed.problems
    );
}

#[test]
fn duplicate_headings_are_errors() {
    let text = format!("{GOOD}\n## Which drugs are used?\nAgain.\n");
    let parsed = parse(&text);
    assert!(parsed.document.is_none());
    assert!(
        parsed
            .problems
            .iter()
            .any(|p| p.is_error() && p.message.contains("#which-drugs-are-used"))
    );
}

#[test]
fn headings_inside_code_fences_do_not_split() {
    let text = GOOD.replace(
        "About **two years**",
        "```\n## not a heading\n```\nAbout **two years**",
    );
    let doc = parse(&text).document.expect("parses");
    assert_eq!(doc.passages.len(), 3);
}

#[test]
fn a_folder_loads_good_files_and_skips_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("en")).unwrap();
    std::fs::create_dir_all(dir.path().join("es")).unwrap();
    std::fs::write(dir.path().join("en/good.md"), GOOD).unwrap();
    std::fs::write(dir.path().join("en/bad.md"), "+++\nid = \n+++\n").unwrap();
    let twin = GOOD
        .replace(
            "id = \"maintenance\"",
            "id = \"mantenimiento\"\ntranslation_of = \"maintenance\"",
        )
        .replace("language = \"en\"", "language = \"es\"");
    std::fs::write(dir.path().join("es/twin.md"), twin).unwrap();
    std::fs::write(
        dir.path().join("es/dup.md"),
        GOOD.replace("language = \"en\"", "language = \"es\""),
    )
    .unwrap();

    let report = load_dir(dir.path());
    assert_eq!(report.files_seen, 4);
    assert_eq!(report.skipped_files, 2, "{:?}", report.problems);
    assert_eq!(report.corpus.documents().len(), 2);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.path.ends_with("en/bad.md") && p.line == 2)
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.path.ends_with("es/dup.md") && p.message.contains("already used"))
    );
    let en = report.corpus.get("maintenance").unwrap();
    let twins = report.corpus.translations_of(en);
    assert_eq!(twins.len(), 1);
    assert_eq!(twins[0].id, "mantenimiento");
}

#[test]
fn a_missing_folder_is_one_error_and_an_empty_corpus() {
    let report = load_dir(Path::new("/definitely/not/here"));
    assert!(report.has_errors());
    assert_eq!(report.corpus.documents().len(), 0);
}
