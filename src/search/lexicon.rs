//! Real words of English and Spanish. Typo correction asks here before replacing a word the
//! index does not know: a real word ("fever" in content that never says it) is a word the
//! content lacks, not a typo, and must never be "corrected" into another real word ("fewer").
//! The dictionaries are Hunspell's (`dictionaries/`, from the npm packages `dictionary-en`
//! and `dictionary-es`), checked with `spellbook`; they are parsed once, on first use.

use std::sync::OnceLock;

const EN_AFF: &str = include_str!("../../dictionaries/en/index.aff");
const EN_DIC: &str = include_str!("../../dictionaries/en/index.dic");
const ES_AFF: &str = include_str!("../../dictionaries/es/index.aff");
const ES_DIC: &str = include_str!("../../dictionaries/es/index.dic");

struct Dictionaries {
    en: spellbook::Dictionary,
    es: spellbook::Dictionary,
}

static DICTIONARIES: OnceLock<Option<Dictionaries>> = OnceLock::new();

fn dictionaries() -> Option<&'static Dictionaries> {
    DICTIONARIES
        .get_or_init(|| {
            let parse = |name: &str, aff: &str, dic: &str| {
                spellbook::Dictionary::new(aff, dic)
                    .map_err(|error| tracing::error!(%error, name, "word list did not parse"))
                    .ok()
            };
            Some(Dictionaries {
                en: parse("en", EN_AFF, EN_DIC)?,
                es: parse("es", ES_AFF, ES_DIC)?,
            })
        })
        .as_ref()
}

/// Parses the dictionaries now, so the first search does not pay for it.
pub fn warm_up() {
    let _ = dictionaries();
}

/// Is `word` (one word, any case) a word of English or of Spanish? Words with digits and
/// words of one letter are not judged (`false`).
pub fn is_real_word(word: &str) -> bool {
    if word.chars().count() < 2 || word.chars().any(|c| !c.is_alphabetic()) {
        return false;
    }
    let Some(dictionaries) = dictionaries() else {
        return false;
    };
    let lower = word.to_lowercase();
    dictionaries.en.check(&lower) || dictionaries.es.check(&lower)
}

#[cfg(test)]
mod tests {
    use super::is_real_word;

    #[test]
    fn knows_real_words_in_both_languages() {
        for word in [
            "fever", "fewer", "Fever", "nausea", "fiebre", "médula", "volvió", "cuánto",
        ] {
            assert!(is_real_word(word), "{word} is a word");
        }
    }

    #[test]
    fn misspellings_and_drug_typos_are_not_words() {
        for word in [
            "blinatumumab",
            "ponatinab",
            "punture",
            "alergy",
            "leukimia",
            "x1",
            "",
        ] {
            assert!(!is_real_word(word), "{word} is not a word");
        }
    }
}
