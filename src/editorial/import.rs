//! The content folder into the database: at start-up (and when the folder changes), each
//! document file whose text differs from what was last imported becomes a new published
//! revision authored `content folder` — unless the document was also changed in the app since
//! that import, which is refused (never overwritten) and reported. Files with errors are not
//! imported; the document's last good revision keeps serving.

use super::{EditorialError, FOLDER_AUTHOR, relative_path};
use crate::content::{DocumentText, LoadReport, Problem, load_texts_as_of, read_documents};
use crate::store::{NewRevision, PublishRefused, RevisionRow, Store};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// What to do with one document file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportStep {
    /// Same text as last imported: nothing to do.
    Unchanged,
    /// Same text as the latest revision (an export put back): only note the import.
    Record,
    /// New or changed on disk only: publish it as a revision.
    Publish,
    /// Changed on disk and in the app since the last import: refuse, say why.
    Conflict(&'static str),
}

/// The step for a file with SHA-256 `file`, given what was last imported and the document's
/// latest revision (its hash and whether it retired the document).
pub fn plan(file: &str, imported: Option<&str>, latest: Option<(&str, bool)>) -> ImportStep {
    let Some((latest, retired)) = latest else {
        return ImportStep::Publish;
    };
    if imported == Some(file) {
        ImportStep::Unchanged
    } else if latest == file && !retired {
        ImportStep::Record
    } else if retired {
        ImportStep::Conflict(
            "the document was retired in the app; the changed file is not imported",
        )
    } else if imported == Some(latest) {
        ImportStep::Publish
    } else {
        ImportStep::Conflict(
            "changed on disk and in the app since the last import: export the app's version \
             (`helpline-assist content export DIR`), merge the two, and edit in one place",
        )
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub published: Vec<String>,
    /// What checking the folder found (files with errors were not imported).
    pub problems: Vec<Problem>,
    /// Files refused because the document changed in the app too (or was retired there).
    pub conflicts: Vec<Problem>,
    /// Files not imported because of errors.
    pub skipped_files: usize,
}

impl ImportReport {
    /// The conflicts, each as `path:line: error: message`.
    pub fn conflict_lines(&self) -> Vec<String> {
        self.conflicts.iter().map(ToString::to_string).collect()
    }

    /// The errors of files that could not be read as content (not conflicts).
    pub fn file_error_lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect()
    }

    /// The errors, each as `path:line: error: message`.
    pub fn error_lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .chain(&self.conflicts)
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect()
    }
}

/// Imports every document file under `dir` that changed since it was last imported.
pub async fn import_folder(
    store: &Store,
    dir: &Path,
    today: NaiveDate,
    now: i64,
) -> Result<ImportReport, EditorialError> {
    let (texts, hashes, read_problems) = {
        let dir = dir.to_path_buf();
        tokio::task::spawn_blocking(move || {
            let mut report = LoadReport::default();
            let texts = read_documents(&dir, &mut report);
            let hashes: Vec<String> = texts
                .iter()
                .map(|t| crate::content::model::content_hash(&t.text))
                .collect();
            (texts, hashes, report.problems)
        })
        .await?
    };
    let imported: HashMap<String, String> = store.imported_hashes().await?.into_iter().collect();
    if read_problems.is_empty() && same_as_imported(&hashes, &imported) {
        // The folder is exactly what was imported last (a restart): nothing to check or do.
        return Ok(ImportReport::default());
    }
    let checked = {
        let dir = dir.to_path_buf();
        let texts = texts.clone();
        tokio::task::spawn_blocking(move || {
            let mut checked = load_texts_as_of(&dir, texts, today);
            checked.problems.splice(0..0, read_problems);
            checked
        })
        .await?
    };
    let valid: HashMap<&Path, (&str, crate::domain::Lang, &str)> = checked
        .corpus
        .documents()
        .iter()
        .map(|d| {
            (
                d.path.as_path(),
                (
                    d.id.as_str(),
                    d.lang,
                    d.translation_of.as_deref().unwrap_or(""),
                ),
            )
        })
        .collect();
    let mut latest: HashMap<String, RevisionRow> = store
        .latest_revisions()
        .await?
        .into_iter()
        .map(|r| (r.doc_id.clone(), r))
        .collect();
    let mut report = ImportReport {
        problems: checked.problems.clone(),
        skipped_files: checked.skipped_files,
        ..ImportReport::default()
    };
    // Originals before translations, so a translation imported with its original is current.
    let mut order: Vec<&DocumentText> = texts
        .iter()
        .filter(|t| valid.contains_key(t.path.as_path()))
        .collect();
    order.sort_by_key(|t| !valid[t.path.as_path()].2.is_empty());
    let hash_of: HashMap<&Path, &str> = texts
        .iter()
        .zip(&hashes)
        .map(|(t, h)| (t.path.as_path(), h.as_str()))
        .collect();
    for text in order {
        let (doc_id, lang, original) = valid[text.path.as_path()];
        let sha = hash_of[text.path.as_path()].to_string();
        let current = latest.get(doc_id);
        let step = plan(
            &sha,
            imported.get(doc_id).map(String::as_str),
            current.map(|r| (r.sha256.as_str(), r.retired)),
        );
        let revision = match step {
            ImportStep::Unchanged => continue,
            ImportStep::Conflict(why) => {
                report.conflicts.push(Problem::error(&text.path, 0, why));
                continue;
            }
            ImportStep::Record => None,
            ImportStep::Publish => Some(NewRevision {
                doc_id: doc_id.to_string(),
                lang,
                path: relative_path(dir, &text.path),
                body: text.text.clone(),
                sha256: sha.clone(),
                author: FOLDER_AUTHOR.to_string(),
                approver: None,
                note: "imported from the content folder".to_string(),
                created_at: now,
                retired: false,
                original_revision: (!original.is_empty())
                    .then(|| latest.get(original).map(|r| r.id))
                    .flatten(),
            }),
        };
        let expected = current.map(|r| r.id);
        match store
            .import_file(doc_id, &sha, now, revision.as_ref().map(|r| (r, expected)))
            .await
        {
            Ok(Some(id)) => {
                report.published.push(doc_id.to_string());
                let revision = revision.expect("a stored revision was given");
                latest.insert(doc_id.to_string(), stored_row(id, revision));
            }
            Ok(None) => {}
            Err(PublishRefused::Store(err)) => return Err(err.into()),
            Err(refused) => report.conflicts.push(Problem::error(
                &text.path,
                0,
                format!("not imported: {refused}"),
            )),
        }
    }
    Ok(report)
}

/// Are the folder's files (their SHA-256 `hashes`) exactly the files last imported, one for
/// one? Then every file is `Unchanged`, and none was added or removed.
fn same_as_imported(hashes: &[String], imported: &HashMap<String, String>) -> bool {
    let mut last: Vec<&str> = imported.values().map(String::as_str).collect();
    let mut now: Vec<&str> = hashes.iter().map(String::as_str).collect();
    last.sort_unstable();
    now.sort_unstable();
    last == now
}

fn stored_row(id: i64, r: NewRevision) -> RevisionRow {
    RevisionRow {
        id,
        doc_id: r.doc_id,
        lang: r.lang,
        path: r.path,
        body: r.body,
        sha256: r.sha256,
        author: r.author,
        approver: r.approver,
        note: r.note,
        created_at: r.created_at,
        retired: r.retired,
        original_revision: r.original_revision,
        draft_id: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(shas: &[&str]) -> Vec<String> {
        shas.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn only_the_very_files_last_imported_skip_the_import() {
        let imported: HashMap<String, String> = [("a", "1"), ("b", "2")]
            .into_iter()
            .map(|(d, s)| (d.to_string(), s.to_string()))
            .collect();
        assert!(same_as_imported(&hashes(&["2", "1"]), &imported));
        assert!(
            !same_as_imported(&hashes(&["1", "2", "3"]), &imported),
            "a file added"
        );
        assert!(
            !same_as_imported(&hashes(&["1"]), &imported),
            "a file removed"
        );
        assert!(
            !same_as_imported(&hashes(&["1", "4"]), &imported),
            "a file changed"
        );
        assert!(
            !same_as_imported(&hashes(&["1", "1"]), &imported),
            "a file copied over another"
        );
    }

    #[test]
    fn a_new_document_is_published() {
        assert_eq!(plan("a", None, None), ImportStep::Publish);
    }

    #[test]
    fn a_file_unchanged_since_its_import_is_left_alone() {
        assert_eq!(
            plan("a", Some("a"), Some(("b", false))),
            ImportStep::Unchanged
        );
        assert_eq!(
            plan("a", Some("a"), Some(("a", true))),
            ImportStep::Unchanged
        );
    }

    #[test]
    fn a_file_changed_on_disk_only_is_published() {
        assert_eq!(
            plan("new", Some("old"), Some(("old", false))),
            ImportStep::Publish
        );
    }

    #[test]
    fn a_file_equal_to_the_latest_revision_is_only_recorded() {
        assert_eq!(plan("b", Some("a"), Some(("b", false))), ImportStep::Record);
        assert_eq!(plan("b", None, Some(("b", false))), ImportStep::Record);
    }

    #[test]
    fn changes_on_disk_and_in_the_app_conflict() {
        assert!(matches!(
            plan("disk", Some("old"), Some(("app", false))),
            ImportStep::Conflict(_)
        ));
        assert!(matches!(
            plan("disk", None, Some(("app", false))),
            ImportStep::Conflict(_)
        ));
        assert!(matches!(
            plan("disk", Some("old"), Some(("old", true))),
            ImportStep::Conflict(_)
        ));
    }
}
