package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.LogCapture;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * Issue 23 item 6: after the console has run and sent mail (through the Outbox, so the database,
 * its log and the outcome journal all exist), no file under the database folder is reachable by
 * other users, even when the folder was created world-readable by an earlier version; a key file
 * others may read is reported at start and on Diagnostics.
 */
class DataFilePermissionsIT {
    @TempDir
    Path dataDir;

    @Test
    void theDatabaseFilesAreTheOwnersOnly() throws Exception {
        Path db = Files.createDirectories(dataDir.resolve("db"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxr-xr-x")); // an existing install
        try (LogCapture logs = new LogCapture(); ScriptedSmtp smtp = ScriptedSmtp.start();
             ConsoleServer server = new ConsoleServer(dataDir).start()) {
            ConsoleClient admin = server.admin();
            patch(admin, Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", String.valueOf(smtp.port())));
            HttpResponse<String> sent = admin.postJson("/api/v1/test-email", "{\"to\": \"perm@example.com\"}");
            assertEquals(200, sent.statusCode(), sent.body());
            assertTrue(admin.json(sent).get("ok").asBoolean(), sent.body());
            server.restart(); // the outcome journal, the .lck and the .log come and go with a stop and a start
            assertTrue(server.admin().get("/api/v1/emails?q=perm@example.com").body().contains("\"total\":1"));
            assertTrue(logs.text().contains("made the database folder " + db.toAbsolutePath()
                    + " owner-only (rwx------, was rwxr-xr-x)"), logs.text());
            assertFalse(server.viewer().get("/api/v1/diagnostics").body().contains("key file"));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
        List<Path> files;
        try (Stream<Path> all = Files.walk(db)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() >= 2, "the database's files: " + files);
        for (Path file : files) {
            assertTrue(unreachableByOthers(db, file), file + " is reachable by other users");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("mail-console.key"))));
    }

    @Test
    void aKeyFileOthersMayReadIsReported() throws Exception {
        try (ConsoleServer server = new ConsoleServer(dataDir).start()) {
            Path key = dataDir.resolve("mail-console.key");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
            try (LogCapture logs = new LogCapture()) {
                server.restart();
                assertTrue(logs.text().contains("the key file " + key.toAbsolutePath() + " is readable or writable by "
                        + "others than its owner (rw-r--r--)"), logs.text());
            }
            String diagnostics = server.viewer().get("/api/v1/diagnostics").body();
            assertTrue(diagnostics.contains("The key file " + key.toAbsolutePath() + " is readable or writable"), diagnostics);
            assertTrue(server.viewer().get("/diagnostics").body().contains("chmod 600"));
        }
    }

    /** Some folder from {@code root} down to the file's own one lets no one else in, or the file itself is its owner's. */
    static boolean unreachableByOthers(Path root, Path file) throws IOException {
        Set<PosixFilePermission> own = Files.getPosixFilePermissions(file);
        if (!own.contains(PosixFilePermission.OTHERS_READ) && !own.contains(PosixFilePermission.GROUP_READ)
                && !own.contains(PosixFilePermission.OTHERS_WRITE) && !own.contains(PosixFilePermission.GROUP_WRITE)) {
            return true;
        }
        for (Path dir = file.getParent(); dir.startsWith(root); dir = dir.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
                    && !permissions.contains(PosixFilePermission.GROUP_EXECUTE)) {
                return true;
            }
        }
        return false;
    }

    static void patch(ConsoleClient admin, Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
