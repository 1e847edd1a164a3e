package org.mailconsole.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.mailconsole.console.MailConsole;
import org.mailconsole.store.StorageSettings;

/**
 * Run in a child JVM by KillRecoveryIT: saves one property, says SAVED, then waits to be killed
 * (no shutdown, no SHUTDOWN statement).
 */
public final class SaveThenWait {
    private SaveThenWait() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        MailConsole console = MailConsole.start(new StorageSettings(
                StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "", dir.resolve("key")), false, Set.of());
        long version = console.properties().document().version();
        console.properties().update(version, Map.of("glide.email.server", args[1],
                "glide.email.user_password", "killed-secret"), "child");
        System.out.println("SAVED");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
