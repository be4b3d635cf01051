-- Supervisors teach the search: a query group (the normalized form of logged searches) linked
-- to the passage that answers it. From then on a search that normalizes to `normalized` puts
-- `passage_id` first. `lang` is the passage's language; `example` is a redacted way the group
-- was typed, for the lists.
CREATE TABLE query_links (
    id          INTEGER PRIMARY KEY,
    normalized  TEXT    NOT NULL UNIQUE CHECK (normalized != ''),
    lang        TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    passage_id  TEXT    NOT NULL,
    example     TEXT    NOT NULL DEFAULT '',
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    -- the newest logged search when the link was made: later ones count for the link
    since_log_id INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX query_links_passage ON query_links (passage_id);

-- Whether a logged search's first hit came from a link: 'first' (the engine found passages
-- too) or 'only' (the engine found none: a no-result search the link answered).
ALTER TABLE query_log ADD COLUMN link TEXT CHECK (link IN ('first', 'only'));

-- The analytics page and the gap queue group the log by normalized form within a time range:
-- this index holds every column they read, in the order they group by.
CREATE INDEX query_log_group ON query_log (normalized, at, hits, used_rank);

-- Searches per hour (UTC hour number, `at / 3600`), kept as rows arrive, change and go: the
-- analytics page's counts and charts read these few rows instead of the whole log.
CREATE TABLE query_hours (
    hour      INTEGER PRIMARY KEY,
    searches  INTEGER NOT NULL DEFAULT 0,
    with_hits INTEGER NOT NULL DEFAULT 0
);
-- Per hour, how many searches had their hit at `rank` opened or copied.
CREATE TABLE query_hour_uses (
    hour INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    uses INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, rank)
);

INSERT INTO query_hours (hour, searches, with_hits)
    SELECT at / 3600, COUNT(*), SUM(hits > 0) FROM query_log GROUP BY at / 3600;
INSERT INTO query_hour_uses (hour, rank, uses)
    SELECT at / 3600, used_rank, COUNT(*) FROM query_log WHERE used_rank IS NOT NULL
    GROUP BY at / 3600, used_rank;

CREATE TRIGGER query_hours_insert AFTER INSERT ON query_log BEGIN
    INSERT INTO query_hours (hour, searches, with_hits) VALUES (NEW.at / 3600, 1, NEW.hits > 0)
        ON CONFLICT (hour) DO UPDATE SET searches = searches + 1, with_hits = with_hits + (NEW.hits > 0);
    INSERT INTO query_hour_uses (hour, rank, uses)
        SELECT NEW.at / 3600, NEW.used_rank, 1 WHERE NEW.used_rank IS NOT NULL
        ON CONFLICT (hour, rank) DO UPDATE SET uses = uses + 1;
END;

CREATE TRIGGER query_hours_delete AFTER DELETE ON query_log BEGIN
    UPDATE query_hours SET searches = searches - 1, with_hits = with_hits - (OLD.hits > 0)
        WHERE hour = OLD.at / 3600;
    UPDATE query_hour_uses SET uses = uses - 1
        WHERE OLD.used_rank IS NOT NULL AND hour = OLD.at / 3600 AND rank = OLD.used_rank;
END;

CREATE TRIGGER query_hours_update AFTER UPDATE OF at, hits, used_rank ON query_log BEGIN
    UPDATE query_hours SET searches = searches - 1, with_hits = with_hits - (OLD.hits > 0)
        WHERE hour = OLD.at / 3600;
    UPDATE query_hour_uses SET uses = uses - 1
        WHERE OLD.used_rank IS NOT NULL AND hour = OLD.at / 3600 AND rank = OLD.used_rank;
    INSERT INTO query_hours (hour, searches, with_hits) VALUES (NEW.at / 3600, 1, NEW.hits > 0)
        ON CONFLICT (hour) DO UPDATE SET searches = searches + 1, with_hits = with_hits + (NEW.hits > 0);
    INSERT INTO query_hour_uses (hour, rank, uses)
        SELECT NEW.at / 3600, NEW.used_rank, 1 WHERE NEW.used_rank IS NOT NULL
        ON CONFLICT (hour, rank) DO UPDATE SET uses = uses + 1;
END;

-- Per query group, over the whole log (which keeps only the retention period): how many
-- searches, how many without a result, how many with hits after which nothing was used, and
-- when it was first and last searched. Kept by triggers; the gap queue and an analytics range
-- covering the whole log read it instead of grouping the log.
CREATE TABLE query_group_totals (
    normalized TEXT    PRIMARY KEY,
    searches   INTEGER NOT NULL DEFAULT 0,
    zero       INTEGER NOT NULL DEFAULT 0,
    no_click   INTEGER NOT NULL DEFAULT 0,
    first_at   INTEGER NOT NULL,
    last_at    INTEGER NOT NULL
);
CREATE INDEX query_group_totals_unanswered ON query_group_totals (zero + no_click DESC, last_at DESC);
CREATE INDEX query_group_totals_searches ON query_group_totals (searches DESC, last_at DESC);

INSERT INTO query_group_totals (normalized, searches, zero, no_click, first_at, last_at)
    SELECT normalized, COUNT(*), SUM(hits = 0), SUM(hits > 0 AND used_rank IS NULL), MIN(at), MAX(at)
    FROM query_log WHERE normalized != '' GROUP BY normalized;

CREATE TRIGGER query_group_totals_insert AFTER INSERT ON query_log WHEN NEW.normalized != '' BEGIN
    INSERT INTO query_group_totals (normalized, searches, zero, no_click, first_at, last_at)
        VALUES (NEW.normalized, 1, NEW.hits = 0, NEW.hits > 0 AND NEW.used_rank IS NULL, NEW.at, NEW.at)
        ON CONFLICT (normalized) DO UPDATE SET searches = searches + 1,
            zero = zero + excluded.zero, no_click = no_click + excluded.no_click,
            first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at);
END;

CREATE TRIGGER query_group_totals_delete AFTER DELETE ON query_log WHEN OLD.normalized != '' BEGIN
    UPDATE query_group_totals SET searches = searches - 1, zero = zero - (OLD.hits = 0),
            no_click = no_click - (OLD.hits > 0 AND OLD.used_rank IS NULL),
            first_at = COALESCE((SELECT MIN(at) FROM query_log WHERE normalized = OLD.normalized), first_at),
            last_at = COALESCE((SELECT MAX(at) FROM query_log WHERE normalized = OLD.normalized), last_at)
        WHERE normalized = OLD.normalized;
    DELETE FROM query_group_totals WHERE normalized = OLD.normalized AND searches <= 0;
END;

CREATE TRIGGER query_group_totals_update AFTER UPDATE OF at, hits, used_rank, normalized ON query_log BEGIN
    UPDATE query_group_totals SET searches = searches - 1, zero = zero - (OLD.hits = 0),
            no_click = no_click - (OLD.hits > 0 AND OLD.used_rank IS NULL),
            first_at = COALESCE((SELECT MIN(at) FROM query_log WHERE normalized = OLD.normalized), first_at),
            last_at = COALESCE((SELECT MAX(at) FROM query_log WHERE normalized = OLD.normalized), last_at)
        WHERE OLD.normalized != '' AND normalized = OLD.normalized;
    DELETE FROM query_group_totals WHERE normalized = OLD.normalized AND searches <= 0;
    INSERT INTO query_group_totals (normalized, searches, zero, no_click, first_at, last_at)
        SELECT NEW.normalized, 1, NEW.hits = 0, NEW.hits > 0 AND NEW.used_rank IS NULL, NEW.at, NEW.at
        WHERE NEW.normalized != ''
        ON CONFLICT (normalized) DO UPDATE SET searches = searches + 1,
            zero = zero + excluded.zero, no_click = no_click + excluded.no_click,
            first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at);
END;
