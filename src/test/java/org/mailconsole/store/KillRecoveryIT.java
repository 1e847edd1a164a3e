package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.MailConsole;
import org.mailconsole.testing.SaveThenWait;

/** A saved change survives the process being killed (SIGKILL, no clean shutdown). */
class KillRecoveryIT {
    @TempDir
    Path dir;

    @Test
    void aCommittedSaveSurvivesKill9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                SaveThenWait.class.getName(), dir.toString(), "killed.example.com"))
                .redirectErrorStream(true).start();
        boolean saved = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("SAVED")) {
                    saved = true;
                    break;
                }
            }
            assertTrue(saved, "the child saved");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (MailConsole console = MailConsole.start(new StorageSettings(
                StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "", dir.resolve("key")), false, Set.of())) {
            assertEquals("killed.example.com", console.properties().effective().text("glide.email.server"));
            assertEquals("killed-secret", console.properties().effective().text("glide.email.user_password"));
            assertEquals(2, console.recentChanges(20).size(), "both audit rows survived too");
        }
    }
}
