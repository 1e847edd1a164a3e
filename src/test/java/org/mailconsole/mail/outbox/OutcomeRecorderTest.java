package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.AttemptOutcome;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.store.Database;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.EmailLogStore;

/** The recorder with a journal while apps keep handing over messages, on a real HSQLDB file. */
class OutcomeRecorderTest {
    @TempDir
    Path dir;
    Database database;
    EmailLogStore store;
    OutcomeJournal journal;
    final AtomicBoolean appsWriting = new AtomicBoolean(true); // apps never pause in these tests

    @BeforeEach
    void open() throws Exception {
        database = Database.open(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        store = new EmailLogStore(database);
        journal = OutcomeJournal.open(dir.resolve("outcomes.journal"));
    }

    @AfterEach
    void close() {
        journal.close();
        database.close();
    }

    AttemptOutcome sentOutcome() {
        long id = store.add(new NewEmail(Instant.now(), EmailState.SEND_READY, "<r@x>", "app@shop.example", "s", 3,
                List.of("to@example.com"), List.of("to@example.com"), List.of(), null, "Default SMTP", "/shop", null,
                new byte[] {1, 2, 3}));
        return new AttemptOutcome(id, 0, new AttemptResult(Instant.now(), EmailState.SENT, "sent", 250, "250 ok", null,
                List.of(), null, null, "Default SMTP", null));
    }

    EmailState state(AttemptOutcome outcome) {
        return store.find(outcome.entryId()).orElseThrow().state();
    }

    @Test
    void whileAppsWriteAnOutcomeWaitsAtMostItsLagThenIsRecorded() throws Exception {
        try (OutcomeRecorder recorder = new OutcomeRecorder(store, journal, Duration.ofSeconds(30), appsWriting::get)) {
            AttemptOutcome outcome = sentOutcome();
            long start = System.nanoTime();
            recorder.submit(outcome, () -> { });
            Thread.sleep(100);
            assertEquals(EmailState.SEND_READY, state(outcome), "gives way to the apps at first");
            while (state(outcome) != EmailState.SENT && System.nanoTime() - start < 5_000_000_000L) {
                Thread.sleep(10);
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(EmailState.SENT, state(outcome), "recorded though the apps never paused");
            assertTrue(tookMillis >= OutcomeRecorder.MAX_LAG.toMillis() - 50 && tookMillis < 2_000,
                    "recorded after " + tookMillis + " ms");
        }
    }

    @Test
    void theSendersWaitForEveryOutcomeDoesNotWaitForTheAppsToPause() throws Exception {
        try (OutcomeRecorder recorder = new OutcomeRecorder(store, journal, Duration.ofSeconds(30), appsWriting::get)) {
            AttemptOutcome outcome = sentOutcome();
            recorder.submit(outcome, () -> { });
            long start = System.nanoTime();
            recorder.drain();
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(EmailState.SENT, state(outcome));
            assertTrue(tookMillis < OutcomeRecorder.MAX_LAG.toMillis() / 2, "drain took " + tookMillis + " ms");
        }
    }
}
