-- The /api rate limit shared by every server: requests per key (user, token or client) and
-- clock minute (Unix seconds / 60), added to by each server every second.
CREATE TABLE api_usage (
    key      TEXT    NOT NULL,
    minute   INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (key, minute)
);
