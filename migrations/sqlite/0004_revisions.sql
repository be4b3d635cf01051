-- Content lives in the database: every published revision of every document, the drafts
-- supervisors work on, and what was last imported from the content folder. Times are Unix
-- seconds (UTC).

-- One published version of a document. The latest revision of a document is what every server
-- serves; a revision with `retired = 1` takes the document out of service (its history stays).
-- `path` is where the document lives in the content folder (`en/maintenance.md`), for export.
-- `original_revision`: for a translation, the revision of its original it was published
-- against; a newer revision of the original means the translation needs an update.
CREATE TABLE revisions (
    id                INTEGER PRIMARY KEY,
    doc_id            TEXT    NOT NULL,
    lang              TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    path              TEXT    NOT NULL,
    body              TEXT    NOT NULL,
    sha256            TEXT    NOT NULL,
    author            TEXT    NOT NULL,
    approver          TEXT,
    note              TEXT    NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,
    retired           INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    original_revision INTEGER,
    draft_id          INTEGER
);
CREATE INDEX revisions_doc ON revisions (doc_id, id);

-- The SHA-256 of each document file as last imported from the content folder: a file whose
-- text differs from this changed on disk since.
CREATE TABLE content_imports (
    doc_id      TEXT    PRIMARY KEY,
    sha256      TEXT    NOT NULL,
    imported_at INTEGER NOT NULL
);

-- Work towards a new revision. `base_revision` is the revision the draft started from (NULL for
-- a new document); publishing a draft whose base is no longer the latest needs a merge first.
-- `suggested`: proposed by a specialist, waiting for a supervisor; `editing`: saved, not yet
-- submitted; `submitted`: waiting for a second person's approval; `returned`: sent back with a
-- comment; `published` and `withdrawn` are final.
CREATE TABLE drafts (
    id                 INTEGER PRIMARY KEY,
    doc_id             TEXT    NOT NULL,
    lang               TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    path               TEXT    NOT NULL,
    kind               TEXT    NOT NULL CHECK (kind IN ('edit', 'create', 'retire')),
    state              TEXT    NOT NULL CHECK (state IN ('suggested', 'editing', 'submitted', 'returned', 'published', 'withdrawn')),
    base_revision      INTEGER,
    body               TEXT    NOT NULL,
    note               TEXT    NOT NULL DEFAULT '',
    author             TEXT    NOT NULL,
    editor             TEXT    NOT NULL,
    submitted_by       TEXT,
    review_comment     TEXT    NOT NULL DEFAULT '',
    passage_id         TEXT,
    flag_id            INTEGER,
    published_revision INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    -- Raised by every change: a save or an approval names the version it saw.
    version            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX drafts_doc ON drafts (doc_id, state);
CREATE INDEX drafts_state ON drafts (state, updated_at);

-- Closing the loop: the revision that fixed a flag, the revision that added a gap's content.
ALTER TABLE flags ADD COLUMN fixed_by_revision INTEGER;
ALTER TABLE content_gaps ADD COLUMN revision INTEGER;
