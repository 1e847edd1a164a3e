package org.mailconsole.store.emaillog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.StoreException;

/** Writes of concurrent callers share one commit; each caller gets its own result or its own error. */
class GroupCommitTest {
    @TempDir
    Path dir;
    Database database;
    ExecutorService apps = Executors.newFixedThreadPool(8);

    @BeforeEach
    void open() {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
    }

    @AfterEach
    void close() {
        apps.shutdownNow();
        database.close();
    }

    static NewEmail email(String subject) {
        return EmailLogStoreTest.email(Instant.now(), EmailState.SEND_READY, "app@shop.example", subject,
                "buyer@shop.example");
    }

    @Test
    void callersWaitingWhileACommitRunsShareTheNextOne() throws Exception {
        long commitsBefore = database.commits();
        Held held = holdFirst(GroupCommitTest::insert);
        GroupCommit group = held.group();
        Writer writer = held.writer();
        List<Future<Long>> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String subject = "other " + i;
            others.add(apps.submit(() -> group.commit(c -> writer.insert(c, email(subject)))));
        }
        while (group.waiting() < 7) {
            Thread.sleep(5);
        }
        held.release().countDown();
        Set<Long> ids = new HashSet<>();
        ids.add(held.first().get(30, TimeUnit.SECONDS));
        for (Future<Long> other : others) {
            ids.add(other.get(30, TimeUnit.SECONDS));
        }
        assertEquals(8, ids.size(), "each caller has its own entry");
        assertEquals(2, database.commits() - commitsBefore, "the first commit, then one for the seven that waited");
        EmailLogStore store = new EmailLogStore(database);
        assertEquals(8L, store.counts().get(EmailState.SEND_READY));
        for (long id : ids) {
            assertTrue(store.find(id).isPresent());
            assertTrue(store.mime(id).isPresent());
        }
    }

    @Test
    void aBadEntryFailsOnlyItsOwnCaller() throws Exception {
        Held held = holdFirst((connection, email) -> {
            long id = insert(connection, email);
            if (email.subject().equals("bad")) {
                throw new SQLException("bad entry");
            }
            return id;
        });
        GroupCommit group = held.group();
        Writer writer = held.writer();
        Future<Long> good1 = apps.submit(() -> group.commit(c -> writer.insert(c, email("good 1"))));
        Future<Long> bad = apps.submit(() -> group.commit(c -> writer.insert(c, email("bad"))));
        Future<Long> good2 = apps.submit(() -> group.commit(c -> writer.insert(c, email("good 2"))));
        while (group.waiting() < 3) {
            Thread.sleep(5);
        }
        held.release().countDown();
        held.first().get(30, TimeUnit.SECONDS);
        EmailLogStore store = new EmailLogStore(database);
        assertEquals("good 1", store.find(good1.get(30, TimeUnit.SECONDS)).orElseThrow().subject());
        assertEquals("good 2", store.find(good2.get(30, TimeUnit.SECONDS)).orElseThrow().subject());
        Exception failure = assertThrows(Exception.class, () -> bad.get(30, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof StoreException, String.valueOf(failure.getCause()));
        assertEquals(3L, store.counts().get(EmailState.SEND_READY), "the bad entry left nothing behind");
        assertEquals(3, store.list(null, "shop.example", 0, 50).total());
    }

    @Test
    void workWaitingToRideAlongIsCommittedWithTheNextCallersEntry() throws Exception {
        long commitsBefore = database.commits();
        Held held = holdFirst(GroupCommitTest::insert);
        GroupCommit group = held.group();
        Writer writer = held.writer();
        // an outcome that may wait 30 s for a ride, then an app's entry: the app's commit takes both
        Future<Long> along = apps.submit(() -> group.commit(c -> writer.insert(c, email("along")),
                TimeUnit.SECONDS.toNanos(30)));
        while (group.waiting() < 1) {
            Thread.sleep(5);
        }
        Future<Long> second = apps.submit(() -> group.commit(c -> writer.insert(c, email("second"))));
        while (group.waiting() < 2) {
            Thread.sleep(5);
        }
        long start = System.nanoTime();
        held.release().countDown();
        held.first().get(30, TimeUnit.SECONDS);
        long secondId = second.get(30, TimeUnit.SECONDS);
        long alongId = along.get(30, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "it did not wait out its 30 s");
        assertEquals(2, database.commits() - commitsBefore, "the first commit, then one for the app and the outcome");
        EmailLogStore store = new EmailLogStore(database);
        assertEquals("second", store.find(secondId).orElseThrow().subject());
        assertEquals("along", store.find(alongId).orElseThrow().subject());
    }

    @Test
    void workWaitingToRideAlongCommitsItselfWhenNoOneElseDoes() {
        GroupCommit group = new GroupCommit(database);
        long commitsBefore = database.commits();
        long start = System.nanoTime();
        long id = group.commit(c -> insert(c, email("alone")), TimeUnit.MILLISECONDS.toNanos(200));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200), "it waited for a ride first");
        assertEquals(1, database.commits() - commitsBefore);
        assertEquals("alone", new EmailLogStore(database).find(id).orElseThrow().subject());
    }

    @Test
    void manyAppThreadsAtOnceEachGetTheirEntryOnce() throws Exception {
        EmailLogStore store = new EmailLogStore(database);
        List<Future<List<Long>>> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(apps.submit(() -> {
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    ids.add(store.add(email("t" + thread + " m" + i)));
                }
                return ids;
            }));
        }
        Set<Long> ids = new HashSet<>();
        for (Future<List<Long>> thread : threads) {
            ids.addAll(thread.get(120, TimeUnit.SECONDS));
        }
        assertEquals(400, ids.size());
        assertEquals(400L, store.counts().get(EmailState.SEND_READY));
        assertEquals("t3 m17", store.find(store.list(null, "t3 m17", 0, 1).emails().get(0).id()).orElseThrow()
                .subject());
    }

    /** A group commit whose entry "first" is being written, holding the commit until {@code release}. */
    record Held(GroupCommit group, Writer writer, CountDownLatch release, Future<Long> first) {
    }

    /** Starts writing "first" with {@code then} (as every entry after it), held; returns once it is writing. */
    Held holdFirst(Writer then) throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Writer writer = (connection, email) -> {
            if (email.subject().equals("first")) {
                writing.countDown();
                await(release);
            }
            return then.insert(connection, email);
        };
        GroupCommit group = new GroupCommit(database);
        Future<Long> first = apps.submit(() -> group.commit(c -> writer.insert(c, email("first"))));
        assertTrue(writing.await(30, TimeUnit.SECONDS));
        return new Held(group, writer, release, first);
    }

    /** How a test writes an entry (with its own hold-ups and failures). */
    interface Writer {
        long insert(java.sql.Connection connection, NewEmail email) throws SQLException;
    }

    private static long insert(java.sql.Connection connection, NewEmail email) throws SQLException {
        return EmailLogStore.insert(connection, email);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
