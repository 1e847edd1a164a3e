package org.mailconsole.store.emaillog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.AttemptResult;
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

    long rows(String sql) {
        return database.read(connection -> {
            try (java.sql.ResultSet row = connection.createStatement().executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Test
    void anEntryIsWrittenWithItsTermsPendingAndASearchWritesThemFirst() {
        long id = store.add(email(Instant.now(), EmailState.SEND_READY, "app@shop.example", "Invoice 7781", "kim@customer.example"));
        assertEquals(1, rows("SELECT COUNT(*) FROM email_term_pending WHERE entry_id = " + id));
        assertEquals(0, rows("SELECT COUNT(*) FROM email_term WHERE entry_id = " + id), "no term on the app's path");
        EmailPage found = store.list(null, "7781", 0, 20);
        assertEquals(List.of(id), found.emails().stream().map(EmailEntry::id).toList(), "found at once by a search");
        assertEquals(0, rows("SELECT COUNT(*) FROM email_term_pending"));
        assertEquals(EmailColumns.terms("app@shop.example", "Invoice 7781", List.of("kim@customer.example"),
                List.of("kim@customer.example")).size(), rows("SELECT COUNT(*) FROM email_term WHERE entry_id = " + id));
    }

    @Test
    void concurrentIndexersWriteEachEntrysTermsOnce() throws Exception {
        int entries = 600;
        for (int i = 0; i < entries; i++) {
            store.add(email(Instant.now(), EmailState.SEND_IGNORED, "app@shop.example", "Order " + i, "c" + i + "@customer.example"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicInteger indexed = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            done.add(pool.submit(() -> {
                for (int n = store.indexPending(50); n > 0; n = store.indexPending(50)) {
                    indexed.addAndGet(n);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(); // no duplicate key: each pending mark is taken by one writer
        }
        pool.shutdown();
        assertEquals(entries, indexed.get(), "each entry indexed by exactly one writer");
        assertEquals(0, rows("SELECT COUNT(*) FROM email_term_pending"));
        assertEquals(entries, rows("SELECT COUNT(DISTINCT entry_id) FROM email_term"));
        assertEquals(1, store.list(null, "c599@customer", 0, 20).total());
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
        store.record(id, new AttemptResult(Instant.now(), EmailState.SENT, "sent", 250,
                "250 ok", null, List.of(), null, null, "Default SMTP", null));
        database.close();
        open();
        assertEquals(0L, store.counts().get(EmailState.SEND_READY));
        assertEquals(1L, store.counts().get(EmailState.SENT));
        assertEquals(1L, store.counts().get(EmailState.SEND_IGNORED));
    }

    @Test
    void theCountsPerMinuteFollowEveryChangeAndAgreeWithTheEntries() {
        Instant now = Instant.parse("2026-11-24T12:00:30Z");
        EmailLogFacts facts = new EmailLogFacts(database);
        java.util.Random random = new java.util.Random(7);
        List<Long> ready = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Instant at = now.minusSeconds(random.nextInt(2 * 86_400));
            int what = random.nextInt(6);
            if (what == 0) {
                store.add(email(at, EmailState.SEND_IGNORED, "app@shop.example", "skipped " + i, "b@shop.example"));
            } else {
                long id = store.add(email(at.minusSeconds(60), EmailState.SEND_READY, "app@shop.example", "m " + i,
                        "b@shop.example"));
                if (what == 1) {
                    ready.add(id);
                } else if (what == 2) {
                    store.cancel(id, "admin", at);
                } else {
                    EmailState state = what == 3 ? EmailState.SEND_FAILED : EmailState.SENT;
                    store.record(id, new AttemptResult(at, state, state == EmailState.SENT ? "sent" : "failed",
                            state == EmailState.SENT ? 250 : 550, "reply", null, List.of(), null, null, "Default SMTP",
                            null));
                    if (state == EmailState.SEND_FAILED) {
                        failed.add(id);
                    }
                }
            }
        }
        for (long id : failed.subList(0, failed.size() / 2)) { // Failed -> Outbox: no longer counted as Failed
            store.retryNow(id, now.minusSeconds(random.nextInt(3_600)));
        }
        // retention on entries created before a time inside the last day: some per-minute counts go down
        while (store.deleteOlderThan(now.minusSeconds(30 * 3_600), 7) > 0) {
        }
        for (Instant since : List.of(now.minusSeconds(3_600), now.minusSeconds(86_400), now.minusSeconds(3_570),
                now.minusSeconds(86_399).minusMillis(500), now.minusSeconds(30))) {
            for (EmailState state : List.of(EmailState.SENT, EmailState.SEND_FAILED, EmailState.SEND_IGNORED)) {
                long exact = database.read(connection -> {
                    try (java.sql.PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM "
                            + "email_entry WHERE state = ? AND updated_at >= ?")) {
                        query.setString(1, state.apiName());
                        query.setTimestamp(2, java.sql.Timestamp.from(since));
                        try (java.sql.ResultSet row = query.executeQuery()) {
                            row.next();
                            return row.getLong(1);
                        }
                    }
                });
                assertEquals(exact, facts.countSince(state, since), state + " since " + since);
            }
        }
        assertTrue(facts.countSince(EmailState.SENT, now.minusSeconds(86_400)) > 20, "the test counts something");
        // pruning keeps the last two days
        assertEquals(0, store.pruneMinuteCounts(now));
        assertTrue(store.pruneMinuteCounts(now.plus(java.time.Duration.ofDays(3))) > 0);
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
