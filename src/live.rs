//! The content being served, and replacing it while the server runs. The search index sits
//! behind an `ArcSwap`: a reload builds a whole new index off the request path (on the blocking
//! pool) and swaps it in at once; searches already running finish on the index they started
//! with. What goes in is decided by the caller (`AppState`: the database's published revisions);
//! files left out for errors are kept (file and line) for `/healthz`, the log and the queue.
//! Next to each index sits a small cache of its answers (the same words typed again, by this
//! specialist or another, are answered from memory); it is replaced together with the index,
//! so it can never serve answers from old content. The query links (`QueryLinks`) sit there
//! too: changing them starts a new cache.
//! Owns nothing about HTTP; `watch_folder` turns file-system events into reloads.

use crate::content::LoadReport;
use crate::domain::{CorpusStatus, Lang, SearchResponse};
use crate::search::{QueryLinks, SearchError, SearchIndex, SearchRequest, StoredLink, Whole};
use arc_swap::ArcSwap;
use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

/// File events closer together than this are one change (editors write in several steps).
pub const SETTLE: Duration = Duration::from_millis(250);

#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    #[error("the new content has {} error(s); the previous content is still served", .0.len())]
    Rejected(Vec<String>),
    #[error(transparent)]
    Index(#[from] SearchError),
    #[error("reload task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

type CacheKey = (String, Option<Lang>, usize, Whole);

/// An index, the query links searches on it follow, and the answers it has given.
pub struct Served {
    pub index: Arc<SearchIndex>,
    pub links: Arc<QueryLinks>,
    /// `None` when caching is off.
    answers: Option<Mutex<lru::LruCache<CacheKey, Arc<SearchResponse>>>>,
}

impl Served {
    fn new(index: Arc<SearchIndex>, links: Arc<QueryLinks>, cache_size: usize) -> Served {
        Served {
            index,
            links,
            answers: NonZeroUsize::new(cache_size).map(|n| Mutex::new(lru::LruCache::new(n))),
        }
    }

    fn key(request: &SearchRequest) -> CacheKey {
        (
            request.query.clone(),
            request.lang,
            request.limit,
            request.whole,
        )
    }

    /// A previous answer to the same request, if it is still remembered.
    pub fn cached(&self, request: &SearchRequest) -> Option<Arc<SearchResponse>> {
        let mut answers = self
            .answers
            .as_ref()?
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        answers.get(&Served::key(request)).cloned()
    }

    pub fn remember(&self, request: &SearchRequest, response: Arc<SearchResponse>) {
        if let Some(answers) = &self.answers {
            let mut answers = answers.lock().unwrap_or_else(|e| e.into_inner());
            answers.put(Served::key(request), response);
        }
    }
}

/// The index of `corpus`: opened from or written to `index_dir` when given, else in memory.
fn index_of(
    corpus: crate::content::Corpus,
    index_dir: Option<&Path>,
) -> Result<SearchIndex, SearchError> {
    let corpus = Arc::new(corpus);
    let Some(dir) = index_dir else {
        return SearchIndex::build(corpus);
    };
    let started = std::time::Instant::now();
    let (index, readied) = SearchIndex::open_or_build(corpus, dir)?;
    tracing::info!(
        how = ?readied,
        ms = started.elapsed().as_millis() as u64,
        folder = %dir.display(),
        "search index ready"
    );
    Ok(index)
}

/// The index being served and what is known about its content.
pub struct LiveContent {
    served: ArcSwap<Served>,
    cache_size: usize,
    status: ArcSwap<CorpusStatus>,
    /// Files refused at the last folder import because the app changed them too: shown with
    /// every status until an import no longer finds them.
    conflicts: ArcSwap<Vec<String>>,
    /// Retired documents: id → when (local date), so that their links can say so.
    retired: ArcSwap<HashMap<String, String>>,
    /// One content change (reload or publish) at a time.
    changing: tokio::sync::Mutex<()>,
    /// Where indexes are kept between restarts; `None`: built in memory at every start.
    index_dir: Option<PathBuf>,
}

/// A new index, built and ready to be swapped in.
pub struct Built {
    index: SearchIndex,
    status: CorpusStatus,
}

impl LiveContent {
    /// Serves the content of `report` (files with errors were left out of it), its index
    /// kept in `index_dir` when one is given.
    pub fn new(
        report: LoadReport,
        now: &str,
        cache_size: usize,
        index_dir: Option<PathBuf>,
    ) -> Result<LiveContent, SearchError> {
        let status = status_of(&report, now);
        let index = index_of(report.corpus, index_dir.as_deref())?;
        Ok(LiveContent {
            served: ArcSwap::from_pointee(Served::new(Arc::new(index), Arc::default(), cache_size)),
            cache_size,
            status: ArcSwap::from_pointee(status),
            conflicts: ArcSwap::from_pointee(Vec::new()),
            retired: ArcSwap::from_pointee(HashMap::new()),
            changing: tokio::sync::Mutex::new(()),
            index_dir,
        })
    }

    pub fn index(&self) -> Arc<SearchIndex> {
        Arc::clone(&self.served.load().index)
    }

    /// The index with its answer cache, as one: a search uses both from the same moment.
    pub fn served(&self) -> Arc<Served> {
        self.served.load_full()
    }

    pub fn status(&self) -> CorpusStatus {
        CorpusStatus::clone(&self.status.load())
    }

    /// When `id` was retired, if it was.
    pub fn retired_on(&self, id: &str) -> Option<String> {
        self.retired.load().get(id).cloned()
    }

    pub fn set_retired(&self, retired: HashMap<String, String>) {
        self.retired.store(Arc::new(retired));
    }

    pub fn note_retired(&self, id: &str, on: String) {
        let mut retired = HashMap::clone(&self.retired.load());
        retired.insert(id.to_string(), on);
        self.set_retired(retired);
    }

    /// The files the last folder import refused as conflicts.
    pub fn set_conflicts(&self, conflicts: Vec<String>) {
        self.conflicts.store(Arc::new(conflicts));
    }

    /// Held while content changes: a reload or publish asked for meanwhile waits for it.
    pub async fn lock(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.changing.lock().await
    }

    /// Builds the index of `report`'s corpus on the blocking pool. `now` is the load time.
    pub async fn build(&self, report: LoadReport, now: String) -> Result<Built, ReloadError> {
        let index_dir = self.index_dir.clone();
        Ok(tokio::task::spawn_blocking(move || {
            let status = status_of(&report, &now);
            index_of(report.corpus, index_dir.as_deref()).map(|index| Built { index, status })
        })
        .await??)
    }

    /// Swaps `built` in; `problems` are the files left out of it (kept for `/healthz` and the
    /// review queue until a change without problems).
    pub fn install(&self, built: Built, problems: Vec<String>) -> CorpusStatus {
        let previous = self.status();
        let mut status = built.status;
        status.reloads = previous.reloads + 1;
        status.reload_failures = previous.reload_failures + u64::from(!problems.is_empty());
        status.last_reload_errors = self
            .conflicts
            .load()
            .iter()
            .cloned()
            .chain(problems)
            .collect();
        // New content may bring new synonyms: the links are keyed again for it.
        let links = self.served.load().links.rekeyed(built.index.corpus());
        self.served.store(Arc::new(Served::new(
            Arc::new(built.index),
            Arc::new(links),
            self.cache_size,
        )));
        self.status.store(Arc::new(status.clone()));
        give_back_memory(Duration::from_secs(2));
        status
    }

    /// Serves `links` from now on, with a fresh answer cache (an answer remembered before
    /// could now be wrong).
    pub fn set_links(&self, links: Vec<StoredLink>) {
        let index = Arc::clone(&self.served.load().index);
        let links = QueryLinks::new(links, index.corpus());
        self.served.store(Arc::new(Served::new(
            index,
            Arc::new(links),
            self.cache_size,
        )));
    }

    /// Keeps the content served and records why a change was refused.
    pub fn refuse(&self, errors: Vec<String>) {
        let mut status = self.status();
        status.reload_failures += 1;
        status.last_reload_errors = errors;
        self.status.store(Arc::new(status));
    }
}

/// Returns to the system what building an index freed (the parse's and the build's working
/// memory), off the request path; `after` a while, the index replaced too, once the searches
/// still reading it have ended.
pub fn give_back_memory(after: Duration) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        crate::memory::give_back_free_pages();
        return;
    };
    runtime.spawn(async move {
        tokio::time::sleep(after).await;
        let gave = tokio::task::spawn_blocking(crate::memory::give_back_free_pages).await;
        tracing::debug!(?gave, "free memory given back after new content");
    });
}

fn status_of(report: &LoadReport, now: &str) -> CorpusStatus {
    CorpusStatus {
        documents: report.corpus.documents().len(),
        passages: report.corpus.passage_count(),
        skipped_files: report.skipped_files,
        loaded_at: now.to_string(),
        reloads: 0,
        reload_failures: 0,
        last_reload_errors: Vec::new(),
    }
}

/// Calls `changed` (from the watcher's thread) whenever something under `dir` is created,
/// modified or removed. Keep the returned watcher alive for as long as changes matter.
pub fn watch_folder(
    dir: &Path,
    changed: impl Fn() + Send + 'static,
) -> notify::Result<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            )
        {
            changed();
        }
    })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;
    Ok(watcher)
}
