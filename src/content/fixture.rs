//! Documents written inline for tests: one builder every module's tests use, so the front
//! matter format lives in one place. The file it writes: front matter on lines 1–13 (14 with
//! `translation_of`), the body from the next line.

use super::model::Document;
use super::parse::parse_document;
use std::path::Path;

/// A test document; `new` gives the defaults, the setters change one field.
pub struct TestDoc<'a> {
    pub id: &'a str,
    pub lang: &'a str,
    pub title: String,
    pub topic: &'a str,
    pub owner: String,
    pub reviewed: &'a str,
    pub translation_of: Option<&'a str>,
    pub body: String,
}

impl<'a> TestDoc<'a> {
    pub fn new(id: &'a str, lang: &'a str, body: &str) -> TestDoc<'a> {
        TestDoc {
            id,
            lang,
            title: format!("Title {id}"),
            topic: "maintenance",
            owner: "o".into(),
            reviewed: "2026-11-01",
            translation_of: None,
            body: body.to_string(),
        }
    }

    pub fn title(mut self, title: &str) -> Self {
        self.title = title.to_string();
        self
    }

    pub fn topic(mut self, topic: &'a str) -> Self {
        self.topic = topic;
        self
    }

    pub fn owner(mut self, owner: &str) -> Self {
        self.owner = owner.to_string();
        self
    }

    pub fn reviewed(mut self, date: &'a str) -> Self {
        self.reviewed = date;
        self
    }

    pub fn translation_of(mut self, original: Option<&'a str>) -> Self {
        self.translation_of = original;
        self
    }

    /// The file's text.
    pub fn text(&self) -> String {
        let TestDoc {
            id,
            lang,
            title,
            topic,
            owner,
            reviewed,
            ..
        } = self;
        let twin = self
            .translation_of
            .map_or(String::new(), |t| format!("translation_of = \"{t}\"\n"));
        format!(
            "+++\nid = \"{id}\"\ntitle = \"{title}\"\ntopic = \"{topic}\"\nlanguage = \"{lang}\"\n\
             summary = \"s\"\nowner = \"{owner}\"\nlast_reviewed = \"{reviewed}\"\n{twin}\n\
             [[sources]]\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://example.org\"\n+++\n{}",
            self.body
        )
    }

    /// The document parsed, as if from `<lang>/<id>.md`; panics with the problems if it fails.
    pub fn parse(&self) -> Document {
        let path = format!("{}/{}.md", self.lang, self.id);
        let parsed = parse_document(Path::new(&path), &self.text(), None);
        parsed
            .document
            .unwrap_or_else(|| panic!("{}: {:?}", self.id, parsed.problems))
    }
}
