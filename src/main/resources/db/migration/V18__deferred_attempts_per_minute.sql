-- Deferred attempts per minute, beside the Sent, Failed and Skipped entries per minute of V10, under
-- the key 'deferred' (an attempt's outcome: its entry stays in the Outbox, so no entry state counts
-- it): Diagnostics' picture of the last day reads at most 1,440 rows per series instead of walking the
-- day's attempts. From now on each deferred attempt adds to it in its own transaction; the attempts of
-- the last two days are counted once here. Pruned with the other per-minute counts.
INSERT INTO email_count_minute (state, minute, entries)
    SELECT 'deferred', ${minute_of_attempted_at}, COUNT(*) FROM email_attempt
    WHERE outcome = 'deferred' AND attempted_at >= LOCALTIMESTAMP - INTERVAL '2' DAY
    GROUP BY ${minute_of_attempted_at};
