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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * Connections (email-model.md section 7) over real time: the shared engine on a real HSQLDB file
 * delivering to a scripted SMTP server that takes a while per message, through several
 * connections at once. Each scenario runs for seconds; the bounds are generous upper limits.
 */
class ParallelDeliveryTest {
    static final Duration PATIENCE = Duration.ofSeconds(50);

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
    }

    @AfterEach
    void stop() throws Exception {
        core.release();
        relay.close();
    }

    /** Default SMTP (the active account) with this Connections setting, as an admin saves it. */
    void connections(int value) {
        EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst().orElseThrow();
        accounts.update(smtp.id(), smtp.version(), AccountInput.builder()
                .set(AccountField.MAX_CONNECTIONS, String.valueOf(value)).build(), "test");
    }

    void send(String subject) throws Exception {
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        message.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.example"));
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);
    }

    /** {@code count} messages from {@code threads} app threads, subjects "m0".."m{count-1}". */
    void sendFromThreads(int count, int threads) throws Exception {
        ExecutorService apps = Executors.newFixedThreadPool(threads);
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String subject = "m" + i;
            sends.add(apps.submit(() -> {
                send(subject);
                return null;
            }));
        }
        for (Future<?> f : sends) {
            f.get();
        }
        apps.shutdown();
    }

    void await(String what, BooleanSupplier done) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(done::getAsBoolean);
    }

    /** How many times each subject reached the relay. */
    Map<String, Integer> arrivals() {
        Map<String, Integer> arrivals = new TreeMap<>();
        for (ScriptedSmtp.Received received : relay.received()) {
            String data = received.data();
            int at = data.indexOf("Subject: ");
            arrivals.merge(data.substring(at + 9, data.indexOf('\n', at)).trim(), 1, Integer::sum);
        }
        return arrivals;
    }

    void assertEachArrivedOnce(int count) {
        Map<String, Integer> arrivals = arrivals();
        assertEquals(count, arrivals.size(), "every message arrived");
        arrivals.forEach((subject, times) -> assertEquals(1, times, subject + " arrived " + times + " times"));
        assertEquals(count, relay.received().size());
    }

    @Test
    void twoHundredMessagesThroughATwentyMillisecondRelayWithConnectionsEightArriveEachOnce() throws Exception {
        connections(8);
        relay.dataDelayMillis = 20;
        sendFromThreads(200, 8);
        await("200 Sent", () -> core.log().counts().get(EmailState.SENT) == 200);
        assertEachArrivedOnce(200);
        assertTrue(relay.peakSessions() > 1 && relay.peakSessions() <= 8,
                "several connections at once, never more than 8: " + relay.peakSessions());
        assertEquals(8, core.engine().status().connectionsAllowed());
    }

    @Test
    void aRelayRefusingBeyondThreeConnectionsLosesNoMessageAndFailsNone() throws Exception {
        connections(4);
        relay.maxSessions = 3;
        relay.dataDelayMillis = 20;
        sendFromThreads(120, 4);
        await("120 Sent", () -> core.log().counts().get(EmailState.SENT) == 120);
        assertEachArrivedOnce(120);
        assertTrue(relay.refusedInGreeting() >= 1, "the relay did refuse in its greeting");
        assertEquals(0L, core.log().counts().get(EmailState.SEND_FAILED), "none failed");
        assertEquals(0L, core.log().counts().get(EmailState.SEND_READY), "none left");
        for (var entry : core.log().list(EmailState.SENT, null, 0, 200).emails()) {
            assertEquals(1, entry.attempts(), "a refused connection costs no attempt: " + entry.subject());
        }
        DeliveryStatus status = core.engine().status();
        assertTrue(status.connectionsAllowed() <= 3, "one fewer per refusal: " + status);
        assertEquals(4, status.maxConnections());
        assertTrue(status.refusal().startsWith("421"), status.refusal());
    }

    @Test
    void aChangedSettingGrowsAndShrinksThePoolWhileMessagesFlowAndNoneIsLost() throws Exception {
        connections(1);
        await("one worker", () -> core.engine().status().workers() == 1);
        relay.dataDelayMillis = 40;
        sendFromThreads(150, 4);
        await("some delivered", () -> relay.received().size() >= 10);
        assertEquals(1, relay.peakSessions(), "one connection while the setting is 1");
        connections(6);
        await("six connections", () -> relay.peakSessions() >= 4);
        connections(2);
        await("150 Sent", () -> core.log().counts().get(EmailState.SENT) == 150);
        assertEachArrivedOnce(150);
        await("the pool shrank to 2", () -> core.engine().status().workers() == 2
                && core.engine().status().connectionsOpen() <= 2);
    }
}
