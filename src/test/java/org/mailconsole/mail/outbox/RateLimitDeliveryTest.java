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
import org.mailconsole.testing.Steady;

/**
 * Rate limits end to end (email-model.md section 7), in real time and briefly: the shared engine on
 * a real HSQLDB file and a scripted relay. The windows themselves are {@code RateBudgetTest}'s (a
 * moved clock); here: a held message says until when, lifting or raising a limit sends it within
 * 5 s, and a message beyond the whole daily limit fails at once.
 */
class RateLimitDeliveryTest {
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final Duration POLL = Duration.ofMillis(50);

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

    void limit(AccountField field, String value) {
        EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst().orElseThrow();
        accounts.update(smtp.id(), smtp.version(), AccountInput.builder().set(field, value).build(), "test");
    }

    void send(String subject, String... to) throws Exception {
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);
    }

    /** Waits until {@code done}; if it is not within {@code patience}, the failure says where things stand. */
    void await(String what, Duration patience, BooleanSupplier done) {
        Awaitility.await(what).atMost(patience).pollInterval(POLL).untilAsserted(
                () -> assertTrue(done.getAsBoolean(), this::state));
    }

    /** {@link Steady#holds}, with the state in its message: nothing moves while a limit holds. */
    void holds(String what, Duration period, BooleanSupplier steady) {
        Steady.holds(what, period, () -> assertTrue(steady.getAsBoolean(), this::state));
    }

    String state() {
        return "now " + core.log().counts() + ", relay took " + relay.received().size() + ", paused: "
                + core.outbox().pausedReason().orElse("no") + ", " + core.engine().status();
    }

    long count(EmailState state) {
        return core.log().counts().get(state);
    }

    @Test
    void theSixthRecipientWaitsSaysUntilWhenAndGoesWithin5sOfARaisedLimit() throws Exception {
        limit(AccountField.RECIPIENTS_PER_DAY, "5");
        await("the engine follows the limit", PATIENCE, () -> Integer.valueOf(5).equals(core.engine().status().recipientsPerDay()));
        send("five", "a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example");
        await("the first Sent", PATIENCE, () -> count(EmailState.SENT) == 1);
        send("sixth", "f@x.example");
        await("the sixth held", PATIENCE, () -> core.outbox().pausedReason().isPresent());
        assertTrue(core.outbox().pausedReason().orElseThrow().startsWith("recipients per day (5) reached until "),
                core.outbox().pausedReason().orElseThrow());
        holds("it waits", Duration.ofMillis(1500), () -> count(EmailState.SEND_READY) == 1 && relay.received().size() == 1);
        DeliveryStatus status = core.engine().status();
        assertEquals(5, status.recipientsPerDay(), "Diagnostics' delivery row: the limit");
        assertEquals(5L, status.last24hRecipients(), "and the recipients counted in 24 h");
        assertEquals(1L, status.lastMinute());
        assertEquals(1, relay.received().size());

        send("seven at once", "1@x.example", "2@x.example", "3@x.example", "4@x.example", "5@x.example", "6@x.example");
        limit(AccountField.RECIPIENTS_PER_DAY, "6");
        await("both Sent within 5 s of the raise", Duration.ofSeconds(5), () -> count(EmailState.SENT) == 2);
        assertEquals(1L, count(EmailState.SEND_READY), "6 more recipients do not fit in 6 a day after 6 went");
    }

    @Test
    void aMessageWithMoreRecipientsThanTheWholeDailyLimitFailsAtOnceWithThatReason() throws Exception {
        limit(AccountField.RECIPIENTS_PER_DAY, "2");
        await("the engine follows the limit", PATIENCE, () -> Integer.valueOf(2).equals(core.engine().status().recipientsPerDay()));
        send("three", "a@x.example", "b@x.example", "c@x.example");
        await("Failed", PATIENCE, () -> count(EmailState.SEND_FAILED) == 1);
        EmailEntry failed = core.log().list(EmailState.SEND_FAILED, null, 0, 1).emails().get(0);
        assertTrue(failed.reason().contains("more than the account's whole recipients per day (2)"), failed.reason());
        assertEquals(0, relay.dataCommands(), "nothing went to the relay");
    }

    @Test
    void messagesPerMinuteHoldsTheRestAndLiftingItReleasesThemWithin5s() throws Exception {
        limit(AccountField.MESSAGES_PER_MINUTE, "3");
        // the engine follows a saved setting within a second: the sends wait for it, or some would go before it
        await("the engine follows the limit", PATIENCE, () -> Integer.valueOf(3).equals(core.engine().status().messagesPerMinute()));
        for (int i = 0; i < 5; i++) {
            send("m" + i, "to@x.example");
        }
        await("3 Sent", PATIENCE, () -> count(EmailState.SENT) == 3);
        await("held", PATIENCE, () -> core.outbox().pausedReason().isPresent());
        assertTrue(core.outbox().pausedReason().orElseThrow().startsWith("messages per minute (3) reached until "),
                core.outbox().pausedReason().orElseThrow());
        holds("never more than 3 in the minute", Duration.ofSeconds(1), () -> relay.received().size() == 3);
        limit(AccountField.MESSAGES_PER_MINUTE, "");
        await("all Sent within 5 s of lifting the limit", Duration.ofSeconds(5), () -> count(EmailState.SENT) == 5);
        assertTrue(core.outbox().pausedReason().isEmpty());
    }
}
