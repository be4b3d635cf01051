//! The safety lint and passage twins as `check` sees them: on temporary folders, and on the
//! shipped content.

use super::fixture::TestDoc;
use super::load::{SAFETY_FILE, load_dir, load_dir_as_of};
use std::path::Path;

fn doc(id: &str, lang: &str, twin_of: Option<&str>, body: &str) -> String {
    TestDoc::new(id, lang, body)
        .topic("relapsed-refractory")
        .translation_of(twin_of)
        .text()
}

const RULES: &str = "[[requires]]\nid = \"b-cell-only\"\nwhen = [\"blinatumomab\"]\n\
                     must_say = [\"B-cell\", \"células B\"]\nreason = \"B-cell ALL only\"\n";

fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["en", "es"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn messages(dir: &Path) -> (Vec<String>, super::load::LoadReport) {
    let report = load_dir_as_of(dir, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    (
        report.problems.iter().map(ToString::to_string).collect(),
        report,
    )
}

const BROKEN: &str = "## What is blinatumomab?\nBlinatumomab is an antibody given by a pump for a month at a time, during relapse care.\n";
const FIXED: &str = "## What is blinatumomab?\nBlinatumomab is an antibody for B-cell ALL, given by a pump for a month at a time.\n";

#[test]
fn a_passage_breaking_a_rule_is_an_error_and_its_document_is_not_served() {
    let dir = folder(&[
        (SAFETY_FILE, RULES.to_string()),
        ("en/blina.md", doc("blina", "en", None, BROKEN)),
    ]);
    let (found, report) = messages(dir.path());
    assert!(report.has_errors());
    assert!(
        found.iter().any(
            |m| m.contains("blina.md:15: error: safety rule \"b-cell-only\"")
                && m.contains("B-cell ALL only")
        ),
        "{found:?}"
    );
    assert!(report.corpus.get("blina").is_none(), "not served");

    std::fs::write(
        dir.path().join("en/blina.md"),
        doc("blina", "en", None, FIXED),
    )
    .unwrap();
    let (found, report) = messages(dir.path());
    assert!(!report.has_errors(), "{found:?}");
    assert!(report.corpus.get("blina").is_some());
}

#[test]
fn without_a_rules_file_there_is_a_warning_and_a_broken_rules_file_is_an_error() {
    let dir = folder(&[("en/blina.md", doc("blina", "en", None, BROKEN))]);
    let (found, _) = messages(dir.path());
    assert!(
        found.iter().any(|m| m.contains("warning: no safety rules")),
        "{found:?}"
    );
    std::fs::write(dir.path().join(SAFETY_FILE), "[[requires]]\nid = 3\n").unwrap();
    let (found, report) = messages(dir.path());
    assert!(report.has_errors());
    assert!(
        found.iter().any(|m| m.contains("safety.toml:2: error")),
        "{found:?}"
    );
}

#[test]
fn an_english_passage_without_a_spanish_twin_passage_is_a_warning_naming_both_files() {
    let en = "## How long does it last?\nAbout two years in all, at lower doses than before, for most adults with the disease.\n\
              ## Which drugs are used?\nMethotrexate and mercaptopurine by mouth, often with monthly vincristine and steroids.\n";
    let es = "## ¿Cuánto dura? {key=how-long-does-it-last}\nUnos dos años en total, con dosis más bajas que antes, para la mayoría de los adultos.\n";
    let dir = folder(&[
        (SAFETY_FILE, RULES.to_string()),
        ("en/upkeep.md", doc("upkeep", "en", None, en)),
        ("es/upkeep.md", doc("upkeep-es", "es", Some("upkeep"), es)),
    ]);
    let (found, report) = messages(dir.path());
    let twins: Vec<&String> = found
        .iter()
        .filter(|m| m.contains("twin passage"))
        .collect();
    assert_eq!(twins.len(), 1, "{found:?}");
    assert!(twins[0].contains("en/upkeep.md:17: warning"), "{twins:?}");
    assert!(twins[0].contains("es/upkeep.md"), "{twins:?}");
    assert!(twins[0].contains("which-drugs-are-used"), "{twins:?}");
    let es_doc = report.corpus.get("upkeep-es").unwrap();
    assert_eq!(es_doc.passages[0].key, "how-long-does-it-last");
    assert_eq!(
        es_doc.passages[0].slug, "cuanto-dura",
        "the anchor stays Spanish"
    );
    assert_eq!(es_doc.passages[0].heading.as_deref(), Some("¿Cuánto dura?"));
}

#[test]
fn a_malformed_passage_key_is_an_error() {
    let es = "## ¿Cuánto dura? {key=Cuánto Dura}\nUnos dos años.\n";
    let dir = folder(&[("es/upkeep.md", doc("upkeep-es", "es", None, es))]);
    let (found, _) = messages(dir.path());
    assert!(
        found
            .iter()
            .any(|m| m.contains("error") && m.contains("passage key")),
        "{found:?}"
    );
}

#[test]
fn the_shipped_content_breaks_no_rule_and_has_no_errors() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let report = load_dir(&content);
    let errors = report.error_lines();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(content.join(SAFETY_FILE).is_file());
}
