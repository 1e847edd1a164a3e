package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.mailconsole.model.AuditEntry;

/** The audit table: every change, who made it and when. */
public final class AuditStore {
    private final Database database;

    public AuditStore(Database database) {
        this.database = database;
    }

    /**
     * Adds entries inside the caller's transaction, so they commit or roll back with the change. The
     * entries of one call are one save: they all get its first entry's time, which groups them on the page.
     */
    public static void insert(Connection connection, List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp savedAt = Timestamp.from(entries.get(0).at());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_log (changed_at, actor, subject, field, old_value, new_value) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry entry : entries) {
                insert.setTimestamp(1, savedAt);
                insert.setString(2, entry.actor());
                insert.setString(3, entry.subject());
                insert.setString(4, entry.field());
                insert.setString(5, entry.oldValue());
                insert.setString(6, entry.newValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The newest entries first. */
    public List<AuditEntry> latest(int limit) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT changed_at, actor, subject, field, old_value, new_value FROM audit_log "
                            + "ORDER BY id DESC")) {
                query.setMaxRows(limit);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new AuditEntry(rows.getTimestamp(1).toInstant(), rows.getString(2),
                                rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6)));
                    }
                }
                return entries;
            }
        });
    }
}
