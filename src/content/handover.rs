//! Handing an answer over: the text a specialist pastes into a chat (passage, source line,
//! public link, disclaimer) and the version they read aloud on the phone (no links, the first
//! use of each abbreviation spelled out from the synonyms file).

use super::helpline::HelplineFacts;
use super::model::{Document, Passage};
use super::synonyms::Synonyms;
use crate::domain::Lang;

/// The passage ready to paste into a live chat.
pub fn chat_text(doc: &Document, passage: &Passage, helpline: Option<&HelplineFacts>) -> String {
    let mut out = passage.text.clone();
    let (source, reviewed) = match doc.lang {
        Lang::En => ("Source", "reviewed"),
        Lang::Es => ("Fuente", "revisado el"),
    };
    let section = passage
        .heading
        .as_deref()
        .map(|h| format!(" — {h}"))
        .unwrap_or_default();
    out.push_str(&format!(
        "\n\n{source}: {}{section}, {reviewed} {}",
        doc.title, doc.last_reviewed
    ));
    if let Some(url) = &doc.public_url {
        out.push_str(&format!("\n{}#{}", url.trim_end_matches('/'), passage.slug));
    }
    if let Some(facts) = helpline {
        let disclaimer = match doc.lang {
            Lang::En => &facts.disclaimer,
            Lang::Es => &facts.disclaimer_es,
        };
        out.push_str(&format!("\n{disclaimer}"));
    }
    out
}

/// The passage as read aloud: list dashes dropped, links left out, and the first use of an
/// abbreviation replaced by how it is said, unless it was already spelled out before.
pub fn phone_text(passage: &Passage, synonyms: &Synonyms) -> String {
    let mut text: String = passage
        .text
        .lines()
        .map(|line| line.strip_prefix("- ").unwrap_or(line))
        .filter(|line| !line.trim_start().starts_with("http"))
        .collect::<Vec<_>>()
        .join("\n");
    for group in synonyms.groups() {
        let Some(spoken) = &group.spoken else {
            continue;
        };
        let first_use = group
            .terms
            .iter()
            .filter(|t| is_abbreviation(t))
            .filter_map(|t| find_word(&text, t).map(|at| (at, t.len())))
            .min();
        if let Some((at, len)) = first_use
            && !text[..at].to_lowercase().contains(&spoken.to_lowercase())
        {
            text.replace_range(at..at + len, spoken);
        }
    }
    text
}

/// "MRD", "G-CSF", "Ph+", "CAR T": short, with at least two capitals.
fn is_abbreviation(term: &str) -> bool {
    term.len() <= 12 && term.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// Byte position of the first whole-word, case-sensitive occurrence of `word`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        boundary(text[..at].chars().next_back()) && boundary(text[at + word.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn passage(text: &str) -> Passage {
        Passage {
            id: "d#s".into(),
            slug: "s".into(),
            key: "s".into(),
            heading: Some("What is MRD?".into()),
            markdown: text.into(),
            text: text.into(),
            line: 1,
            aliases: Vec::new(),
            phrasings: Vec::new(),
        }
    }

    fn synonyms() -> Synonyms {
        let text = "[[group]]\nterms = [\"MRD\", \"minimal residual disease\"]\nspoken = \"measurable residual disease\"\n\n\
                    [[group]]\nterms = [\"ALL\", \"acute lymphocytic leukemia\"]\nspoken = \"acute lymphocytic leukemia\"\n";
        Synonyms::parse(Path::new("s.toml"), text).0
    }

    #[test]
    fn the_first_abbreviation_is_said_in_full_once() {
        let read = phone_text(
            &passage("MRD testing looks for MRD after induction in ALL."),
            &synonyms(),
        );
        assert_eq!(
            read,
            "measurable residual disease testing looks for MRD after induction in acute lymphocytic leukemia."
        );
    }

    #[test]
    fn an_abbreviation_already_spelled_out_stays() {
        let read = phone_text(
            &passage("Acute lymphocytic leukemia (ALL) is treated in phases.\n- first\n- second"),
            &synonyms(),
        );
        assert_eq!(
            read,
            "Acute lymphocytic leukemia (ALL) is treated in phases.\nfirst\nsecond"
        );
    }

    #[test]
    fn words_inside_other_words_are_not_abbreviations() {
        assert_eq!(find_word("SMALL ALL", "ALL"), Some(6));
        assert_eq!(find_word("ALLOW", "ALL"), None);
    }
}
