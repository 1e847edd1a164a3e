package org.mailconsole.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * What Email Diagnostics says about the database: its engine, its URL with its credentials masked (JdbcUrls), and the
 * schema version Flyway applied last.
 */
public final class DatabaseFacts {
    private DatabaseFacts() {
    }

    /** The facts: engine ("HSQLDB (embedded file)", "HSQLDB (server)", "PostgreSQL"), URL, schema version. */
    public record Facts(String engine, String url, String schemaVersion) {
    }

    public static Facts of(Database database) {
        String url = database.settings().jdbcUrl();
        return new Facts(engine(url), JdbcUrls.masked(url), schemaVersion(database));
    }

    static String engine(String url) {
        if (StorageSettings.postgres(url)) {
            return "PostgreSQL";
        }
        if (url.startsWith("jdbc:hsqldb:file:")) {
            return "HSQLDB (embedded file)";
        }
        if (url.startsWith("jdbc:hsqldb:mem:")) {
            return "HSQLDB (in memory)";
        }
        return "HSQLDB (server)";
    }

    static String schemaVersion(Database database) {
        try {
            return database.read(connection -> {
                try (PreparedStatement query = connection.prepareStatement("SELECT \"version\" FROM "
                        + "\"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL "
                        + "ORDER BY \"installed_rank\" DESC")) {
                    query.setMaxRows(1);
                    try (ResultSet rows = query.executeQuery()) {
                        return rows.next() ? rows.getString(1) : "none";
                    }
                }
            });
        } catch (StoreException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

}
