-- Account basics: API tokens may expire and record when they were last used.
-- Times are Unix seconds (UTC).
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
