//! Editing and publishing as the adapters call them: each takes the acting user's name and
//! client address, does one step of a draft's life through `editorial`, and writes the audit
//! log. Approving publishes: the new content is loaded and checked, its index built, the
//! revision committed, and only then the index swapped in — a failure anywhere leaves nothing
//! published and the old content serving.

use super::AppState;
use crate::domain::DraftKind;
use crate::editorial::EditorialError;
use crate::editorial::drafts::{self, DraftEdit};
use crate::editorial::preview::{blocking, candidate, errors_now, preview};
use crate::store::{DraftRow, NewRevision, PublishRefused, RevisionRow};

/// Who acts, and from where (for the audit log).
pub struct Actor<'a> {
    pub name: &'a str,
    pub client: &'a str,
}

impl AppState {
    /// The latest revision of `doc_id`, if it has one.
    pub async fn latest_revision(
        &self,
        doc_id: &str,
    ) -> Result<Option<RevisionRow>, EditorialError> {
        Ok(self
            .store
            .latest_revisions()
            .await?
            .into_iter()
            .find(|r| r.doc_id == doc_id))
    }

    pub(super) async fn audit(&self, actor: &Actor<'_>, action: &str, target: String) {
        if let Err(err) = self
            .store
            .audit(actor.name, action, &target, actor.client)
            .await
        {
            tracing::error!("cannot write the audit log: {err}");
        }
    }

    /// The user's open draft of `doc_id`, or a new one from its latest revision.
    pub async fn start_draft(
        &self,
        doc_id: &str,
        actor: &Actor<'_>,
    ) -> Result<i64, EditorialError> {
        let latest = drafts::editable(doc_id, self.latest_revision(doc_id).await?.as_ref())?;
        let id = drafts::start(&self.store, &latest, actor.name, self.now().timestamp()).await?;
        self.audit(actor, "draft started", format!("{doc_id} draft {id}"))
            .await;
        Ok(id)
    }

    pub async fn save_draft(
        &self,
        id: i64,
        edit: DraftEdit<'_>,
        client: &str,
    ) -> Result<(), EditorialError> {
        let draft = drafts::get(&self.store, id).await?;
        let latest = self.latest_revision(&draft.doc_id).await?;
        if latest.as_ref().is_some_and(|r| r.retired) {
            return Err(drafts::editable(&draft.doc_id, latest.as_ref())
                .err()
                .unwrap_or_else(drafts::stale));
        }
        let rebase = edit.rebase;
        let actor = Actor {
            name: edit.user,
            client,
        };
        drafts::save(
            &self.store,
            &draft,
            edit,
            latest.as_ref(),
            self.now().timestamp(),
        )
        .await?;
        let action = if rebase.is_some() {
            "draft merged"
        } else {
            "draft saved"
        };
        self.audit(&actor, action, format!("{} draft {id}", draft.doc_id))
            .await;
        Ok(())
    }

    /// The draft checked as if published.
    pub async fn check_draft(
        &self,
        draft: &DraftRow,
    ) -> Result<crate::domain::DraftPreview, EditorialError> {
        let latest = self.store.latest_revisions().await?;
        let dir = self.settings.content_dir.clone();
        let today = self.today();
        let draft = draft.clone();
        Ok(tokio::task::spawn_blocking(move || {
            let report = candidate(&dir, &latest, &draft, today);
            preview(&dir, &report, &draft, &errors_now(&dir, &latest, today))
        })
        .await?)
    }

    pub async fn submit_draft(&self, id: i64, actor: &Actor<'_>) -> Result<(), EditorialError> {
        let draft = drafts::get(&self.store, id).await?;
        let latest = self.latest_revision(&draft.doc_id).await?;
        let checked = self.check_draft(&draft).await?;
        let has_errors = blocking(&checked, &draft);
        drafts::submit(
            &self.store,
            &draft,
            actor.name,
            has_errors,
            latest.as_ref(),
            self.now().timestamp(),
        )
        .await?;
        self.audit(
            actor,
            "draft submitted",
            format!("{} draft {id}", draft.doc_id),
        )
        .await;
        Ok(())
    }

    pub async fn return_draft(
        &self,
        id: i64,
        comment: &str,
        actor: &Actor<'_>,
    ) -> Result<(), EditorialError> {
        let draft = drafts::get(&self.store, id).await?;
        drafts::send_back(
            &self.store,
            &draft,
            actor.name,
            comment,
            self.now().timestamp(),
        )
        .await?;
        self.audit(
            actor,
            "draft returned",
            format!("{} draft {id}", draft.doc_id),
        )
        .await;
        Ok(())
    }

    /// `any`: the caller may withdraw anyone's draft (an admin).
    pub async fn withdraw_draft(
        &self,
        id: i64,
        any: bool,
        actor: &Actor<'_>,
    ) -> Result<(), EditorialError> {
        let draft = drafts::get(&self.store, id).await?;
        if !drafts::may_withdraw(&draft, actor.name, any) {
            return Err(EditorialError::NotAllowed(
                "only its author, its editor, who submitted it or an admin can withdraw this draft"
                    .into(),
            ));
        }
        drafts::withdraw(&self.store, &draft, self.now().timestamp()).await?;
        self.audit(
            actor,
            "draft withdrawn",
            format!("{} draft {id}", draft.doc_id),
        )
        .await;
        Ok(())
    }

    /// Approves a submitted draft, which publishes it; returns the new revision's id.
    /// `seen` is the draft's version the approver read (the editor page sends it): a draft
    /// changed since is refused, so nobody approves a text they have not seen.
    pub async fn approve_draft(
        &self,
        id: i64,
        seen: Option<i64>,
        actor: &Actor<'_>,
    ) -> Result<i64, EditorialError> {
        let _one_change = self.content.lock().await;
        let draft = drafts::get(&self.store, id).await?;
        if seen.is_some_and(|seen| seen != draft.version) {
            return Err(drafts::changed_meanwhile());
        }
        if let Some(refused) = drafts::approval_refused(&draft, actor.name) {
            return Err(refused);
        }
        let generation = self.store.content_generation().await?;
        let latest_all = self.store.latest_revisions().await?;
        let latest = latest_all.iter().find(|r| r.doc_id == draft.doc_id);
        if !drafts::is_current(&draft, latest) {
            return Err(drafts::stale());
        }
        let today = self.today();
        let dir = self.settings.content_dir.clone();
        let (report, checked) = {
            let (latest_all, draft) = (latest_all.clone(), draft.clone());
            tokio::task::spawn_blocking(move || {
                let report = candidate(&dir, &latest_all, &draft, today);
                let now = errors_now(&dir, &latest_all, today);
                let checked = preview(&dir, &report, &draft, &now);
                (report, checked)
            })
            .await?
        };
        if blocking(&checked, &draft) {
            return Err(EditorialError::Invalid(
                "the draft no longer passes the check; send it back to its author".into(),
            ));
        }
        let original = report
            .corpus
            .get(&draft.doc_id)
            .and_then(|d| d.translation_of.clone())
            .and_then(|o| latest_all.iter().find(|r| r.doc_id == o).map(|r| r.id));
        let revision = new_revision(&draft, actor.name, original, self.now().timestamp());
        let mut problems = report.error_lines();
        problems.retain(|p| {
            !p.starts_with(
                &self
                    .settings
                    .content_dir
                    .join(&draft.path)
                    .display()
                    .to_string(),
            )
        });
        let built = self
            .content
            .build(report, self.now().to_rfc3339())
            .await
            .map_err(|e| EditorialError::Unservable(e.to_string()))?;
        let published = self
            .store
            .publish_draft((draft.id, draft.version), &revision, latest.map(|r| r.id))
            .await
            .map_err(|refused| match refused {
                PublishRefused::Store(err) => EditorialError::Store(err),
                PublishRefused::Stale(_) => drafts::stale(),
                PublishRefused::NotSubmitted => drafts::changed_meanwhile(),
            })?;
        let status = self.content.install(built, problems);
        // Published on top of exactly what was built: nothing else to catch up with.
        if published == generation + 1 {
            self.generation
                .store(published, std::sync::atomic::Ordering::Release);
        }
        super::record_content_metrics(&status);
        if draft.kind == DraftKind::Retire {
            self.content.note_retired(&draft.doc_id, today.to_string());
        }
        if let Err(err) = self
            .review()
            .note_versions(self.index().corpus(), self.now().timestamp())
            .await
        {
            tracing::error!("cannot record document versions: {err}");
        }
        let action = if draft.kind == DraftKind::Retire {
            "document retired"
        } else {
            "revision published"
        };
        self.audit(
            actor,
            action,
            format!("{} revision {published} (draft {id})", draft.doc_id),
        )
        .await;
        Ok(published)
    }
}

fn new_revision(draft: &DraftRow, approver: &str, original: Option<i64>, now: i64) -> NewRevision {
    NewRevision {
        doc_id: draft.doc_id.clone(),
        lang: draft.lang,
        path: draft.path.clone(),
        body: draft.body.clone(),
        sha256: crate::content::model::content_hash(&draft.body),
        author: draft.editor.clone(),
        approver: Some(approver.to_string()),
        note: draft.note.clone(),
        created_at: now,
        retired: draft.kind == DraftKind::Retire,
        original_revision: original,
    }
}
