package org.mailconsole.store.emaillog;

import static org.mailconsole.store.emaillog.EmailColumns.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.CompiledStatements;

/**
 * The counts kept beside the entries, in the caller's transaction, so nothing counts the entries:
 * per state ({@code email_count}, the mailbox tabs) and Sent, Failed and Skipped per minute of
 * reaching that state ({@code email_count_minute}, Email Diagnostics' last hour and day).
 */
final class EmailCounts {
    /** How long the per-minute counts are kept: Email Diagnostics reads the last day of them. */
    static final Duration MINUTE_COUNTS_KEPT = Duration.ofDays(2);
    /** The key of deferred attempts in the per-minute counts: not an entry state (V18). */
    static final String DEFERRED_ATTEMPTS = "deferred";

    private EmailCounts() {
    }

    static Map<EmailState, Long> read(Connection connection) throws SQLException {
        Map<EmailState, Long> counts = new EnumMap<>(EmailState.class);
        for (EmailState state : EmailState.values()) {
            counts.put(state, 0L);
        }
        try (PreparedStatement query = CompiledStatements.prepare(connection, "SELECT state, entries FROM email_count");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                counts.put(EmailState.ofApiName(rows.getString(1)), rows.getLong(2));
            }
        }
        return counts;
    }

    /**
     * {@code n} entries moved from {@code from} (null: new ones), last changed at {@code fromAt} (null:
     * not counted per minute), to {@code to} (null: deleted) at {@code toAt}.
     */
    static void moved(Connection connection, QueueDialect dialect, EmailState from, Instant fromAt, EmailState to,
                      Instant toAt, long n) throws SQLException {
        if (n == 0) {
            return;
        }
        // the per-state rows are changed in one order (by state name) in every transaction, so two
        // writers moving entries the opposite ways (Retry now of a Failed one, a failure) cannot deadlock
        Map<String, Long> deltas = new TreeMap<>();
        if (from != null) {
            deltas.merge(from.apiName(), -n, Long::sum);
        }
        if (to != null) {
            deltas.merge(to.apiName(), n, Long::sum);
        }
        try (PreparedStatement update = CompiledStatements.prepare(connection, 
                "UPDATE email_count SET entries = entries + ? WHERE state = ?")) {
            for (Map.Entry<String, Long> delta : deltas.entrySet()) {
                if (delta.getValue() != 0) {
                    update.setLong(1, delta.getValue());
                    update.setString(2, delta.getKey());
                    update.executeUpdate();
                }
            }
        }
        if (from != null && from != EmailState.SEND_READY && fromAt != null) {
            try (PreparedStatement update = CompiledStatements.prepare(connection, "UPDATE email_count_minute "
                    + "SET entries = entries - ? WHERE state = ? AND minute = ?")) {
                update.setLong(1, n);
                update.setString(2, from.apiName());
                update.setTimestamp(3, timestamp(minuteOf(fromAt)));
                update.executeUpdate(); // none left when pruned already
            }
        }
        if (to != null && to != EmailState.SEND_READY) {
            addToMinute(connection, dialect, to.apiName(), toAt, n);
        }
    }

    /**
     * One deferred attempt at {@code at}, counted per minute under {@link #DEFERRED_ATTEMPTS} (V18) for
     * Diagnostics' picture of the last day; never taken back (an attempt made stays made).
     */
    static void deferredAttempt(Connection connection, QueueDialect dialect, Instant at) throws SQLException {
        addToMinute(connection, dialect, DEFERRED_ATTEMPTS, at, 1);
    }

    private static void addToMinute(Connection connection, QueueDialect dialect, String key, Instant at, long n)
            throws SQLException {
        try (PreparedStatement upsert = CompiledStatements.prepare(connection, dialect.addToMinuteCount())) {
            upsert.setString(1, key);
            upsert.setTimestamp(2, timestamp(minuteOf(at)));
            upsert.setLong(3, n);
            upsert.executeUpdate();
        }
    }

    static Instant minuteOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }
}
