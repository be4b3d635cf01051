-- The analytics page counts the searches a query link answered in a range: few rows, found by
-- time without reading the rest of the log.
CREATE INDEX query_log_linked ON query_log (at, link) WHERE link IS NOT NULL;
