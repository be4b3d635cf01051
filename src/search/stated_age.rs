//! A person's age stated in a query: "my 7 year old", "age 12", "mi hijo de 9 años", "tiene
//! 6 años". The content is about adults, so a child's age must be told like a disease the
//! content does not cover (`pins`). Only forms that say an age are read: "2 years of
//! maintenance" or "el tratamiento dura 2 años" are lengths of time, not ages.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// People a Spanish age follows: "mi hijo de 7 años".
const PERSON_ES: &str = "hij[oa]s?|niñ[oa]s?|nin[oa]s?|niet[oa]s?|sobrin[oa]s?|bebés?|bebes?|chic[oa]s?|muchach[oa]s?|nene|nena|pequeñ[oa]|pequen[oa]";

static AGE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // English: "7 year old", "7-year-old", "7 yrs old", "7 yo", "age 7", "aged 7".
        r"(?i)\b(\d{1,2})[\s-]*(?:years?|yrs?)[\s-]*old\b".to_string(),
        r"(?i)\b(\d{1,2})\s*(?:yo|y/o|y\.o\.)(?:\W|$)".to_string(),
        r"(?i)\bage[ds]?\s+(\d{1,2})\b".to_string(),
        // Babies: "8 months old", "de 8 meses" (always under a year).
        r"(?i)\b(\d{1,2})[\s-]*months?[\s-]*old\b".to_string(),
        // Spanish: "tiene 7 años", "de 7 años de edad", "edad de 7", "<person> de 7 años".
        r"(?i)\btiene\s+(\d{1,2})\s+años\b".to_string(),
        r"(?i)\b(\d{1,2})\s+años\s+de\s+edad\b".to_string(),
        r"(?i)\bedad\s+de\s+(\d{1,2})\b".to_string(),
        format!(r"(?i)\b(?:{PERSON_ES})\s+de\s+(\d{{1,2}})\s+(?:años|anos)\b"),
        format!(r"(?i)\b(?:{PERSON_ES})\s+de\s+(\d{{1,2}})\s+meses\b"),
    ]
    .iter()
    .map(|pattern| Regex::new(pattern).expect("age pattern is valid"))
    .collect()
});

/// The first age stated in `text`, in whole years, with where it was said.
pub fn stated_age(text: &str) -> Option<(u8, Range<usize>)> {
    AGE.iter()
        .enumerate()
        .filter_map(|(i, pattern)| {
            let found = pattern.captures(text)?;
            let number: u8 = found.get(1)?.as_str().parse().ok()?;
            let in_months = matches!(i, 3 | 8);
            let whole = found.get(0)?;
            Some((
                if in_months { 0 } else { number },
                whole.start()..whole.end(),
            ))
        })
        .min_by_key(|(_, at)| at.start)
}

#[cfg(test)]
mod tests {
    use super::stated_age;

    fn age(text: &str) -> Option<u8> {
        stated_age(text).map(|(age, _)| age)
    }

    #[test]
    fn ages_are_read_in_both_languages() {
        assert_eq!(age("my 7 year old has ALL"), Some(7));
        assert_eq!(age("treatment for a 12-year-old"), Some(12));
        assert_eq!(age("son is age 9, what chemo"), Some(9));
        assert_eq!(age("she is 4 yo"), Some(4));
        assert_eq!(age("baby 8 months old with leukemia"), Some(0));
        assert_eq!(age("mi hijo de 7 años tiene leucemia"), Some(7));
        assert_eq!(age("mi nieta tiene 6 años"), Some(6));
        assert_eq!(age("una niña de 10 anos"), Some(10));
        assert_eq!(age("my dad is 68 years old"), Some(68));
    }

    #[test]
    fn lengths_of_time_are_not_ages() {
        assert_eq!(age("2 years of maintenance"), None);
        assert_eq!(age("el mantenimiento dura 2 años"), None);
        assert_eq!(age("tratamiento de 2 años"), None);
        assert_eq!(age("how long to wait 6 months after treatment"), None);
        assert_eq!(age("stage 2"), None);
    }
}
