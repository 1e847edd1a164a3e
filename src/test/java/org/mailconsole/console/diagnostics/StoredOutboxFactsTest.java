package org.mailconsole.console.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.EmailLogFacts;
import org.mailconsole.store.emaillog.EmailLogReader;
import org.mailconsole.store.emaillog.TestLog;

/** The Outbox's facts and health rules, read from a real HSQLDB file with a clock the test moves. */
class StoredOutboxFactsTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    @TempDir
    Path dir;
    Database database;
    TestLog store;
    Instant now = T0;
    boolean running = true;
    String paused;
    StoredOutboxFacts facts;

    @BeforeEach
    void open() {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        store = new TestLog(database);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        facts = new StoredOutboxFacts(new EmailLogReader(database), new EmailLogFacts(database), () -> running,
                () -> java.util.Optional.ofNullable(paused), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    long queue(Instant at, String subject) {
        return store.add(NewEmail.builder().createdAt(at).messageId("<" + subject + "@x>").from("app@example.com")
                .subject(subject).size(10).recipients(List.of("to@example.com")).actualRecipients(List.of("to@example.com"))
                .account(null, "Default SMTP").source("/shop").mime(new byte[] {1, 2, 3}).build());
    }

    void attempt(long id, Instant at, Outcome outcome, Integer code, String reply) {
        assertTrue(store.record(id, AttemptResult.builder().at(at).outcome(outcome).reply(code, reply).reason(reply)
                .nextAttemptAt(outcome == Outcome.DEFERRED ? at.plusSeconds(60) : null).account(null, "Default SMTP")
                .build()));
    }

    @Test
    void anEmptyLogHasFactsOfNothingAndEveryCheckUp() {
        OutboxFacts.Sender sender = facts.sender().orElseThrow();
        assertTrue(sender.running());
        assertNull(sender.lastSuccessAt());
        assertNull(sender.lastFailureAt());
        assertNull(sender.lastFailureReason());
        assertEquals(new OutboxFacts.Outbox(0, null, null), facts.outbox().orElseThrow());
        assertEquals(new OutboxFacts.Window(0, 0, 0), facts.counts().orElseThrow().lastDay());
        assertEquals(Map.of("sender", HealthStatus.UP, "outbox", HealthStatus.UP), facts.healthChecks());
        running = false;
        assertFalse(facts.sender().orElseThrow().running());
    }

    @Test
    void theSenderIsDownOnlyWhenTheLastThreeAttemptsAllFailedOnTheConnection() {
        long a = queue(T0, "a");
        attempt(a, T0.plusSeconds(1), Outcome.DEFERRED, null, "Connection refused: 127.0.0.1:25");
        attempt(a, T0.plusSeconds(2), Outcome.DEFERRED, null, "Connection refused: 127.0.0.1:25");
        assertEquals(HealthStatus.UP, facts.healthChecks().get("sender"), "two failures are not yet three");
        long b = queue(T0, "b");
        attempt(b, T0.plusSeconds(3), Outcome.DEFERRED, 451, "451 4.3.0 try later");
        attempt(a, T0.plusSeconds(4), Outcome.DEFERRED, null, "Authentication failed");
        assertEquals(HealthStatus.UP, facts.healthChecks().get("sender"), "a 451 is an answer: the server is reachable");
        attempt(b, T0.plusSeconds(5), Outcome.FAILED, null, "Read timed out");
        now = T0.plusSeconds(6);
        assertEquals(HealthStatus.UP, facts.healthChecks().get("outbox"));
        attempt(a, T0.plusSeconds(6), Outcome.DEFERRED, null, "Connection refused: 127.0.0.1:25");
        assertEquals(HealthStatus.DOWN, facts.healthChecks().get("sender"), "authentication, timeout, refused in a row");
        OutboxFacts.Sender sender = facts.sender().orElseThrow();
        assertEquals(T0.plusSeconds(6), sender.lastFailureAt());
        assertEquals("Connection refused: 127.0.0.1:25", sender.lastFailureReason());
        assertNull(sender.lastSuccessAt());

        attempt(a, T0.plusSeconds(7), Outcome.SENT, 250, "250 2.0.0 queued");
        assertEquals(HealthStatus.UP, facts.healthChecks().get("sender"), "mail flows again");
        assertEquals(T0.plusSeconds(7), facts.sender().orElseThrow().lastSuccessAt());
        assertEquals(T0.plusSeconds(6), facts.sender().orElseThrow().lastFailureAt());
    }

    @Test
    void theOutboxIsDownWhenItsOldestMessageWaitedMoreThanFifteenMinutes() {
        queue(T0, "old");
        queue(T0.plusSeconds(300), "newer");
        now = T0.plus(Duration.ofMinutes(15));
        assertEquals(new OutboxFacts.Outbox(2, 900L, null), facts.outbox().orElseThrow());
        assertEquals(HealthStatus.UP, facts.healthChecks().get("outbox"), "15 minutes exactly is not more than 15");
        now = T0.plus(Duration.ofMinutes(15)).plusSeconds(1);
        assertEquals(HealthStatus.DOWN, facts.healthChecks().get("outbox"));
        assertEquals(HealthStatus.UP, facts.healthChecks().get("sender"), "no attempt failed");
    }

    @Test
    void onlyDueMessagesCountAPausedOutboxOrOneWaitingForItsBackOffIsShownNotDown() {
        long waiting = queue(T0, "deferred");
        attempt(waiting, T0.plusSeconds(1), Outcome.DEFERRED, 451, "451 4.3.0 later");
        now = T0.plus(Duration.ofMinutes(16)); // queued 16 minutes ago, its next attempt 60 s after the first
        assertEquals(HealthStatus.DOWN, facts.healthChecks().get("outbox"), "due since 15 minutes");
        paused = "sending is disabled (glide.email.smtp.active is off)";
        assertEquals(HealthStatus.UP, facts.healthChecks().get("outbox"), "paused: it waits, shown not DOWN");
        assertEquals(paused, facts.outbox().orElseThrow().paused());
        paused = null;
        attempt(waiting, now, Outcome.DEFERRED, 451, "451 4.3.0 later"); // next in 60 s
        assertEquals(HealthStatus.UP, facts.healthChecks().get("outbox"), "waiting for its back-off: not due");
        now = now.plusSeconds(61);
        assertEquals(HealthStatus.DOWN, facts.healthChecks().get("outbox"), "due again");
    }

    @Test
    void countsAreOfTheLastHourAndDayByWhenTheEntryReachedItsState() {
        now = T0.plus(Duration.ofDays(2));
        Instant hourAgo = now.minus(Duration.ofHours(1));
        long old = queue(T0, "two days old, sent now");
        attempt(old, now.minusSeconds(10), Outcome.SENT, 250, "250 ok");
        long earlier = queue(now.minus(Duration.ofHours(5)), "failed five hours ago");
        attempt(earlier, now.minus(Duration.ofHours(5)), Outcome.FAILED, 550, "550 no");
        long ancient = queue(T0, "sent two days ago");
        attempt(ancient, T0.plusSeconds(1), Outcome.SENT, 250, "250 ok");
        store.add(NewEmail.builder().createdAt(hourAgo.plusSeconds(1)).messageId("<s@x>").from("app@example.com")
                .subject("skipped").size(10).recipients(List.of("x@example.com")).source("/shop").reason("sending off")
                .build());
        queue(now.minusSeconds(5), "still waiting");

        OutboxFacts.Counts counts = facts.counts().orElseThrow();
        assertEquals(new OutboxFacts.Window(1, 0, 1), counts.lastHour());
        assertEquals(new OutboxFacts.Window(1, 1, 1), counts.lastDay());
        assertEquals(1, facts.outbox().orElseThrow().size());
    }
}
