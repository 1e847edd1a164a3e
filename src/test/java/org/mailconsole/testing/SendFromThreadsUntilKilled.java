package org.mailconsole.testing;

import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;

/**
 * Run in a child JVM by HandOverKillIT: points the shared engine on an embedded database at the SMTP
 * server on the port given, and has four app threads send through its session as fast as they can,
 * printing "ACK subject" for each {@code Transport.send} that returned, until the JVM is killed. The
 * engine delivers meanwhile.
 */
public final class SendFromThreadsUntilKilled {
    private SendFromThreadsUntilKilled() {
    }

    public static StorageSettings settings(Path dir) {
        return new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "", dir.resolve("key"));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        SharedEngine core = SharedEngine.acquire(settings(dir));
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server", "127.0.0.1",
                "glide.smtp.port", String.valueOf(port), "glide.email.smtp.max_send", "100000")), "test");
        for (int t = 0; t < 4; t++) {
            int thread = t;
            new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        String subject = "t" + thread + "-" + i;
                        MimeMessage message = new MimeMessage(core.session());
                        message.setFrom("app@example.com");
                        message.setRecipient(Message.RecipientType.TO, new InternetAddress("to@example.com"));
                        message.setSubject(subject);
                        message.setText("message " + subject);
                        Transport.send(message);
                        synchronized (System.out) {
                            System.out.println("ACK " + subject);
                            System.out.flush();
                        }
                    }
                } catch (Exception e) {
                    System.out.println("FAILED " + e);
                    System.out.flush();
                }
            }).start();
        }
        Thread.sleep(600_000);
    }
}
