//! The application state: built once in `main`, shared by every request (axum state and Leptos
//! context). Holds the search index (with the corpus it was built from) and the options;
//! `content` keeps the served content equal to the database's published revisions, `editing`
//! holds a draft's steps.

mod content;
mod editing;
mod editor;
mod jobs;
mod links;
mod ready;

pub use ready::NotReady;

pub use editing::Actor;

use crate::auth::Auth;
use crate::auth::rate_limit::ApiRateLimit;
use crate::config::ServeArgs;
use crate::domain::{CorpusStatus, SearchResponse};
use crate::live::LiveContent;
use crate::review::{QueryLogPolicy, ReviewError, ReviewService};
use crate::search::{SearchError, SearchIndex};
use crate::store::Store;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Longest wait for a free search slot before answering 503.
const SEARCH_QUEUE_WAIT: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<ServeArgs>,
    content: Arc<LiveContent>,
    /// Searches allowed to run at once; past that, callers get 503 rather than a queue.
    search_slots: Arc<Semaphore>,
    queued_searches: Arc<AtomicUsize>,
    auth: Arc<Auth>,
    review: Arc<ReviewService>,
    api_rate_limit: Arc<ApiRateLimit>,
    store: Store,
    /// The database's newest revision id when the served content was built.
    generation: Arc<std::sync::atomic::AtomicI64>,
    /// `links_generation` of the query links being served.
    links_generation: Arc<std::sync::Mutex<(i64, i64)>>,
    /// Set when shutdown begins: `/readyz` answers 503 from then on.
    draining: Arc<std::sync::atomic::AtomicBool>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// Loads the content folder and indexes it. Problems in files are logged; files with errors
    /// are skipped and counted, the rest are served.
    pub async fn load(
        settings: ServeArgs,
        leptos_options: LeptosOptions,
        store: Store,
    ) -> Result<AppState, StartError> {
        crate::metrics::handle();
        crate::metrics::start_upkeep();
        let (content, generation) = content::start(&settings, &store).await?;
        record_content_metrics(&content.status());
        let index = content.index();
        let policy = QueryLogPolicy {
            enabled: settings.query_log == crate::config::Switch::On,
            retention_days: settings.query_retention_days,
        };
        let review = ReviewService::load(store.clone(), policy).await?;
        let api_requests_per_minute = settings.api_requests_per_minute;
        let search_slots = Arc::new(Semaphore::new(
            settings.max_concurrent_searches.max(1) as usize
        ));
        review
            .note_versions(index.corpus(), settings.now().timestamp())
            .await?;
        let state = AppState {
            leptos_options,
            settings: Arc::new(settings),
            content: Arc::new(content),
            search_slots,
            queued_searches: Arc::new(AtomicUsize::new(0)),
            auth: Arc::new(Auth::new(store.clone())),
            store,
            generation: Arc::new(std::sync::atomic::AtomicI64::new(generation)),
            links_generation: Arc::default(),
            draining: Arc::default(),
            review: Arc::new(review),
            api_rate_limit: Arc::new(ApiRateLimit::new(api_requests_per_minute)),
        };
        state.refresh_links().await?;
        Ok(state)
    }

    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    pub fn review(&self) -> &ReviewService {
        &self.review
    }

    /// Now (or the configured fixed clock).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.settings.now()
    }

    /// Today in the helpline's time zone.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::review::analytics::today_in(self.index().corpus(), self.now().timestamp())
    }

    pub fn api_rate_limit(&self) -> &ApiRateLimit {
        &self.api_rate_limit
    }

    /// The current search index. A clone of the handle: a search keeps its index alive even
    /// when a reload swaps in a new one meanwhile.
    pub fn index(&self) -> Arc<SearchIndex> {
        self.content.index()
    }

    pub fn status(&self) -> CorpusStatus {
        self.content.status()
    }

    /// A permit to run one search at once, if one is free.
    pub fn try_search_slot(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        Arc::clone(&self.search_slots).try_acquire_owned().ok()
    }

    /// A permit to run one search. When all are taken, waits in a bounded queue for at most
    /// `SEARCH_QUEUE_WAIT`; `None` (answered 503 with Retry-After) when the queue is full or
    /// the wait runs out, so that overload never becomes an unbounded backlog.
    pub async fn search_slot(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        if let Some(permit) = self.try_search_slot() {
            return Some(permit);
        }
        let queued = self.queued_searches.fetch_add(1, Ordering::AcqRel);
        let permit = if queued >= self.settings.max_queued_searches as usize {
            None
        } else {
            tokio::time::timeout(
                SEARCH_QUEUE_WAIT,
                Arc::clone(&self.search_slots).acquire_owned(),
            )
            .await
            .ok()
            .and_then(Result::ok)
        };
        self.queued_searches.fetch_sub(1, Ordering::AcqRel);
        if permit.is_none() {
            metrics::counter!(crate::metrics::SEARCHES_REFUSED).increment(1);
        }
        permit
    }
}

pub(crate) fn record_content_metrics(status: &CorpusStatus) {
    metrics::gauge!(crate::metrics::CONTENT_DOCUMENTS).set(status.documents as f64);
    metrics::gauge!(crate::metrics::CONTENT_PASSAGES).set(status.passages as f64);
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&status.loaded_at) {
        metrics::gauge!(crate::metrics::CONTENT_LOADED_AT).set(at.timestamp() as f64);
    }
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("review records: {0}")]
    Review(#[from] ReviewError),
    #[error("content: {0}")]
    Editorial(#[from] crate::editorial::EditorialError),
    #[error("content: {0}")]
    Reload(#[from] crate::live::ReloadError),
}

/// Why a search could not be answered (the details are logged, not shown).
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("search task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("too many searches at once")]
    Busy,
}

impl AppState {
    /// Runs a search on the blocking pool, so tantivy never holds up the async runtime.
    pub async fn search(
        &self,
        request: crate::search::SearchRequest,
    ) -> Result<crate::domain::SearchResponse, ServiceError> {
        let served = self.content.served();
        let index = Arc::clone(&served.index);
        let started = std::time::Instant::now();
        let whole = request.whole;
        let mut response = match served.cached(&request) {
            Some(answer) => {
                // The answer keeps the time its search took when it was made: a faster time
                // would tell anyone that someone else had just searched the same words.
                metrics::counter!(crate::metrics::SEARCHES_CACHED).increment(1);
                SearchResponse::clone(&answer)
            }
            None => {
                let permit = self.search_slot().await.ok_or(ServiceError::Busy)?;
                tokio::task::spawn_blocking(move || {
                    let _permit = permit;
                    let linked = if served.links.is_empty() {
                        Vec::new()
                    } else {
                        let redacted = crate::review::redact::redact(&request.query);
                        served.links.linked(&redacted, served.index.corpus())
                    };
                    let answer = served.index.search_linked(&request, &linked)?;
                    served.remember(&request, Arc::new(answer.clone()));
                    Ok::<_, SearchError>(answer)
                })
                .await??
            }
        };
        metrics::histogram!(crate::metrics::SEARCH_DURATION)
            .record(started.elapsed().as_secs_f64());
        metrics::histogram!(crate::metrics::SEARCH_HITS).record(response.hits.len() as f64);
        metrics::counter!(crate::metrics::SEARCHES).increment(1);
        if response.hits.is_empty() {
            metrics::counter!(crate::metrics::SEARCHES_ZERO).increment(1);
        }
        self.review
            .apply_to_hits(index.corpus(), self.today(), &mut response);
        if whole == crate::search::Whole::First {
            // The order is final now: only the first goes out whole.
            for hit in response.hits.iter_mut().skip(1) {
                hit.lighten();
            }
        }
        Ok(response)
    }
}
