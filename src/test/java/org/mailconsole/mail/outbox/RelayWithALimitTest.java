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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
import org.mailconsole.testing.ShiftableClock;
import org.mailconsole.testing.ThrottledTestEmail;

/**
 * Issue 21's relay: it answers "450 4.7.1 rate limit" to any message beyond 20 in 60 s. With Messages
 * per minute 20 the console draws no throttle reply and every message arrives; with no limit the
 * throttle pause brings them all in and none fails. The minutes pass on a clock the test moves (the
 * engine's and the relay's), not in real time.
 */
class RelayWithALimitTest {
    static final int LIMIT = 20;
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    final ShiftableClock clock = new ShiftableClock();
    ScriptedSmtp relay;
    SharedEngine core;
    AccountsService accounts;
    final AtomicInteger throttleReplies = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        relay = ScriptedSmtp.start();
        relay.dataReplies = limitedTo(LIMIT);
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")), clock);
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server", "127.0.0.1",
                "glide.smtp.port", String.valueOf(relay.port()))), "test");
        accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        core.release();
        relay.close();
    }

    /** The relay's limit: at most {@code perMinute} messages taken in any 60 s of the test's clock. */
    Supplier<String> limitedTo(int perMinute) {
        Deque<Instant> taken = new ArrayDeque<>();
        return () -> {
            synchronized (taken) {
                Instant now = clock.instant();
                while (!taken.isEmpty() && !taken.peekFirst().isAfter(now.minusSeconds(60))) {
                    taken.removeFirst();
                }
                if (taken.size() >= perMinute) {
                    throttleReplies.incrementAndGet();
                    return "450 4.7.1 rate limit";
                }
                taken.addLast(now);
                return "250 2.0.0 queued";
            }
        };
    }

    void send(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            MimeMessage message = new MimeMessage(core.session());
            message.setFrom("app@shop.example");
            message.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.example"));
            message.setSubject("notice " + i);
            message.setText("hello");
            Transport.send(message);
        }
    }

    long count(EmailState state) {
        return core.log().counts().get(state);
    }

    @Test
    void withMessagesPerMinuteAtTheRelaysLimitNoThrottleReplyAndAllArrive() throws Exception {
        EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst().orElseThrow();
        accounts.update(smtp.id(), smtp.version(), AccountInput.builder()
                .set(AccountField.MESSAGES_PER_MINUTE, String.valueOf(LIMIT)).build(), "test");
        Awaitility.await().atMost(PATIENCE).until(() -> Integer.valueOf(LIMIT).equals(core.engine().status().messagesPerMinute()));
        send(2 * LIMIT);
        Awaitility.await().atMost(PATIENCE).until(() -> relay.received().size() == LIMIT
                && core.outbox().pausedReason().orElse("").startsWith("messages per minute (20) reached until"));
        clock.skip(Duration.ofSeconds(61));
        Awaitility.await().atMost(PATIENCE).until(() -> count(EmailState.SENT) == 2 * LIMIT);
        assertEquals(0, throttleReplies.get(), "the console kept under the relay's limit");
        assertEquals(2 * LIMIT, relay.received().size(), "each once");
    }

    @Test
    void withNoLimitTheThrottlePauseBringsThemAllInAndNoneFails() throws Exception {
        send(2 * LIMIT);
        Awaitility.await().atMost(PATIENCE).until(() -> relay.received().size() == LIMIT
                && core.outbox().pausedReason().orElse("").startsWith("throttled by the relay until"));
        assertTrue(throttleReplies.get() >= 1);
        clock.skip(Duration.ofSeconds(61)); // the first pause is a minute, and the relay's window has moved on
        Awaitility.await().atMost(PATIENCE).until(() -> count(EmailState.SENT) == 2 * LIMIT);
        assertEquals(0L, count(EmailState.SEND_FAILED));
        assertEquals(2 * LIMIT, relay.received().size(), "each once");
    }

    @Test
    void aThrottleReplyToTheTestEmailGivesItBackUnattemptedAndPausesTheAccount() throws Exception {
        send(LIMIT);
        Awaitility.await().atMost(PATIENCE).until(() -> count(EmailState.SENT) == LIMIT);
        EmailEntry entry = ThrottledTestEmail.sendAndExpectItBack(core);
        assertTrue(core.outbox().pausedReason().orElse("").startsWith("throttled by the relay until"),
                "the account pauses as for a worker's message");
        clock.skip(Duration.ofSeconds(61));
        Awaitility.await().atMost(PATIENCE).until(() -> count(EmailState.SENT) == LIMIT + 1);
        assertEquals(1, core.log().find(entry.id()).orElseThrow().attempts());
    }

    @Test
    void recipientsGivenBackByAThrottledMessageAreUsedOnceThePauseEndsNotADayLater() throws Exception {
        EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst().orElseThrow();
        accounts.update(smtp.id(), smtp.version(), AccountInput.builder()
                .set(AccountField.RECIPIENTS_PER_DAY, "2").build(), "test");
        Awaitility.await().atMost(PATIENCE).until(() -> Integer.valueOf(2).equals(core.engine().status().recipientsPerDay()));
        AtomicInteger replies = new AtomicInteger();
        relay.dataReplies = () -> replies.getAndIncrement() == 0 ? "450 4.7.1 rate limit" : "250 2.0.0 queued";
        relay.dataDelayMillis = 2000; // the first is in flight, its two recipients reserved, while another worker asks
        MimeMessage two = new MimeMessage(core.session());
        two.setFrom("app@shop.example");
        two.addRecipient(Message.RecipientType.TO, new InternetAddress("a@customer.example"));
        two.addRecipient(Message.RecipientType.TO, new InternetAddress("b@customer.example"));
        two.setSubject("two");
        two.setText("hello");
        Transport.send(two);
        Awaitility.await().atMost(PATIENCE).until(() -> core.engine().status().last24hRecipients() == 2);
        send(1);
        // the day's window is full with the first in flight: the next waits "until" a day from now
        Awaitility.await().atMost(PATIENCE).until(() -> core.outbox().pausedReason().orElse("")
                .startsWith("recipients per day (2) reached until"));
        // the relay throttles the first: back unattempted, its recipients given back, the account paused
        Awaitility.await().atMost(PATIENCE).until(() -> core.outbox().pausedReason().orElse("")
                .startsWith("throttled by the relay until"));
        relay.dataDelayMillis = 0;
        clock.skip(Duration.ofSeconds(61));
        Awaitility.await().atMost(PATIENCE).until(() -> count(EmailState.SENT) == 1);
        assertEquals(List.of("a@customer.example", "b@customer.example"), relay.received().get(0).recipients());
        assertEquals(1L, count(EmailState.SEND_READY), "the one behind it waits for the day's window");
    }
}
