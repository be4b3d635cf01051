//! The comparison a team would make first: the same passages and queries through SQLite FTS5
//! (bm25 ranking, porter stemming, diacritics removed) in this process, next to our engine.
//! Prints latency p50/p99 per kind of query on the real corpus and on 100,000 generated
//! passages, and the ratio. Relevance of both on an evaluation set:
//! `helpline-assist eval FILE --compare fts5`.
//!
//! Run: `cargo bench --features ssr --bench fts5`.

use helpline_assist::baseline::Fts5Baseline;
use helpline_assist::content::{load_dir, synthetic};
use helpline_assist::search::{SearchIndex, SearchRequest};
use std::path::Path;
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

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    times[((times.len() - 1) as f64 * p).round() as usize]
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

    // As the pane asks (only the first hits whole), unless FTS5_BENCH_WHOLE=all.
    let whole = match std::env::var("FTS5_BENCH_WHOLE").as_deref() {
        Ok("all") => helpline_assist::search::Whole::All,
        _ => helpline_assist::search::Whole::First,
    };
    println!("ours: {whole:?} hits whole (FTS5_BENCH_WHOLE=all|first)");
    for (name, corpus) in [("real", real), ("100k", big)] {
        let started = Instant::now();
        let pool = runtime
            .block_on(Fts5Baseline::build(&corpus))
            .expect("fts5 is compiled into the bundled SQLite");
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
                        whole,
                    };
                    std::hint::black_box(index.search(&request).expect("search"));
                    ours.push(started.elapsed());
                    let started = Instant::now();
                    std::hint::black_box(runtime.block_on(pool.search(q, 10)).expect("fts5"));
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
    }
}
