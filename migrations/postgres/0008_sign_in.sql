-- Sign-in throttling shared by every server: failures per key (a name from one client, a
-- client, a name from anywhere) with when the last was, and the clients each user has signed
-- in from. Times are Unix seconds.
CREATE TABLE sign_in_failures (
    kind    TEXT    NOT NULL CHECK (kind IN ('pair', 'client', 'name')),
    key     TEXT    NOT NULL,
    count   BIGINT  NOT NULL,
    last_at BIGINT  NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX sign_in_failures_last ON sign_in_failures (last_at);

CREATE TABLE sign_in_known (
    username TEXT    NOT NULL,
    client   TEXT    NOT NULL,
    at       BIGINT  NOT NULL,
    PRIMARY KEY (username, client)
);
CREATE INDEX sign_in_known_at ON sign_in_known (at);
