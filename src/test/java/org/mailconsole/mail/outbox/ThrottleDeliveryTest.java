package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * A throttle signal end to end (email-model.md section 7.1), in real time and briefly: the shared
 * engine on a real HSQLDB file, a scripted relay that answers the end of DATA with "450 4.7.1".
 * The pause's lengths and their doubling are {@link ThrottleStateTest}'s (a moved clock).
 */
class ThrottleDeliveryTest {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    ScriptedSmtp relay;
    SharedEngine core;
    AccountsService accounts;

    @BeforeEach
    void start() throws Exception {
        relay = ScriptedSmtp.start();
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server", "127.0.0.1",
                "glide.smtp.port", String.valueOf(relay.port()), "glide.smtp.connection_timeout", "5000",
                "glide.smtp.timeout", "30000")), "test");
        accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst().orElseThrow();
        accounts.update(smtp.id(), smtp.version(), AccountInput.builder()
                .set(AccountField.MAX_CONNECTIONS, "4").build(), "test");
    }

    @AfterEach
    void stop() throws Exception {
        core.release();
        relay.close();
    }

    void send(String subject) throws Exception {
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        message.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.example"));
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);
    }

    void await(String what, BooleanSupplier done) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(done::getAsBoolean);
    }

    @Test
    void aThrottleReplyPausesTheAccountHalvesItsConnectionsAndCostsTheMessageNoRetryStep() throws Exception {
        relay.dataReply = "450 4.7.1 rate limit";
        send("first");
        await("the relay throttled", () -> core.outbox().pausedReason().isPresent());
        String paused = core.outbox().pausedReason().orElseThrow();
        assertTrue(paused.startsWith("throttled by the relay until ") && paused.endsWith("(450 4.7.1 rate limit)"), paused);
        DeliveryStatus status = core.engine().status();
        assertEquals(2, status.connectionsAllowed(), "4 connections halved");
        assertEquals("450 4.7.1 rate limit", status.throttleReply(), "Diagnostics' delivery row");
        assertTrue(status.throttledUntil().isAfter(java.time.Instant.now().plusSeconds(50)), "about a minute");

        relay.dataReply = "250 2.0.0 queued"; // the relay would take it now, but the account waits its minute
        send("second");
        Awaitility.await("the account waits its minute").during(Duration.ofSeconds(3)).atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                    assertEquals(1, relay.dataCommands(), "nothing more went to the relay during the pause");
                    assertEquals(0, relay.received().size());
                    assertEquals(2L, core.log().counts().get(EmailState.SEND_READY), "both wait in the Outbox");
                    for (EmailEntry entry : core.log().list(EmailState.SEND_READY, null, 0, 10).emails()) {
                        assertEquals(0, entry.attempts(), "no retry step used: " + entry.subject());
                    }
                    assertEquals(0L, core.log().counts().get(EmailState.SEND_FAILED));
                });
    }
}
