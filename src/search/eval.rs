//! Relevance evaluation: runs a set of questions (a TSV of `id, query, topic, answer_terms`)
//! through the engine and scores recall@1, recall@3 and MRR by the rules of the evaluation
//! set: a hit answers when each `|` item has one `/` alternative in its title, heading or text,
//! compared case- and accent-insensitively, dashes and spaces folded, as substrings.

use super::{SearchError, SearchIndex, SearchRequest};
use crate::domain::SearchHit;

/// One question of an evaluation set.
#[derive(Clone, Debug)]
pub struct Question {
    pub id: String,
    pub query: String,
    pub topic: String,
    /// Items that must all occur; each item is a list of alternatives.
    pub answer_terms: Vec<Vec<String>>,
}

/// How one question fared.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub question: Question,
    /// 1-based rank of the first answering hit in the first 10, if any.
    pub rank: Option<usize>,
    pub first_hit: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub questions: usize,
    pub recall_at_1: f64,
    pub recall_at_3: f64,
    pub mrr: f64,
}

/// Reads an evaluation TSV (first line is the header). Malformed lines are reported by number.
pub fn parse_tsv(text: &str) -> Result<Vec<Question>, String> {
    let mut questions = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, query, topic, terms] = cols[..] else {
            return Err(format!("line {}: expected 4 tab-separated columns", i + 1));
        };
        questions.push(Question {
            id: id.to_string(),
            query: query.to_string(),
            topic: topic.to_string(),
            answer_terms: terms
                .split('|')
                .map(|item| item.split('/').map(fold).collect())
                .collect(),
        });
    }
    Ok(questions)
}

/// Lowercase, accents removed, dashes made `-`, runs of white space made one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            '‐' | '‑' | '‒' | '–' | '—' | '―' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Does `hit` answer a question with these answer terms?
pub fn answers(hit: &SearchHit, answer_terms: &[Vec<String>]) -> bool {
    answers_text(&hit.title, &hit.heading, &hit.text, answer_terms)
}

/// Does a passage with this title, heading and text answer a question with these terms?
pub fn answers_text(title: &str, heading: &str, text: &str, answer_terms: &[Vec<String>]) -> bool {
    let haystack = fold(&format!("{title}\n{heading}\n{text}"));
    answer_terms.iter().all(|alternatives| {
        alternatives
            .iter()
            .any(|alt| haystack.contains(alt.as_str()))
    })
}

/// Runs every question and scores the set.
pub fn evaluate(
    index: &SearchIndex,
    questions: &[Question],
) -> Result<(Scores, Vec<Outcome>), SearchError> {
    let mut outcomes = Vec::with_capacity(questions.len());
    for question in questions {
        let response = index.search(&SearchRequest {
            query: question.query.clone(),
            lang: None,
            limit: 10,
            whole: Default::default(),
        })?;
        let rank = response
            .hits
            .iter()
            .position(|hit| answers(hit, &question.answer_terms))
            .map(|i| i + 1);
        outcomes.push(Outcome {
            question: question.clone(),
            rank,
            first_hit: response.hits.first().map(|h| h.passage_id.clone()),
        });
    }
    Ok((score(&outcomes), outcomes))
}

/// recall@1, recall@3 and MRR of a set of outcomes.
pub fn score(outcomes: &[Outcome]) -> Scores {
    let n = outcomes.len().max(1) as f64;
    let within = |k: usize| {
        outcomes
            .iter()
            .filter(|o| o.rank.is_some_and(|r| r <= k))
            .count() as f64
            / n
    };
    Scores {
        questions: outcomes.len(),
        recall_at_1: within(1),
        recall_at_3: within(3),
        mrr: outcomes
            .iter()
            .filter_map(|o| o.rank)
            .map(|r| 1.0 / r as f64)
            .sum::<f64>()
            / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_follows_the_scoring_rules() {
        assert_eq!(
            fold("Remisión  Completa – Fase"),
            "remision completa - fase"
        );
    }

    #[test]
    fn tsv_items_and_alternatives_are_split() {
        let qs = parse_tsv("id\tquery\ttopic\tanswer_terms\nq1\twhat\tt\ta/B|c\n").unwrap();
        assert_eq!(
            qs[0].answer_terms,
            vec![
                vec!["a".to_string(), "b".to_string()],
                vec!["c".to_string()]
            ]
        );
        assert!(parse_tsv("h\nonly\ttwo\n").is_err());
    }
}
