//! Which language a query is in, when the specialist did not say. Marks (`¿`, `ñ`, accents)
//! settle it for Spanish. Otherwise the words themselves: function and question words of one
//! language only ("la", "cuánto" written "cuanto" / "how", "the") count double, and each word
//! the language's passages know counts once. When that is close, both languages are searched
//! and the one whose best passage holds more of what was asked wins.

use super::{Found, SearchIndex, analysis, query};
use crate::domain::Lang;
use tantivy::{Searcher, Term};

/// Question and function words that tell a language, written unaccented, beyond the stop
/// words (which count too).
const EN_CUES: &[&str] = &[
    "how", "when", "why", "where", "much", "many", "after", "before", "from", "than", "not",
    "long", "get", "need", "husband", "wife", "son", "daughter", "mom", "dad",
];
const ES_CUES: &[&str] = &[
    "cuanto", "cuanta", "cuantos", "cuantas", "cuando", "despues", "antes", "durante", "hasta",
    "sin", "otra", "otro", "vez", "mucho", "muchos", "puedo", "debo", "hace", "dura", "duran",
    "esposo", "esposa", "hijo", "hija", "mama", "papa", "volvio", "necesita", "sirve",
];

/// A guess at the query's language, and whether the words made it clear.
pub struct Guess {
    pub lang: Lang,
    pub sure: bool,
}

/// Scores closer than this leave the language in doubt.
const CLEAR_MARGIN: usize = 2;

impl SearchIndex {
    pub(super) fn detect_lang(&self, searcher: &Searcher, text: &str) -> Guess {
        if text.chars().any(|c| "¿¡ñÑáéíóúÁÉÍÓÚ".contains(c)) {
            return Guess {
                lang: Lang::Es,
                sure: true,
            };
        }
        let known = |lang: Lang| -> usize {
            let fields = self.fields.of(lang);
            // The words as typed: synonyms span both languages and would blur the signal.
            query::plan(text, lang, &Default::default())
                .stems()
                .filter(|stem| {
                    searcher
                        .doc_freq(&Term::from_field_text(fields.body, stem))
                        .is_ok_and(|n| n > 0)
                })
                .count()
        };
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(analysis::fold)
            .collect();
        let score = |lang: Lang| known(lang) + 2 * cues(&words, lang);
        let (es, en) = (score(Lang::Es), score(Lang::En));
        Guess {
            lang: if es > en { Lang::Es } else { Lang::En },
            sure: es.abs_diff(en) >= CLEAR_MARGIN,
        }
    }
}

/// How many of `words` (folded) are function or question words of `lang` and not of the other.
fn cues(words: &[String], lang: Lang) -> usize {
    let is_cue = |lang: Lang, w: &str| {
        analysis::is_stop_word(lang, w)
            || match lang {
                Lang::En => EN_CUES.contains(&w),
                Lang::Es => ES_CUES.contains(&w),
            }
    };
    words
        .iter()
        .filter(|w| is_cue(lang, w) && !is_cue(lang.other(), w))
        .count()
}

/// Does `challenger` answer better than `found`: it has hits and `found` has none, or its best
/// passage was found by a stricter pass relative to the query's groups.
pub(super) fn answers_better(challenger: &Found, found: &Found) -> bool {
    let coverage = |f: &Found| {
        f.hits.first().map(|top| {
            let groups = f.plan.group_count().max(1);
            top.pass as f64 / groups as f64
        })
    };
    match (coverage(challenger), coverage(found)) {
        (Some(_), None) => true,
        (Some(theirs), Some(ours)) => theirs > ours,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        text.split(' ').map(analysis::fold).collect()
    }

    #[test]
    fn unaccented_spanish_question_words_are_cues() {
        assert_eq!(cues(&folded("cuanto dura"), Lang::Es), 2);
        assert_eq!(cues(&folded("cuanto dura"), Lang::En), 0);
        assert_eq!(cues(&folded("la leucemia volvio"), Lang::Es), 2);
        assert_eq!(cues(&folded("how long does it last"), Lang::En), 4);
    }
}
