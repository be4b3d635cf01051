//! The analytics page and the content-gap queue with a large search log: 500,000 logged searches
//! over 90 days (about what a busy line logs in its retention period), a few hundred common
//! questions asked again and again and a long tail asked once. Prints p50 and max over the runs
//! of building the analytics page (30 and 90 days) and of a page of the gap queue, and the size
//! of that page's data; no assertion on time.
//!
//! Run: `cargo bench --features ssr --bench analytics` (`ANALYTICS_ROWS=50000` for fewer rows).

use chrono::Days;
use helpline_assist::content::load_dir;
use helpline_assist::domain::Lang;
use helpline_assist::review::{QueryLogPolicy, ReviewService};
use helpline_assist::search::normalize::normalized_query;
use helpline_assist::store::{LoggedQuery, Store};
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 10;
const DAYS: i64 = 90;

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(run());
}

/// A small deterministic generator (xorshift), so every run logs the same searches.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn generated_log(
    corpus: &helpline_assist::content::Corpus,
    rows: usize,
    now: i64,
) -> Vec<LoggedQuery> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let words: Vec<String> = corpus
        .documents()
        .iter()
        .flat_map(|d| d.passages.iter().filter_map(|p| p.heading.clone()))
        .flat_map(|h| {
            h.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().all(char::is_alphabetic) && w.len() > 3)
        .collect();
    let phrase = |rng: &mut Rng, n: usize| {
        (0..n)
            .map(|_| words[rng.below(words.len())].clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let common: Vec<String> = (0..400)
        .map(|_| {
            let n = 2 + rng.below(3);
            phrase(&mut rng, n)
        })
        .collect();
    let mut out = Vec::with_capacity(rows);
    for i in 0..rows {
        // Two searches in three are common questions (the first ones most often), one is new.
        let query = if rng.below(3) < 2 {
            let rank = rng.below(common.len()).min(rng.below(common.len()));
            common[rank].clone()
        } else {
            let n = 2 + rng.below(4);
            phrase(&mut rng, n)
        };
        let lang = if rng.below(4) == 0 {
            Lang::Es
        } else {
            Lang::En
        };
        let hits = if rng.below(20) == 0 { 0 } else { 10 };
        let used_rank = (hits > 0 && rng.below(5) < 3).then(|| 1 + rng.below(3) as i64);
        out.push(LoggedQuery {
            at: now - DAYS * 86_400 + (i as i64 * DAYS * 86_400) / rows as i64,
            lang,
            normalized: normalized_query(&query, lang, &corpus.synonyms),
            query,
            hits,
            used_rank,
        });
    }
    out
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    format!(
        "p50 {:.0?}, max {:.0?}",
        times[times.len() / 2],
        times[times.len() - 1]
    )
}

async fn run() {
    let rows: usize = std::env::var("ANALYTICS_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500_000);
    let corpus = load_dir(Path::new("content")).corpus;
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let store = Store::open(&url).await.expect("database");
    let now = chrono::Utc::now().timestamp();
    let started = Instant::now();
    for chunk in generated_log(&corpus, rows, now).chunks(50_000) {
        store.insert_logged(chunk).await.expect("insert");
    }
    println!("{rows} searches logged in {:.1?}", started.elapsed());
    let review = ReviewService::load(store, QueryLogPolicy::default())
        .await
        .expect("review");
    let today = helpline_assist::review::analytics::today_in(&corpus, now);
    for days in [30, 90] {
        let from = today.checked_sub_days(Days::new(days - 1)).expect("date");
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let started = Instant::now();
            let view = review
                .analytics(&corpus, from, today)
                .await
                .expect("analytics");
            times.push(started.elapsed());
            std::hint::black_box(view);
        }
        println!("analytics page, {days} days: {}", summary(&mut times));
    }
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let page = review.gap_page(&corpus, "", 1).await.expect("gaps");
        times.push(started.elapsed());
        bytes = serde_json::to_vec(&page).expect("json").len();
    }
    println!(
        "gap queue, first page: {} ({bytes} bytes of data)",
        summary(&mut times)
    );
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        std::hint::black_box(review.gap_page(&corpus, "", 40).await.expect("gaps"));
        times.push(started.elapsed());
    }
    println!("gap queue, page 40: {}", summary(&mut times));
}
