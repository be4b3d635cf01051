//! Search engine benchmarks: the real corpus and a generated one of 100,000 passages, for short
//! keyword queries, misspelled queries, long caller questions and Spanish. Criterion reports
//! means; this harness also prints p50 and p99 per kind of query (README quotes them).
//!
//! Run: `cargo bench --features ssr --bench search`

use criterion::{Criterion, criterion_group, criterion_main};
use helpline_assist::content::{Corpus, Document, Passage, load_dir};
use helpline_assist::search::{SearchIndex, SearchRequest};
use std::sync::Arc;
use std::time::{Duration, Instant};

const GENERATED_PASSAGES: usize = 100_000;
const PASSAGES_PER_DOC: usize = 50;

const KEYWORD: &[&str] = &[
    "maintenance",
    "lumbar puncture",
    "ommaya",
    "6mp",
    "blinatumomab",
    "ph positive",
    "consolidation mrd",
    "nausea",
];
const MISSPELLED: &[&str] = &[
    "blinatumamab consolidation",
    "lumbar punture",
    "ponatinab",
    "mercaptopurin",
    "dasatinb relapse",
    "intratecal",
];
const QUESTIONS: &[&str] = &[
    "my husband has philadelphia positive ALL does he still need chemo",
    "how many adults are diagnosed with ALL each year in the US",
    "leukemia came back after bone marrow transplant what now",
    "can a specialist tell me if my dad's chemo dose is right",
    "treatment options for a 78 year old with ALL who is not fit",
];
const SPANISH: &[&str] = &[
    "¿cuánto dura el mantenimiento?",
    "punción lumbar quimioterapia intratecal",
    "remisión completa qué significa",
];

/// A small deterministic generator (xorshift), so every run indexes the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

/// 100,000 passages made of sentences of the real corpus, shuffled into new passages.
fn generated(real: &Corpus) -> Corpus {
    let sentences: Vec<(helpline_assist::domain::Lang, String)> = real
        .documents()
        .iter()
        .flat_map(|d| {
            d.passages
                .iter()
                .flat_map(move |p| p.text.split(". ").map(move |s| (d.lang, s.to_string())))
        })
        .collect();
    let template = real.documents()[0].as_ref().clone();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let docs = (0..GENERATED_PASSAGES / PASSAGES_PER_DOC)
        .map(|d| {
            let lang = if d % 4 == 3 {
                helpline_assist::domain::Lang::Es
            } else {
                helpline_assist::domain::Lang::En
            };
            let pool: Vec<&String> = sentences
                .iter()
                .filter(|(l, _)| *l == lang)
                .map(|(_, s)| s)
                .collect();
            let passages = (0..PASSAGES_PER_DOC)
                .map(|p| {
                    let text: Vec<&str> = (0..5)
                        .map(|_| pool[rng.next() % pool.len()].as_str())
                        .collect();
                    let text = text.join(". ");
                    let heading = pool[rng.next() % pool.len()]
                        .chars()
                        .take(60)
                        .collect::<String>();
                    Passage {
                        id: format!("gen-{d}#p{p}"),
                        slug: format!("p{p}"),
                        key: format!("p{p}"),
                        heading: Some(heading),
                        markdown: text.clone(),
                        text,
                        line: 1,
                        aliases: Vec::new(),
                        phrasings: Vec::new(),
                    }
                })
                .collect();
            Document {
                id: format!("gen-{d}"),
                lang,
                passages,
                path: format!("gen/{d}.md").into(),
                ..template.clone()
            }
        })
        .collect();
    let mut corpus = Corpus::new(docs);
    corpus.synonyms = real.synonyms.clone();
    corpus
}

fn percentiles(index: &SearchIndex, queries: &[&str], rounds: usize) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(queries.len() * rounds);
    for _ in 0..rounds {
        for q in queries {
            let request = SearchRequest {
                query: q.to_string(),
                lang: None,
                limit: 10,
                whole: Default::default(),
            };
            let started = Instant::now();
            let response = index.search(&request).expect("search runs");
            times.push(started.elapsed());
            std::hint::black_box(response);
        }
    }
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    (at(0.50), at(0.99))
}

/// `SEARCH_PROFILE=<kind>`: run only that kind of query over the 100k corpus for 20 s, for a
/// profiler (`perf record`) to watch. `SEARCH_PROFILE=table`: print the percentiles only;
/// `SEARCH_PROFILE=per-query`: each query's percentiles over the 100k corpus.
/// `SEARCH_QUERY=<text>`: run only that query over the 100k corpus for 20 s.
fn profile(kind: &str, queries: &[&str], index: &SearchIndex) {
    println!("profiling {kind} for 20 s");
    let until = Instant::now() + Duration::from_secs(20);
    let mut i = 0;
    while Instant::now() < until {
        i += 1;
        let request = SearchRequest {
            query: queries[i % queries.len()].to_string(),
            lang: None,
            limit: 10,
            whole: Default::default(),
        };
        std::hint::black_box(index.search(&request).expect("search runs"));
    }
    println!("{i} searches");
}

fn bench(c: &mut Criterion) {
    let real = load_dir(std::path::Path::new("content")).corpus;
    let started = Instant::now();
    let real_index =
        SearchIndex::build(Arc::new(load_dir(std::path::Path::new("content")).corpus)).unwrap();
    println!(
        "index build, real corpus ({} passages): {:?}",
        real.passage_count(),
        started.elapsed()
    );
    let started = Instant::now();
    let big = generated(&real);
    let passages = big.passage_count();
    let big_index = SearchIndex::build(Arc::new(big)).unwrap();
    println!(
        "index build, generated corpus ({passages} passages): {:?}; term bitsets {} KB",
        started.elapsed(),
        big_index.presence_bytes() / 1024
    );

    let kinds: [(&str, &[&str]); 4] = [
        ("keyword", KEYWORD),
        ("misspelled", MISSPELLED),
        ("question", QUESTIONS),
        ("spanish", SPANISH),
    ];
    if let Ok(query) = std::env::var("SEARCH_QUERY") {
        profile("one query", &[query.as_str()], &big_index);
        return;
    }
    if let Ok(wanted) = std::env::var("SEARCH_PROFILE")
        && wanted != "table"
        && wanted != "per-query"
    {
        for (kind, queries) in kinds.iter().filter(|(k, _)| *k == wanted) {
            profile(kind, queries, &big_index);
        }
        return;
    }
    if std::env::var("SEARCH_PROFILE").is_ok_and(|v| v == "per-query") {
        for (kind, queries) in kinds {
            for query in queries {
                let (p50, p99) = percentiles(&big_index, &[query], 40);
                println!("100k {kind:<10} {p50:>9.2?} {p99:>9.2?}  {query}");
            }
        }
        return;
    }
    println!("\n| corpus | queries | p50 | p99 |\n|---|---|---|---|");
    for (name, index) in [("real", &real_index), ("100k", &big_index)] {
        for (kind, queries) in kinds {
            let (p50, p99) = percentiles(index, queries, 60);
            println!("| {name} | {kind} | {p50:.2?} | {p99:.2?} |");
        }
    }

    if std::env::var("SEARCH_PROFILE").is_ok_and(|v| v == "table") {
        return;
    }
    let mut group = c.benchmark_group("search");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3));
    for (name, index) in [("real", &real_index), ("100k", &big_index)] {
        for (kind, queries) in kinds {
            group.bench_function(format!("{name}/{kind}"), |b| {
                let mut i = 0;
                b.iter(|| {
                    i += 1;
                    let query = queries[i % queries.len()].to_string();
                    index
                        .search(&SearchRequest {
                            query,
                            lang: None,
                            limit: 10,
                            whole: Default::default(),
                        })
                        .unwrap()
                })
            });
        }
    }
    group.finish();
    c.bench_function("index build (real corpus)", |b| {
        b.iter(|| {
            SearchIndex::build(Arc::new(load_dir(std::path::Path::new("content")).corpus)).unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
