//! What is left of a query (or a flag's note) before it is stored: email addresses (also
//! non-ASCII and spelled out), dates, phone numbers and any run of six or more digits however
//! grouped, runs of four or more digits, digits said as words, identifier-like words and a
//! name after "my name is" are replaced by a placeholder, because specialists type what
//! callers say. Other names are not detected. Runs before anything is written anywhere.

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|\
                      sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|\
                      abril|mayo|junio|julio|agosto|se(?:p|pt)iembre|octubre|noviembre|diciembre";

/// Digit words, English and Spanish, for numbers said aloud and typed as words.
const DIGIT_WORDS: &str = "zero|oh|one|two|three|four|five|six|seven|eight|nine|\
                           cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve";

/// (pattern, placeholder), applied in this order, before the per-word rules.
static RULES: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    let rule = |pattern: &str, placeholder| {
        (
            Regex::new(pattern).expect("redaction patterns are valid"),
            placeholder,
        )
    };
    vec![
        // ann@example.org, maría.lópez@gmail.com, john (at) mail (dot) com
        rule(
            r"(?i)[\p{L}\p{N}._%+\-]+\s*(?:@|\(at\)|\[at\]|\(arroba\))\s*[\p{L}\p{N}\-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\(punto\))\s*[\p{L}\p{N}\-]+)+",
            "[email]",
        ),
        // john at gmail dot com, juan arroba correo punto es
        rule(
            r"(?i)\b[\p{L}\p{N}._%+\-]+\s+(?:at|arroba)\s+[\p{L}\p{N}\-]+(?:\s+(?:dot|punto)\s+[\p{L}\p{N}\-]+)+",
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
        // five five five oh one nine nine, 5 5 5 oh one nine nine, cinco cinco cinco…
        rule(
            &format!(r"(?i)\b(?:(?:\d|{DIGIT_WORDS})\b[\s,.\-]*){{4,}}"),
            "[number] ",
        ),
        // "my name is Ann Lee", "me llamo José": the name after the phrase
        rule(
            r"\b((?i:my|his|her|their) (?i:name is)|(?i:me llamo|mi nombre es|su nombre es))\s+\p{L}+(?:\s+\p{Lu}[\p{L}'\-]*)?",
            "$1 [name]",
        ),
    ]
});

/// A run of digits with separators between them (spaces, dots, dashes, slashes, brackets,
/// a leading +): one number, however it was grouped.
static DIGIT_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\(?\b\d(?:[\s.\-/()]{0,3}\d)+\)?").expect("a valid pattern"));

/// `555-0100`: seven digits grouped as a local phone number.
static LOCAL_PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{3}[\s.\-]\d{4}$").expect("a valid pattern"));

/// A digit run that is a phone number: international (`+33 6 12 34 56 78`, `0044 …`), ten or
/// eleven digits however grouped (`312 555 01 99`, `(312) 555-0100`), or `555-0100`.
fn is_phone(run: &str, digits: usize) -> bool {
    (7..=15).contains(&digits)
        && (run.starts_with('+')
            || run.starts_with("00")
            || (10..=11).contains(&digits)
            || LOCAL_PHONE.is_match(run))
}

/// A digit run standing alone becomes `[phone]` when it is one, else `[number]` when it holds
/// six or more digits or a group of four or more. Short numbers (doses, days, years of
/// treatment, `100.4`) and digits inside a word (a trial name such as E1910) stay.
fn redact_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for found in DIGIT_RUN.find_iter(text) {
        let run = found.as_str().trim_end();
        let end = found.start() + run.len();
        // Digits inside a word (a trial name such as E1910: the pattern starts at a word
        // boundary) are not a number on their own; words that look like identifiers were
        // replaced before.
        let in_word = text[end..].chars().next().is_some_and(char::is_alphabetic);
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let long_group = run
            .split(|c: char| !c.is_ascii_digit())
            .any(|group| group.len() >= 4);
        let placeholder = if in_word {
            continue;
        } else if is_phone(run, digits) {
            "[phone]"
        } else if digits >= 6 || long_group {
            "[number]"
        } else {
            continue;
        };
        out.push_str(&text[last..found.start()]);
        out.push_str(placeholder);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// A word mixing letters and digits that looks like an identifier (a record or member number:
/// `A-123-456`, `MRN12345`): three or more digits with a dash, or five or more in all.
/// Clinical names (`6-MP`, `BCR-ABL1`, `CD19`, `T315I`, `COVID-19`) have fewer.
fn is_identifier(word: &str) -> bool {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    let digits = core.chars().filter(char::is_ascii_digit).count();
    let letters = core.chars().any(char::is_alphabetic);
    letters && ((digits >= 3 && core.contains('-')) || digits >= 5)
}

/// `query` with personal details replaced by placeholders (`[email]`, `[date]`, `[phone]`,
/// `[number]`, `[id]`, `[name]`), and spaces tidied.
pub fn redact(query: &str) -> String {
    let mut text = query.split_whitespace().collect::<Vec<_>>().join(" ");
    for (pattern, placeholder) in RULES.iter() {
        text = pattern.replace_all(&text, *placeholder).into_owned();
    }
    let text = text
        .split_whitespace()
        .map(|word| if is_identifier(word) { "[id]" } else { word })
        .collect::<Vec<_>>()
        .join(" ");
    redact_digit_runs(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
            ("312 555 01 99", "[phone]"),
            ("+33 6 12 34 56 78 maintenance", "[phone] maintenance"),
            ("ssn 123 45 6789", "ssn [number]"),
            ("dob 03 14 1961", "dob [number]"),
            ("mrn A-123-456 relapse", "mrn [id] relapse"),
            ("member MRN1234567", "member [id]"),
            ("john at gmail dot com", "[email]"),
            ("juan arroba correo punto es", "[email]"),
            ("josé@correo.es", "[email]"),
            ("maría.lópez@gmail.com pregunta", "[email] pregunta"),
            ("five five five oh one nine nine", "[number]"),
            (
                "call five five five oh one nine nine today",
                "call [number] today",
            ),
            ("cinco cinco cinco uno dos tres cuatro", "[number]"),
            (
                "my name is Ann Lee and I relapsed",
                "my name is [name] and I relapsed",
            ),
            ("me llamo José, recaída", "me llamo [name], recaída"),
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
            "BCR-ABL1 T315I",
            "COVID-19 vaccine",
            "CD19 CAR T",
            "one or two years",
            "uno o dos años",
            "E1910 trial",
            "day 8 and day 15",
        ];
        for input in table {
            assert_eq!(redact(input), input);
        }
    }

    #[test]
    fn no_digit_run_of_four_survives() {
        for input in [
            "1234",
            "12 3456 7",
            "tel:+15555550100",
            "a1b2c3d4 99999",
            "1 2 3 4 5 6",
            "12-34-56-78",
        ] {
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
