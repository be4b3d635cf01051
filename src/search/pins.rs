//! Passages put first whatever the ranking says: the one a supervisor linked to the query
//! (from the content-gap queue), and, for a query naming a disease the content does not cover
//! (a synonym group with `not_covered`), the passage that explains how it differs from adult
//! ALL — with a note on every hit's chat and phone text, so that no ALL passage goes out as
//! the answer about another disease. A child's age stated in the query ("my 7 year old")
//! counts as naming childhood ALL.

use super::SearchIndex;
use super::analysis;
use super::highlight::Highlighter;
use super::stated_age::stated_age;
use crate::content::Corpus;
use crate::domain::{Lang, Pinned, SearchHit, Why};
use std::collections::HashMap;

/// A link as stored: the group's normalized form when it was linked, the passage's language
/// and id, and a way the group was typed (redacted).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredLink {
    pub normalized: String,
    pub lang: Lang,
    pub passage_id: String,
    pub example: String,
}

/// Query groups supervisors linked to passages, keyed by normalized form → (passage language,
/// passage). A link is found by the key it was stored under and by its example normalized
/// with the synonyms served now, so a link keeps working when the synonyms or the query rules
/// change what its words normalize to.
#[derive(Debug, Default)]
pub struct QueryLinks {
    stored: Vec<StoredLink>,
    by_normalized: HashMap<String, (Lang, String)>,
}

impl QueryLinks {
    pub fn new(stored: Vec<StoredLink>, corpus: &Corpus) -> QueryLinks {
        let mut by_normalized: HashMap<String, (Lang, String)> = stored
            .iter()
            .map(|l| (l.normalized.clone(), (l.lang, l.passage_id.clone())))
            .collect();
        for link in &stored {
            let key =
                super::normalize::normalized_query(&link.example, link.lang, &corpus.synonyms);
            if !key.is_empty() {
                // A key another link was stored under stays that link's.
                by_normalized
                    .entry(key)
                    .or_insert_with(|| (link.lang, link.passage_id.clone()));
            }
        }
        QueryLinks {
            stored,
            by_normalized,
        }
    }

    /// The same links keyed for `corpus` (new content may bring new synonyms).
    pub fn rekeyed(&self, corpus: &Corpus) -> QueryLinks {
        QueryLinks::new(self.stored.clone(), corpus)
    }

    /// How many links (each may be found under two keys).
    pub fn len(&self) -> usize {
        self.stored.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_normalized.is_empty()
    }

    /// The passages linked to `text` (already redacted, as the log has it), found by its
    /// normalized form in each language: what `SearchIndex::search_linked` takes.
    pub fn linked(&self, text: &str, corpus: &Corpus) -> Vec<(Lang, String)> {
        if self.is_empty() {
            return Vec::new();
        }
        Lang::ALL
            .into_iter()
            .filter_map(|lang| {
                let key = super::normalize::normalized_query(text, lang, &corpus.synonyms);
                self.by_normalized.get(&key).cloned()
            })
            .collect()
    }
}

/// A query naming a disease the content does not cover.
pub struct NotCovered {
    /// The words that name it, as typed.
    pub typed: String,
    /// The passage explaining the difference, in the answer's language.
    pub passage_id: String,
    /// The synonym group that names the disease.
    group: usize,
}

impl NotCovered {
    /// Should the explaining passage be put first, above `first`? Not when `first` names the
    /// disease itself (it then speaks of that disease beside ALL, as a question comparing them
    /// needs: "nilotinib for ALL or only CML"). A passage of the same document whose heading
    /// and text do not name it ("my child has ALL" for a question about CLL) is about
    /// something else.
    pub fn should_pin(&self, corpus: &Corpus, first: Option<&SearchHit>) -> bool {
        let Some(first) = first else { return true };
        // The passage itself, not its document's title ("ALL compared with AML, CLL, CML and
        // lymphoma" names every disease for each of its passages).
        let text = format!("{}\n{}", first.heading, first.text);
        let names_it = corpus
            .synonyms
            .find(&text, |_| false)
            .iter()
            .any(|m| m.group == self.group);
        !names_it
    }
}

/// The first group of synonyms in `text` that names a disease the content does not cover;
/// failing that, a child's age stated in `text` names the group for children's ALL.
pub fn not_covered(corpus: &Corpus, text: &str, lang: Lang) -> Option<NotCovered> {
    let synonyms = &corpus.synonyms;
    // The passage `english` names in `lang`, else the group's `not_covered` one.
    let named = |group: usize, typed: String, english: Option<&str>| {
        let fallback = synonyms.group(group).not_covered.as_deref();
        let passage = [english, fallback]
            .into_iter()
            .flatten()
            .find_map(|id| corpus.passage_in(id, lang))?;
        Some(NotCovered {
            typed,
            passage_id: passage.id.clone(),
            group,
        })
    };
    synonyms
        .find(text, |word| analysis::is_stop_word(lang, word))
        .into_iter()
        .find_map(|m| named(m.group, text[m.from..m.to].to_string(), None))
        .or_else(|| {
            let age = stated_age(text, lang)?;
            let group = synonyms.for_age(age)?;
            let passage = synonyms.group(group).age_passage.as_deref();
            named(group, children_words(lang).to_string(), passage)
        })
}

/// What a child's age is told as, in the note and the banner.
fn children_words(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "ALL in children",
        Lang::Es => "la LLA en niños",
    }
}

/// The line put before a hit's chat and phone text when the query named another disease.
pub fn not_covered_note(lang: Lang, typed: &str) -> String {
    match lang {
        Lang::En => format!(
            "Please note: this information is about acute lymphocytic leukemia (ALL) in adults. It does not describe {typed}.\n\n"
        ),
        Lang::Es => format!(
            "Tenga en cuenta: esta información trata de la leucemia linfocítica aguda (LLA) en adultos. No describe {typed}.\n\n"
        ),
    }
}

impl SearchIndex {
    /// Puts the passage linked to the query first (in the answer's language; in its own when
    /// nothing else was found, which sets `lang`), or, for a query naming a disease the content
    /// does not cover, the passage explaining the difference; and notes that disease before
    /// every hit's chat and phone text. Returns the words naming it.
    pub(super) fn apply_pins(
        &self,
        text: &str,
        lang: &mut Lang,
        hits: &mut Vec<SearchHit>,
        linked: &[(Lang, String)],
        highlighter: &mut Highlighter,
        limit: usize,
    ) -> Option<String> {
        let not_covered = not_covered(&self.corpus, text, *lang);
        let link = linked
            .iter()
            .find(|(l, _)| l == lang)
            .or_else(|| linked.first().filter(|_| hits.is_empty()));
        if let Some((link_lang, passage)) = link {
            *lang = *link_lang;
            self.pin_first(hits, passage, Pinned::Linked, highlighter, limit);
        } else if let Some(nc) = &not_covered
            && nc.should_pin(&self.corpus, hits.first())
        {
            self.pin_first(hits, &nc.passage_id, Pinned::NotCovered, highlighter, limit);
        }
        let nc = not_covered?;
        let note = not_covered_note(*lang, &nc.typed);
        // A hit sent light has no copy texts to put the note before.
        for hit in hits.iter_mut().filter(|h| !h.partial) {
            hit.chat_text.insert_str(0, &note);
            hit.phone_text.insert_str(0, &note);
        }
        Some(nc.typed)
    }

    /// Puts `passage_id` first in `hits` (moving it up when it is there, rendering it when it
    /// is not), keeping at most `limit` hits. Unknown passages change nothing.
    fn pin_first(
        &self,
        hits: &mut Vec<SearchHit>,
        passage_id: &str,
        reason: Pinned,
        highlighter: &mut Highlighter,
        limit: usize,
    ) {
        let at = hits.iter().position(|h| h.passage_id == passage_id);
        let hit = match at.map(|at| hits.remove(at)) {
            Some(hit) if !hit.partial => Some(hit),
            // Sent light where it stood: the first hit comes whole (or light, if it cannot be
            // made: never lost).
            Some(light) => Some(
                match self
                    .corpus
                    .position_of(passage_id)
                    .and_then(|(d, p)| self.hit_for(d, p, light.score, highlighter))
                {
                    Some(whole) => SearchHit {
                        why: light.why,
                        ..whole
                    },
                    None => light,
                },
            ),
            None => self.corpus.position_of(passage_id).and_then(|(d, p)| {
                let score = hits.first().map_or(0.0, |h| h.score);
                self.hit_for(d, p, score, highlighter)
            }),
        };
        let Some(mut hit) = hit else { return };
        let why = hit.why.get_or_insert_with(Why::default);
        why.pinned = Some(reason);
        hits.insert(0, hit);
        hits.truncate(limit.max(1));
    }
}
