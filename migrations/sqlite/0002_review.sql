-- The supervisor workspace: passage flags, document reviews, the versions of each document the
-- server has seen, the privacy-safe query log and the content-gap queue. Times are Unix seconds.

-- A specialist's report that a passage looks wrong. `text_hash` is the SHA-256 of the passage
-- as it was when flagged, so a reviewer can tell whether it has changed since.
CREATE TABLE flags (
    id              INTEGER PRIMARY KEY,
    passage_id      TEXT    NOT NULL,
    doc_id          TEXT    NOT NULL,
    reason          TEXT    NOT NULL CHECK (reason IN ('outdated', 'unclear', 'incorrect', 'missing-spanish', 'other')),
    note            TEXT    NOT NULL DEFAULT '',
    text_hash       TEXT    NOT NULL,
    created_by      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    resolved_by     TEXT,
    resolved_at     INTEGER,
    resolution_note TEXT
);
CREATE INDEX flags_doc ON flags (doc_id, resolved_at);
CREATE INDEX flags_creator ON flags (created_by, resolved_at);

-- "Mark reviewed": who, when, and the SHA-256 of the document file they reviewed.
CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT    NOT NULL,
    reviewer     TEXT    NOT NULL,
    reviewed_at  INTEGER NOT NULL,
    content_hash TEXT    NOT NULL,
    note         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX reviews_doc ON reviews (doc_id, reviewed_at);

-- Each distinct content of a document file, with when the server first saw it: the last change
-- of an English original is the first sighting of its current content.
CREATE TABLE document_versions (
    doc_id       TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    first_seen   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, content_hash)
);

-- Searches, redacted before they are written; no user, only the role. `ref` lets the pane
-- replace the row while the specialist is still typing, and report what was opened or copied.
CREATE TABLE query_log (
    id          INTEGER PRIMARY KEY,
    ref         TEXT    NOT NULL UNIQUE,
    at          INTEGER NOT NULL,
    role        TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    query       TEXT    NOT NULL,
    normalized  TEXT    NOT NULL,
    hits        INTEGER NOT NULL,
    used_rank   INTEGER,
    used_action TEXT
);
CREATE INDEX query_log_at ON query_log (at);
CREATE INDEX query_log_normalized ON query_log (normalized);

-- What supervisors decided about a group of unanswered queries (by normalized form).
CREATE TABLE content_gaps (
    normalized TEXT    PRIMARY KEY,
    status     TEXT    NOT NULL CHECK (status IN ('open', 'assigned', 'added', 'dismissed')),
    owner      TEXT    NOT NULL DEFAULT '',
    doc_id     TEXT    NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL
);
