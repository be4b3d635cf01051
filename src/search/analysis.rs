//! Text analysis per language: how passages and queries are cut into terms. Registered on every
//! index that is opened; the query side and the highlighter use the same analyzers, so what
//! matches is what gets marked.

use super::senses::SenseFilter;
use crate::domain::Lang;
use std::sync::OnceLock;
use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, TokenStream,
};

/// Words too common in callers' questions to tell passages apart. Removed from both the index
/// and queries, after lowercasing and accent folding.
const EN_STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this",
    "to", "was", "will", "with", "what", "does", "do", "did", "i", "me", "my", "we", "our", "you",
    "your", "he", "she", "his", "her", "him", "them", "has", "have", "had", "been", "being", "can",
    "could", "would", "should", "about", "which", "who", "whom", "its", "am", "were", "so", "just",
    "also", "please", "tell", "now",
    // contractions typed without their apostrophe ("dont" is not a typo of "done")
    "dont", "doesnt", "didnt", "cant", "wont", "isnt", "arent", "wasnt", "werent", "hasnt",
    "havent", "hadnt", "shouldnt", "wouldnt", "couldnt", "im", "ive", "youre", "theyre", "hes",
    "shes", "thats", "whats",
];

/// Spanish function words and question filler, written unaccented (they are folded first).
const ES_STOP: &[&str] = &[
    "de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con",
    "una", "su", "al", "lo", "como", "mas", "pero", "sus", "le", "ya", "o", "este", "si", "porque",
    "esta", "entre", "muy", "sobre", "tambien", "me", "hay", "donde", "quien", "desde", "nos",
    "les", "ni", "ese", "eso", "ante", "ellos", "e", "esto", "mi", "mis", "yo", "esa", "estos",
    "ella", "estas", "tu", "te", "ti", "tus", "ellas", "es", "son", "fue", "era", "han", "ha",
    "he", "hemos", "tiene", "tienen", "tengo", "estoy", "estan", "estaba", "ser", "cual", "usted",
    "ustedes", "puede", "pueden", "favor", "decir", "ahora",
    // the Spanish for "do" and "should", which the English list holds
    "hacer", "hago", "haces", "hace", "hacemos", "hacen", "debo", "debe", "debemos", "deben",
    "deberia", "deberian", // shorthand typed in chats ("q" for que, "xq" for porque)
    "q", "k", "xq", "pq", "porq",
];

/// Name of the stemming analyzer for a language's text fields.
pub fn stemmed_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "helpline_en",
        Lang::Es => "helpline_es",
    }
}

/// Name of the analyzer that keeps whole words (for prefixes and typo matching).
pub const WORDS: &str = "helpline_words";

fn tantivy_language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::English,
        Lang::Es => Language::Spanish,
    }
}

fn stop_words(lang: Lang) -> Vec<String> {
    let list = match lang {
        Lang::En => EN_STOP,
        Lang::Es => ES_STOP,
    };
    list.iter().map(|w| w.to_string()).collect()
}

/// Is `word` (lowercase, unaccented) one of the language's filler words?
pub fn is_stop_word(lang: Lang, word: &str) -> bool {
    match lang {
        Lang::En => EN_STOP.contains(&word),
        Lang::Es => ES_STOP.contains(&word),
    }
}

/// Lowercase and strip accents, as the analyzers do ("Punción" → "puncion").
pub fn fold(word: &str) -> String {
    let mut analyzer = words();
    let mut stream = analyzer.token_stream(word);
    let mut out = String::new();
    while let Some(token) = stream.next() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&token.text);
    }
    out
}

/// The analyzer for a language's stemmed text fields. Built once; each call is a cheap clone.
pub fn stemmed(lang: Lang) -> TextAnalyzer {
    static BUILT: OnceLock<[TextAnalyzer; 2]> = OnceLock::new();
    let built = BUILT.get_or_init(|| Lang::ALL.map(build_stemmed));
    built[lang as usize].clone()
}

fn build_stemmed(lang: Lang) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(SenseFilter)
        .filter(StopWordFilter::remove(stop_words(lang)))
        .filter(Stemmer::new(tantivy_language(lang)))
        .build()
}

/// The analyzer for whole-word fields: lowercased and folded, nothing removed.
pub fn words() -> TextAnalyzer {
    static BUILT: OnceLock<TextAnalyzer> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build()
        })
        .clone()
}

/// Registers every analyzer on `index`; call it whenever an index is created or opened.
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    for lang in Lang::ALL {
        manager.register(stemmed_name(lang), stemmed(lang));
    }
    manager.register(WORDS, words());
}

/// A term found in a text, with where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub term: String,
    pub from: usize,
    pub to: usize,
}

/// Runs `analyzer` over `text` and returns every term with its byte range in `text`.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Found> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(Found {
            term: token.text.clone(),
            from: token.offset_from,
            to: token.offset_to,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(lang: Lang, text: &str) -> Vec<String> {
        terms(&mut stemmed(lang), text)
            .into_iter()
            .map(|f| f.term)
            .collect()
    }

    #[test]
    fn english_stems_folds_and_drops_filler() {
        assert_eq!(
            stems(Lang::En, "What does my Maintenance involve?"),
            ["mainten", "involv"]
        );
    }

    #[test]
    fn spanish_accents_fold_so_typed_and_written_forms_meet() {
        assert_eq!(stems(Lang::Es, "punción"), stems(Lang::Es, "puncion"));
        assert_eq!(
            stems(Lang::Es, "¿Cuánto dura el mantenimiento?"),
            stems(Lang::Es, "cuanto dura mantenimiento")
        );
    }

    #[test]
    fn how_well_it_works_stems_apart_from_side_effects() {
        assert_ne!(stems(Lang::En, "effective"), stems(Lang::En, "effects"));
        assert_eq!(
            stems(Lang::En, "effectiveness"),
            stems(Lang::En, "efficacy")
        );
        assert_ne!(stems(Lang::Es, "efectivo"), stems(Lang::Es, "efectos"));
        assert_eq!(
            stems(Lang::Es, "¿Es eficaz?"),
            stems(Lang::Es, "efectividad")
        );
    }

    #[test]
    fn chat_shorthand_is_filler() {
        assert_eq!(
            stems(Lang::Es, "en q cambia"),
            stems(Lang::Es, "en que cambia")
        );
        assert_eq!(
            stems(Lang::Es, "xq le dan eso"),
            stems(Lang::Es, "porque le dan eso")
        );
    }

    #[test]
    fn fold_lowercases_and_strips_accents() {
        assert_eq!(fold("Remisión"), "remision");
    }
}
