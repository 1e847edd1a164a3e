-- The log's search terms are written behind the apps: an entry is written with a row here, and the
-- core's term indexer writes its email_term rows later (a search writes any still pending first).
-- Writing ten or so term rows into two indexes was two thirds of an app's hand-over in the database,
-- inside the commit every app waits for; this row is one small index insert. HSQLDB: a MEMORY table
-- (it stays small, and is logged like every table); PostgreSQL: a table.
CREATE ${memory_table} email_term_pending (
    entry_id  BIGINT NOT NULL PRIMARY KEY
);
