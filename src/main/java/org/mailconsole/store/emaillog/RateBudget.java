package org.mailconsole.store.emaillog;

import static org.mailconsole.store.emaillog.EmailColumns.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.mailconsole.model.RateLimits;
import org.mailconsole.store.CompiledStatements;

/**
 * An outbound account's rate limits held in the database, so every webapp and node spends one budget:
 * table {@code account_send}, one row per message started (docs/delivery-engine.md, "Rate limits").
 */
final class RateBudget {
    static final Duration MINUTE = Duration.ofSeconds(60);
    static final Duration DAY = Duration.ofHours(24);

    private RateBudget() {
    }

    /**
     * Reserves a row for {@code entryId} with {@code recipients} if the account's limits allow it
     * now; else the wait (nothing written). Called with the account's row locked ({@link #lock}).
     * Neither when {@link #beyondDailyLimit}: no wait would ever end (its attempt fails the message).
     */
    static Optional<OutboxQueue.BudgetWait> reserve(Connection connection, long accountId, RateLimits limits,
                                                   long entryId, int recipients, Instant now) throws SQLException {
        if (beyondDailyLimit(limits, recipients)) {
            return Optional.empty();
        }
        Integer perMinute = limits.messagesPerMinute();
        if (perMinute != null) {
            Instant until = freedAt(connection, accountId, now.minus(MINUTE), false, perMinute - 1);
            if (until != null) {
                return Optional.of(new OutboxQueue.BudgetWait(until.plus(MINUTE), "messages per minute", perMinute));
            }
        }
        Integer perDay = limits.recipientsPerDay();
        if (perDay != null) {
            Instant until = freedAt(connection, accountId, now.minus(DAY), true, perDay - recipients);
            if (until != null) {
                return Optional.of(new OutboxQueue.BudgetWait(until.plus(DAY), "recipients per day", perDay));
            }
        }
        try (PreparedStatement insert = CompiledStatements.prepare(connection, "INSERT INTO account_send (account_id, entry_id, "
                + "sent_at, recipients, settled) VALUES (?, ?, ?, ?, FALSE)")) {
            insert.setLong(1, accountId);
            insert.setLong(2, entryId);
            insert.setTimestamp(3, timestamp(now));
            insert.setInt(4, recipients);
            insert.executeUpdate();
        }
        return Optional.empty();
    }

    /** Whether a message of {@code recipients} exceeds the whole recipients-per-day limit. */
    static boolean beyondDailyLimit(RateLimits limits, int recipients) {
        Integer perDay = limits.recipientsPerDay();
        return perDay != null && recipients > perDay;
    }

    /**
     * Null when the rows after {@code since} use at most {@code room} (messages, or recipients when
     * {@code recipients}); else the time of the row whose leaving the window brings them within it.
     */
    private static Instant freedAt(Connection connection, long accountId, Instant since, boolean recipients, long room)
            throws SQLException {
        String used = recipients ? "recipients" : "1";
        long total;
        try (PreparedStatement sum = CompiledStatements.prepare(connection, "SELECT COALESCE(SUM(" + used + "), 0) FROM "
                + "account_send WHERE account_id = ? AND sent_at > ?")) {
            sum.setLong(1, accountId);
            sum.setTimestamp(2, timestamp(since));
            try (ResultSet row = sum.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
        }
        if (total <= room) {
            return null;
        }
        try (PreparedStatement rows = CompiledStatements.prepare(connection, "SELECT sent_at, " + used + " FROM account_send "
                + "WHERE account_id = ? AND sent_at > ? ORDER BY sent_at, id")) {
            rows.setLong(1, accountId);
            rows.setTimestamp(2, timestamp(since));
            try (ResultSet row = rows.executeQuery()) {
                while (row.next()) {
                    total -= row.getLong(2);
                    if (total <= room) {
                        return row.getTimestamp(1).toInstant();
                    }
                }
            }
        }
        return Instant.MAX; // cannot happen: the last row frees everything
    }

    static OutboxQueue.BudgetUsed used(Connection connection, long accountId, Instant now) throws SQLException {
        try (PreparedStatement sum = CompiledStatements.prepare(connection, "SELECT COALESCE(SUM(CASE WHEN sent_at > ? THEN 1 "
                + "ELSE 0 END), 0), COALESCE(SUM(recipients), 0) FROM account_send WHERE account_id = ? AND sent_at > ?")) {
            sum.setTimestamp(1, timestamp(now.minus(MINUTE)));
            sum.setLong(2, accountId);
            sum.setTimestamp(3, timestamp(now.minus(DAY)));
            try (ResultSet row = sum.executeQuery()) {
                row.next();
                return new OutboxQueue.BudgetUsed(row.getLong(1), row.getLong(2));
            }
        }
    }

    /** Locks the account's row for the rest of the transaction: budgets are checked one node at a time. */
    static void lock(Connection connection, QueueDialect dialect, long accountId) throws SQLException {
        try (PreparedStatement lock = CompiledStatements.prepare(connection, "SELECT id FROM email_account WHERE id = ?"
                + dialect.accountLock())) {
            lock.setLong(1, accountId);
            lock.executeQuery().close();
        }
    }

    /** The message's reservation now counts the recipients the relay accepted (none when it took nothing). */
    static void settle(Connection connection, long entryId, int accepted) throws SQLException {
        try (PreparedStatement update = CompiledStatements.prepare(connection, "UPDATE account_send SET recipients = ?, "
                + "settled = TRUE WHERE entry_id = ? AND settled = FALSE")) {
            update.setInt(1, accepted);
            update.setLong(2, entryId);
            update.executeUpdate();
        }
    }

    /** The message went back unattempted: its reservation is dropped. */
    static void unreserve(Connection connection, long entryId) throws SQLException {
        try (PreparedStatement delete = CompiledStatements.prepare(connection, "DELETE FROM account_send WHERE entry_id = ? "
                + "AND settled = FALSE")) {
            delete.setLong(1, entryId);
            delete.executeUpdate();
        }
    }

    /** Rows older than a day count toward no window. */
    static void prune(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement delete = CompiledStatements.prepare(connection, "DELETE FROM account_send WHERE sent_at < ?")) {
            delete.setTimestamp(1, timestamp(now.minus(DAY)));
            delete.executeUpdate();
        }
    }
}
