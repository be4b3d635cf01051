//! Markdown to safe HTML and to plain text, with pulldown-cmark. Raw HTML written in content is
//! never passed through: it is shown as text. Link targets with script schemes are dropped.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH)
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn safe_link(dest: CowStr<'_>) -> CowStr<'_> {
    let lower = dest.trim_start().to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
    {
        CowStr::Borrowed("#")
    } else {
        dest
    }
}

/// Renders Markdown to HTML. `text_to_html` turns each run of text into escaped HTML (a
/// highlighter wraps matches in `<mark>`; `escape_html` leaves it plain).
pub fn to_html(markdown: &str, text_to_html: &mut dyn FnMut(&str) -> String) -> String {
    let events = parser(markdown).map(|event| match event {
        Event::Text(text) => Event::Html(text_to_html(&text).into()),
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_link(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_link(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// Plain text of a Markdown passage: paragraphs separated by a blank line, list items as
/// `- item` lines. What a specialist pastes into a chat.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in parser(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => {
                end_line(&mut out);
                out.push_str("- ");
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::List(_),
            ) => {
                end_line(&mut out);
                out.push('\n');
            }
            Event::End(TagEnd::Item) => end_line(&mut out),
            _ => {}
        }
    }
    tidy_blank_lines(&out)
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn tidy_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text_not_markup() {
        let html = to_html(
            "Hello <script>alert(1)</script> **world**",
            &mut escape_html,
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<strong>world</strong>"), "{html}");
    }

    #[test]
    fn html_blocks_are_escaped_too() {
        let html = to_html("<div onclick=\"x()\">hi</div>\n", &mut escape_html);
        assert!(!html.contains("<div"), "{html}");
    }

    #[test]
    fn script_links_are_dropped() {
        let html = to_html("[click](javascript:alert(1))", &mut escape_html);
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("href=\"#\""), "{html}");
    }

    #[test]
    fn text_runs_go_through_the_given_function() {
        let html = to_html("one two", &mut |t: &str| {
            escape_html(t).replace("two", "<mark>two</mark>")
        });
        assert_eq!(html.trim(), "<p>one <mark>two</mark></p>");
    }

    #[test]
    fn plain_text_keeps_paragraphs_and_list_items() {
        let text = to_plain_text("First *para*\nline.\n\n- one\n- two\n\nLast.");
        assert_eq!(text, "First para line.\n\n- one\n- two\n\nLast.");
    }
}
