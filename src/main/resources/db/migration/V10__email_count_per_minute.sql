-- Sent, Failed and Skipped entries per minute of reaching that state (their updated_at), kept in
-- the same transaction as every such change, for Email Diagnostics' counts of the last hour and day:
-- a read of at most 1,440 rows per state instead of every entry of the day (3.5 s with 80,000 a day
-- in a log of 1,000,000). Only the last two days are kept (the sender's housekeeping prunes).
CREATE ${memory_table} email_count_minute (
    state    VARCHAR(20) NOT NULL,
    minute   TIMESTAMP   NOT NULL,
    entries  BIGINT      NOT NULL,
    PRIMARY KEY (state, minute)
);
INSERT INTO email_count_minute (state, minute, entries)
    SELECT state, ${minute_of_updated_at}, COUNT(*) FROM email_entry
    WHERE state IN ('sent', 'send-failed', 'send-ignored') AND updated_at >= LOCALTIMESTAMP - INTERVAL '2' DAY
    GROUP BY state, ${minute_of_updated_at};
