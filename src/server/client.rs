//! Where a request comes from, and where it may be sent back to: the client's address (the
//! socket's, or — only behind a configured trusted proxy — the `X-Forwarded-For` entry the
//! proxy saw), and the `next` page after sign-in (a path on this site, never another origin).

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::IpAddr;

/// The client's address as the throttles and the audit log see it. `peer` is the socket's
/// address; when it is one of `trusted` proxies, the right-most `X-Forwarded-For` entry that is
/// not itself a trusted proxy is the client (entries to its left were written by the client
/// and prove nothing). Without a peer (tests, in-process calls) the client is `local`.
pub fn client_address(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpNet]) -> String {
    let Some(peer) = peer else {
        return "local".to_string();
    };
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer.to_string();
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for entry in forwarded.iter().rev() {
        let Ok(ip) = entry.parse::<IpAddr>() else {
            // A proxy writes addresses; anything else means the chain cannot be trusted.
            break;
        };
        if !is_trusted(&ip) {
            return ip.to_string();
        }
    }
    peer.to_string()
}

/// Percent-encodes `text` as a query-string value (`application/x-www-form-urlencoded`).
pub fn query_value(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// `next` as given to the sign-in page, if it is a path on this site; else `/`. Resolved
/// against this site's origin the way a browser would, and refused when it holds control
/// characters, white space or backslashes (browsers drop or reinterpret those, which turned
/// `/\t/evil.example` into `//evil.example`).
pub fn safe_next(next: &str) -> &str {
    let plain = !next
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if plain && next.starts_with('/') && !next.starts_with("//") && same_origin(next) {
        next
    } else {
        "/"
    }
}

fn same_origin(path: &str) -> bool {
    const HERE: &str = "http://this-site.invalid/";
    let base = url::Url::parse(HERE).expect("a valid base");
    base.join(path)
        .is_ok_and(|u| u.origin() == base.origin() && u.username().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn next_only_stays_on_this_site() {
        for good in ["/doc/x#y", "/?q=6mp", "/review/doc/a%20b", "/%0a", "/"] {
            assert_eq!(safe_next(good), good);
        }
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example/phish",
            "/\n/evil.example",
            "/ok\r\nSet-Cookie: x=y",
            "javascript:x",
            "/ /evil.example",
            "",
        ] {
            assert_eq!(safe_next(bad), "/", "{bad:?}");
        }
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.5".parse().unwrap();
        let outsider: IpAddr = "203.0.113.7".parse().unwrap();
        let trusted: Vec<IpNet> = vec!["10.0.0.0/24".parse().unwrap()];
        let headers = forwarded("1.2.3.4, 198.51.100.9");
        assert_eq!(
            client_address(Some(proxy), &headers, &trusted),
            "198.51.100.9",
            "the entry the proxy wrote, not the one the client forged"
        );
        assert_eq!(
            client_address(Some(outsider), &headers, &trusted),
            "203.0.113.7",
            "a client cannot choose its address"
        );
        assert_eq!(
            client_address(Some(proxy), &headers, &[]),
            "10.0.0.5",
            "no proxy is trusted by default"
        );
        assert_eq!(
            client_address(Some(proxy), &forwarded("198.51.100.9, 10.0.0.6"), &trusted),
            "198.51.100.9",
            "a chain of trusted proxies is walked"
        );
        assert_eq!(
            client_address(Some(proxy), &forwarded("junk"), &trusted),
            "10.0.0.5"
        );
        assert_eq!(client_address(None, &headers, &trusted), "local");
    }
}
