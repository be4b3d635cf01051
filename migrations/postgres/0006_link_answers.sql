-- The analytics page counts the searches a query link answered in a range.
CREATE INDEX query_log_linked ON query_log (at, link) WHERE link IS NOT NULL;
