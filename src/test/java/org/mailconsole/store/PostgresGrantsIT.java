package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.MailConsole;
import org.mailconsole.testing.PostgresServer;

/**
 * The README's second PostgreSQL set-up: a database owned by another role, the console's user given
 * only the grants the README lists, on a server that checks passwords.
 */
class PostgresGrantsIT {
    @TempDir
    Path dir;

    @Test
    void theReadmesGrantsAreEnoughForADatabaseOwnedByAnotherRole() throws Exception {
        try (PostgresServer postgres = PostgresServer.startRequiringPasswords()) {
            postgres.psql("CREATE USER mailconsole WITH PASSWORD 'change-me'");
            postgres.psql("REVOKE ALL ON DATABASE mailconsole FROM PUBLIC");
            postgres.psql("GRANT CONNECT, TEMPORARY ON DATABASE mailconsole TO mailconsole");
            postgres.psql("mailconsole", "GRANT USAGE, CREATE ON SCHEMA public TO mailconsole");

            StorageSettings settings = new StorageSettings(postgres.jdbcUrl(), "mailconsole", "change-me",
                    dir.resolve("key"));
            try (MailConsole console = MailConsole.start(settings, false, Set.of())) {
                long version = console.properties().document().version();
                console.properties().update(version, Map.of("glide.email.user_password", "granted-secret"), "tester");
            }
            try (MailConsole again = MailConsole.start(settings, false, Set.of())) {
                assertEquals("granted-secret", again.properties().effective().text("glide.email.user_password"));
            }
            InvalidSettingsException wrong = assertThrows(InvalidSettingsException.class, () -> MailConsole.start(
                    new StorageSettings(postgres.jdbcUrl(), "mailconsole", "not-the-password", dir.resolve("key")),
                    false, Set.of()));
            assertTrue(wrong.getMessage().contains("password authentication failed"), wrong.getMessage());
        }
    }
}
