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

/** Entries of concurrent callers share one commit; each caller gets its own id or its own error. */
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
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit group = new GroupCommit(database, (connection, email) -> {
            if (email.subject().equals("first")) {
                firstWriting.countDown();
                await(release);
            }
            return insert(connection, email);
        });
        long commitsBefore = database.commits();
        Future<Long> first = apps.submit(() -> group.add(email("first")));
        assertTrue(firstWriting.await(30, TimeUnit.SECONDS));
        List<Future<Long>> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String subject = "other " + i;
            others.add(apps.submit(() -> group.add(email(subject))));
        }
        while (group.waiting() < 7) {
            Thread.sleep(5);
        }
        release.countDown();
        Set<Long> ids = new HashSet<>();
        ids.add(first.get(30, TimeUnit.SECONDS));
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
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit group = new GroupCommit(database, (connection, email) -> {
            if (email.subject().equals("first")) {
                firstWriting.countDown();
                await(release);
            }
            long id = insert(connection, email);
            if (email.subject().equals("bad")) {
                throw new SQLException("bad entry");
            }
            return id;
        });
        Future<Long> first = apps.submit(() -> group.add(email("first")));
        assertTrue(firstWriting.await(30, TimeUnit.SECONDS));
        Future<Long> good1 = apps.submit(() -> group.add(email("good 1")));
        Future<Long> bad = apps.submit(() -> group.add(email("bad")));
        Future<Long> good2 = apps.submit(() -> group.add(email("good 2")));
        while (group.waiting() < 3) {
            Thread.sleep(5);
        }
        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        EmailLogStore store = new EmailLogStore(database);
        assertEquals("good 1", store.find(good1.get(30, TimeUnit.SECONDS)).orElseThrow().subject());
        assertEquals("good 2", store.find(good2.get(30, TimeUnit.SECONDS)).orElseThrow().subject());
        Exception failure = assertThrows(Exception.class, () -> bad.get(30, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof StoreException, String.valueOf(failure.getCause()));
        assertEquals(3L, store.counts().get(EmailState.SEND_READY), "the bad entry left nothing behind");
        assertEquals(3, store.list(null, "shop.example", 0, 50).total());
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
