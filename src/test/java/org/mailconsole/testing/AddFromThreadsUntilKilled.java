package org.mailconsole.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.TestLog;

/**
 * Run in a child JVM by GroupCommitKillIT: four threads add Outbox entries as fast as they can and
 * print "ACK id subject" for each add that returned (acknowledged to the app), until the JVM is killed.
 */
public final class AddFromThreadsUntilKilled {
    private AddFromThreadsUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Database database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA",
                "", dir.resolve("key")));
        TestLog store = new TestLog(database);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            new Thread(() -> {
                for (int i = 0; ; i++) {
                    String subject = "t" + thread + "-" + i;
                    long id = store.add(new NewEmail(Instant.now(), EmailState.SEND_READY, "<" + subject + "@x>",
                            "app@shop.example", subject, 3, List.of("b@shop.example"), List.of("b@shop.example"),
                            List.of(), null, "Default SMTP", "/shop", null, new byte[] {1, 2, 3}));
                    synchronized (System.out) {
                        System.out.println("ACK " + id + " " + subject);
                        System.out.flush();
                    }
                }
            }).start();
        }
        Thread.sleep(600_000);
    }
}
