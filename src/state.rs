//! The application state: built once in `main`, shared by every request (axum state and Leptos
//! context). Holds the search index (with the corpus it was built from) and the options.

use crate::auth::Auth;
use crate::auth::layer::ApiRateLimit;
use crate::config::ServeArgs;
use crate::content::{LoadReport, load_dir};
use crate::domain::CorpusStatus;
use crate::review::{QueryLogPolicy, ReviewError, ReviewService};
use crate::search::{SearchError, SearchIndex};
use crate::store::Store;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<ServeArgs>,
    index: Arc<SearchIndex>,
    status: CorpusStatus,
    auth: Arc<Auth>,
    review: Arc<ReviewService>,
    api_rate_limit: Arc<ApiRateLimit>,
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
        let report = load_dir(&settings.content_dir);
        log_report(&report, &settings);
        let status = CorpusStatus {
            documents: report.corpus.documents().len(),
            passages: report.corpus.passage_count(),
            skipped_files: report.skipped_files,
        };
        let index = SearchIndex::build(Arc::new(report.corpus))?;
        let policy = QueryLogPolicy {
            enabled: settings.query_log == crate::config::Switch::On,
            retention_days: settings.query_retention_days,
        };
        let review = ReviewService::load(store.clone(), policy).await?;
        review
            .note_versions(index.corpus(), settings.now().timestamp())
            .await?;
        Ok(AppState {
            leptos_options,
            settings: Arc::new(settings),
            index: Arc::new(index),
            status,
            auth: Arc::new(Auth::new(store)),
            review: Arc::new(review),
            api_rate_limit: Arc::new(ApiRateLimit::default()),
        })
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

    /// Deletes logged searches past their retention now and then once a day, in the background.
    pub fn spawn_query_retention(&self) {
        let state = self.clone();
        tokio::spawn(async move {
            let mut every_day = tokio::time::interval(std::time::Duration::from_secs(86_400));
            loop {
                every_day.tick().await;
                match state
                    .review()
                    .purge_old_queries(state.now().timestamp())
                    .await
                {
                    Ok(0) => {}
                    Ok(deleted) => tracing::info!(deleted, "old logged searches deleted"),
                    Err(err) => tracing::error!("cannot delete old logged searches: {err}"),
                }
            }
        });
    }

    pub fn api_rate_limit(&self) -> &ApiRateLimit {
        &self.api_rate_limit
    }

    /// The current search index. A clone of the handle: a search keeps its index alive.
    pub fn index(&self) -> Arc<SearchIndex> {
        Arc::clone(&self.index)
    }

    pub fn status(&self) -> CorpusStatus {
        self.status.clone()
    }
}

fn log_report(report: &LoadReport, settings: &ServeArgs) {
    for problem in report.problems.iter().filter(|p| p.is_error()) {
        tracing::error!("{problem}");
    }
    for problem in report.problems.iter().filter(|p| !p.is_error()) {
        tracing::debug!("{problem}");
    }
    let warnings = report.problems.iter().filter(|p| !p.is_error()).count();
    if warnings > 0 {
        tracing::warn!(
            warnings,
            "content has warnings; `helpline-assist check` lists them"
        );
    }
    if report.corpus.documents().is_empty() {
        tracing::warn!(
            content_dir = %settings.content_dir.display(),
            "no content loaded: the pane will show an empty state until documents are added"
        );
    } else {
        tracing::info!(
            documents = report.corpus.documents().len(),
            passages = report.corpus.passage_count(),
            skipped_files = report.skipped_files,
            "content loaded"
        );
    }
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("review records: {0}")]
    Review(#[from] ReviewError),
}

/// Why a search could not be answered (the details are logged, not shown).
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("search task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl AppState {
    /// Runs a search on the blocking pool, so tantivy never holds up the async runtime.
    pub async fn search(
        &self,
        request: crate::search::SearchRequest,
    ) -> Result<crate::domain::SearchResponse, ServiceError> {
        let index = self.index();
        let searched = Arc::clone(&index);
        let mut response = tokio::task::spawn_blocking(move || searched.search(&request)).await??;
        self.review
            .apply_to_hits(index.corpus(), self.today(), &mut response);
        Ok(response)
    }
}
