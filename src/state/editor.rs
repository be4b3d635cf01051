//! The editor's and the history's pages put together, and the drafts that start elsewhere: a
//! specialist's suggestion for one passage, a roll back, a retirement, a new document.

use super::AppState;
use super::editing::Actor;
use crate::domain::{
    DraftKind, DraftPreview, DraftState, DraftView, EditorPage, HistoryPage, Lang,
};
use crate::editorial::drafts::{self, checked, from_revision};
use crate::editorial::{EditorialError, front_form, pages, suggest};
use crate::review::time_zone;
use crate::store::{NewDraft, RevisionRow};
use std::collections::HashSet;

impl AppState {
    fn tz(&self) -> chrono_tz::Tz {
        time_zone(self.index().corpus())
    }

    /// The original a document translates, from the served content.
    fn original_of(&self, doc_id: &str) -> Option<String> {
        self.index()
            .corpus()
            .get(doc_id)
            .and_then(|d| d.translation_of.clone())
    }

    /// The editor for draft `id`, as `user` sees it.
    pub async fn editor_page(&self, id: i64, user: &str) -> Result<EditorPage, EditorialError> {
        let draft = drafts::get(&self.store, id).await?;
        let latest_all = self.store.latest_revisions().await?;
        let latest = latest_all.iter().find(|r| r.doc_id == draft.doc_id);
        let preview = self.check_draft(&draft).await?;
        let conflict = pages::conflict(&self.store, &draft, latest).await?;
        let original_id = self.original_of(&draft.doc_id);
        let original = original_id.and_then(|o| latest_all.iter().find(|r| r.doc_id == o));
        let original_changes = match latest {
            Some(mine) => pages::original_changes(&self.store, mine, original).await?,
            None => None,
        };
        let tz = self.tz();
        let other_drafts = self
            .store
            .drafts_of(&draft.doc_id, true)
            .await?
            .iter()
            .filter(|d| d.id != draft.id)
            .map(|d| pages::draft_view(d, tz))
            .collect();
        let title = preview
            .doc
            .as_ref()
            .map_or_else(|| draft.doc_id.clone(), |d| d.title.clone());
        Ok(EditorPage {
            doc_id: draft.doc_id.clone(),
            form: front_form::fields_of(&draft.body),
            title,
            lang: draft.lang,
            latest_revision: latest.map(|r| r.id),
            retired: latest.is_some_and(|r| r.retired),
            can_approve: drafts::approval_refused(&draft, user).is_none(),
            draft: pages::draft_view(&draft, tz),
            preview,
            conflict,
            original_changes,
            other_drafts,
        })
    }

    /// `text` checked and rendered as draft `id` would be with it (nothing is saved).
    pub async fn preview_text(&self, id: i64, text: &str) -> Result<DraftPreview, EditorialError> {
        checked(text, "")?;
        let mut draft = drafts::get(&self.store, id).await?;
        draft.body = text.replace("\r\n", "\n");
        self.check_draft(&draft).await
    }

    pub async fn history_page(
        &self,
        doc_id: &str,
        from: Option<i64>,
        to: Option<i64>,
    ) -> Result<HistoryPage, EditorialError> {
        let title = self
            .index()
            .corpus()
            .get(doc_id)
            .map_or_else(|| doc_id.to_string(), |d| d.title.clone());
        pages::history(&self.store, doc_id, title, from, to, self.tz()).await
    }

    /// Open drafts, those waiting for approval first.
    pub async fn open_drafts(&self) -> Result<Vec<DraftView>, EditorialError> {
        let tz = self.tz();
        let mut open: Vec<DraftView> = self
            .store
            .open_drafts()
            .await?
            .iter()
            .map(|d| pages::draft_view(d, tz))
            .collect();
        open.sort_by_key(|d| d.state != DraftState::Submitted);
        Ok(open)
    }

    /// Translations whose original was published since they were.
    pub async fn translations_needing_update(&self) -> Result<HashSet<String>, EditorialError> {
        let latest = self.store.latest_revisions().await?;
        Ok(latest
            .iter()
            .filter(|r| !r.retired)
            .filter(|r| {
                let original = self.original_of(&r.doc_id);
                let original = original.and_then(|o| latest.iter().find(|x| x.doc_id == o));
                pages::needs_update(r, original)
            })
            .map(|r| r.doc_id.clone())
            .collect())
    }

    /// A specialist's new wording for one passage: a draft for supervisors, linked to the
    /// passage (and to the flag it answers).
    pub async fn suggest_edit(
        &self,
        passage_id: &str,
        markdown: &str,
        note: &str,
        flag_id: Option<i64>,
        actor: &Actor<'_>,
    ) -> Result<i64, EditorialError> {
        checked(markdown, note)?;
        if markdown.trim().is_empty() {
            return Err(EditorialError::Invalid(
                "write the wording you suggest".into(),
            ));
        }
        let doc_id = passage_id.split('#').next().unwrap_or_default();
        let latest = match self.latest_revision(doc_id).await? {
            Some(latest) => drafts::editable(doc_id, Some(&latest))?,
            None => return Err(EditorialError::NotFound(format!("passage {passage_id}"))),
        };
        // The passage as the latest revision has it (another server may have published it a
        // moment ago: the lines to replace come from that text, not from what is served here).
        let path = self.settings.content_dir.join(&latest.path);
        let parsed = crate::content::parse::parse_document(&path, &latest.body, Some(latest.lang));
        let passage = parsed
            .document
            .as_ref()
            .and_then(|d| d.passages.iter().find(|p| p.id == passage_id))
            .ok_or_else(|| EditorialError::NotFound(format!("passage {passage_id}")))?;
        if let Some(flag_id) = flag_id {
            let flag = self.store.flag(flag_id).await?;
            if !flag.is_some_and(|f| f.doc_id == doc_id && f.resolved_at.is_none()) {
                return Err(EditorialError::Invalid(
                    "that flag is not an open flag on this document".into(),
                ));
            }
        }
        let mut draft = from_revision(
            &latest,
            DraftKind::Edit,
            DraftState::Suggested,
            actor.name,
            self.now().timestamp(),
        );
        draft.body = suggest::replace_passage(
            &latest.body,
            passage.line,
            passage.heading.is_some(),
            markdown,
        );
        draft.note = note.trim().to_string();
        draft.passage_id = Some(passage_id.to_string());
        draft.flag_id = flag_id;
        let id = self.store.insert_draft(&draft).await?;
        self.audit(actor, "edit suggested", format!("{passage_id} draft {id}"))
            .await;
        Ok(id)
    }

    /// A draft bringing back revision `revision` of `doc_id`.
    pub async fn roll_back(
        &self,
        doc_id: &str,
        revision: i64,
        actor: &Actor<'_>,
    ) -> Result<i64, EditorialError> {
        let latest = drafts::editable(doc_id, self.latest_revision(doc_id).await?.as_ref())?;
        let old = self
            .store
            .revision(revision)
            .await?
            .filter(|r| r.doc_id == doc_id && !r.retired)
            .ok_or_else(|| EditorialError::NotFound(format!("revision {revision}")))?;
        let id = drafts::roll_back(
            &self.store,
            &old,
            &latest,
            actor.name,
            self.now().timestamp(),
        )
        .await?;
        self.audit(
            actor,
            "roll back drafted",
            format!("{doc_id} to revision {revision}"),
        )
        .await;
        Ok(id)
    }

    /// A retirement of `doc_id`, submitted for approval.
    pub async fn retire(
        &self,
        doc_id: &str,
        note: &str,
        actor: &Actor<'_>,
    ) -> Result<i64, EditorialError> {
        let latest = drafts::editable(doc_id, self.latest_revision(doc_id).await?.as_ref())?;
        let id = drafts::retire(
            &self.store,
            &latest,
            actor.name,
            note,
            self.now().timestamp(),
        )
        .await?;
        self.audit(
            actor,
            "retirement submitted",
            format!("{doc_id} draft {id}"),
        )
        .await;
        Ok(id)
    }

    /// Drafts of a new document and of its twin in the other language; returns the first.
    pub async fn create_document(
        &self,
        lang: Lang,
        id: &str,
        title: &str,
        topic: &str,
        actor: &Actor<'_>,
    ) -> Result<i64, EditorialError> {
        let twin_id = match lang {
            Lang::En => format!("{id}-es"),
            Lang::Es => format!("{id}-en"),
        };
        let known = self.store.latest_revisions().await?;
        new_ids_free(id, &twin_id, title, &known)?;
        let now = self.now().timestamp();
        let draft = |lang: Lang, doc_id: &str, original: Option<&str>| NewDraft {
            doc_id: doc_id.to_string(),
            lang,
            path: drafts::new_path(lang, doc_id),
            kind: DraftKind::Create,
            state: DraftState::Editing,
            base_revision: None,
            body: suggest::new_document(lang, doc_id, title.trim(), topic, original),
            note: "new document".into(),
            author: actor.name.to_string(),
            passage_id: None,
            flag_id: None,
            at: now,
        };
        let first = self.store.insert_draft(&draft(lang, id, None)).await?;
        self.store
            .insert_draft(&draft(lang.other(), &twin_id, Some(id)))
            .await?;
        self.audit(actor, "document drafted", format!("{id} and {twin_id}"))
            .await;
        Ok(first)
    }
}

fn new_ids_free(
    id: &str,
    twin: &str,
    title: &str,
    known: &[RevisionRow],
) -> Result<(), EditorialError> {
    let slug = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug || id.len() > 80 {
        return Err(EditorialError::Invalid(
            "the id must be lowercase letters, digits and `-`".into(),
        ));
    }
    if title.trim().is_empty() || title.len() > 200 {
        return Err(EditorialError::Invalid(
            "give the document a title (at most 200 characters)".into(),
        ));
    }
    if let Some(taken) = known.iter().find(|r| r.doc_id == id || r.doc_id == twin) {
        return Err(EditorialError::Conflict(format!(
            "{} already exists",
            taken.doc_id
        )));
    }
    Ok(())
}
