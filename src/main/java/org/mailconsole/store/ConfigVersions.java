package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The config_version rows: one counter per configuration document ("properties", "accounts"). */
final class ConfigVersions {
    static final String PROPERTIES = "properties";
    static final String ACCOUNTS = "accounts";
    static final String ADDRESS_FILTERS = "address_filters";

    private ConfigVersions() {
    }

    static long read(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT version FROM config_version WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("config_version has no row '" + name + "'");
                }
                return rows.getLong(1);
            }
        }
    }

    /** Moves the counter on, inside the caller's transaction. */
    static void bump(Connection connection, String name) throws SQLException {
        try (PreparedStatement bump = connection.prepareStatement(
                "UPDATE config_version SET version = version + 1 WHERE name = ?")) {
            bump.setString(1, name);
            if (bump.executeUpdate() != 1) {
                throw new SQLException("config_version has no row '" + name + "'");
            }
        }
    }
}
