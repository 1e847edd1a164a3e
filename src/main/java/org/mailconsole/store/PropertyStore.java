package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.crypto.SecretBox;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;

/**
 * Stored property values and their version. Secret properties are sealed here on the way in and
 * opened on the way out (in memory only). A property without a row is at its default.
 */
public final class PropertyStore {
    private static final String VERSION_KEY = ConfigVersions.PROPERTIES;

    private final Database database;
    private final SecretBox secrets;

    public PropertyStore(Database database, SecretBox secrets) {
        this.database = database;
        this.secrets = secrets;
    }

    /** The stored values (secrets opened) and the version they belong to, read together. */
    public record Stored(long version, Map<String, String> values) {
    }

    public Stored load() {
        return database.read(connection -> {
            connection.setAutoCommit(false);
            try {
                long version = readVersion(connection);
                Map<String, String> values = new HashMap<>();
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT name, prop_value FROM email_property");
                     ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        values.put(rows.getString(1), open(rows.getString(1), rows.getString(2)));
                    }
                }
                return new Stored(version, Map.copyOf(values));
            } finally {
                connection.commit();
            }
        });
    }

    public long version() {
        return database.read(PropertyStore::readVersion);
    }

    /**
     * Applies changes (name to new value in clear, or null to remove the row) and the audit entries in
     * one transaction, provided the stored version is still {@code expectedVersion}.
     *
     * @return the new version
     * @throws VersionConflictException if the version moved on; nothing is written then
     */
    public long save(long expectedVersion, Map<String, String> changes, List<AuditEntry> audit) {
        return database.inTransaction(connection -> {
            try (PreparedStatement bump = connection.prepareStatement(
                    "UPDATE config_version SET version = version + 1 WHERE name = ? AND version = ?")) {
                bump.setString(1, VERSION_KEY);
                bump.setLong(2, expectedVersion);
                if (bump.executeUpdate() != 1) {
                    throw new VersionConflictException(expectedVersion, readVersion(connection));
                }
            }
            for (Map.Entry<String, String> change : changes.entrySet()) {
                write(connection, change.getKey(), seal(change.getKey(), change.getValue()));
            }
            AuditStore.insert(connection, audit);
            return expectedVersion + 1;
        });
    }

    private static void write(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM email_property WHERE name = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        }
        if (value != null) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO email_property (name, prop_value) VALUES (?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, value);
                insert.executeUpdate();
            }
        }
    }

    private String seal(String name, String value) {
        return value != null && secret(name) ? secrets.seal(value) : value;
    }

    private String open(String name, String value) {
        return value != null && secret(name) ? secrets.open(value) : value;
    }

    private static boolean secret(String name) {
        return PropertyCatalog.find(name).map(PropertyDef::secret).orElse(false);
    }

    private static long readVersion(Connection connection) throws SQLException {
        return ConfigVersions.read(connection, VERSION_KEY);
    }
}
