package org.mailconsole.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.TranscriptEntry;

/** Redacted protocol transcripts of accounts with debug logging on, the newest {@link #KEPT} per account. */
public final class TranscriptStore {
    public static final int KEPT = 50;
    static final int MAX_CHARS = org.mailconsole.model.FieldLimits.TRANSCRIPT;

    private final Database database;

    public TranscriptStore(Database database) {
        this.database = database;
    }

    /** Adds one (already redacted) transcript and drops the account's oldest beyond {@link #KEPT}. */
    public long add(TranscriptEntry entry) {
        return database.inTransaction(connection -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account_transcript "
                    + "(account_id, created_at, kind, outcome, transcript) VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
                insert.setLong(1, entry.accountId());
                insert.setTimestamp(2, Timestamp.from(entry.at()));
                insert.setString(3, cut(entry.kind(), 50));
                insert.setString(4, cut(entry.outcome(), 2000));
                insert.setString(5, cut(entry.text(), MAX_CHARS));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM account_transcript WHERE account_id = ? ORDER BY id DESC")) {
                query.setLong(1, entry.accountId());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            if (ids.size() > KEPT) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM account_transcript WHERE account_id = ? AND id <= ?")) {
                    delete.setLong(1, entry.accountId());
                    delete.setLong(2, ids.get(KEPT));
                    delete.executeUpdate();
                }
            }
            return id;
        });
    }

    /** The account's transcripts, newest first. */
    public List<TranscriptEntry> list(long accountId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT id, account_id, created_at, kind, "
                    + "outcome, transcript FROM account_transcript WHERE account_id = ? ORDER BY id DESC")) {
                query.setLong(1, accountId);
                List<TranscriptEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(entry(rows));
                    }
                }
                return entries;
            }
        });
    }

    /**
     * Deletes every transcript of the account (Clear on its debug log) and records it in the audit
     * table in the same transaction; how many there were.
     *
     * @param audit the audit entries, given how many transcripts were deleted
     */
    public int clear(long accountId, IntFunction<List<AuditEntry>> audit) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM account_transcript WHERE account_id = ?")) {
                delete.setLong(1, accountId);
                int cleared = delete.executeUpdate();
                AuditStore.insert(connection, audit.apply(cleared));
                return cleared;
            }
        });
    }

    private static TranscriptEntry entry(ResultSet rows) throws SQLException {
        return new TranscriptEntry(rows.getLong(1), rows.getLong(2), rows.getTimestamp(3).toInstant(),
                rows.getString(4), rows.getString(5), rows.getString(6));
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
