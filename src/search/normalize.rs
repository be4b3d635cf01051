//! One key per way of asking the same thing, for grouping logged searches: case, accents,
//! stop words and word endings are ignored (the search's own analysis), and every synonym of a
//! group stands for the whole group. "Punción lumbar?" and "spinal taps" share a key when the
//! synonyms file says they are the same thing.

use super::query;
use crate::content::synonyms::Synonyms;
use crate::domain::{Lang, MAX_QUERY_CHARS};

/// The normalized form of `text` searched in `lang`: the groups' canonical stems, sorted and
/// joined by spaces. Empty when nothing in `text` is searchable.
pub fn normalized_query(text: &str, lang: Lang, synonyms: &Synonyms) -> String {
    // A trailing space: a logged search is finished, its last word is not a prefix.
    let cleaned = format!("{} ", query::clean(text, MAX_QUERY_CHARS));
    let plan = query::plan(&cleaned, lang, synonyms);
    let mut keys: Vec<String> = plan
        .groups
        .iter()
        .filter_map(|group| {
            group
                .alternatives
                .iter()
                .map(|alternative| {
                    alternative
                        .iter()
                        .map(|(_, stem)| stem.as_str())
                        .collect::<Vec<_>>()
                        .join("_")
                })
                .min()
        })
        .filter(|key| !key.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    keys.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn synonyms() -> Synonyms {
        let text = "[[group]]\nterms = [\"lumbar puncture\", \"spinal tap\", \"punción lumbar\"]\n";
        let (synonyms, problems) = Synonyms::parse(Path::new("synonyms.toml"), text);
        assert!(problems.is_empty(), "{problems:?}");
        synonyms
    }

    #[test]
    fn case_accents_stop_words_and_endings_do_not_matter() {
        let s = synonyms();
        assert_eq!(
            normalized_query("How long does MAINTENANCE last?", Lang::En, &s),
            normalized_query("how LONG maintenance lasts", Lang::En, &s)
        );
        assert_eq!(
            normalized_query("¿Cuánto dura el mantenimiento?", Lang::Es, &s),
            normalized_query("cuanto dura mantenimiento", Lang::Es, &s)
        );
    }

    #[test]
    fn synonyms_share_one_key() {
        let s = synonyms();
        let tap = normalized_query("spinal tap pain", Lang::En, &s);
        assert_eq!(tap, normalized_query("lumbar puncture pain", Lang::En, &s));
        assert_ne!(tap, normalized_query("lumbar pain", Lang::En, &s));
    }

    #[test]
    fn nothing_searchable_gives_an_empty_key() {
        assert_eq!(normalized_query("the of and ?!", Lang::En, &synonyms()), "");
        assert_eq!(normalized_query("", Lang::Es, &synonyms()), "");
    }
}
