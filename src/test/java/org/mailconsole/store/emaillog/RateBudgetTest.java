package org.mailconsole.store.emaillog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.RateLimits;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.model.emaillog.RecipientNote;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.SettableClock;

/**
 * Rate limits held in the database (email-model.md section 7) on a real HSQLDB file, with a clock
 * the test moves: rolling 60 s for messages, rolling 24 h for the recipients the relay accepted.
 */
class RateBudgetTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final long ACCOUNT = 1L;
    @TempDir
    Path dir;
    Database database;
    SettableClock clock = new SettableClock(T0);
    JdbcOutboxQueue queue;

    @BeforeEach
    void open() {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        queue = new JdbcOutboxQueue(database, clock, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        database.close();
    }

    long enqueue(String subject, String... to) {
        return queue.enqueue(NewEmail.builder().createdAt(clock.instant()).messageId("<" + subject + "@x>")
                .from("app@shop.example").subject(subject).size(10).recipients(List.of(to)).actualRecipients(List.of(to))
                .account(null, "Default SMTP").source("/shop").mime(new byte[] {1}).build());
    }

    static OutboxQueue.Budget budget(Integer perMinute, Integer perDay) {
        return new OutboxQueue.Budget(ACCOUNT, new RateLimits(perMinute, perDay));
    }

    AttemptResult sent(Lease lease, String... refused) {
        List<RecipientNote> notes = java.util.Arrays.stream(refused).map(a -> new RecipientNote(a, "550 no")).toList();
        return AttemptResult.builder().at(clock.instant()).outcome(notes.isEmpty() ? Outcome.SENT : Outcome.PARTIAL)
                .reply(250, "250 ok").recipients(lease.entry().actualRecipients()).refused(notes)
                .account(ACCOUNT, "Default SMTP").build();
    }

    AttemptResult deferred(Lease lease) {
        return AttemptResult.builder().at(clock.instant()).outcome(Outcome.DEFERRED).reply(451, "451 later")
                .reason("451 later").recipients(lease.entry().actualRecipients())
                .nextAttemptAt(clock.instant().plusSeconds(3600)).account(ACCOUNT, "Default SMTP").build();
    }

    Lease leaseOne(OutboxQueue.Budget budget) {
        OutboxQueue.Leased leased = queue.lease("w", 1, budget);
        assertNull(leased.held(), "not held back");
        assertEquals(1, leased.leases().size());
        return leased.leases().get(0);
    }

    @Test
    void messagesPerMinuteIsARolling60SecondWindow() {
        OutboxQueue.Budget two = budget(2, null);
        for (int i = 0; i < 4; i++) {
            enqueue("m" + i, "to@example.com");
        }
        queue.complete(leaseOne(two), sentOf());
        clock.advance(Duration.ofSeconds(20));
        queue.complete(leaseOne(two), sentOf());
        clock.advance(Duration.ofSeconds(10));
        OutboxQueue.Leased held = queue.lease("w", 1, two);
        assertTrue(held.leases().isEmpty(), "a third in the same minute waits");
        assertEquals(T0.plusSeconds(60), held.held().until(), "until the first leaves the window");
        assertEquals("messages per minute (2) reached until 10:01:00 UTC", held.held().describe());
        clock.set(T0.plusSeconds(59));
        assertNotNull(queue.lease("w", 1, two).held());
        clock.set(T0.plusSeconds(60));
        queue.complete(leaseOne(two), sentOf());
        assertNotNull(queue.lease("w", 1, two).held(), "the second's 60 s have not passed");
        assertEquals(1, leaseOne(budget(3, null)).entry().actualRecipients().size(), "a raised limit lets it go");
    }

    private AttemptResult sentOf() {
        return AttemptResult.builder().at(clock.instant()).outcome(Outcome.SENT).reply(250, "250 ok")
                .recipients(List.of("to@example.com")).account(ACCOUNT, "Default SMTP").build();
    }

    @Test
    void recipientsPerDayCountsWhatTheRelayAcceptedOverRolling24Hours() {
        OutboxQueue.Budget five = budget(null, 5);
        enqueue("three", "a@x.example", "b@x.example", "c@x.example");
        Lease three = leaseOne(five);
        queue.complete(three, sent(three, "c@x.example")); // 2 accepted
        clock.advance(Duration.ofHours(1));
        enqueue("deferred", "d@x.example", "e@x.example");
        Lease deferred = leaseOne(five);
        queue.complete(deferred, deferred(deferred)); // nothing accepted: spends nothing
        enqueue("three more", "f@x.example", "g@x.example", "h@x.example");
        Lease more = leaseOne(five); // 2 + 3 = 5: fits
        queue.complete(more, sent(more));
        enqueue("sixth", "i@x.example");
        OutboxQueue.Leased held = queue.lease("w", 1, five);
        assertTrue(held.leases().isEmpty(), "the sixth recipient waits");
        assertEquals(T0.plus(Duration.ofHours(24)), held.held().until(), "until the first message's 2 leave the window");
        assertEquals("recipients per day (5) reached until 10:00:00 UTC", held.held().describe());
        clock.set(T0.plus(Duration.ofHours(24)));
        assertEquals("i@x.example", leaseOne(five).entry().actualRecipients().get(0));
    }

    @Test
    void aMessageGivenBackSpendsNothingAndOneBeyondTheWholeLimitIsLeasedToBeFailed() {
        OutboxQueue.Budget one = budget(1, 2);
        enqueue("given back", "a@x.example");
        queue.release(leaseOne(one)); // a refused greeting or a throttle: unattempted
        Lease again = leaseOne(one);
        assertEquals("given back", again.entry().subject(), "the minute's one message was not spent by the give-back");
        queue.complete(again, sent(again));
        clock.advance(Duration.ofMinutes(2));
        enqueue("too many", "a@x.example", "b@x.example", "c@x.example");
        Lease tooMany = leaseOne(one);
        assertEquals("too many", tooMany.entry().subject(), "leased (its attempt fails it), nothing reserved");
        assertEquals(1L, sends(), "only the first message's send is in the budget");
    }

    @Test
    void withoutALimitLeasesAreNotCounted() {
        enqueue("free", "a@x.example");
        enqueue("free too", "b@x.example");
        OutboxQueue.Leased leased = queue.lease("w", 5, budget(null, null));
        assertEquals(2, leased.leases().size());
        assertEquals(0L, sends());
    }

    long sends() {
        return database.read(connection -> {
            try (java.sql.ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM account_send")) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
