package org.mailconsole.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.console.StaleVersionException;
import org.mailconsole.store.StorageSettings;

/** PropertiesService over a real HSQLDB file database. */
class PropertiesServiceTest {
    @TempDir
    Path dir;
    MailConsole console;

    @BeforeEach
    void start() {
        console = MailConsole.start(settings(), false, Set.of());
    }

    @AfterEach
    void stop() {
        console.close();
    }

    private StorageSettings settings() {
        return new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "", dir.resolve("key"));
    }

    @Test
    void oneBadValueSavesNothing() {
        long version = console.properties().document().version();
        Map<String, String> changes = new HashMap<>();
        changes.put("glide.email.server", "smtp.example.com");
        changes.put("glide.smtp.port", "70000");
        ValidationException e = assertThrows(ValidationException.class,
                () -> console.properties().update(version, changes, "tester"));
        assertEquals(List.of("glide.smtp.port"), e.errors().stream().map(f -> f.field()).toList());
        assertEquals(version, console.properties().document().version());
        assertEquals("", console.properties().effective().text("glide.email.server"));
        assertTrue(console.recentChanges(20).isEmpty());
    }

    @Test
    void staleVersionSavesNothing() {
        long version = console.properties().document().version();
        console.properties().update(version, Map.of("glide.smtp.port", "2525"), "first");
        assertThrows(StaleVersionException.class,
                () -> console.properties().update(version, Map.of("glide.smtp.port", "2526"), "second"));
        assertEquals(2525, console.properties().effective().integer("glide.smtp.port"));
    }

    @Test
    void changesAreAuditedAndSecretsOnlyAsChanged() {
        long version = console.properties().document().version();
        console.properties().update(version, Map.of("glide.smtp.port", "2525",
                "glide.email.user_password", "audit-canary"), "alice");
        List<AuditEntry> changes = console.recentChanges(20);
        assertEquals(2, changes.size());
        AuditEntry port = changes.stream().filter(c -> c.field().equals("glide.smtp.port")).findFirst().orElseThrow();
        assertEquals("alice", port.actor());
        assertEquals(null, port.oldValue());
        assertEquals("2525", port.newValue());
        AuditEntry password = changes.stream().filter(c -> c.field().equals("glide.email.user_password"))
                .findFirst().orElseThrow();
        assertEquals("changed", password.newValue());
        assertFalse(changes.toString().contains("audit-canary"));
    }

    @Test
    void unchangedValuesAreNotAuditedNorVersioned() {
        long version = console.properties().document().version();
        long after = console.properties().update(version, Map.of("glide.smtp.port", "2525"), "a").version();
        assertEquals(after, console.properties().update(after, Map.of("glide.smtp.port", "2525"), "a").version());
        assertEquals(1, console.recentChanges(20).size());
    }

    @Test
    void valuesSurviveARestartAndSecretsAreNotInClearInTheFiles() throws Exception {
        long version = console.properties().document().version();
        console.properties().update(version, Map.of("glide.email.user_password", "file-canary-7",
                "glide.email.server", "smtp.example.com"), "a");
        console.close();
        try (Stream<Path> files = Files.walk(dir.resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(content.contains("file-canary-7"), file.toString());
            }
        }
        console = MailConsole.start(settings(), false, Set.of());
        assertEquals("file-canary-7", console.properties().effective().text("glide.email.user_password"));
        assertEquals("smtp.example.com", console.properties().effective().text("glide.email.server"));
    }

    @Test
    void aCheckBoxOrChoiceAtItsDefaultIsNotStoredNorAudited() {
        long version = console.properties().document().version();
        long after = console.properties().update(version,
                Map.of("glide.smtp.auth", "false", "glide.smtp.encryption", "none"), "a").version();
        assertEquals(version, after);
        assertTrue(console.recentChanges(20).isEmpty());
        console.properties().update(version, Map.of("glide.smtp.auth", "true"), "a");
        assertEquals(1, console.recentChanges(20).size());
    }

    @Test
    void listsAreNormalized() {
        long version = console.properties().document().version();
        console.properties().update(version, Map.of("glide.smtp.defer_retry_ids", " 421 , 450;451 "), "a");
        assertEquals("421,450,451", console.properties().effective().text("glide.smtp.defer_retry_ids"));
    }

    @Test
    void shutdownLeavesNoLockFile() {
        console.close();
        assertFalse(Files.exists(dir.resolve("db/mc.lck")));
        console = MailConsole.start(settings(), false, Set.of());
    }
}
