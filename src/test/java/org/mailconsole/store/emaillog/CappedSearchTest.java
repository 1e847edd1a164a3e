package org.mailconsole.store.emaillog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailPage;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;

/** A broad search stops counting at the cap and still pages newest first (a cap of 5 on a real HSQLDB file). */
class CappedSearchTest {
    @TempDir
    Path dir;
    Database database;
    TestLog store;

    @BeforeEach
    void open() {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        store = new TestLog(database, java.time.Clock.systemUTC(), 5);
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            // every entry matches "shop.example" twice (sender and recipient): counted once each
            store.add(EmailLogTest.email(now, i % 3 == 0 ? EmailState.SEND_IGNORED : EmailState.SEND_READY,
                    "app@shop.example", "Order " + i, "buyer" + i + "@shop.example"));
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aBroadSearchHasACappedTotalAndTheNewestPages() {
        EmailPage first = store.list(null, "shop.example", 0, 4);
        assertTrue(first.totalCapped());
        assertEquals(5, first.total(), "at least the cap");
        assertEquals(List.of("Order 11", "Order 10", "Order 9", "Order 8"), subjects(first));
        EmailPage third = store.list(null, "shop.example", 2, 4);
        assertEquals(List.of("Order 3", "Order 2", "Order 1", "Order 0"), subjects(third));
        assertEquals(List.of(), subjects(store.list(null, "shop.example", 3, 4)), "past the last match");

        EmailPage outbox = store.list(EmailState.SEND_READY, "order", 0, 3);
        assertTrue(outbox.totalCapped(), "12 match in all; within the Outbox, at least those met");
        assertEquals(3, outbox.total());
        assertEquals(List.of("Order 11", "Order 10", "Order 8"), subjects(outbox));
        assertEquals(List.of("Order 1"), subjects(store.list(EmailState.SEND_READY, "order", 7, 1)));
    }

    @Test
    void aNarrowSearchIsCountedExactly() {
        EmailPage outbox = store.list(EmailState.SEND_READY, "order 1", 0, 2);
        assertFalse(outbox.totalCapped());
        assertEquals(3, outbox.total(), "Order 1, 10 and 11");
        assertEquals(List.of("Order 11", "Order 10"), subjects(outbox));
        assertEquals(List.of("Order 1"), subjects(store.list(EmailState.SEND_READY, "order 1", 1, 2)));
        EmailPage skipped = store.list(EmailState.SEND_IGNORED, "order 1", 0, 50);
        assertFalse(skipped.totalCapped());
        assertEquals(0, skipped.total());
        EmailPage one = store.list(null, "buyer7@", 0, 50);
        assertFalse(one.totalCapped());
        assertEquals(1, one.total());
        EmailPage none = store.list(null, "nobody", 0, 50);
        assertFalse(none.totalCapped());
        assertEquals(0, none.total());
    }

    private static List<String> subjects(EmailPage page) {
        return page.emails().stream().map(EmailEntry::subject).toList();
    }
}
