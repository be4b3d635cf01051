//! Building addresses the pane navigates to.

/// Percent-encodes `text` for use as a query-string value (`application/x-www-form-urlencoded`,
/// spaces as `+`).
pub fn encode_query_value(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The pane's address for a query, a language choice (`""` = detect) and a topic to browse
/// (used when there is no query).
pub fn pane_url(query: &str, lang: &str, topic: &str) -> String {
    let mut parts = Vec::new();
    if !query.trim().is_empty() {
        parts.push(format!("q={}", encode_query_value(query)));
    } else if !topic.is_empty() {
        parts.push(format!("topic={}", encode_query_value(topic)));
    }
    if !lang.is_empty() {
        parts.push(format!("lang={}", encode_query_value(lang)));
    }
    if parts.is_empty() {
        "/".to_string()
    } else {
        format!("/?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_encoded_for_the_address_bar() {
        assert_eq!(pane_url("how long?", "", ""), "/?q=how+long%3F");
        assert_eq!(
            pane_url("punción & más", "es", "cns"),
            "/?q=punci%C3%B3n+%26+m%C3%A1s&lang=es"
        );
        assert_eq!(pane_url("  ", "", "cns"), "/?topic=cns");
        assert_eq!(pane_url("  ", "", ""), "/");
    }
}
