package org.mailconsole.mail.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.mail.source.SendingWebapp;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.PrometheusText;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * The core's meters at work (email-model.md section 10), on the shared engine with a real HSQLDB file
 * and a scripted relay: the pinned names render, counters move by exactly the messages sent, the
 * Outbox gauges follow a relay that goes down and comes back and a throttle pause, the MBeans are on
 * the platform MBean server while the core is open and gone once it is released.
 */
class MetricsEngineTest {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String WEBAPP = SendingWebapp.UNKNOWN; // a test thread belongs to no webapp
    static final String ACCOUNT = "Default SMTP";

    @TempDir
    Path dir;
    ScriptedSmtp relay;
    SharedEngine core;
    PropertiesService properties;

    @BeforeEach
    void start() throws Exception {
        relay = ScriptedSmtp.start();
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()), Clock.systemUTC());
        set(Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", String.valueOf(relay.port()),
                "glide.smtp.connection_timeout", "2000", "glide.smtp.retry_backoff", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (core != null) {
            core.release();
        }
        relay.close();
    }

    void set(Map<String, String> values) {
        properties.update(properties.document().version(), new HashMap<>(values), "test");
    }

    void send(String subject) throws Exception {
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        message.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.example"));
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);
    }

    PrometheusText scrape() {
        return PrometheusText.parse(core.metrics().scrape());
    }

    double messages(String outcome) {
        return scrape().value("mailconsole_messages_total", Map.of("webapp", WEBAPP, "account", ACCOUNT, "outcome", outcome));
    }

    double outbox(String state) {
        return scrape().value("mailconsole_outbox_messages", Map.of("state", state));
    }

    static void await(String what, BooleanSupplier done) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(done::getAsBoolean);
    }

    @Test
    void sentMessagesMoveTheCountersByExactlyTheirNumber() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("counted " + i);
        }
        await("three sent", () -> messages("sent") == 3);
        PrometheusText text = scrape();
        assertEquals(3, text.value("mailconsole_messages_total", Map.of("webapp", WEBAPP, "account", ACCOUNT,
                "outcome", "accepted")));
        assertEquals(3, text.value("mailconsole_messages_total", Map.of("webapp", WEBAPP, "account", ACCOUNT,
                "outcome", "sent")));
        assertEquals(3, text.value("mailconsole_delivery_attempts_total", Map.of("account", ACCOUNT, "result", "sent",
                "reply_class", "2xx")));
        assertEquals(3, text.value("mailconsole_delivery_seconds_count", Map.of("account", ACCOUNT)));
        assertTrue(text.has("mailconsole_delivery_seconds_bucket", Map.of("account", ACCOUNT, "le", "+Inf")));
        await("the sender is up", () -> scrape().value("mailconsole_sender_up", Map.of()) == 1);
        assertEquals(0, outbox("due"));
        String whole = core.metrics().scrape();
        assertFalse(whole.contains("buyer@customer.example"), "never a recipient");
        java.nio.file.Files.writeString(Path.of("target/metrics-sample.txt"), whole); // to read by eye
    }

    @Test
    void theOutboxGaugesFollowARelayThatStopsAndComesBack() throws Exception {
        relay.stopListening();
        send("waits 1");
        send("waits 2");
        await("both deferred", () -> messages("deferred") >= 2);
        await("two due", () -> outbox("due") == 2);
        PrometheusText down = scrape();
        assertTrue(down.value("mailconsole_delivery_attempts_total", Map.of("account", ACCOUNT, "result", "deferred",
                "reply_class", "none")) >= 2, "connection failures have no reply");
        assertTrue(down.value("mailconsole_outbox_oldest_age_seconds", Map.of()) >= 0);
        relay.up();
        await("the Outbox empties", () -> outbox("due") == 0);
        assertEquals(2, messages("sent"));
        // Diagnostics' picture of the last day counts the same work from the per-minute counts
        java.util.List<org.mailconsole.store.emaillog.EmailLogFacts.Hour> hours =
                new org.mailconsole.store.emaillog.EmailLogFacts(core.database()).byHour(java.time.Instant.now(), 24);
        assertEquals(24, hours.size());
        org.mailconsole.store.emaillog.EmailLogFacts.Hour now = hours.get(23);
        assertEquals(2, hours.stream().mapToLong(org.mailconsole.store.emaillog.EmailLogFacts.Hour::sent).sum());
        assertEquals((long) messages("deferred"), hours.stream()
                .mapToLong(org.mailconsole.store.emaillog.EmailLogFacts.Hour::deferred).sum(), "every deferred attempt");
        assertTrue(now.start().isBefore(java.time.Instant.now()));
    }

    @Test
    void aThrottleSignalPausesTheOutboxAndCountsItsPause() throws Exception {
        relay.dataReply = "450 4.7.1 rate limit";
        send("throttled");
        await("paused", () -> outbox("paused") == 1);
        PrometheusText text = scrape();
        assertEquals(0, text.value("mailconsole_outbox_messages", Map.of("state", "due")));
        assertEquals(1, text.value("mailconsole_throttle_pauses_total", Map.of("account", ACCOUNT)));
        assertEquals(1, text.value("mailconsole_delivery_attempts_total", Map.of("account", ACCOUNT, "result", "throttled",
                "reply_class", "4xx")));
        assertEquals(0, text.value("mailconsole_outbox_oldest_age_seconds", Map.of()), "only due messages count");
    }

    @Test
    void aRefusedMessageIsAFailedAttemptOfThe5xxClass() throws Exception {
        relay.dataReply = "554 5.7.1 rejected";
        send("refused");
        await("failed", () -> messages("failed") == 1);
        assertEquals(1, scrape().value("mailconsole_delivery_attempts_total", Map.of("account", ACCOUNT, "result", "failed",
                "reply_class", "5xx")));
        assertEquals(0, scrape().value("mailconsole_delivery_seconds_count", Map.of()), "only Sent is timed");
    }

    @Test
    void aMessageHandedOverWhileSendingIsOffIsSkipped() throws Exception {
        set(Map.of("glide.email.smtp.active", "false"));
        send("off");
        assertEquals(1, scrape().value("mailconsole_messages_total", Map.of("webapp", WEBAPP, "outcome", "skipped")));
    }

    @Test
    void theMBeansLiveAsLongAsTheCore() throws Exception {
        // a source of this test's own: other tests of this JVM may hold a core (the JNDI factory's) whose
        // MBeans have the same names, so this core's are told apart by this label
        String source = "jmx-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        message.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.example"));
        message.setSubject("for jmx");
        message.setText("hello");
        assertEquals(EmailState.SENT, core.outbox().sendNow(message, source).state());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName all = new ObjectName(MailMetrics.JMX_DOMAIN + ":*");
        java.util.function.Supplier<Set<ObjectName>> ours = () -> server.queryNames(all, null).stream()
                .filter(n -> n.getKeyProperty("name").endsWith("webapp." + source)).collect(java.util.stream.Collectors.toSet());
        ObjectName sent = ours.get().stream().filter(n -> n.getKeyProperty("name").contains("outcome.sent")).findFirst()
                .orElseThrow(() -> new AssertionError(server.queryNames(all, null).toString()));
        assertEquals(1L, ((Number) server.getAttribute(sent, "Count")).longValue());
        assertEquals(2, ours.get().size(), "accepted and sent");
        assertTrue(server.queryNames(all, null).stream().anyMatch(n -> n.getKeyProperty("name")
                .equals("mailconsoleOutboxMessages.state.due")));
        core.release();
        core = null;
        assertEquals(Set.of(), ours.get(), "unregistered with the core");
    }
}
