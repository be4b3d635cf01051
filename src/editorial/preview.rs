//! What the content would be with a draft published: the served texts with the draft's
//! document replaced (or added, or removed), loaded and checked exactly as the server loads
//! content — so the preview, the check beside the editor and the publish all see the same
//! problems, including the safety rules and the checks across documents.

use super::served_texts;
use crate::content::{DocumentText, LoadReport, load_texts_as_of};
use crate::domain::{DraftKind, DraftPreview, DraftProblem};
use crate::search::glossary_marks::GlossaryMarks;
use crate::store::{DraftRow, RevisionRow};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::Path;

/// The content with `draft` applied, loaded and checked.
pub fn candidate(
    dir: &Path,
    latest: &[RevisionRow],
    draft: &DraftRow,
    today: NaiveDate,
) -> LoadReport {
    let path = dir.join(&draft.path);
    let mut texts: Vec<DocumentText> = served_texts(dir, latest)
        .into_iter()
        .filter(|t| t.path != path)
        .filter(|t| {
            !latest
                .iter()
                .any(|r| r.doc_id == draft.doc_id && dir.join(&r.path) == t.path)
        })
        .collect();
    if draft.kind != DraftKind::Retire {
        texts.push(DocumentText {
            lang: draft.lang,
            path: path.clone(),
            text: draft.body.clone(),
        });
    }
    let mut report = load_texts_as_of(dir, texts, today);
    if draft.kind != DraftKind::Retire {
        let served_id = report
            .corpus
            .documents()
            .iter()
            .find(|d| d.path == path)
            .map(|d| d.id.clone());
        if let Some(id) = served_id.filter(|id| *id != draft.doc_id) {
            report.problems.push(crate::content::Problem::error(
                &path,
                1,
                format!(
                    "the id must stay {:?} (found {id:?}): create a new document instead",
                    draft.doc_id
                ),
            ));
        }
    }
    report
}

/// The errors the content has now, without the draft (`path:line: error: message`).
pub fn errors_now(dir: &Path, latest: &[RevisionRow], today: NaiveDate) -> HashSet<String> {
    load_texts_as_of(dir, served_texts(dir, latest), today)
        .error_lines()
        .into_iter()
        .collect()
}

/// The draft's problems — those in its own file, and errors it would cause in other files
/// (a link to a heading it renames, to a document it retires) that `errors_now` does not
/// have — and its page as readers would see it.
pub fn preview(
    dir: &Path,
    report: &LoadReport,
    draft: &DraftRow,
    errors_now: &HashSet<String>,
) -> DraftPreview {
    let path = dir.join(&draft.path);
    let mut problems: Vec<DraftProblem> = report
        .problems
        .iter()
        .filter(|p| p.path == path)
        .map(|p| DraftProblem {
            line: p.line,
            error: p.is_error(),
            message: p.message.clone(),
        })
        .collect();
    problems.extend(
        report
            .problems
            .iter()
            .filter(|p| p.path != path && p.is_error())
            .filter(|p| !errors_now.contains(&p.to_string()))
            .map(|p| DraftProblem {
                line: 0,
                error: true,
                message: format!("this change breaks another document: {p}"),
            }),
    );
    let doc = report
        .corpus
        .documents()
        .iter()
        .find(|d| d.path == path)
        .map(|d| {
            // As the document page lays it out, each passage as the pane shows it (glossary terms
            // explained).
            let marks = GlossaryMarks::build(&report.corpus);
            let mut view = crate::content::view::doc_view(&report.corpus, d);
            for (shown, passage) in view.passages.iter_mut().zip(&d.passages) {
                shown.html = marks.render(d, &passage.markdown);
            }
            view
        });
    DraftPreview { doc, problems }
}

/// The draft's problems that stop it from being published.
pub fn blocking(preview: &DraftPreview, draft: &DraftRow) -> bool {
    preview.has_errors() || (draft.kind != DraftKind::Retire && preview.doc.is_none())
}
