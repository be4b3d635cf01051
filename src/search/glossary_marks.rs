//! Glossary terms in place: the first time a passage uses a term from the glossary (its name or
//! an alias), the word is wrapped in `<dfn>` carrying the definition, so the pane can show it on
//! hover or focus without leaving the answer. Built once per index from the glossary documents.

use crate::content::Corpus;
use crate::content::markdown::escape_html;
use crate::domain::Lang;
use std::collections::HashSet;

struct Entry {
    /// Names and aliases, longest first.
    needles: Vec<Needle>,
    definition: String,
}

/// One way a term is written. An abbreviation in capitals ("IT", "ALL", "LP") matches only in
/// capitals, so that "it" or "all" in a sentence is not taken for it; other names match in
/// any case (stored lowercase).
#[derive(Debug, PartialEq, Eq)]
struct Needle {
    text: String,
    exact_case: bool,
}

fn is_abbreviation(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

#[derive(Default)]
pub struct GlossaryMarks {
    entries: [Vec<Entry>; 2],
}

/// "Lumbar puncture (LP)" → "lumbar puncture (lp)", "lumbar puncture", "LP" (in capitals only).
fn names(heading: &str, aliases: &[String]) -> Vec<Needle> {
    let mut raw = vec![heading.to_string()];
    if let Some((name, rest)) = heading.split_once(" (") {
        raw.push(name.trim().to_string());
        raw.push(rest.trim_end_matches(')').trim().to_string());
    }
    raw.extend(aliases.iter().cloned());
    let mut out: Vec<Needle> = raw
        .into_iter()
        .filter(|n| n.chars().count() >= 2)
        .map(|n| {
            if is_abbreviation(&n) {
                Needle {
                    text: n,
                    exact_case: true,
                }
            } else {
                Needle {
                    text: n.to_lowercase(),
                    exact_case: false,
                }
            }
        })
        .collect();
    out.sort_by_key(|n| std::cmp::Reverse(n.text.len()));
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
        let may_hold =
            |needle: &Needle| match needle.text.split(|c: char| !c.is_alphanumeric()).next() {
                Some(first) if !first.is_empty() => words.contains(first.to_lowercase().as_str()),
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
                    let haystack = if needle.exact_case { text } else { &lower };
                    haystack
                        .match_indices(needle.text.as_str())
                        .map(|(at, _)| at)
                        .find(|&at| {
                            let end = at + needle.text.len();
                            !is_word_char(lower[..at].chars().next_back())
                                && !is_word_char(lower[end..].chars().next())
                                && !found.iter().any(|&(s, e, _)| at < e && s < end)
                        })
                        .map(|at| (at, at + needle.text.len()))
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

impl GlossaryMarks {
    /// `markdown` of a passage of `doc` rendered as the pane renders it without a query: safe
    /// HTML with the first use of each glossary term explained (the editor's preview).
    pub fn render(&self, doc: &crate::content::Document, markdown: &str) -> String {
        let mut used = HashSet::new();
        let mark_terms = doc.topic != "glossary";
        crate::content::markdown::to_html(markdown, &mut |text| {
            let mut out = String::with_capacity(text.len() + 32);
            let mut at = 0;
            if mark_terms {
                for (start, end, definition) in self.find(doc.lang, text, &mut used) {
                    out.push_str(&escape_html(&text[at..start]));
                    out.push_str(&open_tag(definition));
                    out.push_str(&escape_html(&text[start..end]));
                    out.push_str("</dfn>");
                    at = end;
                }
            }
            out.push_str(&escape_html(&text[at..]));
            out
        })
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
        let texts: Vec<(String, bool)> = names("Lumbar puncture (LP)", &["spinal tap".into()])
            .into_iter()
            .map(|n| (n.text, n.exact_case))
            .collect();
        assert_eq!(
            texts,
            [
                ("lumbar puncture (lp)".to_string(), false),
                ("lumbar puncture".to_string(), false),
                ("spinal tap".to_string(), false),
                ("LP".to_string(), true),
            ]
        );
    }

    #[test]
    fn an_abbreviation_in_capitals_is_not_found_in_an_ordinary_word() {
        let marks = GlossaryMarks {
            entries: [
                vec![Entry {
                    needles: names("Intrathecal (IT)", &[]),
                    definition: "Into the spinal fluid.".into(),
                }],
                Vec::new(),
            ],
        };
        let mut used = HashSet::new();
        assert!(
            marks
                .find(Lang::En, "which makes it the longest", &mut used)
                .is_empty()
        );
        let found = marks.find(Lang::En, "IT chemotherapy is given", &mut used);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (0, 2));
        let mut used = HashSet::new();
        assert_eq!(
            marks.find(Lang::En, "Intrathecal chemo", &mut used).len(),
            1
        );
    }
}

#[cfg(test)]
mod render_tests {
    use super::*;
    use crate::content::fixture::TestDoc;

    #[test]
    fn a_rendered_passage_explains_its_first_glossary_term_and_escapes_the_rest() {
        let marks = GlossaryMarks {
            entries: [
                vec![Entry {
                    needles: names("Intrathecal (IT)", &[]),
                    definition: "Into the spinal fluid.".into(),
                }],
                Vec::new(),
            ],
        };
        let doc = TestDoc::new("cns", "en", "## A\nx\n").parse();
        let html = marks.render(&doc, "Intrathecal chemo <b>, then intrathecal again.");
        assert_eq!(html.matches("<dfn class=\"gloss\"").count(), 1, "{html}");
        assert!(
            html.contains("data-def=\"Into the spinal fluid.\">Intrathecal</dfn>"),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }
}
