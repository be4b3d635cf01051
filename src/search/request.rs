//! Checking a search request as it arrives from a URL, a form or the command line: the query's
//! length, the language code and the limit. Every rejection says what is wrong.

use super::{SearchRequest, Whole};
use crate::domain::{DEFAULT_LIMIT, Lang, MAX_LIMIT, MAX_QUERY_CHARS};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidSearch {
    #[error("q is too long: at most {MAX_QUERY_CHARS} characters")]
    QueryTooLong,
    #[error("limit must be a whole number from 1 to {MAX_LIMIT}")]
    BadLimit,
    #[error("lang must be one of: en, es")]
    UnknownLang,
    #[error("whole must be one of: all, first")]
    UnknownWhole,
}

impl Whole {
    /// `all` (the default when missing or empty) or `first`.
    pub fn from_param(value: Option<&str>) -> Result<Whole, InvalidSearch> {
        match value.map(str::trim) {
            None | Some("") | Some("all") => Ok(Whole::All),
            Some("first") => Ok(Whole::First),
            Some(_) => Err(InvalidSearch::UnknownWhole),
        }
    }
}

impl SearchRequest {
    /// Builds a request from raw parameters. A missing query is an empty one; a missing limit is
    /// the default; a missing or empty language means "detect it".
    pub fn from_params(
        query: Option<&str>,
        lang: Option<&str>,
        limit: Option<&str>,
    ) -> Result<SearchRequest, InvalidSearch> {
        let query = query.unwrap_or_default();
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(InvalidSearch::QueryTooLong);
        }
        let limit = match limit.map(str::trim) {
            None | Some("") => DEFAULT_LIMIT,
            Some(text) => text
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or(InvalidSearch::BadLimit)?,
        };
        let lang = match lang.map(str::trim) {
            None | Some("") | Some("auto") => None,
            Some(code) => Some(Lang::from_code(code).ok_or(InvalidSearch::UnknownLang)?),
        };
        Ok(SearchRequest {
            query: query.to_string(),
            lang,
            limit,
            whole: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_when_parameters_are_missing() {
        let req = SearchRequest::from_params(None, None, None).unwrap();
        assert_eq!(
            (req.query.as_str(), req.lang, req.limit),
            ("", None, DEFAULT_LIMIT)
        );
    }

    #[test]
    fn bad_parameters_are_named() {
        let long = "x".repeat(MAX_QUERY_CHARS + 1);
        assert_eq!(
            SearchRequest::from_params(Some(&long), None, None).unwrap_err(),
            InvalidSearch::QueryTooLong
        );
        for limit in ["0", "51", "-1", "ten", "1.5"] {
            assert_eq!(
                SearchRequest::from_params(None, None, Some(limit)).unwrap_err(),
                InvalidSearch::BadLimit,
                "{limit}"
            );
        }
        assert_eq!(
            SearchRequest::from_params(None, Some("fr"), None).unwrap_err(),
            InvalidSearch::UnknownLang
        );
        assert_eq!(
            Whole::from_param(Some("some")),
            Err(InvalidSearch::UnknownWhole)
        );
        assert_eq!(Whole::from_param(Some("first")), Ok(Whole::First));
        assert_eq!(Whole::from_param(None), Ok(Whole::All));
    }

    #[test]
    fn the_longest_allowed_query_counts_characters_not_bytes() {
        let accented = "é".repeat(MAX_QUERY_CHARS);
        assert!(SearchRequest::from_params(Some(&accented), Some("ES"), Some("50")).is_ok());
    }
}
