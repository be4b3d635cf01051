//! Keeping the served content equal to the database's published revisions: at start-up and
//! when the content folder changes (its changed files imported first), when a draft is
//! approved here, and when another server publishes (the database's newest revision id is
//! watched). Every change holds `LiveContent`'s lock, builds the new index off the request
//! path, and swaps it in at once.

use super::{AppState, StartError, record_content_metrics};
use crate::config::ServeArgs;
use crate::content::{LoadReport, load_texts_as_of};
use crate::domain::CorpusStatus;
use crate::editorial::{EditorialError, import, served_texts};
use crate::live::{LiveContent, ReloadError};
use crate::review::{local_day, time_zone};
use crate::store::{RevisionRow, Store};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// How often each server asks the database whether anything was published elsewhere.
pub const DATABASE_POLL: Duration = Duration::from_secs(1);

/// Imports the content folder, then loads what the database publishes.
pub(super) async fn start(
    settings: &ServeArgs,
    store: &Store,
) -> Result<(LiveContent, i64), StartError> {
    let now = settings.now();
    let imported = import::import_folder(
        store,
        &settings.content_dir,
        now.date_naive(),
        now.timestamp(),
    )
    .await?;
    log_import(&imported);
    let generation = store
        .content_generation()
        .await
        .map_err(EditorialError::from)?;
    let latest = store
        .latest_revisions()
        .await
        .map_err(EditorialError::from)?;
    let mut report = load_published(&settings.content_dir, &latest, now.date_naive()).await?;
    report.skipped_files += imported.skipped_files;
    log_report(&report, settings);
    // Files with errors are only logged and counted at start-up; conflicts are shown.
    let problems = imported.conflict_lines();
    let content = LiveContent::new(
        report,
        &now.to_rfc3339(),
        settings.answer_cache as usize,
        Some(settings.index_dir()),
    )?;
    content.set_conflicts(problems.clone());
    if !problems.is_empty() {
        content.refuse(problems);
    }
    content.set_retired(retired(&latest, time_zone(content.index().corpus())));
    crate::live::give_back_memory(Duration::ZERO);
    Ok((content, generation))
}

/// The published documents of `latest`, loaded and checked with the folder's other files.
pub(super) async fn load_published(
    dir: &Path,
    latest: &[RevisionRow],
    today: chrono::NaiveDate,
) -> Result<LoadReport, EditorialError> {
    let dir = dir.to_path_buf();
    let texts = served_texts(&dir, latest);
    Ok(tokio::task::spawn_blocking(move || load_texts_as_of(&dir, texts, today)).await?)
}

fn retired(latest: &[RevisionRow], tz: chrono_tz::Tz) -> HashMap<String, String> {
    latest
        .iter()
        .filter(|r| r.retired)
        .map(|r| (r.doc_id.clone(), local_day(r.created_at, tz).to_string()))
        .collect()
}

fn log_import(imported: &import::ImportReport) {
    let errors = imported.problems.iter().filter(|p| p.is_error());
    for problem in errors.chain(&imported.conflicts) {
        tracing::error!("{problem}");
    }
    if !imported.published.is_empty() {
        tracing::info!(
            documents = imported.published.len(),
            "changed files of the content folder published as new revisions"
        );
    }
}

fn log_report(report: &LoadReport, settings: &ServeArgs) {
    let warnings = report.problems.iter().filter(|p| !p.is_error()).count();
    for problem in report.problems.iter().filter(|p| !p.is_error()) {
        tracing::debug!("{problem}");
    }
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

impl AppState {
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn content(&self) -> &LiveContent {
        &self.content
    }

    /// Imports the content folder's changed files, then serves the database's published
    /// revisions. Files with errors or conflicts are left out (their last good revision keeps
    /// serving) and returned as `Rejected`, after the rest was served.
    pub async fn reload_content(&self) -> Result<CorpusStatus, ReloadError> {
        let _one_change = self.content.lock().await;
        let now = self.now();
        let today = self.today();
        let imported = import::import_folder(
            &self.store,
            &self.settings.content_dir,
            today,
            now.timestamp(),
        )
        .await
        .map_err(|e| ReloadError::Rejected(vec![e.to_string()]))?;
        log_import(&imported);
        self.content.set_conflicts(imported.conflict_lines());
        // Conflicts are shown by every status from now on; the rest are this reload's.
        let mut problems = imported.file_error_lines();
        let status = self
            .serve_latest(today, imported.skipped_files, &mut problems)
            .await?;
        if status.last_reload_errors.is_empty() {
            Ok(status)
        } else {
            metrics::counter!(crate::metrics::RELOAD_FAILURES).increment(1);
            Err(ReloadError::Rejected(status.last_reload_errors))
        }
    }

    /// Rebuilds the index from the database's latest revisions and swaps it in. Call with the
    /// content lock held.
    async fn serve_latest(
        &self,
        today: chrono::NaiveDate,
        skipped_in_folder: usize,
        problems: &mut Vec<String>,
    ) -> Result<CorpusStatus, ReloadError> {
        let generation = self.store.content_generation().await.map_err(db)?;
        let latest = self.store.latest_revisions().await.map_err(db)?;
        let mut report = load_published(&self.settings.content_dir, &latest, today)
            .await
            .map_err(|e| ReloadError::Rejected(vec![e.to_string()]))?;
        report.skipped_files += skipped_in_folder;
        problems.extend(report.error_lines());
        let built = self.content.build(report, self.now().to_rfc3339()).await?;
        let status = self.content.install(built, problems.clone());
        self.generation.store(generation, Ordering::Release);
        self.content
            .set_retired(retired(&latest, time_zone(self.index().corpus())));
        metrics::counter!(crate::metrics::RELOADS).increment(1);
        record_content_metrics(&status);
        let index = self.index();
        if let Err(err) = self
            .review()
            .note_versions(index.corpus(), self.now().timestamp())
            .await
        {
            tracing::error!("cannot record document versions: {err}");
        }
        Ok(status)
    }

    /// Reloads the content whenever a file under the content folder changes (after the writes
    /// settle), for as long as the server runs.
    pub fn watch_content(&self) {
        let (changed, mut changes) = tokio::sync::mpsc::unbounded_channel::<()>();
        let watcher = crate::live::watch_folder(&self.settings.content_dir, move || {
            let _ = changed.send(());
        });
        let watcher = match watcher {
            Ok(watcher) => watcher,
            Err(err) => {
                tracing::warn!(
                    "cannot watch the content folder ({err}); use POST /api/admin/reload after changes"
                );
                return;
            }
        };
        let state = self.clone();
        tokio::spawn(async move {
            let _keep_watching = watcher;
            while changes.recv().await.is_some() {
                // Let a burst of writes finish, then take them all as one change.
                tokio::time::sleep(crate::live::SETTLE).await;
                while changes.try_recv().is_ok() {}
                match state.reload_content().await {
                    Ok(_) => tracing::info!("content folder change imported"),
                    Err(err) => tracing::error!("content folder change: {err}"),
                }
            }
        });
    }

    /// Serves what another server published: checks the database's newest revision every
    /// `DATABASE_POLL`, for as long as the server runs.
    pub fn watch_database(&self) {
        let state = self.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(DATABASE_POLL);
            loop {
                every.tick().await;
                state.follow_links().await;
                let Ok(newest) = state.store.content_generation().await else {
                    continue;
                };
                if newest == state.generation.load(Ordering::Acquire) {
                    continue;
                }
                let _one_change = state.content.lock().await;
                if newest == state.generation.load(Ordering::Acquire) {
                    continue;
                }
                let mut problems = Vec::new();
                if let Err(err) = state.serve_latest(state.today(), 0, &mut problems).await {
                    tracing::error!("cannot serve content published elsewhere: {err}");
                }
            }
        });
    }
}

fn db(err: crate::store::StoreError) -> ReloadError {
    tracing::error!("content from the database: {err}");
    ReloadError::Rejected(vec!["the database cannot be read".to_string()])
}
