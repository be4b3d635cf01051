//! What is left of a query before it is stored: phone numbers, email addresses, dates and runs
//! of four or more digits are replaced by a placeholder, because specialists type what callers
//! say. Runs before anything about a query is written anywhere.

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|\
                      sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|\
                      abril|mayo|junio|julio|agosto|se(?:p|pt)iembre|octubre|noviembre|diciembre";

/// (pattern, placeholder), applied in this order.
static RULES: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    let rule = |pattern: &str, placeholder| {
        (
            Regex::new(pattern).expect("redaction patterns are valid"),
            placeholder,
        )
    };
    vec![
        rule(
            r"(?i)[a-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[a-z0-9\-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[a-z0-9\-]+)+",
            "[email]",
        ),
        // 2024-03-14, 3/14/2024, 14.3.24, 3/14
        rule(
            r"\b\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}\b|\b\d{1,2}/\d{1,2}\b",
            "[date]",
        ),
        // March 14, March 14th 2024, 14 March, 14 de marzo de 2024
        rule(
            &format!(
                r"(?i)\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{2,4}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?(?:{MONTHS})\b(?:,?\s+(?:de\s+)?\d{{2,4}})?"
            ),
            "[date]",
        ),
        // +1 (312) 555-0100, 312 555 0100, 555-0100, 0044 20 7946 0958
        rule(
            r"(?:(?:\+|\b00)\d{1,3}[\s.\-]*)?(?:\(\d{2,4}\)|\b\d{2,4})[\s.\-]*\d{3,4}[\s.\-]*\d{3,4}\b|\b\d{3}[\s.\-]\d{4}\b",
            "[phone]",
        ),
        rule(r"\d{4,}", "[number]"),
    ]
});

/// `query` with personal details replaced by placeholders, and spaces tidied.
pub fn redact(query: &str) -> String {
    let mut text = query.split_whitespace().collect::<Vec<_>>().join(" ");
    for (pattern, placeholder) in RULES.iter() {
        text = pattern.replace_all(&text, *placeholder).into_owned();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn personal_details_are_replaced() {
        let table = [
            (
                "call me at 312-555-0100 about maintenance",
                "call me at [phone] about maintenance",
            ),
            ("(312) 555 0100", "[phone]"),
            ("+1 312 555 0100 blinatumomab", "[phone] blinatumomab"),
            ("number 555-0100 please", "number [phone] please"),
            ("0044 20 7946 0958", "[phone]"),
            (
                "mary.smith@example.org asked about 6-MP",
                "[email] asked about 6-MP",
            ),
            ("john (at) mail (dot) com", "[email]"),
            (
                "diagnosed 3/14/2024 induction",
                "diagnosed [date] induction",
            ),
            ("started 2024-03-14", "started [date]"),
            ("born March 14th, 1961", "born [date]"),
            ("on 14 de marzo de 2024 empezó", "on [date] empezó"),
            ("visit on 14 March", "visit on [date]"),
            ("member id 4111111111111111", "member id [number]"),
            ("mrn 98765 relapse", "mrn [number] relapse"),
            ("in 2024 he relapsed", "in [number] he relapsed"),
        ];
        for (input, expected) in table {
            assert_eq!(redact(input), expected, "input: {input}");
        }
    }

    #[test]
    fn clinical_words_and_short_numbers_are_kept() {
        let table = [
            "how long does maintenance last",
            "6-MP dose",
            "6 mp",
            "day 29 bone marrow",
            "ph+ all",
            "BCR::ABL1",
            "2 to 3 years of maintenance",
            "ara-C",
            "1.5 mg dose",
            "2-3 years",
            "¿cuánto dura el mantenimiento?",
            "may I ask about CNS",
        ];
        for input in table {
            assert_eq!(redact(input), input);
        }
    }

    #[test]
    fn no_digit_run_of_four_survives() {
        for input in ["1234", "12 3456 7", "tel:+15555550100", "a1b2c3d4 99999"] {
            let out = redact(input);
            assert!(
                !out.chars()
                    .collect::<Vec<_>>()
                    .windows(4)
                    .any(|w| w.iter().all(char::is_ascii_digit)),
                "{input} -> {out}"
            );
        }
    }
}
