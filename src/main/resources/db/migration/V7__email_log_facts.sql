-- Email Diagnostics and health read the log by time and by attempt outcome; these indexes keep
-- those reads a short index range with a million entries:
-- Sent/Failed/Skipped counts of the last hour and day: state plus when the entry reached it
CREATE INDEX email_entry_by_state_updated ON email_entry (state, updated_at);
-- the sender's last successful delivery and last failure: the newest attempt of an outcome
CREATE INDEX email_attempt_by_outcome ON email_attempt (outcome, id);
