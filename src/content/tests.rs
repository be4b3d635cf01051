//! Content parsing and loading, on inline strings and temporary folders.

use super::parse::parse_document;
use super::text::slugify;
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

mod checks {
    use super::super::checks::check_corpus;
    use super::*;
    use chrono::NaiveDate;

    fn corpus_of(files: &[(&str, String)]) -> (tempfile::TempDir, Corpus) {
        let dir = tempfile::tempdir().unwrap();
        let mut docs = Vec::new();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            let parsed = parse_document(&path, text, None);
            docs.push(
                parsed
                    .document
                    .unwrap_or_else(|| panic!("{:?}", parsed.problems)),
            );
        }
        (dir, Corpus::new(docs))
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn messages(corpus: &Corpus, today: &str) -> Vec<String> {
        check_corpus(corpus, day(today))
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    fn twin() -> String {
        GOOD.replace(
            "id = \"maintenance\"",
            "id = \"mantenimiento\"\ntranslation_of = \"maintenance\"",
        )
        .replace("language = \"en\"", "language = \"es\"")
    }

    #[test]
    fn good_twins_pass_clean_apart_from_short_passages() {
        let (_d, corpus) = corpus_of(&[("en.md", GOOD.to_string()), ("es.md", twin())]);
        let found = messages(&corpus, "2026-11-28");
        assert!(
            found
                .iter()
                .all(|m| m.contains("words") || m.contains("on the topic")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m.contains("no es passage on the topic \"cns\"")),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|m| m.contains("topic \"maintenance\"")),
            "{found:?}"
        );
    }

    #[test]
    fn a_review_date_in_the_future_is_an_error() {
        let (_d, corpus) = corpus_of(&[("en.md", GOOD.to_string()), ("es.md", twin())]);
        let problems = check_corpus(&corpus, day("2026-10-01"));
        let future: Vec<_> = problems
            .iter()
            .filter(|p| p.message.contains("in the future"))
            .collect();
        assert_eq!(future.len(), 2);
        assert!(future.iter().all(|p| p.is_error()), "{future:?}");
        let lines: Vec<usize> = future.iter().map(|p| p.line).collect();
        assert_eq!(lines, [8, 9], "the line of last_reviewed in each file");
    }

    #[test]
    fn an_overdue_review_is_a_warning() {
        let (_d, corpus) = corpus_of(&[("en.md", GOOD.to_string()), ("es.md", twin())]);
        let problems = check_corpus(&corpus, day("2027-11-02"));
        let overdue: Vec<_> = problems
            .iter()
            .filter(|p| p.message.contains("overdue"))
            .collect();
        assert_eq!(overdue.len(), 2);
        assert!(overdue.iter().all(|p| !p.is_error()));
        assert!(
            check_corpus(&corpus, day("2027-11-01"))
                .iter()
                .all(|p| !p.message.contains("overdue"))
        );
    }

    #[test]
    fn a_source_without_url_is_a_warning() {
        let text = GOOD.replace("url = \"https://example.org/a\"\n", "");
        let (_d, corpus) = corpus_of(&[("en.md", text), ("es.md", twin())]);
        let found = messages(&corpus, "2026-11-28");
        assert!(
            found
                .iter()
                .any(|m| m.contains("en.md:10: warning: source \"A source\" has no url")),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_twin_is_a_warning_both_ways() {
        let (_d, corpus) = corpus_of(&[("en.md", GOOD.to_string())]);
        assert!(
            messages(&corpus, "2026-11-28")
                .iter()
                .any(|m| m.contains("warning: this English document has no Spanish twin"))
        );
        let orphan = twin().replace("translation_of = \"maintenance\"\n", "");
        let (_d, corpus) = corpus_of(&[("es.md", orphan)]);
        assert!(
            messages(&corpus, "2026-11-28")
                .iter()
                .any(|m| m.contains("no English twin"))
        );
    }

    #[test]
    fn internal_links_must_lead_somewhere() {
        let text = GOOD.replace(
            "About **two years**, at lower doses.",
            "About **two years**; see [drugs](/doc/maintenance#which-drugs-are-used) and [gone](/doc/maintenance#nowhere).",
        );
        let (_d, corpus) = corpus_of(&[("en.md", text), ("es.md", twin())]);
        let broken: Vec<String> = messages(&corpus, "2026-11-28")
            .into_iter()
            .filter(|m| m.contains("leads nowhere"))
            .collect();
        assert_eq!(broken.len(), 1, "{broken:?}");
        assert!(
            broken[0].contains("en.md:18: error: link to /doc/maintenance#nowhere"),
            "{broken:?}"
        );
    }

    #[test]
    fn passages_far_outside_the_length_range_are_warnings() {
        let long = "word ".repeat(300);
        let text = GOOD.replace("About **two years**, at lower doses.", &long);
        let (_d, corpus) = corpus_of(&[("en.md", text), ("es.md", twin())]);
        let found = messages(&corpus, "2026-11-28");
        assert!(
            found
                .iter()
                .any(|m| m.contains("en.md:17: warning: passage has 300 words")),
            "{found:?}"
        );
    }
}
