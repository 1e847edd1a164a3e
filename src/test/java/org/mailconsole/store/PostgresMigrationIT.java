package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.MailConsole;
import org.mailconsole.console.StaleVersionException;
import org.mailconsole.testing.PostgresServer;

/** The Flyway migrations and the stores run on PostgreSQL too (a real server, Debian's binaries). */
class PostgresMigrationIT {
    @TempDir
    Path dir;

    @Test
    void migratesAndStoresOnPostgres() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            StorageSettings settings = new StorageSettings(postgres.jdbcUrl(), "postgres", "", dir.resolve("key"));
            try (MailConsole console = MailConsole.start(settings, false, Set.of())) {
                long version = console.properties().document().version();
                console.properties().update(version, Map.of("glide.email.server", "pg.example.com",
                        "glide.email.user_password", "pg-secret"), "tester");
                assertThrows(StaleVersionException.class, () -> console.properties()
                        .update(version, Map.of("glide.smtp.port", "2525", "glide.email.user_password", "pg-secret"), "late"));
                assertEquals(2, console.recentChanges(20).size());
            }
            try (MailConsole again = MailConsole.start(settings, false, Set.of())) {
                assertEquals("pg.example.com", again.properties().effective().text("glide.email.server"));
                assertEquals("pg-secret", again.properties().effective().text("glide.email.user_password"));
                assertEquals("up", again.health().check().status().name().toLowerCase());
            }
        }
    }
}
