//! The safety lint: rules from `content/safety.toml` (supervisors edit it like the synonyms)
//! that every passage, English and Spanish, must keep. Two kinds:
//! - `[[requires]]`: a passage naming any term of `when` (and, if given, any of `and_when`)
//!   must also say one of `must_say` — e.g. a drug for B-cell ALL only must say "B-cell";
//! - `[[forbids]]`: a passage must never say any of `phrases` (only in passages that also name
//!   one of `near`, when given) — e.g. "every adult".
//!
//! Matching ignores case, accents, the kind of dash and runs of white space, and a term matches
//! whole words only ("ALL" is not found in "small"). A broken rule is an error at the passage's
//! line, with the rule's reason.

use super::model::{Document, Passage};
use super::problem::Problem;
use serde::Deserialize;
use std::path::Path;

/// The rules file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyRules {
    #[serde(default)]
    pub requires: Vec<Requires>,
    #[serde(default)]
    pub forbids: Vec<Forbids>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requires {
    pub id: String,
    pub when: Vec<String>,
    #[serde(default)]
    pub and_when: Vec<String>,
    pub must_say: Vec<String>,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forbids {
    pub id: String,
    pub phrases: Vec<String>,
    #[serde(default)]
    pub near: Vec<String>,
    pub reason: String,
}

/// Lower case, accents and dashes folded, white space collapsed, with a space at each end so
/// that whole words can be found with spaces around them.
fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let spaced: String = ascii
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '%' | '+') {
                c
            } else {
                ' '
            }
        })
        .collect();
    format!(
        " {} ",
        spaced.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// The first of `terms` that `folded` holds as whole words.
fn first_found<'a>(folded: &str, terms: &'a [String]) -> Option<&'a str> {
    terms.iter().map(String::as_str).find(|term| {
        let needle = fold(term);
        !needle.trim().is_empty() && folded.contains(&needle)
    })
}

impl SafetyRules {
    /// Reads the rules file; a file that does not parse, or a rule with an empty list or
    /// reason, is an error (and no rules are applied from it).
    pub fn parse(path: &Path, text: &str) -> (SafetyRules, Vec<Problem>) {
        let rules: SafetyRules = match toml::from_str(text) {
            Ok(rules) => rules,
            Err(err) => {
                return (
                    SafetyRules::default(),
                    vec![Problem::from_toml(path, text, &err, "safety rules")],
                );
            }
        };
        let mut problems = Vec::new();
        let line_of = |id: &str| {
            text.lines()
                .position(|l| l.contains(&format!("\"{id}\"")))
                .map_or(1, |i| i + 1)
        };
        for r in &rules.requires {
            if r.when.is_empty() || r.must_say.is_empty() || r.reason.trim().is_empty() {
                problems.push(Problem::error(
                    path,
                    line_of(&r.id),
                    format!(
                        "rule {:?}: `when`, `must_say` and `reason` must not be empty",
                        r.id
                    ),
                ));
            }
        }
        for r in &rules.forbids {
            if r.phrases.is_empty() || r.reason.trim().is_empty() {
                problems.push(Problem::error(
                    path,
                    line_of(&r.id),
                    format!("rule {:?}: `phrases` and `reason` must not be empty", r.id),
                ));
            }
        }
        if problems.is_empty() {
            (rules, problems)
        } else {
            (SafetyRules::default(), problems)
        }
    }

    pub fn len(&self) -> usize {
        self.requires.len() + self.forbids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every rule `passage` breaks, as errors at its line in `path`.
    pub fn check_passage(&self, path: &Path, passage: &Passage) -> Vec<Problem> {
        let whole = format!(
            "{} {} {}",
            passage.heading.as_deref().unwrap_or(""),
            passage.aliases.join(" "),
            passage.text
        );
        let folded = fold(&whole);
        let mut problems = Vec::new();
        for r in &self.requires {
            let Some(named) = first_found(&folded, &r.when) else {
                continue;
            };
            if !r.and_when.is_empty() && first_found(&folded, &r.and_when).is_none() {
                continue;
            }
            if first_found(&folded, &r.must_say).is_none() {
                problems.push(Problem::error(
                    path,
                    passage.line,
                    format!(
                        "safety rule {:?}: the passage names {named:?} but never says {}: {}",
                        r.id,
                        r.must_say
                            .iter()
                            .map(|t| format!("{t:?}"))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        r.reason
                    ),
                ));
            }
        }
        for r in &self.forbids {
            if !r.near.is_empty() && first_found(&folded, &r.near).is_none() {
                continue;
            }
            if let Some(said) = first_found(&folded, &r.phrases) {
                problems.push(Problem::error(
                    path,
                    passage.line,
                    format!(
                        "safety rule {:?}: the passage says {said:?}: {}",
                        r.id, r.reason
                    ),
                ));
            }
        }
        problems
    }

    /// Every rule broken anywhere in `doc`.
    pub fn check_document(&self, doc: &Document) -> Vec<Problem> {
        doc.passages
            .iter()
            .flat_map(|p| self.check_passage(&doc.path, p))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"
[[requires]]
id = "b-cell-only"
when = ["blinatumomab", "Blincyto"]
must_say = ["B-cell", "células B"]
reason = "for B-cell ALL only"

[[requires]]
id = "fever-threshold"
when = ["fever", "fiebre"]
and_when = ["infection", "infección"]
must_say = ["100.4", "38 °C"]
reason = "give the threshold"

[[forbids]]
id = "not-every-adult"
phrases = ["every adult", "todas las fases"]
reason = "regimens differ; say often"

[[forbids]]
id = "together-not-instead"
phrases = ["instead of chemotherapy"]
near = ["blinatumomab"]
reason = "blinatumomab is added to chemotherapy"
"#;

    fn rules() -> SafetyRules {
        let (rules, problems) = SafetyRules::parse(Path::new("safety.toml"), RULES);
        assert!(problems.is_empty(), "{problems:?}");
        rules
    }

    fn passage(text: &str) -> Passage {
        Passage {
            id: "d#p".into(),
            slug: "p".into(),
            key: "p".into(),
            heading: Some("A question".into()),
            markdown: text.into(),
            text: text.into(),
            line: 7,
            aliases: Vec::new(),
            phrasings: Vec::new(),
        }
    }

    fn broken(text: &str) -> Vec<String> {
        rules()
            .check_passage(Path::new("en/x.md"), &passage(text))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn requires_a_companion_term_whatever_the_case_accents_or_dashes() {
        let found = broken("Blinatumomab (Blincyto) is given by pump.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("en/x.md:7: error: safety rule \"b-cell-only\""));
        assert!(found[0].contains("for B-cell ALL only"));
        assert!(broken("Blinatumomab is for B\u{2011}cell ALL.").is_empty());
        assert!(broken("El blinatumomab es para la LLA de celulas B.").is_empty());
        assert!(broken("Nothing about the drug here.").is_empty());
    }

    #[test]
    fn requires_with_a_second_condition_only_fires_when_both_are_named() {
        assert!(broken("Fever can come with cytokine release.").is_empty());
        assert_eq!(
            broken("A fever may be the only sign of infection.").len(),
            1
        );
        assert!(broken("A fever of 100.4 °F may be the only sign of infection.").is_empty());
    }

    #[test]
    fn forbids_whole_phrases_and_respects_near() {
        assert_eq!(broken("Every adult gets CNS treatment.").len(), 1);
        assert_eq!(broken("Se da en TODAS las fases.").len(), 1);
        assert!(broken("Nearly every adultish word is fine.").is_empty());
        assert!(broken("Steroids instead of chemotherapy.").is_empty());
        assert_eq!(
            broken("Blinatumomab for B-cell ALL, instead of chemotherapy.").len(),
            1
        );
    }

    #[test]
    fn a_bad_rules_file_is_an_error_with_its_line() {
        let (rules, problems) =
            SafetyRules::parse(Path::new("s.toml"), "[[requires]]\nid = \"x\"\nwhen = 3\n");
        assert!(rules.is_empty());
        assert_eq!(problems[0].line, 3);
        let empty = "[[forbids]]\nid = \"y\"\nphrases = []\nreason = \"r\"\n";
        let (rules, problems) = SafetyRules::parse(Path::new("s.toml"), empty);
        assert!(rules.is_empty());
        assert!(problems[0].to_string().contains("must not be empty"));
        let unknown = "[[forbids]]\nid = \"y\"\nphrase = [\"a\"]\nreason = \"r\"\n";
        assert!(
            !SafetyRules::parse(Path::new("s.toml"), unknown)
                .1
                .is_empty()
        );
    }
}
