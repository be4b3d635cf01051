//! The index kept on disk between restarts. A server with 100,000 passages spent about 20 s
//! indexing at every start; now the index is written once into a folder named after a
//! fingerprint of what went into it (the passages, the schema and the program), opened with
//! mmap when that folder already exists, and rebuilt only when one of them changed. A folder
//! is written under a temporary name and renamed when complete, so a crash mid-build leaves
//! nothing that could be opened; folders of other fingerprints are removed once the new one
//! is in use (an open index keeps its unlinked files on Linux).

use super::schema::build_schema;
use super::{SearchError, SearchIndex, build};
use crate::content::Corpus;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::Index;

/// Raised when what the index holds changes in a way the fingerprint cannot see.
const INDEX_FORMAT: &str = "helpline-index-2";
/// Written last into a complete folder.
const COMPLETE: &str = "complete";
const BUILDING: &str = ".building-";
/// A temporary folder untouched this long was left by a process that stopped mid-build.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// What a search index is made from, as 64 hex digits: the format, the program (its version,
/// size and build time: a new binary may analyse words differently), the schema and every
/// passage's indexed text in order.
pub fn fingerprint(corpus: &Corpus) -> String {
    let mut hash = Sha256::new();
    let mut feed = |text: &str| {
        hash.update((text.len() as u64).to_le_bytes());
        hash.update(text.as_bytes());
    };
    feed(INDEX_FORMAT);
    feed(env!("CARGO_PKG_VERSION"));
    feed(&program_identity());
    feed(&serde_json::to_string(&build_schema().0).unwrap_or_default());
    for doc in corpus.documents() {
        for text in [&doc.id, doc.lang.code(), &doc.topic, &doc.title] {
            feed(text);
        }
        feed(&doc.passages.len().to_string());
        for passage in &doc.passages {
            feed(&passage.id);
            feed(passage.heading.as_deref().unwrap_or("\u{0}"));
            feed(&passage.text);
            for (kind, lines) in [("a", &passage.aliases), ("p", &passage.phrasings)] {
                feed(kind);
                lines.iter().for_each(|line| feed(line));
            }
        }
    }
    format!("{:x}", hash.finalize())
}

/// The running program's size and modification time, or nothing when they cannot be read.
fn program_identity() -> String {
    let meta = std::env::current_exe().and_then(std::fs::metadata);
    match meta {
        Ok(meta) => {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{modified}", meta.len())
        }
        Err(_) => String::new(),
    }
}

/// How the index was made ready.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readied {
    /// An index of the same fingerprint was on disk and opened.
    Opened,
    /// None was: it was built and written.
    Built,
}

impl SearchIndex {
    /// The index of `corpus` kept under `dir`: opened when it is there, else built into it.
    pub fn open_or_build(
        corpus: Arc<Corpus>,
        dir: &Path,
    ) -> Result<(SearchIndex, Readied), SearchError> {
        let name = fingerprint(&corpus);
        let folder = dir.join(&name);
        let passages: usize = corpus.documents().iter().map(|d| d.passages.len()).sum();
        if folder.join(COMPLETE).is_file() {
            match open(&folder, Arc::clone(&corpus), passages) {
                Ok(index) => {
                    remove_others(dir, &name);
                    return Ok((index, Readied::Opened));
                }
                Err(err) => tracing::warn!(
                    folder = %folder.display(),
                    "stored search index unusable, building it again: {err}"
                ),
            }
            std::fs::remove_dir_all(&folder).map_err(|e| io(&folder, e))?;
        }
        write(&corpus, dir, &folder)?;
        let index = open(&folder, corpus, passages)?;
        remove_others(dir, &name);
        Ok((index, Readied::Built))
    }
}

/// Opens the complete index in `folder`, checking it holds every passage of `corpus`.
fn open(folder: &Path, corpus: Arc<Corpus>, passages: usize) -> Result<SearchIndex, SearchError> {
    let index = Index::open_in_dir(folder)?;
    let (schema, fields) = build_schema();
    if index.schema() != schema {
        return Err(SearchError::Stored(format!(
            "{}: another schema",
            folder.display()
        )));
    }
    let opened = SearchIndex::assemble(index, fields, corpus)?;
    let held = opened.reader.searcher().num_docs() as usize;
    if held != passages {
        return Err(SearchError::Stored(format!(
            "{}: {held} passages where the content has {passages}",
            folder.display()
        )));
    }
    Ok(opened)
}

/// Writes the index of `corpus` into a temporary folder under `dir`, then renames it `folder`.
fn write(corpus: &Corpus, dir: &Path, folder: &Path) -> Result<(), SearchError> {
    // Unique to this build: two builds may run at once, in one process or in several.
    static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let building = dir.join(format!("{BUILDING}{}-{n}", std::process::id()));
    if building.exists() {
        std::fs::remove_dir_all(&building).map_err(|e| io(&building, e))?;
    }
    std::fs::create_dir_all(&building).map_err(|e| io(&building, e))?;
    let (schema, fields) = build_schema();
    let index = Index::create_in_dir(&building, schema)?;
    build::write_passages(&index, &fields, corpus, &build::Layout::default())?;
    drop(index);
    std::fs::write(building.join(COMPLETE), b"").map_err(|e| io(&building, e))?;
    match std::fs::rename(&building, folder) {
        Ok(()) => Ok(()),
        // Another process finished the same index first: use theirs.
        Err(_) if folder.join(COMPLETE).is_file() => {
            std::fs::remove_dir_all(&building).map_err(|e| io(&building, e))
        }
        Err(e) => Err(io(folder, e)),
    }
}

/// Removes the folders of other fingerprints and abandoned builds under `dir` (best effort).
fn remove_others(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit());
        // Another process may be building right now: only a build left for a while is abandoned.
        let abandoned = name.starts_with(BUILDING)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > ABANDONED_AFTER);
        if name != keep && (ours || abandoned) {
            let path: PathBuf = entry.path();
            if let Err(err) = std::fs::remove_dir_all(&path) {
                tracing::warn!(folder = %path.display(), "cannot remove an old search index: {err}");
            }
        }
    }
}

fn io(path: &Path, err: std::io::Error) -> SearchError {
    SearchError::Stored(format!("{}: {err}", path.display()))
}
