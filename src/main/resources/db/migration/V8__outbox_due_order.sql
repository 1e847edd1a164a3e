-- The sender reads the Outbox's due messages earliest first, a batch at a time. With the order's
-- last column in the index the batch is the first rows of an index range, however many messages
-- wait (10,000 after an outage), instead of all of them read and sorted for each batch.
CREATE INDEX email_entry_due_order ON email_entry (state, next_attempt_at, id);
DROP INDEX email_entry_due;
