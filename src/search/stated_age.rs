//! A person's age stated in a query: "my 7 year old", "age 12", "my son is 7", "mi hijo de 9
//! años", "tiene 6 años". The content is about adults, so a child's age must be told like a
//! disease the content does not cover (`pins`). Only forms that say an age are read: "2 years
//! of maintenance", "el tratamiento dura 2 años" or "tiene 2 años en remisión" are lengths of
//! time. When a query gives several ages ("I am 38, my daughter is 4") the youngest counts.

use crate::domain::Lang;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// People an age follows: "mi hijo de 7 años", "my son is 7".
const PERSON_ES: &str = "hij[oa]s?|niñ[oa]s?|nin[oa]s?|niet[oa]s?|sobrin[oa]s?|beb[ée]s?|chic[oa]s?|muchach[oa]s?|nene|nena|pequeñ[oa]|pequen[oa]";
const PERSON_EN: &str = "son|daughter|child|kid|boy|girl|grandson|granddaughter|grandchild|nephew|niece|baby|toddler|stepson|stepdaughter";

/// Number words a parent may type for a child's age, and their value.
const NUMBER_WORDS: &[(&str, u8)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("un", 1),
    ("uno", 1),
    ("una", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("trece", 13),
    ("catorce", 14),
];

/// How a pattern's number is read.
#[derive(Clone, Copy, PartialEq)]
enum Reads {
    Years,
    /// Months: under a year.
    Months,
    /// "tiene N años", "<person> de N": an age unless what follows makes it a length of time.
    YearsUnlessDuration,
}

struct Pattern {
    regex: Regex,
    reads: Reads,
    /// Only for queries in this language (Spanish "yo" is "I": "el ciclo 3 yo tuve fiebre").
    only: Option<Lang>,
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let n = r"(\d{1,2})";
    let pattern = |text: String, reads, only| Pattern {
        regex: Regex::new(&format!("(?i){text}")).expect("age pattern is valid"),
        reads,
        only,
    };
    vec![
        pattern(
            format!(r"\b{n}[\s-]*(?:years?|yrs?)[\s-]*old\b"),
            Reads::Years,
            None,
        ),
        pattern(
            format!(r"\b{n}[\s-]*(?:yo|y/o|y\.o\.?)(?:\W|$)"),
            Reads::Years,
            Some(Lang::En),
        ),
        pattern(format!(r"\bage[ds]?\s+{n}\b"), Reads::Years, None),
        pattern(
            format!(r"\b(?:{PERSON_EN})\s*(?:is|was|,|who is)\s+{n}\b"),
            Reads::YearsUnlessDuration,
            None,
        ),
        pattern(
            format!(r"\b{n}[\s-]*months?[\s-]*old\b"),
            Reads::Months,
            None,
        ),
        pattern(
            format!(r"\btiene\s+{n}\s+a[ñn]os?\b"),
            Reads::YearsUnlessDuration,
            None,
        ),
        pattern(
            format!(r"\b{n}\s+a[ñn]os?\s+de\s+edad\b"),
            Reads::Years,
            None,
        ),
        pattern(format!(r"\bedad\s+de\s+{n}\b"), Reads::Years, None),
        pattern(
            format!(r"\b(?:{PERSON_ES})\s+(?:de|tiene)\s+{n}\b"),
            Reads::YearsUnlessDuration,
            None,
        ),
        pattern(
            format!(r"\b(?:{PERSON_ES})\s+de\s+{n}\s+meses\b"),
            Reads::Months,
            None,
        ),
    ]
});

/// Units after the number that make it another count, not an age in years: "mi hijo de 7
/// meses" (read as months by its own pattern), "my son is 7 days past chemo".
const OTHER_UNITS: &[&str] = &[
    "meses", "mes", "semanas", "semana", "dias", "días", "horas", "ciclos", "days", "day", "weeks",
    "week", "months", "month", "hours", "cycles", "cycle", "doses", "times", "mg", "percent",
];

/// Words after "tiene N años" that make it a length of time: "tiene 2 años en remisión",
/// "con LLA", "desde", "sin".
const AFTER_YEARS_OF_TIME: &[&str] = &["en", "con", "desde", "sin", "que", "ya"];

const YEARS: &[&str] = &["años", "anos", "año", "ano"];

/// The youngest age stated in `text` (a query in `lang`), in whole years.
pub fn stated_age(text: &str, lang: Lang) -> Option<u8> {
    let text = with_number_words_as_digits(text);
    PATTERNS
        .iter()
        .filter(|p| p.only.is_none_or(|only| only == lang))
        .flat_map(|p| {
            p.regex
                .captures_iter(&text)
                .filter_map(|c| age_of(p, &c, &text))
        })
        .min()
}

fn age_of(pattern: &Pattern, found: &Captures, text: &str) -> Option<u8> {
    let number: u8 = found.get(1)?.as_str().parse().ok()?;
    let whole = found.get(0)?;
    match pattern.reads {
        Reads::Years => Some(number),
        Reads::Months => Some(0),
        Reads::YearsUnlessDuration => {
            let next: Vec<String> = text[whole.end()..]
                .split_whitespace()
                .take(3)
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .collect();
            let word = |i: usize| next.get(i).map(String::as_str);
            let matched = whole.as_str().to_lowercase();
            let says_has = matched.contains("tiene");
            let ends_in_years = YEARS.iter().any(|y| matched.ends_with(y));
            if word(0).is_some_and(|unit| OTHER_UNITS.contains(&unit)) {
                return None;
            }
            // Where the words after "años" start, when "tiene … años" was said.
            let after_years = match word(0) {
                _ if says_has && ends_in_years => 0,
                Some(unit) if says_has && YEARS.contains(&unit) => 1,
                _ => return Some(number),
            };
            // "tiene 7 años de edad" is an age; "tiene 2 años de tratamiento" is not.
            match word(after_years) {
                Some("de") => (word(after_years + 1) == Some("edad")).then_some(number),
                Some(w) if AFTER_YEARS_OF_TIME.contains(&w) => None,
                _ => Some(number),
            }
        }
    }
}

/// `text` with the number words of `NUMBER_WORDS` written as digits ("seven-year-old" →
/// "7-year-old"), so that one set of patterns reads both.
fn with_number_words_as_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let lower = word.to_lowercase();
        match NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
            Some((_, value)) => out.push_str(&value.to_string()),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
#[path = "stated_age_tests.rs"]
mod tests;
