-- The recipients each attempt went to: the test address, the address filter (and later the
-- suppressions) are applied again at every delivery and only narrow, so an attempt may go to fewer
-- (or, after a test address was set, other) recipients than the entry was handed over with.
-- One address per line; null for attempts made before this column.
ALTER TABLE email_attempt ADD COLUMN recipients VARCHAR(32000);
