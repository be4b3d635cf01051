//! `helpline-assist content export DIR`: the published state written back as a content folder —
//! each served document's latest revision, byte for byte, where its file lives, with the
//! folder's glossary, synonyms, helpline facts and safety rules copied beside them. Importing
//! the result changes nothing (each file equals its latest revision).

use super::EditorialError;
use crate::store::Store;
use std::path::Path;

/// Files of a content folder that are not documents, copied as they are.
const FOLDER_FILES: [&str; 5] = [
    "glossary.toml",
    "synonyms.toml",
    "helpline.toml",
    "safety.toml",
    "FORMAT.md",
];

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Exported {
    pub documents: usize,
    /// Retired documents (not written: a file of them would be imported back as a conflict).
    pub retired: Vec<String>,
}

/// Writes the published documents into `out`, and the folder files of `content_dir` (when
/// `out` is another folder).
pub async fn export(
    store: &Store,
    content_dir: &Path,
    out: &Path,
) -> Result<Exported, EditorialError> {
    let latest = store.latest_revisions().await?;
    let write = |path: &Path, bytes: &[u8]| -> Result<(), EditorialError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        }
        std::fs::write(path, bytes).map_err(|e| io_error(path, e))
    };
    let mut exported = Exported::default();
    for revision in &latest {
        if revision.retired {
            exported.retired.push(revision.path.clone());
            continue;
        }
        write(&out.join(&revision.path), revision.body.as_bytes())?;
        exported.documents += 1;
    }
    let same_folder = content_dir.canonicalize().ok() == out.canonicalize().ok();
    for name in FOLDER_FILES.iter().filter(|_| !same_folder) {
        if let Ok(bytes) = std::fs::read(content_dir.join(name)) {
            write(&out.join(name), &bytes)?;
        }
    }
    Ok(exported)
}

fn io_error(path: &Path, err: std::io::Error) -> EditorialError {
    EditorialError::Invalid(format!("cannot write {}: {err}", path.display()))
}
