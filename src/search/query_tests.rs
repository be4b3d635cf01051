//! How typed text becomes groups.

use super::*;

fn words(text: &str) -> Vec<String> {
    plan(text, Lang::En, &Synonyms::default())
        .groups
        .into_iter()
        .filter_map(|g| g.word)
        .collect()
}

#[test]
fn contraction_tails_are_not_groups() {
    assert_eq!(
        words("why chemo if there's no leukemia "),
        ["why", "chemo", "no", "leukemia"]
    );
    assert_eq!(words("when it\u{2019}s spread "), ["when", "spread"]);
    assert_eq!(words("doesn't that mean chronic "), ["chronic"]);
    assert_eq!(words("it isn\u{2019}t spread "), ["spread"]);
    // A letter standing alone is still a word, also in quotes.
    assert_eq!(words("vitamin d levels "), ["vitamin", "d", "levels"]);
    assert_eq!(words("what are 't' cells "), ["t", "cells"]);
    // A tail still being typed is no prefix either.
    let typing = plan("we'll", Lang::En, &Synonyms::default());
    assert_eq!((typing.prefix, typing.groups.len()), (None, 0));
}

#[test]
fn both_spanish_word_orders_of_mrd_are_one_group() {
    let path = std::path::Path::new("content/synonyms.toml");
    let text = std::fs::read_to_string(path).expect("shipped synonyms");
    let synonyms = Synonyms::parse(path, &text).0;
    for typed in [
        "enfermedad minima residual positiva",
        "enfermedad residual mínima positiva",
    ] {
        let plan = plan(typed, Lang::Es, &synonyms);
        assert_eq!(plan.groups[0].kind, GroupKind::Synonym, "{typed}");
        assert_eq!(plan.groups.len(), 2, "{typed}");
    }
}

#[test]
fn chatter_after_a_question_adds_no_group() {
    // "now" (a stop word in NLTK's English list), and in Spanish the forms of "do" and
    // "should" that the English list holds, with "ahora".
    assert_eq!(words("what is ALL leukemia now "), ["all", "leukemia"]);
    let es = |text: &str| -> Vec<String> {
        plan(text, Lang::Es, &Synonyms::default())
            .groups
            .into_iter()
            .filter_map(|g| g.word)
            .collect()
    };
    assert_eq!(
        es("remisión completa y qué hacemos ahora "),
        ["remision", "completa"]
    );
    assert_eq!(es("qué debe comer "), ["comer"]);
}
