package org.mailconsole.store.emaillog;

import static org.mailconsole.store.emaillog.EmailColumns.timestamp;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.Database;

/**
 * Retention of the email log: Sent, Failed and Skipped entries older than the retention go, never
 * the Outbox; the per-minute counts older than two days go.
 */
public final class EmailLogRetention {
    private final Database database;
    private final QueueDialect dialect;
    private final Clock clock;

    public EmailLogRetention(Database database, Clock clock) {
        this.database = database;
        this.dialect = QueueDialect.of(database);
        this.clock = clock;
    }

    /**
     * Deletes up to {@code batch} Sent, Failed and Skipped entries created before {@code before},
     * oldest first, in one transaction; how many went. Each entry goes with its attempts, raw
     * message and search terms (the foreign keys cascade) by one DELETE guarded by its state, so an
     * entry that Retry now has just returned to the Outbox stays whole. Call again while it returns
     * {@code batch}.
     */
    public int deleteOlderThan(Instant before, int batch) {
        Instant counted = clock.instant().minus(EmailCounts.MINUTE_COUNTS_KEPT);
        return database.inRecordTransaction(connection -> {
            int deleted = 0;
            for (EmailState state : List.of(EmailState.SENT, EmailState.SEND_FAILED, EmailState.SEND_IGNORED)) {
                // by the minute count each is in: those changed in the last two days by their minute, the rest together
                Map<Instant, List<Long>> byMinute = new HashMap<>();
                try (PreparedStatement query = connection.prepareStatement("SELECT id, updated_at FROM email_entry "
                        + "WHERE state = ? AND created_at < ? ORDER BY id LIMIT ?")) {
                    query.setString(1, state.apiName());
                    query.setTimestamp(2, timestamp(before));
                    query.setInt(3, batch - deleted);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            Instant updated = EmailColumns.instant(rows.getTimestamp(2));
                            Instant minute = updated.isBefore(counted) ? null : EmailCounts.minuteOf(updated);
                            byMinute.computeIfAbsent(minute, m -> new ArrayList<>()).add(rows.getLong(1));
                        }
                    }
                }
                for (Map.Entry<Instant, List<Long>> group : byMinute.entrySet()) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM email_entry WHERE state = ? AND id IN (" + EmailColumns.idList(group.getValue()) + ")")) {
                        delete.setString(1, state.apiName());
                        int gone = delete.executeUpdate();
                        EmailCounts.moved(connection, dialect, state, group.getKey(), null, null, gone);
                        deleted += gone;
                    }
                }
                if (deleted >= batch) {
                    break;
                }
            }
            return deleted;
        });
    }

    /** Drops the per-minute counts older than the two days they are kept. */
    public int pruneMinuteCounts() {
        return database.inRecordTransaction(connection -> {
            RateBudget.prune(connection, clock.instant()); // the rate budget's sends older than a day (V15)
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM email_count_minute WHERE minute < ?")) {
                delete.setTimestamp(1, timestamp(clock.instant().minus(EmailCounts.MINUTE_COUNTS_KEPT)));
                return delete.executeUpdate();
            }
        });
    }
}
