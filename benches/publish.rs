//! The time from "approve" to the new text being searchable, on the corpus as it ships: a
//! supervisor's draft of one passage is approved (the draft checked with the whole corpus, a
//! new index built, the revision committed, the index swapped in), then the new wording is
//! searched for. Prints p50 and max over the runs; no assertion on time.
//!
//! Run: `cargo bench --features ssr --bench publish`.

use helpline_assist::config::ServeArgs;
use helpline_assist::domain::SearchResponse;
use helpline_assist::editorial::drafts::DraftEdit;
use helpline_assist::search::SearchRequest;
use helpline_assist::state::{Actor, AppState};
use helpline_assist::store::Store;
use leptos::prelude::LeptosOptions;
use std::time::{Duration, Instant};

const RUNS: usize = 15;

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let store = Store::open(&url).await.expect("database");
    let settings = ServeArgs::default();
    let options = LeptosOptions::builder()
        .output_name("helpline-assist")
        .build();
    let state = AppState::load(settings, options, store)
        .await
        .expect("state");
    let (ana, ben) = (
        Actor {
            name: "ana",
            client: "bench",
        },
        Actor {
            name: "ben",
            client: "bench",
        },
    );
    let mut approve = Vec::new();
    let mut searchable = Vec::new();
    for run in 0..RUNS {
        let id = state.start_draft("maintenance", &ana).await.expect("draft");
        let latest = state.latest_revision("maintenance").await.unwrap().unwrap();
        let word = format!("benchword{run}x");
        let body = format!("{}\nA sentence with {word}.\n", latest.body.trim_end());
        let edit = DraftEdit {
            body: &body,
            note: "",
            user: "ana",
            rebase: None,
            seen: None,
        };
        state.save_draft(id, edit, "bench").await.expect("saved");
        state.submit_draft(id, &ana).await.expect("submitted");
        let started = Instant::now();
        state.approve_draft(id, None, &ben).await.expect("approved");
        approve.push(started.elapsed());
        while hits(&state, &word).await.hits.is_empty() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        searchable.push(started.elapsed());
    }
    report("approve (check, index, commit, swap)", &mut approve);
    report("approve → new text searchable", &mut searchable);
}

async fn hits(state: &AppState, q: &str) -> SearchResponse {
    let request = SearchRequest {
        query: q.to_string(),
        lang: None,
        limit: 5,
        whole: Default::default(),
    };
    state.search(request).await.expect("search")
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: p50 {:.0} ms, max {:.0} ms over {} runs",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        times.len()
    );
}
