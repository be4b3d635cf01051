//! Glossary terms in place: the first time a passage uses a term from the glossary (its name or
//! an alias), the word is wrapped in `<dfn>` carrying the definition, so the pane can show it on
//! hover or focus without leaving the answer. Built once per index from the glossary documents.

use crate::content::Corpus;
use crate::content::markdown::escape_html;
use crate::domain::Lang;
use std::collections::HashSet;

struct Entry {
    /// Lowercase names and aliases, longest first.
    needles: Vec<String>,
    definition: String,
}

#[derive(Default)]
pub struct GlossaryMarks {
    entries: [Vec<Entry>; 2],
}

/// "Lumbar puncture (LP)" → ["lumbar puncture (lp)", "lumbar puncture", "lp"].
fn names(heading: &str, aliases: &[String]) -> Vec<String> {
    let mut out = vec![heading.to_lowercase()];
    if let Some((name, rest)) = heading.split_once(" (") {
        out.push(name.trim().to_lowercase());
        out.push(rest.trim_end_matches(')').trim().to_lowercase());
    }
    out.extend(aliases.iter().map(|a| a.to_lowercase()));
    out.retain(|n| n.chars().count() >= 2);
    out.sort_by_key(|n| std::cmp::Reverse(n.len()));
    out.dedup();
    out
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

impl GlossaryMarks {
    pub fn build(corpus: &Corpus) -> GlossaryMarks {
        let mut marks = GlossaryMarks::default();
        for doc in corpus.documents().iter().filter(|d| d.topic == "glossary") {
            for passage in &doc.passages {
                let Some(heading) = &passage.heading else {
                    continue;
                };
                let definition = passage
                    .text
                    .split("\n\n")
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                marks.entries[doc.lang as usize].push(Entry {
                    needles: names(heading, &passage.aliases),
                    definition,
                });
            }
        }
        marks
    }

    /// Byte ranges in `text` of terms not yet in `used` (entry indexes), with their definitions.
    pub fn find(
        &self,
        lang: Lang,
        text: &str,
        used: &mut HashSet<usize>,
    ) -> Vec<(usize, usize, &str)> {
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            return Vec::new(); // lowercasing changed byte offsets; leave this run unmarked
        }
        // A name can only stand in the text if its first word does, as a whole word: looking
        // that up first spares searching the text for every name of the glossary.
        let words: HashSet<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let may_hold = |needle: &str| match needle.split(|c: char| !c.is_alphanumeric()).next() {
            Some(first) if !first.is_empty() => words.contains(first),
            _ => true,
        };
        let mut found: Vec<(usize, usize, &str)> = Vec::new();
        for (i, entry) in self.entries[lang as usize].iter().enumerate() {
            if used.contains(&i) {
                continue;
            }
            let hit = entry
                .needles
                .iter()
                .filter(|n| may_hold(n))
                .find_map(|needle| {
                    lower
                        .match_indices(needle.as_str())
                        .map(|(at, _)| at)
                        .find(|&at| {
                            let end = at + needle.len();
                            !is_word_char(lower[..at].chars().next_back())
                                && !is_word_char(lower[end..].chars().next())
                                && !found.iter().any(|&(s, e, _)| at < e && s < end)
                        })
                        .map(|at| (at, at + needle.len()))
                });
            if let Some((start, end)) = hit {
                used.insert(i);
                found.push((start, end, entry.definition.as_str()));
            }
        }
        found.sort_by_key(|&(start, _, _)| start);
        found
    }
}

/// Opening tag for a glossary term with its definition.
pub fn open_tag(definition: &str) -> String {
    let def = escape_html(definition);
    format!("<dfn class=\"gloss\" tabindex=\"0\" title=\"{def}\" data-def=\"{def}\">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_include_the_parts_of_a_heading() {
        assert_eq!(
            names("Lumbar puncture (LP)", &["spinal tap".into()]),
            [
                "lumbar puncture (lp)",
                "lumbar puncture",
                "spinal tap",
                "lp"
            ]
        );
    }
}
