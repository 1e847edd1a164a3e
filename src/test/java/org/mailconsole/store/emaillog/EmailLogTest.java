package org.mailconsole.store.emaillog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.model.emaillog.SearchTerms;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.SettableClock;

/** The log's writes, queries and retention on a real HSQLDB file, time set by hand. */
class EmailLogTest {
    @TempDir
    Path dir;
    Database database;
    SettableClock clock = new SettableClock(Instant.now());
    TestLog store;

    @BeforeEach
    void open() {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        store = new TestLog(database, clock, EmailLogReader.SEARCH_COUNT_CAP);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static NewEmail email(Instant at, EmailState state, String from, String subject, String to) {
        return NewEmail.builder().createdAt(at).messageId("<" + subject.hashCode() + "@x>").from(from).subject(subject)
                .size(10).recipients(List.of(to)).actualRecipients(List.of(to)).account(null, "Default SMTP")
                .source("/shop").reason(state == EmailState.SEND_IGNORED ? "sending off" : null)
                .mime(state == EmailState.SEND_READY ? new byte[] {1, 2, 3} : null).build();
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
    void anEntryIsWrittenWithItsSearchTermsInOneTransaction() {
        long id = store.add(email(Instant.now(), EmailState.SEND_READY, "app@shop.example", "Invoice 7781", "kim@customer.example"));
        assertEquals(SearchTerms.of("app@shop.example", "Invoice 7781", List.of("kim@customer.example"),
                List.of("kim@customer.example")).size(), rows("SELECT COUNT(*) FROM email_term WHERE entry_id = " + id));
        EmailPage found = store.list(null, "7781", 0, 20);
        assertEquals(List.of(id), found.emails().stream().map(EmailEntry::id).toList(), "found at once by a search");
        assertEquals(0, rows("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'EMAIL_TERM_PENDING'"),
                "V12 dropped the table of terms written behind");
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
        store.record(id, AttemptResult.builder().at(Instant.now()).outcome(Outcome.SENT)
                .reply(250, "250 ok").account(null, "Default SMTP").build());
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
                    clock.set(at);
                    store.queue().cancel(id, "admin");
                } else {
                    EmailState state = what == 3 ? EmailState.SEND_FAILED : EmailState.SENT;
                    store.record(id, AttemptResult.builder().at(at)
                            .outcome(state == EmailState.SENT ? Outcome.SENT : Outcome.FAILED)
                            .reply(state == EmailState.SENT ? 250 : 550, "reply").account(null, "Default SMTP").build());
                    if (state == EmailState.SEND_FAILED) {
                        failed.add(id);
                    }
                }
            }
        }
        for (long id : failed.subList(0, failed.size() / 2)) { // Failed -> Outbox: no longer counted as Failed
            clock.set(now.minusSeconds(random.nextInt(3_600)));
            store.queue().makeDue(id);
        }
        // retention on entries created before a time inside the last day: some per-minute counts go down
        clock.set(now);
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
        assertEquals(0, store.pruneMinuteCounts());
        clock.set(now.plus(Duration.ofDays(3)));
        assertTrue(store.pruneMinuteCounts() > 0);
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
