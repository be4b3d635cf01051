//! Word pairs: every two stems standing side by side in a title, heading or text are indexed
//! as one term of a companion field. A phrase can only match a passage holding each of its
//! side-by-side pairs, so the rarest pair's passages are the only ones worth checking for the
//! phrase: a phrase of common words ("philadelphia chromosome positive") no longer means
//! reading the word positions of every passage holding all three words.
//!
//! Only stems at neighbouring positions make a pair (a word dropped between two others, such as
//! a stop word, leaves a gap and no pair), so the pairs of a passage are exactly the
//! neighbouring pairs any phrase matching it must have.

use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer, Token, TokenStream};

/// The term for `first` followed directly by `second`.
pub fn pair_term(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// The pairs of `text`, ready to index in a pair field.
pub fn pairs_of(analyzer: &mut TextAnalyzer, text: &str) -> PreTokenizedString {
    let mut stream = analyzer.token_stream(text);
    let mut previous: Option<(usize, String)> = None;
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        if let Some((position, stem)) = &previous
            && position + 1 == token.position
        {
            tokens.push(Token {
                text: pair_term(stem, &token.text),
                position: tokens.len(),
                ..Token::default()
            });
        }
        previous = Some((token.position, token.text.clone()));
    }
    PreTokenizedString {
        text: String::new(),
        tokens,
    }
}

/// The side-by-side pairs of a phrase given as (position, stem).
pub fn phrase_pairs(phrase: &[(usize, String)]) -> impl Iterator<Item = String> + '_ {
    phrase
        .windows(2)
        .filter(|w| w[0].0 + 1 == w[1].0)
        .map(|w| pair_term(&w[0].1, &w[1].1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::search::analysis::stemmed;

    fn pairs(text: &str) -> Vec<String> {
        pairs_of(&mut stemmed(Lang::En), text)
            .tokens
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn neighbouring_stems_pair_up() {
        assert_eq!(
            pairs("Philadelphia chromosome-positive leukemia"),
            [
                "philadelphia chromosom",
                "chromosom posit",
                "posit leukemia"
            ]
        );
    }

    #[test]
    fn a_dropped_word_between_two_breaks_the_pair() {
        // "of" is a stop word: "treatment" and "adults" are not neighbours.
        assert_eq!(pairs("treatment of adults"), Vec::<String>::new());
        assert_eq!(
            phrase_pairs(&[(0, "a".into()), (2, "b".into()), (3, "c".into())]).collect::<Vec<_>>(),
            ["b c"]
        );
    }
}
