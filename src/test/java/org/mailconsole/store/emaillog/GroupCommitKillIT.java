package org.mailconsole.store.emaillog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.AddFromThreadsUntilKilled;

/** With group commit, every entry acknowledged to an app thread is on disk after kill -9 of the process. */
class GroupCommitKillIT {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesKill9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                AddFromThreadsUntilKilled.class.getName(), dir.toString())).redirectErrorStream(true).start();
        Map<Long, String> acknowledged = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            for (String line = out.readLine(); line != null && acknowledged.size() < 600; line = out.readLine()) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acknowledged.put(Long.parseLong(parts[1]), parts[2]);
                }
            }
            child.destroyForcibly(); // SIGKILL while the threads are still adding
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(600, acknowledged.size(), "the child acknowledged 600 entries");
        try (Database database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")),
                "SA", "", dir.resolve("key")))) {
            EmailLogStore store = new EmailLogStore(database);
            for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                EmailEntry entry = store.find(ack.getKey()).orElseThrow(() -> new AssertionError(
                        "acknowledged entry " + ack + " lost"));
                assertEquals(ack.getValue(), entry.subject());
                assertTrue(store.mime(ack.getKey()).isPresent(), "its raw message too");
            }
            long ready = store.counts().get(org.mailconsole.model.emaillog.EmailState.SEND_READY);
            assertTrue(ready >= acknowledged.size(), "the count covers them: " + ready);
        }
    }
}
