//! Synonym groups from `content/synonyms.toml`: words and phrases that mean the same to a
//! caller or a specialist ("spinal tap" = "lumbar puncture" = "LP"; "6-MP" = "mercaptopurine").
//! Parsing and validation live here; the search engine expands queries with them.

use super::problem::Problem;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// One group of interchangeable terms; the first is the preferred one.
#[derive(Clone, Debug)]
pub struct SynonymGroup {
    pub terms: Vec<String>,
    /// How to say the preferred term aloud, when it is an abbreviation.
    pub spoken: Option<String>,
    /// For a disease the content does not cover (CLL, AML, childhood ALL): the English
    /// passage (`<doc id>#<slug>`) that explains how it differs from adult ALL. A query naming
    /// the group is told so, and that passage (or its twin) comes first.
    pub not_covered: Option<String>,
    /// With `not_covered`: a query stating a person's age below this ("my son is 7", "mi hija
    /// de 9 años") names the group too (childhood ALL).
    pub ages_below: Option<u8>,
    /// The English passage put first for such a query (a parent asking about their own
    /// child); `not_covered`'s when not given.
    pub age_passage: Option<String>,
    /// 1-based line of the group's `[[group]]` header.
    pub line: usize,
}

/// Every group, with a lookup from a term's compact form (see `compact`) to its group.
#[derive(Clone, Debug, Default)]
pub struct Synonyms {
    groups: Vec<SynonymGroup>,
    by_compact: HashMap<String, usize>,
    /// Most chunks (white-space separated pieces) a term spans.
    longest: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    group: Vec<GroupEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupEntry {
    terms: Vec<String>,
    #[serde(default)]
    spoken: Option<String>,
    #[serde(default)]
    not_covered: Option<String>,
    #[serde(default)]
    ages_below: Option<u8>,
    #[serde(default)]
    age_passage: Option<String>,
}

/// A term as it is matched: lowercase, accents folded, and everything but letters and digits
/// dropped — except a final `+` or `-`, which mean positive and negative ("Ph+", "Ph-").
/// So "6-MP", "6mp" and "6 MP" meet, and "BCR::ABL1" meets "bcr-abl1".
pub fn compact(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut out: String = folded.chars().filter(char::is_ascii_alphanumeric).collect();
    let tail = folded.trim_end();
    if !out.is_empty() && (tail.ends_with('+') || (tail.ends_with('-') && !tail.ends_with("--"))) {
        out.push(tail.chars().last().unwrap_or('+'));
    }
    out
}

/// Articles and possessives, English and Spanish, that a phrase may say any way: "sores in
/// her mouth" is the listed "sores in the mouth", "end his life" is "end my life".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "my", "their", "your", "our", "its", "el", "la", "los", "las",
    "un", "una", "unos", "unas", "su", "sus", "mi", "mis", "tu", "tus",
];

/// Spanish contractions of a preposition and the article: "caída del pelo" is "caída de el
/// pelo", so "caída de su pelo" names it too.
const CONTRACTIONS: &[(&str, [&str; 2])] = &[("del", ["de", "el"]), ("al", ["a", "el"])];

/// The key a phrase of `pieces` (already `compact`) is found by: a determiner among two or more
/// words stands for any determiner (a contraction's article too).
fn phrase_key(pieces: impl Iterator<Item = String>) -> String {
    let pieces: Vec<String> = pieces.collect();
    let phrase = pieces.len() > 1;
    let words = pieces.into_iter().flat_map(|p| {
        match CONTRACTIONS.iter().find(|(c, _)| phrase && *c == p) {
            Some((_, parts)) => parts.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            None => vec![p],
        }
    });
    words
        .map(|p| match phrase && DETERMINERS.contains(&p.as_str()) {
            true => "_".to_string(),
            false => p,
        })
        .collect()
}

/// A run of a query's chunks that names a synonym group.
#[derive(Clone, Debug, PartialEq)]
pub struct SynonymMatch {
    /// Byte range in the query.
    pub from: usize,
    pub to: usize,
    pub group: usize,
}

impl Synonyms {
    /// Parses `text`, the contents of `path`. Problems are errors: a file that does not parse,
    /// an empty group, a term given twice (naming both lines).
    pub fn parse(path: &Path, text: &str) -> (Synonyms, Vec<Problem>) {
        let mut problems = Vec::new();
        let file: File = match toml::from_str(text) {
            Ok(file) => file,
            Err(err) => {
                problems.push(Problem::from_toml(path, text, &err, "synonyms"));
                return (Synonyms::default(), problems);
            }
        };
        let header_lines = header_lines(text, "[[group]]");
        let mut synonyms = Synonyms::default();
        let mut seen: HashMap<String, (usize, String)> = HashMap::new();
        for (i, entry) in file.group.into_iter().enumerate() {
            let line = header_lines.get(i).copied().unwrap_or(1);
            let terms: Vec<String> = entry
                .terms
                .iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            if terms.is_empty() {
                problems.push(Problem::error(path, line, "a synonym group has no terms"));
                continue;
            }
            let index = synonyms.groups.len();
            for term in &terms {
                let key = phrase_key(chunks(term).into_iter().map(|(f, t)| compact(&term[f..t])));
                if key.is_empty() {
                    problems.push(Problem::error(
                        path,
                        line,
                        format!("term {term:?} has no letters or digits"),
                    ));
                    continue;
                }
                if let Some((other_line, other_term)) = seen.get(&key) {
                    if *other_line == line {
                        problems.push(Problem::warning(
                            path,
                            line,
                            format!("term {term:?} is {other_term:?} again once case, punctuation, articles and possessives are ignored (both already match); it can go"),
                        ));
                        continue;
                    }
                    problems.push(Problem::error(
                        path,
                        line,
                        format!("term {term:?} is also in the group on line {other_line} (as {other_term:?}); a term may be in one group only"),
                    ));
                    continue;
                }
                seen.insert(key.clone(), (line, term.clone()));
                synonyms.by_compact.insert(key, index);
                // A contraction stands for two words a query may write apart ("del" for "de su").
                let words = term.split_whitespace().count();
                let contracted = term
                    .split_whitespace()
                    .filter(|w| CONTRACTIONS.iter().any(|(c, _)| w.eq_ignore_ascii_case(c)))
                    .count();
                synonyms.longest = synonyms.longest.max(words + contracted);
            }
            if (entry.ages_below.is_some() || entry.age_passage.is_some())
                && (entry.not_covered.is_none() || entry.ages_below.is_none())
            {
                problems.push(Problem::error(
                    path,
                    line,
                    "ages_below (and age_passage) need not_covered and each other's company: ages_below says which ages the uncovered passage is for",
                ));
            }
            synonyms.groups.push(SynonymGroup {
                terms,
                spoken: entry.spoken,
                not_covered: entry.not_covered.map(|p| p.trim().to_string()),
                ages_below: entry.ages_below,
                age_passage: entry.age_passage.map(|p| p.trim().to_string()),
                line,
            });
        }
        (synonyms, problems)
    }

    pub fn groups(&self) -> &[SynonymGroup] {
        &self.groups
    }

    pub fn group(&self, index: usize) -> &SynonymGroup {
        &self.groups[index]
    }

    /// The group (with `not_covered`) whose `ages_below` takes in `age`.
    pub fn for_age(&self, age: u8) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.not_covered.is_some() && g.ages_below.is_some_and(|below| age < below))
    }

    /// The groups named in `query`, longest match first, left to right, not overlapping. A
    /// single word that `is_common` says is an everyday word ("it", "us") names a group only
    /// when written in capitals ("IT" for intrathecal, "US").
    pub fn find(&self, query: &str, is_common: impl Fn(&str) -> bool) -> Vec<SynonymMatch> {
        let chunks = chunks(query);
        let mut found = Vec::new();
        let mut i = 0;
        while i < chunks.len() {
            let longest = self.longest.min(chunks.len() - i);
            let hit = (1..=longest).rev().find_map(|k| {
                let key = phrase_key(chunks[i..i + k].iter().map(|&(f, t)| compact(&query[f..t])));
                let piece = &query[chunks[i].0..chunks[i + k - 1].1];
                if k == 1 && is_common(&key) && piece.chars().any(char::is_lowercase) {
                    return None;
                }
                self.by_compact.get(&key).map(|&group| (k, group))
            });
            match hit {
                Some((k, group)) => {
                    found.push(SynonymMatch {
                        from: chunks[i].0,
                        to: chunks[i + k - 1].1,
                        group,
                    });
                    i += k;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// Byte ranges of a query's white-space separated pieces, without surrounding punctuation
/// (a final `+` or `-` stays: it is part of "Ph+").
fn chunks(query: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in query
        .char_indices()
        .chain(std::iter::once((query.len(), ' ')))
    {
        match (start, c.is_whitespace()) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let piece = &query[s..i];
                let lead = piece.len()
                    - piece
                        .trim_start_matches(|c: char| !c.is_alphanumeric())
                        .len();
                let trimmed =
                    piece.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '-');
                if lead < trimmed.len() {
                    out.push((s + lead, s + trimmed.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// 1-based lines where each `header` (e.g. `[[group]]`) stands, in order.
pub fn header_lines(text: &str, header: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, _)| i + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "[[group]]\nterms = [\"lumbar puncture\", \"spinal tap\", \"LP\"]\n\n[[group]]\nterms = [\"6-MP\", \"mercaptopurine\"]\nspoken = \"six M P\"\n\n[[group]]\nterms = [\"Ph+\", \"Philadelphia positive\"]\n\n[[group]]\nterms = [\"Ph-\", \"Philadelphia negative\"]\n";

    fn parse(text: &str) -> (Synonyms, Vec<Problem>) {
        Synonyms::parse(Path::new("synonyms.toml"), text)
    }

    #[test]
    fn abbreviations_meet_however_they_are_typed() {
        assert_eq!(compact("6-MP"), compact("6mp"));
        assert_eq!(compact("BCR::ABL1"), compact("bcr-abl1"));
        assert_ne!(compact("Ph+"), compact("Ph-"));
        assert_eq!(compact("Punción"), "puncion");
    }

    #[test]
    fn finds_groups_in_a_query_longest_first() {
        let (syn, problems) = parse(FILE);
        assert!(problems.is_empty(), "{problems:?}");
        let q = "spinal tap and 6 mp, ph+ or Ph- ?";
        let found: Vec<(&str, usize)> = syn
            .find(q, |_| false)
            .iter()
            .map(|m| (&q[m.from..m.to], m.group))
            .collect();
        assert_eq!(
            found,
            [("spinal tap", 0), ("6 mp", 1), ("ph+", 2), ("Ph-", 3)]
        );
    }

    #[test]
    fn a_phrase_says_its_articles_and_possessives_any_way() {
        let (syn, _) = parse("[[group]]\nterms = [\"sores in the mouth\", \"mucositis\"]\n");
        for q in [
            "sores in her mouth",
            "sores in my mouth",
            "Sores in the mouth",
            "sores in la mouth",
        ] {
            assert_eq!(syn.find(q, |_| false).len(), 1, "{q}");
        }
        assert!(syn.find("sores in mouth", |_| false).is_empty());
        assert!(syn.find("sores on the mouth", |_| false).is_empty());
    }

    #[test]
    fn a_spanish_contraction_holds_an_article() {
        let (syn, _) =
            parse("[[group]]\nterms = [\"caída del pelo\", \"resistente al tratamiento\"]\n");
        for q in [
            "caída de su pelo",
            "caida de la pelo",
            "caída del pelo",
            "resistente a su tratamiento",
            "resistente al tratamiento",
        ] {
            assert_eq!(syn.find(q, |_| false).len(), 1, "{q}");
        }
        assert!(syn.find("caída de pelo", |_| false).is_empty());
        assert!(syn.find("resistente tratamiento", |_| false).is_empty());
    }

    #[test]
    fn everyday_words_name_a_group_only_in_capitals() {
        let (syn, _) = parse(FILE);
        let common = |w: &str| w == "lp";
        assert!(syn.find("is lp needed", common).is_empty());
        assert_eq!(syn.find("is LP needed", common).len(), 1);
        assert_eq!(syn.find("lumbar puncture", common).len(), 1);
    }

    #[test]
    fn a_term_in_two_groups_names_both_lines() {
        let text = format!("{FILE}\n[[group]]\nterms = [\"spinal-tap\", \"needle\"]\n");
        let (_, problems) = parse(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 14);
        assert!(problems[0].message.contains("line 1"), "{}", problems[0]);
    }

    #[test]
    fn empty_groups_and_bad_toml_are_errors() {
        let (_, problems) = parse("[[group]]\nterms = [\" \"]\n");
        assert_eq!((problems[0].line, problems[0].is_error()), (1, true));
        let (_, problems) = parse("[[group]]\nterms = [\"a\", \n");
        assert!(problems[0].is_error());
        let (_, problems) = parse("[[group]]\nterm = [\"a\", \"b\"]\n");
        assert!(problems[0].message.contains("term"), "{problems:?}");
    }

    #[test]
    fn an_age_limit_needs_a_group_the_content_does_not_cover() {
        let (_, problems) = parse("[[group]]\nterms = [\"kids\"]\nages_below = 15\n");
        assert!(problems[0].message.contains("ages_below"), "{problems:?}");
        let (synonyms, problems) = parse(
            "[[group]]\nterms = [\"childhood ALL\"]\nnot_covered = \"a#b\"\nages_below = 15\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            (synonyms.for_age(14), synonyms.for_age(15)),
            (Some(0), None)
        );
    }
}
