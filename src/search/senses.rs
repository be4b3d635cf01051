//! Words the stemmers run together though they mean different things. Snowball cuts
//! "effective" and "effects" to one stem ("effect"), and "efectivo" and "efectos" to "efect",
//! so "how effective is blinatumomab" answered with its side effects. Before stemming, each
//! word of a sense listed here is replaced by the everyday word for it (for both the index and
//! queries: the analyzers are shared), which stems apart from the word it was confused with.
//! The everyday word is one the content uses, so the question keeps a word its language
//! holds: a sense word of its own, held by three passages, made "dasatinib effective" look
//! better answered in Spanish (where "effective" is no word at all) than in English.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Folded words that mean "how well it works", and the word each becomes: "how effective is
/// it" asks "how well does it work" ("¿qué tan bien funciona?").
const SENSES: &[(&[&str], &str)] = &[
    (
        &[
            "effective",
            "effectively",
            "effectiveness",
            "efficacy",
            "efficacious",
            "ineffective",
        ],
        "works",
    ),
    (
        &[
            "efectivo",
            "efectiva",
            "efectivos",
            "efectivas",
            "efectividad",
            "eficaz",
            "eficaces",
            "eficacia",
            "ineficaz",
        ],
        "funciona",
    ),
];

/// The word `folded` stands for, when it is one a stemmer would confuse.
fn sense_of(folded: &str) -> Option<&'static str> {
    SENSES
        .iter()
        .find(|(words, _)| words.contains(&folded))
        .map(|&(_, target)| target)
}

/// A token filter (after lowercasing and folding, before stemming) that replaces the words of
/// `SENSES` with their sense's word.
#[derive(Clone)]
pub struct SenseFilter;

impl TokenFilter for SenseFilter {
    type Tokenizer<T: Tokenizer> = SenseTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SenseTokenizer<T> {
        SenseTokenizer { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct SenseTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SenseTokenizer<T> {
    type TokenStream<'a> = SenseStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SenseStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct SenseStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for SenseStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        if let Some(target) = sense_of(&self.tail.token().text) {
            let token = self.tail.token_mut();
            token.text.clear();
            token.text.push_str(target);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use crate::content::Corpus;
    use crate::content::fixture::TestDoc;
    use crate::search::SearchIndex;
    use std::sync::Arc;

    /// A drug's results and its side effects, in both languages.
    fn index() -> SearchIndex {
        let body_en = "## How well does blinatumomab work?\nIn a study, about 4 in 10 adults whose ALL came back reached remission; it was more effective than chemotherapy.\n\n\
             ## Side effects of blinatumomab\nSide effects include fever and confusion. Most side effects go away; report any effects at once.\n";
        let body_es = "## ¿Qué tan bien funciona el blinatumomab? {key=how-well-does-blinatumomab-work}\nEn un estudio, unos 4 de cada 10 adultos cuya LLA regresó lograron la remisión; fue más eficaz que la quimioterapia.\n\n\
             ## Efectos secundarios del blinatumomab {key=side-effects-of-blinatumomab}\nLos efectos secundarios incluyen fiebre y confusión. La mayoría de los efectos desaparecen.\n";
        let mut es = TestDoc::new("blin-es", "es", body_es).title("Blinatumomab");
        es.translation_of = Some("blin");
        let docs = vec![
            TestDoc::new("blin", "en", body_en)
                .title("Blinatumomab")
                .parse(),
            es.parse(),
        ];
        SearchIndex::build(Arc::new(Corpus::new(docs))).expect("index builds")
    }

    fn first(index: &SearchIndex, query: &str) -> String {
        let res = crate::search::tests::search(index, query, None);
        res.hits
            .first()
            .map(|h| h.passage_id.clone())
            .unwrap_or_default()
    }

    #[test]
    fn how_effective_a_drug_is_is_not_answered_with_its_side_effects() {
        let idx = index();
        for query in [
            "how effective is blinatumomab",
            "blinatumomab effectiveness",
        ] {
            assert_eq!(
                first(&idx, query),
                "blin#how-well-does-blinatumomab-work",
                "{query}"
            );
        }
        for query in [
            "que tan efectivo es el blinatumomab",
            "eficacia del blinatumomab",
        ] {
            assert_eq!(
                first(&idx, query),
                "blin-es#que-tan-bien-funciona-el-blinatumomab",
                "{query}"
            );
        }
        // Side effects still find the side effects.
        assert_eq!(
            first(&idx, "blinatumomab side effects"),
            "blin#side-effects-of-blinatumomab"
        );
    }
}
