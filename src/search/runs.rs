//! Word runs ("shingles"): every two and every three stems standing side by side in a title,
//! heading or text are indexed as one term of a companion field, with how often they occur.
//! A two- or three-word phrase is then one term: its postings say where the phrase is and
//! how often, without reading word positions. A longer phrase can only match a passage holding
//! each of its runs, so the rarest run's passages are the only ones worth checking.
//!
//! Only stems at neighbouring positions make a run (a word dropped between two others, such as
//! a stop word, leaves a gap and no run), so the runs of a passage are exactly the runs any
//! phrase matching it must have.

use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer, Token, TokenStream};

/// Longest run indexed.
pub const MAX_RUN: usize = 3;

/// The term for stems standing directly one after the other.
pub fn run_term<S: AsRef<str>>(stems: &[S]) -> String {
    let mut out = String::new();
    for (i, stem) in stems.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(stem.as_ref());
    }
    out
}

/// The runs of two and three stems of `text`, ready to index in a run field.
pub fn runs_of(analyzer: &mut TextAnalyzer, text: &str) -> PreTokenizedString {
    let mut stream = analyzer.token_stream(text);
    let mut stems: Vec<(usize, String)> = Vec::new();
    while let Some(token) = stream.next() {
        stems.push((token.position, token.text.clone()));
    }
    let mut tokens = Vec::new();
    for (text, _) in phrase_runs(&stems) {
        tokens.push(Token {
            text,
            position: tokens.len(),
            ..Token::default()
        });
    }
    PreTokenizedString {
        text: String::new(),
        tokens,
    }
}

/// Every run of two or three neighbouring stems in `stems` (position, stem), with whether it
/// covers all of them.
pub fn phrase_runs(stems: &[(usize, String)]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for start in 0..stems.len() {
        let mut end = start + 1;
        while end < stems.len() && end - start < MAX_RUN && stems[end - 1].0 + 1 == stems[end].0 {
            end += 1;
            let words: Vec<&str> = stems[start..end].iter().map(|(_, s)| s.as_str()).collect();
            out.push((run_term(&words), start == 0 && end == stems.len()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::search::analysis::stemmed;

    fn runs(text: &str) -> Vec<String> {
        runs_of(&mut stemmed(Lang::En), text)
            .tokens
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn neighbouring_stems_make_runs_of_two_and_three() {
        assert_eq!(
            runs("Philadelphia chromosome-positive leukemia"),
            [
                "philadelphia chromosom",
                "philadelphia chromosom posit",
                "chromosom posit",
                "chromosom posit leukemia",
                "posit leukemia"
            ]
        );
    }

    #[test]
    fn a_dropped_word_between_two_breaks_the_run() {
        // "of" is a stop word: "treatment" and "adults" are not neighbours.
        assert_eq!(runs("treatment of adults"), Vec::<String>::new());
        let stems = [(0, "a".into()), (2, "b".into()), (3, "c".into())];
        assert_eq!(phrase_runs(&stems), [("b c".to_string(), false)]);
    }

    #[test]
    fn a_phrase_of_two_or_three_words_is_one_whole_run() {
        let stems = [
            (0, "stem".into()),
            (1, "cell".into()),
            (2, "transplant".into()),
        ];
        let whole: Vec<String> = phrase_runs(&stems)
            .into_iter()
            .filter(|(_, whole)| *whole)
            .map(|(t, _)| t)
            .collect();
        assert_eq!(whole, ["stem cell transplant"]);
    }
}
