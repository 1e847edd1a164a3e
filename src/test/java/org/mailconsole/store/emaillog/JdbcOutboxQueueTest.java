package org.mailconsole.store.emaillog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.SettableClock;

/** Leases on a real HSQLDB file, with a clock the test moves: nothing here waits. */
class JdbcOutboxQueueTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    Database database;
    SettableClock clock = new SettableClock(T0);
    JdbcOutboxQueue queue;

    @BeforeEach
    void open() {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        queue = new JdbcOutboxQueue(database, clock, LEASE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    long enqueue(String subject) {
        return queue.enqueue(EmailLogTest.email(clock.instant(), EmailState.SEND_READY, "app@shop.example", subject,
                "to@example.com"));
    }

    AttemptResult sent() {
        return AttemptResult.builder().at(clock.instant()).outcome(Outcome.SENT).reply(250, "250 ok")
                .account(null, "Default SMTP").build();
    }

    @Test
    void aLeaseGoesToOneOwnerUntilItExpiresAndOnlyItsOwnerRecords() {
        long id = enqueue("leased");
        Lease a = queue.lease("node-a", 10, null).leases().get(0);
        assertEquals(id, a.id());
        assertEquals(List.of(1, 2, 3), List.of(a.mime()[0] & 0xff, a.mime()[1] & 0xff, a.mime()[2] & 0xff));
        assertTrue(queue.lease("node-b", 10, null).leases().isEmpty(), "leased: not due for another");
        clock.advance(LEASE.minusSeconds(1));
        assertTrue(queue.lease("node-b", 10, null).leases().isEmpty(), "still leased just before it expires");
        assertTrue(queue.nextDue().isEmpty(), "a live lease hides the message from the idle workers' look");
        clock.advance(Duration.ofSeconds(2));
        Lease b = queue.lease("node-b", 10, null).leases().get(0);
        assertFalse(queue.complete(a, sent()), "A's lease was taken over: its outcome is not recorded");
        assertTrue(queue.complete(b, sent()));
        assertEquals(EmailState.SENT, new EmailLogReader(database).find(id).orElseThrow().state());
        assertEquals(1, new EmailLogReader(database).attempts(id).size());
    }

    @Test
    void aRenewedLeaseIsNotTakenOverAndItsOwnerRecordsEvenAfterAMissedRenewal() {
        long id = enqueue("slow delivery");
        Lease a = queue.lease("node-a", 1, null).leases().get(0);
        for (int i = 0; i < 6; i++) { // a delivery of a minute, renewed every 10 s
            clock.advance(Duration.ofSeconds(10));
            assertEquals(List.of(id), queue.renew(List.of(a)));
            assertTrue(queue.lease("node-b", 10, null).leases().isEmpty(), "renewed: never free for another");
        }
        clock.advance(LEASE.plusSeconds(5)); // the database refused the renewals meanwhile; no one took it over
        assertTrue(queue.complete(a, sent()), "the owner still holds it: its outcome counts");
    }

    @Test
    void aDeferredMessageIsDueAtItsNextAttemptAndNotBefore() {
        long id = enqueue("deferred");
        Lease a = queue.lease("node-a", 1, null).leases().get(0);
        assertTrue(queue.complete(a, AttemptResult.builder().at(clock.instant()).outcome(Outcome.DEFERRED)
                .reply(451, "451 later").reason("451 later").nextAttemptAt(clock.instant().plusSeconds(60))
                .account(null, "Default SMTP").build()));
        assertEquals(clock.instant().plusSeconds(60), queue.nextDue().orElseThrow());
        clock.advance(Duration.ofSeconds(59));
        assertTrue(queue.lease("node-a", 1, null).leases().isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(id, queue.lease("node-a", 1, null).leases().get(0).entry().id());
    }

    @Test
    void cancelRefusesALeasedMessageAndReleaseMakesItDueAgain() {
        long id = enqueue("in flight");
        Lease a = queue.lease("node-a", 1, null).leases().get(0);
        EmailStateConflictException busy = assertThrows(EmailStateConflictException.class, () -> queue.cancel(id, "admin"));
        assertTrue(busy.getMessage().contains("being sent"), busy.getMessage());
        queue.release(a);
        assertEquals(EmailState.SEND_IGNORED, queue.cancel(id, "admin").state());
        assertTrue(queue.lease("node-a", 1, null).leases().isEmpty(), "a cancelled message is never leased");
        assertFalse(queue.complete(a, sent()), "released: no longer the owner's");
        assertThrows(EmailNotFoundException.class, () -> queue.cancel(999, "admin"));
    }

    @Test
    void retryNowMakesAFailedMessageDueAndAWaitingOneDueNow() {
        long id = enqueue("fails");
        Lease a = queue.lease("node-a", 1, null).leases().get(0);
        queue.complete(a, AttemptResult.builder().at(clock.instant()).outcome(Outcome.FAILED).reply(550, "550 no")
                .reason("550 no").account(null, "Default SMTP").build());
        assertTrue(queue.lease("node-a", 1, null).leases().isEmpty());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(EmailState.SEND_READY, queue.makeDue(id).state());
        assertEquals(id, queue.lease("node-a", id).orElseThrow().id());
        assertThrows(EmailStateConflictException.class, () -> queue.cancel(id, "admin"), "leased by Retry now");
    }

    @Test
    void anOutcomeAndTheNextLeaseAreOneTransactionAndTheLostLeaseStillLeasesNothingTwice() {
        long first = enqueue("first");
        long second = enqueue("second");
        Lease a = queue.lease("node-a", 1, null).leases().get(0);
        assertEquals(first, a.id());
        OutboxQueue.Completion done = queue.completeAndLease(a, sent(), 1, null);
        assertTrue(done.recorded());
        assertEquals(List.of(second), done.next().stream().map(Lease::id).toList(), "the next one, for the same owner");
        assertEquals("node-a", done.next().get(0).owner());
        assertTrue(queue.lease("node-b", 10, null).leases().isEmpty(), "leased with the outcome");
        OutboxQueue.Completion last = queue.completeAndLease(done.next().get(0), sent(), 1, null);
        assertTrue(last.recorded());
        assertTrue(last.next().isEmpty(), "nothing left to lease");
        assertFalse(queue.completeAndLease(a, sent(), 1, null).recorded(), "recorded once only");
    }

    @Test
    void manyWorkersLeasingAtOnceEachMessageGoesToOne() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(enqueue("m" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String owner = "worker-" + w;
            workers.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                List<Lease> leased;
                while (!(leased = queue.lease(owner, 1, null).leases()).isEmpty()) {
                    mine.add(leased.get(0).id());
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> worker : workers) {
            all.addAll(worker.get());
        }
        pool.shutdown();
        assertEquals(ids, all.stream().sorted().toList(), "each message leased exactly once");
    }
}
