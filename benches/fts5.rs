//! The comparison a team would make first: the same passages and queries through SQLite FTS5
//! (bm25 ranking, porter stemming, diacritics removed) in this process, next to our engine.
//! Prints latency p50/p99 per kind of query on the real corpus and on 100,000 generated
//! passages, the ratio, and relevance on the public evaluation set for both.
//!
//! Run: `cargo bench --features ssr --bench fts5` (set HELPLINE_EVAL to the evaluation TSV if it
//! is not at ../shared/evals/public.tsv).

use helpline_assist::content::{Corpus, load_dir, synthetic};
use helpline_assist::search::eval::{Question, fold, parse_tsv};
use helpline_assist::search::{SearchIndex, SearchRequest};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

const KINDS: [(&str, &[&str]); 4] = [
    (
        "keyword",
        &[
            "maintenance",
            "lumbar puncture",
            "ommaya",
            "6mp",
            "blinatumomab",
            "nausea",
        ],
    ),
    (
        "misspelled",
        &[
            "blinatumamab consolidation",
            "lumbar punture",
            "ponatinab",
            "mercaptopurin",
        ],
    ),
    (
        "question",
        &[
            "my husband has philadelphia positive ALL does he still need chemo",
            "how many adults are diagnosed with ALL each year in the US",
            "leukemia came back after bone marrow transplant what now",
        ],
    ),
    (
        "spanish",
        &[
            "¿cuánto dura el mantenimiento?",
            "punción lumbar quimioterapia intratecal",
        ],
    ),
];

/// One passage as FTS5 returns it.
struct Row3 {
    title: String,
    heading: String,
    text: String,
}

async fn fts5_index(corpus: &Corpus) -> SqlitePool {
    let options = SqliteConnectOptions::from_str("sqlite::memory:").expect("url");
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .expect("sqlite");
    sqlx::query(
        "CREATE VIRTUAL TABLE passages USING fts5(passage_id UNINDEXED, title, heading, body, \
         tokenize = 'porter unicode61 remove_diacritics 2')",
    )
    .execute(&pool)
    .await
    .expect("fts5 is compiled into the bundled SQLite");
    let mut tx = pool.begin().await.expect("tx");
    for doc in corpus.documents() {
        for p in &doc.passages {
            sqlx::query(
                "INSERT INTO passages (passage_id, title, heading, body) VALUES (?, ?, ?, ?)",
            )
            .bind(&p.id)
            .bind(&doc.title)
            .bind(p.heading.as_deref().unwrap_or(""))
            .bind(&p.text)
            .execute(&mut *tx)
            .await
            .expect("insert");
        }
    }
    tx.commit().await.expect("commit");
    pool
}

/// What a team would write first: every word quoted (so nothing typed is syntax), OR-ed.
fn fts5_query(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" OR ")
}

async fn fts5_search(pool: &SqlitePool, text: &str) -> Vec<Row3> {
    let query = fts5_query(text);
    if query.is_empty() {
        return Vec::new();
    }
    sqlx::query(
        "SELECT title, heading, body FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 10",
    )
    .bind(query)
    .fetch_all(pool)
    .await
    .expect("fts5 query")
    .into_iter()
    .map(|r| Row3 { title: r.get(0), heading: r.get(1), text: r.get(2) })
    .collect()
}

fn answers(title: &str, heading: &str, text: &str, q: &Question) -> bool {
    let haystack = fold(&format!("{title}\n{heading}\n{text}"));
    q.answer_terms
        .iter()
        .all(|alts| alts.iter().any(|a| haystack.contains(a.as_str())))
}

fn scores(ranks: &[Option<usize>]) -> (f64, f64, f64) {
    let n = ranks.len().max(1) as f64;
    let within = |k| ranks.iter().filter(|r| r.is_some_and(|r| r <= k)).count() as f64 / n;
    let mrr = ranks.iter().flatten().map(|r| 1.0 / *r as f64).sum::<f64>() / n;
    (within(1), within(3), mrr)
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    times[((times.len() - 1) as f64 * p).round() as usize]
}

fn eval_file() -> Option<PathBuf> {
    std::env::var_os("HELPLINE_EVAL")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            [
                "../shared/evals/public.tsv",
                "/work/shared/evals/public.tsv",
            ]
            .map(PathBuf::from),
        )
        .find(|p| p.exists())
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let real = load_dir(Path::new("content")).corpus;
    let generated_dir = tempfile::tempdir().expect("temp dir");
    synthetic::write_folder(&real, Path::new("content"), generated_dir.path(), 100_000)
        .expect("generated");
    let big = load_dir(generated_dir.path()).corpus;

    for (name, corpus) in [("real", real), ("100k", big)] {
        let started = Instant::now();
        let pool = runtime.block_on(fts5_index(&corpus));
        let fts_build = started.elapsed();
        let corpus = Arc::new(corpus);
        let started = Instant::now();
        let index = SearchIndex::build(Arc::clone(&corpus)).expect("index");
        println!(
            "\n{name} ({} passages): build — ours {:.0?}, FTS5 {:.0?}",
            corpus.passage_count(),
            started.elapsed(),
            fts_build
        );
        println!(
            "| corpus | queries | ours p50 | ours p99 | FTS5 p50 | FTS5 p99 | FTS5 / ours (p50) |"
        );
        println!("|---|---|---|---|---|---|---|");
        for (kind, queries) in KINDS {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            for _ in 0..40 {
                for q in queries {
                    let started = Instant::now();
                    let request = SearchRequest {
                        query: q.to_string(),
                        lang: None,
                        limit: 10,
                    };
                    std::hint::black_box(index.search(&request).expect("search"));
                    ours.push(started.elapsed());
                    let started = Instant::now();
                    std::hint::black_box(runtime.block_on(fts5_search(&pool, q)));
                    theirs.push(started.elapsed());
                }
            }
            let (o50, o99) = (percentile(&mut ours, 0.5), percentile(&mut ours, 0.99));
            let (t50, t99) = (percentile(&mut theirs, 0.5), percentile(&mut theirs, 0.99));
            println!(
                "| {name} | {kind} | {o50:.2?} | {o99:.2?} | {t50:.2?} | {t99:.2?} | {:.2} |",
                t50.as_secs_f64() / o50.as_secs_f64()
            );
        }
        if name != "real" {
            continue;
        }
        let Some(path) = eval_file() else {
            println!("(no evaluation file: set HELPLINE_EVAL)");
            continue;
        };
        let questions =
            parse_tsv(&std::fs::read_to_string(&path).expect("eval file")).expect("eval rows");
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for q in &questions {
            let request = SearchRequest {
                query: q.query.clone(),
                lang: None,
                limit: 10,
            };
            let hits = index.search(&request).expect("search").hits;
            ours.push(
                hits.iter()
                    .position(|h| answers(&h.title, &h.heading, &h.text, q))
                    .map(|i| i + 1),
            );
            let rows = runtime.block_on(fts5_search(&pool, &q.query));
            theirs.push(
                rows.iter()
                    .position(|r| answers(&r.title, &r.heading, &r.text, q))
                    .map(|i| i + 1),
            );
        }
        let (a1, a3, am) = scores(&ours);
        let (b1, b3, bm) = scores(&theirs);
        println!(
            "\nrelevance on {} ({} questions):",
            path.display(),
            questions.len()
        );
        println!("| engine | recall@1 | recall@3 | MRR |\n|---|---|---|---|");
        println!("| ours | {a1:.3} | {a3:.3} | {am:.3} |");
        println!("| SQLite FTS5 (bm25, porter) | {b1:.3} | {b3:.3} | {bm:.3} |");
    }
}
