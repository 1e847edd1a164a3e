package org.mailconsole.store.emaillog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;

/** The log's queries, claims and retention on a real HSQLDB file. */
class EmailLogStoreTest {
    @TempDir
    Path dir;
    Database database;
    EmailLogStore store;

    @BeforeEach
    void open() {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        store = new EmailLogStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static NewEmail email(Instant at, EmailState state, String from, String subject, String to) {
        return new NewEmail(at, state, "<" + subject.hashCode() + "@x>", from, subject, 10, List.of(to), List.of(to),
                List.of(), null, "Default SMTP", "/shop", state == EmailState.SEND_IGNORED ? "sending off" : null,
                state == EmailState.SEND_READY ? new byte[] {1, 2, 3} : null);
    }

    @Test
    void theCountsAreAMemoryTableAndSurviveAReopen() {
        String type = database.read(connection -> {
            try (java.sql.ResultSet row = connection.createStatement().executeQuery("SELECT HSQLDB_TYPE FROM "
                    + "INFORMATION_SCHEMA.SYSTEM_TABLES WHERE TABLE_NAME = 'EMAIL_COUNT'")) {
                row.next();
                return row.getString(1);
            }
        });
        assertEquals("MEMORY", type);
        long id = store.add(email(Instant.now(), EmailState.SEND_READY, "app@shop.example", "kept", "b@shop.example"));
        store.add(email(Instant.now(), EmailState.SEND_IGNORED, "app@shop.example", "skipped", "b@shop.example"));
        store.record(id, new org.mailconsole.model.emaillog.AttemptResult(Instant.now(), EmailState.SENT, "sent", 250,
                "250 ok", null, List.of(), null, null, "Default SMTP", null));
        database.close();
        open();
        assertEquals(0L, store.counts().get(EmailState.SEND_READY));
        assertEquals(1L, store.counts().get(EmailState.SENT));
        assertEquals(1L, store.counts().get(EmailState.SEND_IGNORED));
    }

    @Test
    void mailboxesArePagedNewestFirstWithCountsAndSearchable() {
        Instant now = Instant.now();
        for (int i = 0; i < 7; i++) {
            store.add(email(now, EmailState.SEND_READY, "app@example.com", "Order " + i, "buyer" + i + "@shop.example"));
        }
        store.add(email(now, EmailState.SEND_IGNORED, "Reset <noreply@example.com>", "Password_reset 100%", "ann@example.com"));
        EmailPage first = store.list(EmailState.SEND_READY, null, 0, 3);
        assertEquals(7, first.total());
        assertEquals(List.of("Order 6", "Order 5", "Order 4"), first.emails().stream().map(EmailEntry::subject).toList());
        EmailPage last = store.list(EmailState.SEND_READY, null, 2, 3);
        assertEquals(List.of("Order 0"), last.emails().stream().map(EmailEntry::subject).toList());
        assertEquals(8, store.list(null, null, 0, 50).total());
        assertEquals(7L, store.counts().get(EmailState.SEND_READY));
        assertEquals(1L, store.counts().get(EmailState.SEND_IGNORED));

        assertEquals(1, store.list(null, "BUYER3", 0, 50).total(), "a recipient, any case");
        assertEquals(7, store.list(null, "shop.example", 0, 50).total());
        assertEquals(1, store.list(null, "noreply@", 0, 50).total(), "the sender");
        assertEquals(1, store.list(null, "reset 100%", 0, 50).total(), "LIKE characters are literal");
        assertEquals(0, store.list(null, "reset_100", 0, 50).total());
        assertEquals(0, store.list(EmailState.SEND_READY, "ann@", 0, 50).total(), "search within a mailbox");
        assertEquals(7, store.list(null, "@shop.example", 0, 50).total(), "leading punctuation is ignored");
        assertEquals(0, store.list(null, "uyer3", 0, 50).total(), "words match from their start");
        assertEquals(1, store.list(EmailState.SEND_IGNORED, "password_reset", 0, 50).total());
        EmailPage search = store.list(null, "order", 1, 2);
        assertEquals(7, search.total());
        assertEquals(List.of("Order 4", "Order 3"), search.emails().stream().map(EmailEntry::subject).toList());
    }

    @Test
    void onlyOneOfManySendersWinsAClaim() throws Exception {
        long id = store.add(email(Instant.now(), EmailState.SEND_READY, "a@x", "claimed", "b@x"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger wins = new AtomicInteger();
        try {
            List<Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String owner = "node-" + i;
                all.add(pool.submit(() -> {
                    Instant now = Instant.now();
                    if (store.claim(id, owner, now, now.plusSeconds(60))) {
                        wins.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, wins.get());
        assertTrue(store.due(Instant.now(), 10).isEmpty(), "a claimed message is not due for others");
        Instant later = Instant.now().plusSeconds(120);
        assertEquals(List.of(id), store.due(later, 10), "an expired claim is taken over");
        assertTrue(store.claim(id, "node-x", later, later.plusSeconds(60)));
    }

    @Test
    void retentionDeletesOldEntriesInBatchesButNeverTheOutbox() {
        Instant old = Instant.now().minus(Duration.ofDays(40));
        for (int i = 0; i < 5; i++) {
            store.add(email(old, EmailState.SEND_IGNORED, "a@x", "old skipped " + i, "b@x"));
        }
        long oldOutbox = store.add(email(old, EmailState.SEND_READY, "a@x", "old but waiting", "b@x"));
        long recent = store.add(email(Instant.now(), EmailState.SEND_IGNORED, "a@x", "recent", "b@x"));
        Instant cut = Instant.now().minus(Duration.ofDays(30));
        assertEquals(2, store.deleteOlderThan(cut, 2));
        assertEquals(2, store.deleteOlderThan(cut, 2));
        assertEquals(1, store.deleteOlderThan(cut, 2));
        assertEquals(0, store.deleteOlderThan(cut, 2));
        assertTrue(store.find(oldOutbox).isPresent());
        assertTrue(store.mime(oldOutbox).isPresent());
        assertTrue(store.find(recent).isPresent());
        assertEquals(1L, store.counts().get(EmailState.SEND_IGNORED));
        assertEquals(1L, store.counts().get(EmailState.SEND_READY));
        assertFalse(store.list(null, null, 0, 50).emails().stream().anyMatch(e -> e.subject().startsWith("old skipped")));
    }
}
