package org.mailconsole.store.emaillog;

import static org.mailconsole.store.emaillog.EmailColumns.timestamp;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.store.Database;

/**
 * What Email Diagnostics and the health check read from the Outbox and the log. Every query is
 * served by an index (V3's {@code (state, id)} and primary keys, V7's {@code (state, updated_at)}
 * and {@code email_attempt (outcome, id)}), or are per-minute counts (V10's {@code email_count_minute}):
 * the health checks' reads stop after a few rows, and the counts of the last day read one row per
 * minute and state plus one minute of entries.
 */
public final class EmailLogFacts {
    /** One delivery attempt as the facts need it: a null reply code is a connection or login failure. */
    public record Attempt(Instant at, Outcome outcome, Integer replyCode, String reply) {
        /** A failed attempt the server never answered: refused, timed out, TLS or authentication. */
        public boolean connectionFailure() {
            return replyCode == null && !outcome.delivered();
        }
    }

    private final Database database;

    public EmailLogFacts(Database database) {
        this.database = database;
    }

    /** The newest attempt with one of these outcomes. */
    public Optional<Attempt> lastAttempt(Outcome... outcomes) {
        return database.read(connection -> {
            Attempt newest = null;
            long newestId = -1;
            for (Outcome outcome : outcomes) {
                // ordered exactly as the (outcome, id) index, so the read stops at the first row
                try (PreparedStatement query = connection.prepareStatement("SELECT id, attempted_at, outcome, "
                        + "reply_code, reply FROM email_attempt WHERE outcome = ? ORDER BY outcome DESC, id DESC LIMIT 1")) {
                    query.setString(1, outcome.apiName());
                    try (ResultSet rows = query.executeQuery()) {
                        if (rows.next() && rows.getLong(1) > newestId) {
                            newestId = rows.getLong(1);
                            newest = attempt(rows);
                        }
                    }
                }
            }
            return Optional.ofNullable(newest);
        });
    }

    /** The newest {@code limit} delivery attempts (not counting messages skipped without one), newest first. */
    public List<Attempt> lastDeliveryAttempts(int limit) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT id, attempted_at, outcome, reply_code, "
                    + "reply FROM email_attempt WHERE outcome <> 'skipped' ORDER BY id DESC LIMIT ?")) {
                query.setInt(1, limit);
                List<Attempt> attempts = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        attempts.add(attempt(rows));
                    }
                }
                return attempts;
            }
        });
    }

    /**
     * Whether the newest {@code count} delivery attempts all failed on connection or authentication
     * (the health check's {@code sender} rule and the {@code mailconsole_sender_up} gauge).
     */
    public boolean lastAttemptsFailedToConnect(int count) {
        List<Attempt> last = lastDeliveryAttempts(count);
        return last.size() == count && last.stream().allMatch(Attempt::connectionFailure);
    }

    /** When the oldest message in the Outbox was queued; empty when the Outbox is empty. */
    public Optional<Instant> oldestInOutbox() {
        return database.read(connection -> {
            // the oldest entry has the lowest id: the (state, id) index's first row of the Outbox
            try (PreparedStatement query = connection.prepareStatement("SELECT created_at FROM email_entry "
                    + "WHERE state = ? ORDER BY state, id LIMIT 1")) {
                query.setString(1, EmailState.SEND_READY.apiName());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(EmailColumns.instant(rows.getTimestamp(1))) : Optional.<Instant>empty();
                }
            }
        });
    }

    /**
     * When the oldest message that is due at {@code now} (its next attempt not in the future) was
     * queued; empty when none is due. A message waiting for its back-off step is not due.
     */
    public Optional<Instant> oldestDue(Instant now) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT MIN(created_at) FROM email_entry "
                    + "WHERE state = ? AND next_attempt_at <= ?")) {
                query.setString(1, EmailState.SEND_READY.apiName());
                query.setTimestamp(2, EmailColumns.timestamp(now));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return Optional.ofNullable(EmailColumns.instant(rows.getTimestamp(1)));
                }
            }
        });
    }

    /**
     * Entries that reached {@code state} (their last change) at or after {@code since}, which is at
     * most two days ago: the whole minutes from the per-minute counts (V10), the rest of the minute
     * {@code since} falls in from the entries themselves (an index range of at most a minute).
     */
    public long countSince(EmailState state, Instant since) {
        Instant minute = EmailCounts.minuteOf(since);
        Instant wholeFrom = minute.equals(since) ? since : minute.plus(Duration.ofMinutes(1));
        return database.read(connection -> {
            long count;
            try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(SUM(entries), 0) "
                    + "FROM email_count_minute WHERE state = ? AND minute >= ?")) {
                query.setString(1, state.apiName());
                query.setTimestamp(2, timestamp(wholeFrom));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    count = rows.getLong(1);
                }
            }
            // HSQLDB takes the (state, id) index for this range (reading every entry of the state) unless
            // an ORDER BY of (state, updated_at) with USING INDEX names the right one
            boolean postgres = database.settings().postgres();
            String range = "SELECT id FROM email_entry WHERE state = ? AND updated_at >= ? AND updated_at < ?";
            try (PreparedStatement query = connection.prepareStatement(postgres
                    ? "SELECT COUNT(*) FROM (" + range + ") minute_part"
                    : "SELECT COUNT(*) FROM (" + range + " ORDER BY state, updated_at LIMIT 2147483647 USING INDEX)")) {
                query.setString(1, state.apiName());
                query.setTimestamp(2, timestamp(since));
                query.setTimestamp(3, timestamp(wholeFrom));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return count + rows.getLong(1);
                }
            }
        });
    }

    /** One hour of the last day: entries that became Sent and Failed in it, and deferred attempts made in it. */
    public record Hour(Instant start, long sent, long deferred, long failed) {
    }

    /**
     * The {@code hours} hours up to the one {@code now} falls in (that one so far), oldest first, from the
     * per-minute counts: an entry retried after it failed leaves the Failed count of its minute, as the
     * log's tabs do.
     */
    public List<Hour> byHour(Instant now, int hours) {
        Instant first = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
        long[][] counts = new long[hours][3];
        database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT state, minute, entries "
                    + "FROM email_count_minute WHERE state IN (?, ?, ?) AND minute >= ?")) {
                query.setString(1, EmailState.SENT.apiName());
                query.setString(2, EmailCounts.DEFERRED_ATTEMPTS);
                query.setString(3, EmailState.SEND_FAILED.apiName());
                query.setTimestamp(4, timestamp(first));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Instant minute = EmailColumns.instant(rows.getTimestamp(2));
                        int hour = (int) Duration.between(first, minute).toHours();
                        if (hour >= 0 && hour < hours) {
                            String state = rows.getString(1);
                            int series = state.equals(EmailCounts.DEFERRED_ATTEMPTS) ? 1
                                    : state.equals(EmailState.SENT.apiName()) ? 0 : 2;
                            counts[hour][series] += rows.getLong(3);
                        }
                    }
                }
            }
            return null;
        });
        List<Hour> result = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            result.add(new Hour(first.plus(Duration.ofHours(i)), counts[i][0], counts[i][1], counts[i][2]));
        }
        return result;
    }

    private static Attempt attempt(ResultSet rows) throws java.sql.SQLException {
        Instant at = EmailColumns.instant(rows.getTimestamp(2));
        Outcome outcome = Outcome.ofApiName(rows.getString(3));
        int code = rows.getInt(4);
        Integer replyCode = rows.wasNull() ? null : code;
        return new Attempt(at, outcome, replyCode, rows.getString(5));
    }
}
