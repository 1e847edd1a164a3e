package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.TestLog;
import org.mailconsole.testing.PostgresServer;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * Two nodes (two engines, 4 connections each) on one real PostgreSQL share one Messages per minute
 * budget (email-model.md section 7): together they never start more than the limit in the minute,
 * and lifting it sends the rest at once.
 */
class PostgresRateLimitIT {
    @TempDir
    Path dir;

    @Test
    void twoNodesTogetherNeverExceedOneBudget() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(); ScriptedSmtp smtp = ScriptedSmtp.start()) {
            SharedEngine a = SharedEngine.acquire(new StorageSettings(postgres.jdbcUrl(), "postgres", "",
                    dir.resolve("key")));
            SharedEngine b = SharedEngine.acquire(new StorageSettings(postgres.jdbcUrl()
                    + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=node-b", "postgres", "",
                    dir.resolve("key")));
            try {
                PropertiesService properties = new PropertiesService(new PropertyStore(a.database(), a.secrets()), Clock.systemUTC());
                properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server",
                        "127.0.0.1", "glide.smtp.port", String.valueOf(smtp.port()))), "test");
                AccountsService accounts = new AccountsService(a.accounts(), properties, Clock.systemUTC());
                set(accounts, AccountField.MESSAGES_PER_MINUTE, "10");
                // both nodes see the limit (each engine reads the saved settings within 250 ms), or some would go before it
                for (SharedEngine node : new SharedEngine[] {a, b}) {
                    Awaitility.await("both nodes follow the limit").atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> Integer.valueOf(10).equals(node.engine().status().messagesPerMinute()));
                }
                smtp.dataDelayMillis = 20;
                int count = 30;
                for (int i = 0; i < count; i++) {
                    Transport.send(message(i % 2 == 0 ? a.session() : b.session(), "budget " + i));
                }
                TestLog log = new TestLog(a.database());
                Awaitility.await("the budget of 10 Sent").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> log.counts().get(EmailState.SENT) >= 10);
                // both nodes keep trying meanwhile: for 4 s the budget holds them, and the rest wait
                Awaitility.await("the budget holds both nodes").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> smtp.received().size() == 10 && log.counts().get(EmailState.SENT) == 10
                                && log.counts().get(EmailState.SEND_READY) == count - 10);
                assertEquals(10, smtp.received().size(), "two nodes together started exactly the budget of 10");
                assertEquals(10L, log.counts().get(EmailState.SENT));
                assertTrue(a.outbox().pausedReason().orElse("").startsWith("messages per minute (10) reached until")
                        || b.outbox().pausedReason().orElse("").startsWith("messages per minute (10) reached until"));

                set(accounts, AccountField.MESSAGES_PER_MINUTE, "");
                Awaitility.await("the rest Sent once the limit is lifted").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100)).until(() -> log.counts().get(EmailState.SENT) >= count);
                assertEquals(count, log.counts().get(EmailState.SENT), "lifting the limit sent the rest");
                assertEquals(count, smtp.received().size(), "none twice");
            } finally {
                b.release();
                a.release();
            }
        }
    }

    private static void set(AccountsService accounts, AccountField field, String value) {
        EmailAccount smtp = accounts.list().stream().filter(x -> "Default SMTP".equals(x.name())).findFirst().orElseThrow();
        accounts.update(smtp.id(), smtp.version(), AccountInput.builder().set(field, value).build(), "test");
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
