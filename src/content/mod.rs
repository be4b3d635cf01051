//! The content model and everything that reads it from disk: Markdown documents with TOML
//! front matter, split into passages; validation behind `check`. Plain Rust: no Leptos, no
//! search engine, no HTTP.

pub mod chat_hours;
pub mod checks;
mod front;
pub mod glossary;
pub mod handover;
pub mod helpline;
pub mod load;
pub mod markdown;
pub mod model;
pub mod parse;
mod passages;
pub mod phrasings;
pub mod problem;
pub mod safety;
pub mod synonyms;
pub mod synthetic;
pub mod text;
pub mod view;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod safety_tests;
#[cfg(test)]
mod tests;

pub use load::{
    DocumentText, LoadReport, load_dir, load_dir_as_of, load_texts_as_of, read_documents,
};
pub use model::{Corpus, Document, Passage};
pub use problem::{Problem, Severity};
