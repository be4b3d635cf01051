//! The content model: documents and the passages they split into, as loaded from disk.
//! Owns no I/O and no parsing; see `parse` and `load`.

use super::helpline::HelplineFacts;
use super::synonyms::Synonyms;
use crate::domain::{Lang, SourceView};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The subtypes a document may be specific to.
pub const SUBTYPES: [&str; 3] = ["ph-negative-b", "ph-positive-b", "t-cell"];

/// Topics the pane knows how to browse; others load with a warning.
pub use crate::domain::TOPICS;

/// Front matter exactly as written between the `+++` lines.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub language: String,
    pub summary: String,
    pub owner: String,
    pub last_reviewed: String,
    #[serde(default = "default_review_every_days")]
    pub review_every_days: u32,
    #[serde(default)]
    pub sources: Vec<SourceEntry>,
    #[serde(default)]
    pub subtypes: Vec<String>,
    #[serde(default)]
    pub translation_of: Option<String>,
    /// The organisation's public page for this document, when it has one.
    #[serde(default)]
    pub public_url: Option<String>,
    /// Alternative phrasings per passage key (see `Passage::phrasings`).
    #[serde(default)]
    pub phrasings: std::collections::BTreeMap<String, Vec<String>>,
}

fn default_review_every_days() -> u32 {
    365
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub title: String,
    pub publisher: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub accessed: Option<String>,
}

impl SourceEntry {
    pub fn view(&self) -> SourceView {
        SourceView {
            title: self.title.clone(),
            publisher: self.publisher.clone(),
            url: self.url.clone(),
            accessed: self.accessed.clone(),
        }
    }
}

/// One section of a document: the unit the search returns.
#[derive(Debug, Clone)]
pub struct Passage {
    /// `<doc id>#<slug>`
    pub id: String,
    /// Stable anchor made from the heading (`intro` for text before the first heading).
    pub slug: String,
    /// What pairs the passage with its twin in the other language: `{key=…}` at the end of the
    /// heading, else the slug (English passages rarely need one; Spanish ones name the English
    /// passage's).
    pub key: String,
    /// The `## ` heading text; `None` for the text before the first heading.
    pub heading: Option<String>,
    /// The passage's Markdown, without its heading line.
    pub markdown: String,
    /// Plain text of the passage, for indexing and pasting.
    pub text: String,
    /// 1-based line of the heading (or of the first body line) in the file.
    pub line: usize,
    /// Other names the passage answers to (a glossary term's aliases); searched like the heading.
    pub aliases: Vec<String>,
    /// Ways callers ask for this passage, written by its authors (the front matter's
    /// `[phrasings]`, keyed by the passage's key): searched in a field of their own, weighted
    /// below the heading, and shown to no caller.
    pub phrasings: Vec<String>,
}

/// A validated document.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub lang: Lang,
    pub summary: String,
    pub owner: String,
    pub last_reviewed: NaiveDate,
    pub review_every_days: u32,
    pub sources: Vec<SourceEntry>,
    pub subtypes: Vec<String>,
    pub translation_of: Option<String>,
    pub public_url: Option<String>,
    pub path: PathBuf,
    /// SHA-256 (hex) of the file the document was read from: a review is of this content.
    pub content_hash: String,
    pub passages: Vec<Passage>,
}

impl Document {
    pub fn source_views(&self) -> Vec<SourceView> {
        self.sources.iter().map(SourceEntry::view).collect()
    }

    /// Page path of one of this document's passages.
    pub fn passage_url(&self, passage: &Passage) -> String {
        format!("/doc/{}#{}", self.id, passage.slug)
    }
}

/// Everything loaded from a content folder: the documents (in a stable order: language, then
/// file path), the synonym groups and the helpline's facts.
#[derive(Debug, Default)]
pub struct Corpus {
    documents: Vec<Arc<Document>>,
    by_id: HashMap<String, usize>,
    pub synonyms: Synonyms,
    pub helpline: Option<HelplineFacts>,
}

impl Corpus {
    /// Builds a corpus; documents whose id is already taken must have been rejected before.
    pub fn new(mut documents: Vec<Document>) -> Corpus {
        documents.sort_by(|a, b| (a.lang, &a.path).cmp(&(b.lang, &b.path)));
        let documents: Vec<Arc<Document>> = documents.into_iter().map(Arc::new).collect();
        let by_id = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        Corpus {
            documents,
            by_id,
            synonyms: Synonyms::default(),
            helpline: None,
        }
    }

    pub fn documents(&self) -> &[Arc<Document>] {
        &self.documents
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Document>> {
        self.by_id.get(id).map(|&i| &self.documents[i])
    }

    pub fn passage_count(&self) -> usize {
        self.documents.iter().map(|d| d.passages.len()).sum()
    }

    pub fn languages(&self) -> Vec<Lang> {
        let mut langs: Vec<Lang> = self.documents.iter().map(|d| d.lang).collect();
        langs.sort();
        langs.dedup();
        langs
    }

    /// Where the passage `passage_id` is: (document index in `documents()`, passage index).
    pub fn position_of(&self, passage_id: &str) -> Option<(usize, usize)> {
        let (doc_id, _) = passage_id.split_once('#')?;
        let &doc_index = self.by_id.get(doc_id)?;
        let passage_index = self.documents[doc_index]
            .passages
            .iter()
            .position(|p| p.id == passage_id)?;
        Some((doc_index, passage_index))
    }

    /// The passage `english_id` (`<doc id>#<slug>` of an English passage) in `lang`: itself, or
    /// the passage of its twin document that shares its key.
    pub fn passage_in(&self, english_id: &str, lang: Lang) -> Option<&Passage> {
        let (doc_id, _) = english_id.split_once('#')?;
        let doc = self.get(doc_id)?;
        let passage = doc.passages.iter().find(|p| p.id == english_id)?;
        if doc.lang == lang {
            return Some(passage);
        }
        self.translations_of(doc)
            .into_iter()
            .find(|twin| twin.lang == lang)?
            .passages
            .iter()
            .find(|p| p.key == passage.key)
    }

    /// Documents that are translations of `doc`, or that `doc` translates, in other languages.
    pub fn translations_of(&self, doc: &Document) -> Vec<&Arc<Document>> {
        let root = doc.translation_of.as_deref().unwrap_or(&doc.id);
        self.documents
            .iter()
            .filter(|d| d.id != doc.id)
            .filter(|d| d.id == root || d.translation_of.as_deref() == Some(root))
            .collect()
    }
}

/// SHA-256 of `text` in hex: identifies a version of a file or of a passage.
pub fn content_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
