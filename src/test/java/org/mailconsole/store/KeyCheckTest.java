package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.MailConsole;
import org.mailconsole.mail.MailSessionFactory;

/** A start with another key file than the database's is refused, by the console and the JNDI factory alike. */
class KeyCheckTest {
    @TempDir
    Path dir;

    private StorageSettings settings(String keyName) {
        return new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "", dir.resolve(keyName));
    }

    @Test
    void anotherKeyFileIsRefusedAtStartNamingTheFile() {
        try (MailConsole first = MailConsole.start(settings("key-a"), false, Set.of())) {
            long version = first.properties().document().version();
            first.properties().update(version, Map.of("glide.email.user_password", "canary-key-check"), "tester");
        }
        KeyMismatchException console = assertThrows(KeyMismatchException.class,
                () -> MailConsole.start(settings("key-b"), false, Set.of()));
        assertTrue(console.getMessage().contains(dir.resolve("key-b").toString()), console.getMessage());
        assertTrue(console.getMessage().contains("same key file"), console.getMessage());
        assertTrue(!console.getMessage().contains("canary"), console.getMessage());

        KeyMismatchException factory = assertThrows(KeyMismatchException.class, () -> MailSessionFactory.session(Map.of(
                "mailconsole.db.path", dir.resolve("db/mc").toString(),
                "mailconsole.key.file", dir.resolve("key-c").toString())));
        assertTrue(factory.getMessage().contains(dir.resolve("key-c").toString()), factory.getMessage());

        // the refused starts left the database closed and unchanged: the right key still opens everything
        try (MailConsole again = MailConsole.start(settings("key-a"), false, Set.of())) {
            assertEquals("canary-key-check", again.properties().effective().text("glide.email.user_password"));
        }
    }

    @Test
    void aDatabaseWithSecretsFromBeforeTheCheckIsCheckedAgainstThem() throws Exception {
        try (MailConsole first = MailConsole.start(settings("key-a"), false, Set.of())) {
            long version = first.properties().document().version();
            first.properties().update(version, Map.of("glide.email.user_password", "canary-older"), "tester");
        }
        try (Connection connection = DriverManager.getConnection(settings("key-a").jdbcUrl(), "SA", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM key_check"); // as a database of before V6 would be
            statement.execute("SHUTDOWN");
        }
        assertThrows(KeyMismatchException.class, () -> MailConsole.start(settings("key-b"), false, Set.of()));
        try (MailConsole right = MailConsole.start(settings("key-a"), false, Set.of())) {
            assertEquals("canary-older", right.properties().effective().text("glide.email.user_password"));
        }
        assertThrows(KeyMismatchException.class, () -> MailConsole.start(settings("key-b"), false, Set.of()));
    }
}
