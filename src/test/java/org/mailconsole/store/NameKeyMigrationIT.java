package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.testing.PostgresServer;

/**
 * V4 on a database that already holds names differing only in letter case (saved by concurrent
 * writers before it): the first holder keeps its name, the others get " (id)", and from then on the
 * database itself refuses such a duplicate. On HSQLDB and PostgreSQL.
 */
class NameKeyMigrationIT {
    @TempDir
    Path dir;

    @Test
    void onHsqldb() throws Exception {
        String url = "jdbc:hsqldb:file:" + dir.resolve("db/mailconsole") + ";shutdown=true";
        migrate(url, "SA", "");
    }

    @Test
    void onPostgres() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            migrate(postgres.jdbcUrl(), "postgres", "");
        }
    }

    private static void migrate(String url, String user, String password) throws Exception {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .placeholders(Database.migrationPlaceholders(url)).target("2").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement sql = connection.createStatement()) {
            for (String name : List.of("Shared", "SHARED", "shared", "Other")) {
                sql.executeUpdate("INSERT INTO email_account (name, account_type, authentication, security, active, "
                        + "debug_logging, version) VALUES ('" + name + "', 'SMTP', 'NONE', 'NONE', FALSE, FALSE, 1)");
            }
        }
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .placeholders(Database.migrationPlaceholders(url)).load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement sql = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT id, name, name_key FROM email_account ORDER BY id")) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    names.add(rows.getString(2) + "|" + rows.getString(3));
                }
            }
            // identities start at 0 on HSQLDB, at 1 on PostgreSQL
            assertEquals(List.of("Default SMTP|default smtp", "Default POP3|default pop3", "Shared|shared",
                    "SHARED (" + ids.get(3) + ")|shared (" + ids.get(3) + ")",
                    "shared (" + ids.get(4) + ")|shared (" + ids.get(4) + ")", "Other|other"), names);
            SQLException duplicate = assertThrows(SQLException.class, () -> sql.executeUpdate(
                    "UPDATE email_account SET name_key = 'shared' WHERE name = 'Other'"));
            assertEquals("23505", duplicate.getSQLState());
        }
    }
}
