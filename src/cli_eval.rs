//! `helpline-assist eval FILE`: relevance of the engine on an evaluation set (recall@1,
//! recall@3, MRR), with `--compare fts5` the same questions through the FTS5 baseline, and
//! CI gates on the minimum recall.

use crate::baseline::Fts5Baseline;
use crate::config::{Baseline, EvalArgs};
use crate::search::eval::{Outcome, Question, Scores, answers_text, evaluate, parse_tsv, score};

pub async fn eval(args: EvalArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
    let questions =
        parse_tsv(&text).map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let index = crate::cli::load_index(&args.content_dir)?;
    let (scores, outcomes) = evaluate(&index, &questions)?;
    if args.verbose {
        print_misses(&outcomes);
    }
    print_scores("ours", &scores);
    if args.compare == Some(Baseline::Fts5) {
        let baseline = Fts5Baseline::build(index.corpus()).await?;
        let outcomes = fts5_outcomes(&baseline, &questions).await?;
        let theirs = score(&outcomes);
        print_scores("fts5", &theirs);
        println!(
            "margin  recall@1 {:+.3}  recall@3 {:+.3}  MRR {:+.3}",
            scores.recall_at_1 - theirs.recall_at_1,
            scores.recall_at_3 - theirs.recall_at_3,
            scores.mrr - theirs.mrr
        );
    }
    for (name, got, min) in [
        ("recall@1", scores.recall_at_1, args.min_recall_at_1),
        ("recall@3", scores.recall_at_3, args.min_recall_at_3),
    ] {
        if let Some(min) = min
            && got < min
        {
            anyhow::bail!("{name} {got:.3} is below the required {min:.3}");
        }
    }
    Ok(())
}

fn print_scores(engine: &str, scores: &Scores) {
    println!(
        "{engine:<6}questions {}  recall@1 {:.3}  recall@3 {:.3}  MRR {:.3}",
        scores.questions, scores.recall_at_1, scores.recall_at_3, scores.mrr
    );
}

fn print_misses(outcomes: &[Outcome]) {
    for o in outcomes.iter().filter(|o| o.rank != Some(1)) {
        let rank = o.rank.map_or("-".to_string(), |r| r.to_string());
        println!(
            "{}\trank {rank}\t{}\tfirst: {}",
            o.question.id,
            o.question.query,
            o.first_hit.as_deref().unwrap_or("(none)")
        );
    }
}

async fn fts5_outcomes(
    baseline: &Fts5Baseline,
    questions: &[Question],
) -> anyhow::Result<Vec<Outcome>> {
    let mut outcomes = Vec::with_capacity(questions.len());
    for question in questions {
        let hits = baseline.search(&question.query, 10).await?;
        let rank = hits
            .iter()
            .position(|h| answers_text(&h.title, &h.heading, &h.text, &question.answer_terms))
            .map(|i| i + 1);
        outcomes.push(Outcome {
            question: question.clone(),
            rank,
            first_hit: hits.first().map(|h| h.passage_id.clone()),
        });
    }
    Ok(outcomes)
}
