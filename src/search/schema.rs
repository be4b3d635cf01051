//! The index layout: which fields a passage is indexed under, and with which analyzer.
//! Each language has its own stemmed fields, so a query only meets passages of its language.

use super::analysis::{WORDS, stemmed_name};
use crate::domain::Lang;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// The stemmed text fields of one language.
#[derive(Clone, Copy, Debug)]
pub struct LangFields {
    pub title: Field,
    pub heading: Field,
    /// Authors' alternative phrasings of the passage (see `Passage::phrasings`).
    pub phrasings: Field,
    pub body: Field,
    /// Title, heading, phrasings and body as whole (unstemmed) words: prefixes and typos.
    pub words: Field,
    /// The runs of neighbouring stems of title, heading and body (see `runs`).
    pub title_runs: Field,
    pub heading_runs: Field,
    pub phrasings_runs: Field,
    pub body_runs: Field,
}

impl LangFields {
    /// Stemmed fields with the boost each gets: title and heading count more than the
    /// phrasings, and they more than the body.
    pub fn boosted(&self) -> [(Field, f32); 4] {
        [
            (self.title, 2.5),
            (self.heading, 2.0),
            (self.phrasings, 1.5),
            (self.body, 1.0),
        ]
    }

    /// The run field companion of a stemmed field.
    pub fn run_field(&self, field: Field) -> Option<Field> {
        [
            (self.title, self.title_runs),
            (self.heading, self.heading_runs),
            (self.phrasings, self.phrasings_runs),
            (self.body, self.body_runs),
        ]
        .into_iter()
        .find(|(stemmed, _)| *stemmed == field)
        .map(|(_, runs)| runs)
    }
}

#[derive(Clone, Debug)]
pub struct Fields {
    pub passage_id: Field,
    pub doc_id: Field,
    pub lang: Field,
    pub topic: Field,
    /// Position of the passage in the corpus: document index << 16 | passage index.
    pub ord: Field,
    pub en: LangFields,
    pub es: LangFields,
}

impl Fields {
    /// Every field a query's words are matched in (stemmed and run fields, both languages).
    pub fn matched(&self) -> Vec<Field> {
        [&self.en, &self.es]
            .into_iter()
            .flat_map(|l| {
                [
                    l.title,
                    l.heading,
                    l.phrasings,
                    l.body,
                    l.title_runs,
                    l.heading_runs,
                    l.phrasings_runs,
                    l.body_runs,
                ]
            })
            .collect()
    }

    pub fn of(&self, lang: Lang) -> &LangFields {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }
}

fn text_options(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Run fields are given their terms ready-made; a run's frequency is the count of a two- or
/// three-word phrase. No positions, and no norms of their own (a phrase uses its field's).
fn run_options() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqs)
            .set_fieldnorms(false),
    )
}

pub fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let passage_id = builder.add_text_field("passage_id", STRING | STORED);
    let doc_id = builder.add_text_field("doc_id", STRING | STORED);
    let lang = builder.add_text_field("lang", STRING | STORED);
    let topic = builder.add_text_field("topic", STRING | STORED);
    let ord = builder.add_u64_field("ord", INDEXED | STORED | FAST);
    let mut lang_fields = |lang: Lang| {
        let stemmed = text_options(stemmed_name(lang));
        let code = lang.code();
        LangFields {
            title: builder.add_text_field(&format!("title_{code}"), stemmed.clone()),
            heading: builder.add_text_field(&format!("heading_{code}"), stemmed.clone()),
            phrasings: builder.add_text_field(&format!("phrasings_{code}"), stemmed.clone()),
            body: builder.add_text_field(&format!("body_{code}"), stemmed),
            words: builder.add_text_field(&format!("words_{code}"), text_options(WORDS)),
            title_runs: builder.add_text_field(&format!("title_runs_{code}"), run_options()),
            heading_runs: builder.add_text_field(&format!("heading_runs_{code}"), run_options()),
            phrasings_runs: builder
                .add_text_field(&format!("phrasings_runs_{code}"), run_options()),
            body_runs: builder.add_text_field(&format!("body_runs_{code}"), run_options()),
        }
    };
    let en = lang_fields(Lang::En);
    let es = lang_fields(Lang::Es);
    let fields = Fields {
        passage_id,
        doc_id,
        lang,
        topic,
        ord,
        en,
        es,
    };
    (builder.build(), fields)
}

pub fn pack_ord(doc_index: usize, passage_index: usize) -> u64 {
    ((doc_index as u64) << 16) | (passage_index as u64 & 0xffff)
}

pub fn unpack_ord(ord: u64) -> (usize, usize) {
    ((ord >> 16) as usize, (ord & 0xffff) as usize)
}
