//! Building addresses the pane navigates to.

/// Percent-encodes `text` for use as a query-string value.
pub fn encode_query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The search page's address for a query.
pub fn search_url(query: &str) -> String {
    if query.trim().is_empty() {
        "/".to_string()
    } else {
        format!("/?q={}", encode_query_value(query))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_encoded_for_the_address_bar() {
        assert_eq!(search_url("how long?"), "/?q=how+long%3F");
        assert_eq!(search_url("punción & más"), "/?q=punci%C3%B3n+%26+m%C3%A1s");
        assert_eq!(search_url("  "), "/");
    }
}
