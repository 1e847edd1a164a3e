package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.TestLog;
import org.mailconsole.testing.PostgresServer;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * Two nodes (two cores, each with its own Outbox sender) on one real PostgreSQL share the Outbox:
 * every message is claimed by one sender and delivered exactly once.
 */
class PostgresOutboxIT {
    @TempDir
    Path dir;

    @Test
    void twoNodesShareTheOutboxAndDeliverEachMessageOnce() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(); ScriptedSmtp smtp = ScriptedSmtp.start()) {
            // two JDBC URLs of the same database: two engines in this JVM, as two containers would be
            SharedEngine a = SharedEngine.acquire(new StorageSettings(postgres.jdbcUrl(), "postgres", "",
                    dir.resolve("key")));
            SharedEngine b = SharedEngine.acquire(new StorageSettings(postgres.jdbcUrl()
                    + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=node-b", "postgres", "",
                    dir.resolve("key")));
            try {
                PropertiesService properties = new PropertiesService(new PropertyStore(a.database(), a.secrets()), Clock.systemUTC());
                properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server",
                        "127.0.0.1", "glide.smtp.port", String.valueOf(smtp.port()))), "test");
                // each node's engine reads the saved settings within 250 ms: it then has an account to send through
                for (SharedEngine node : new SharedEngine[] {a, b}) {
                    Awaitility.await("both nodes follow the saved server").atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(50)).until(() -> node.engine().status().accountId() != null);
                }
                smtp.dataDelayMillis = 20; // deliveries overlap
                int count = 60;
                for (int i = 0; i < count; i++) {
                    Transport.send(message(i % 2 == 0 ? a.session() : b.session(), "shared outbox " + i));
                }
                TestLog log = new TestLog(a.database());
                Awaitility.await(count + " Sent").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> log.counts().get(EmailState.SENT) >= count);
                // a late duplicate would show within a second: none does
                Awaitility.await("nothing more sent or delivered").during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> log.counts().get(EmailState.SENT) == count && smtp.received().size() == count);
                assertEquals(count, log.counts().get(EmailState.SENT));
                Map<String, Long> deliveries = smtp.received().stream().collect(Collectors.groupingBy(
                        r -> r.data().lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElse("?"),
                        Collectors.counting()));
                assertEquals(count, deliveries.size(), "every message arrived");
                assertEquals(count, smtp.received().size(), "none twice: " + deliveries);
                // the terms were written with each entry: a search from the other node finds every message;
                // and every lease ended with its outcome
                assertEquals(count, new TestLog(b.database()).list(null, "shared outbox", 0, 100).total());
                assertEquals(0L, (long) a.database().read(connection -> {
                    try (var row = connection.createStatement().executeQuery(
                            "SELECT COUNT(*) FROM email_entry WHERE claimed_by IS NOT NULL")) {
                        row.next();
                        return row.getLong(1);
                    }
                }));
            } finally {
                b.release();
                a.release();
            }
        }
    }

    private static MimeMessage message(Session session, String subject) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("app@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("to@example.com"));
        message.setSubject(subject);
        message.setText("x");
        return message;
    }
}
