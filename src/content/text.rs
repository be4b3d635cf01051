//! Text helpers every content module shares, with no dependency on any of them: anchors from
//! headings and the date format of front matter and review dates. A leaf, so that parsing,
//! passages, the helpline file and the glossary need not import each other.

use chrono::NaiveDate;

/// A stable anchor for a heading: ASCII, lowercase, words joined by `-`.
pub fn slugify(heading: &str) -> String {
    let ascii = deunicode::deunicode(heading).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug.to_string()
    }
}

/// A `YYYY-MM-DD` date, as front matter and the helpline file write them.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}
