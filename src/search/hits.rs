//! Turning index hits into what the pane shows: the passage rendered with its matches marked
//! and its glossary terms explained, texts for chat and phone, the twin in the other language;
//! and browsing a topic in reading order. Part of `SearchIndex`; plain Rust like the rest.

use super::glossary_marks::open_tag;
use super::highlight::{Chunk, Highlighter, word_ranges};
use super::query::QueryPlan;
use super::schema::unpack_ord;
use super::{GLOSSARY_DAMPING, SNIPPET_LEN, SearchIndex};
use crate::content::{Document, Passage, handover};
use crate::domain::{HitKind, Lang, SearchHit, SearchResponse};
use std::time::Instant;
use tantivy::DocAddress;

/// Passages listed per page when browsing a topic.
pub const BROWSE_PAGE: usize = 50;

impl SearchIndex {
    /// Every passage of the documents whose topic starts with `topic`, in reading order: for
    /// browsing when a caller's question is vague.
    /// A topic's passages in reading order, `BROWSE_PAGE` at a time from `offset`; `total`
    /// counts them all.
    pub fn browse(&self, topic: &str, lang: Lang, offset: usize) -> SearchResponse {
        let started = Instant::now();
        let mut highlighter = Highlighter::new(&QueryPlan::default(), lang);
        let passages: Vec<(usize, usize)> = self
            .corpus
            .documents()
            .iter()
            .enumerate()
            .filter(|(_, d)| d.lang == lang && !topic.is_empty() && d.topic.starts_with(topic))
            .flat_map(|(d, doc)| (0..doc.passages.len()).map(move |p| (d, p)))
            .collect();
        let hits: Vec<SearchHit> = passages
            .iter()
            .skip(offset)
            .take(BROWSE_PAGE)
            .filter_map(|&(d, p)| self.hit_for(d, p, 0.0, &mut highlighter))
            .collect();
        SearchResponse {
            query: String::new(),
            lang: Some(lang),
            took_us: started.elapsed().as_micros() as u64,
            corrected: None,
            total: passages.len(),
            total_at_least: false,
            hits,
            ..SearchResponse::default()
        }
    }

    /// Glossary entries are short, so BM25 favours them; outside definition queries a passage
    /// that explains is the better answer, so entries are scored down and the list re-sorted.
    pub(super) fn damp_glossary(&self, top: &mut [(f32, DocAddress)]) {
        for (score, address) in top.iter_mut() {
            let is_glossary = self
                .passage_at(*address)
                .is_some_and(|(doc, _)| doc.topic == "glossary");
            if is_glossary {
                *score *= GLOSSARY_DAMPING;
            }
        }
        top.sort_by(|a, b| b.0.total_cmp(&a.0));
    }

    /// The same passage (by key) in the document's twin in the other language; the twin's top
    /// when no passage there has the key.
    fn twin_url(&self, doc: &Document, passage: &Passage) -> Option<String> {
        let twin = self
            .corpus
            .translations_of(doc)
            .into_iter()
            .find(|t| t.lang != doc.lang)?;
        Some(match twin.passages.iter().find(|p| p.key == passage.key) {
            Some(p) => twin.passage_url(p),
            None => format!("/doc/{}", twin.id),
        })
    }

    /// The positions (document, passage) behind an index address (the `ord` fast field, as read
    /// at build).
    fn position_at(&self, address: DocAddress) -> Option<(usize, usize)> {
        let packed = *self
            .ords
            .get(address.segment_ord as usize)?
            .get(address.doc_id as usize)?;
        (packed != u64::MAX).then(|| unpack_ord(packed))
    }

    /// The document and passage behind an index address.
    pub(super) fn passage_at(&self, address: DocAddress) -> Option<(&Document, &Passage)> {
        let (doc_index, passage_index) = self.position_at(address)?;
        let doc = self.corpus.documents().get(doc_index)?;
        Some((doc, doc.passages.get(passage_index)?))
    }

    pub(super) fn hit(
        &self,
        address: DocAddress,
        score: f32,
        highlighter: &mut Highlighter,
    ) -> Option<SearchHit> {
        let (doc_index, passage_index) = self.position_at(address)?;
        self.hit_for(doc_index, passage_index, score, highlighter)
    }

    /// A hit as a list shows it — title, heading, snippet, links — without its highlighted
    /// passage, copy texts or sources (`partial`); the passage's words are still noted, so
    /// that `why` counts the groups it holds.
    pub(super) fn light_hit(
        &self,
        address: DocAddress,
        score: f32,
        highlighter: &mut Highlighter,
    ) -> Option<SearchHit> {
        let (doc_index, passage_index) = self.position_at(address)?;
        let prepared = self.prepared(doc_index, passage_index)?;
        let doc = self.corpus.documents().get(doc_index)?;
        let passage = doc.passages.get(passage_index)?;
        highlighter.note(&passage.text);
        Some(listed_hit(doc, passage, prepared, score, highlighter))
    }

    /// What a hit carries that does not depend on the query (texts for chat and phone, the
    /// twin, the page address, the sources), made the first time the passage is a hit.
    fn prepared(&self, doc_index: usize, passage_index: usize) -> Option<&Prepared> {
        let slot = self.prepared.get(doc_index)?.get(passage_index)?;
        let doc = self.corpus.documents().get(doc_index)?;
        let passage = doc.passages.get(passage_index)?;
        let prepared = slot.get_or_init(|| {
            let (html, chunks) = self.html_template(doc, passage);
            Box::new(Prepared {
                twin_url: self.twin_url(doc, passage),
                url: doc.passage_url(passage),
                sources: doc.source_views(),
                chat_text: handover::chat_text(doc, passage, self.corpus.helpline.as_ref()),
                phone_text: handover::phone_text(passage, &self.corpus.synonyms),
                html,
                chunks,
                text_words: word_ranges(&passage.text),
            })
        });
        Some(prepared)
    }

    /// The passage rendered once, with each run of text left as a slot for the query's marks,
    /// and its glossary terms found (the first use of each, outside the glossary itself).
    fn html_template(&self, doc: &Document, passage: &Passage) -> (Vec<HtmlPart>, Vec<Chunk>) {
        let mut used = std::collections::HashSet::new();
        let mark_terms = doc.topic != "glossary";
        let mut chunks = Vec::new();
        let rendered = crate::content::markdown::to_html(&passage.markdown, &mut |text| {
            let glossary = if mark_terms {
                self.glossary
                    .find(doc.lang, text, &mut used)
                    .into_iter()
                    .map(|(start, end, definition)| (start, end, open_tag(definition)))
                    .collect()
            } else {
                Vec::new()
            };
            chunks.push(Chunk::new(text, glossary));
            // Text reaches the page escaped, so a `<` here can only be this slot.
            format!("{SLOT_OPEN}{}>", chunks.len() - 1)
        });
        let mut parts = Vec::new();
        let mut rest = rendered.as_str();
        while let Some(at) = rest.find(SLOT_OPEN) {
            parts.push(HtmlPart::Markup(rest[..at].to_string()));
            rest = &rest[at + SLOT_OPEN.len()..];
            let end = rest.find('>').unwrap_or(rest.len());
            if let Ok(index) = rest[..end].parse() {
                parts.push(HtmlPart::Chunk(index));
            }
            rest = rest.get(end + 1..).unwrap_or("");
        }
        parts.push(HtmlPart::Markup(rest.to_string()));
        (parts, chunks)
    }

    pub(super) fn hit_for(
        &self,
        doc_index: usize,
        passage_index: usize,
        score: f32,
        highlighter: &mut Highlighter,
    ) -> Option<SearchHit> {
        let prepared = self.prepared(doc_index, passage_index)?;
        let doc = self.corpus.documents().get(doc_index)?;
        let passage = doc.passages.get(passage_index)?;
        let mut html = String::with_capacity(passage.markdown.len() * 2);
        for part in &prepared.html {
            match part {
                HtmlPart::Markup(markup) => html.push_str(markup),
                HtmlPart::Chunk(index) => {
                    if let Some(chunk) = prepared.chunks.get(*index) {
                        html.push_str(&highlighter.mark_chunk(chunk));
                    }
                }
            }
        }
        Some(SearchHit {
            text: passage.text.clone(),
            html,
            sources: prepared.sources.clone(),
            chat_text: prepared.chat_text.clone(),
            phone_text: prepared.phone_text.clone(),
            partial: false,
            ..listed_hit(doc, passage, prepared, score, highlighter)
        })
    }
}

/// What the list of hits shows of a passage — title, heading, snippet marked for the query,
/// links — with the whole passage, its sources and copy texts left empty (`partial`).
fn listed_hit(
    doc: &Document,
    passage: &Passage,
    prepared: &Prepared,
    score: f32,
    highlighter: &mut Highlighter,
) -> SearchHit {
    SearchHit {
        twin_url: prepared.twin_url.clone(),
        kind: kind_of(doc),
        passage_id: passage.id.clone(),
        doc_id: doc.id.clone(),
        title: doc.title.clone(),
        heading: passage.heading.clone().unwrap_or_else(|| doc.title.clone()),
        lang: doc.lang,
        topic: doc.topic.clone(),
        snippet_html: highlighter.snippet_in(&passage.text, &prepared.text_words, SNIPPET_LEN),
        text: String::new(),
        score,
        last_reviewed: doc.last_reviewed.to_string(),
        url: prepared.url.clone(),
        html: String::new(),
        sources: Vec::new(),
        chat_text: String::new(),
        phone_text: String::new(),
        overdue: false,
        why: None,
        partial: true,
    }
}

fn kind_of(doc: &Document) -> HitKind {
    if doc.topic == "glossary" {
        HitKind::Glossary
    } else {
        HitKind::Passage
    }
}

/// The query-independent part of a hit, kept per passage once made.
pub(super) struct Prepared {
    twin_url: Option<String>,
    url: String,
    sources: Vec<crate::domain::SourceView>,
    chat_text: String,
    phone_text: String,
    /// The rendered passage: markup, and slots for its runs of text (`chunks`).
    html: Vec<HtmlPart>,
    chunks: Vec<Chunk>,
    /// The words of the passage's plain text, for its snippet.
    text_words: Vec<(u32, u32)>,
}

/// Opens a slot for a run of text in a rendered template.
const SLOT_OPEN: &str = "<slot:";

enum HtmlPart {
    Markup(String),
    Chunk(usize),
}
