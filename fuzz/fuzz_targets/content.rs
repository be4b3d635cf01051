//! Any bytes as a content file (a document, the glossary, the synonyms, the helpline facts):
//! the parsers report problems, never panic.
#![no_main]

use helpline_assist::content::glossary::parse_glossary;
use helpline_assist::content::helpline::HelplineFacts;
use helpline_assist::content::parse::parse_document;
use helpline_assist::content::synonyms::Synonyms;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = parse_document(Path::new("en/fuzz.md"), &text, None);
    if let Some(doc) = parsed.document {
        for passage in &doc.passages {
            assert!(passage.id.starts_with(&doc.id));
        }
    }
    let _ = parse_glossary(Path::new("glossary.toml"), &text);
    let _ = Synonyms::parse(Path::new("synonyms.toml"), &text);
    let _ = HelplineFacts::parse(Path::new("helpline.toml"), &text);
});
