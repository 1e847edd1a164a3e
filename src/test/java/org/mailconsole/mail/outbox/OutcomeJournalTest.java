package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.emaillog.AttemptOutcome;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.RecipientNote;

/** The journal file: what is written reads back whole, and it is emptied only once all of it is committed. */
class OutcomeJournalTest {
    @TempDir
    Path dir;

    static final Instant AT = Instant.parse("2026-11-24T10:15:30.123456Z");
    static final AttemptOutcome SENT = new AttemptOutcome(7, 0, new AttemptResult(AT, EmailState.SENT, "partial", 250,
            "250 2.0.0 Ok: queued as 4F2", null, List.of(new RecipientNote("gone@example.com", "550 5.1.1 no such user")),
            null, 3L, "Relay \"main\"", 12L));
    static final AttemptOutcome DEFERRED = new AttemptOutcome(8, 2, new AttemptResult(AT, EmailState.SEND_READY,
            "deferred", null, "connection refused", "connection refused: Grüße", List.of(), AT.plusSeconds(600), null,
            null, null));

    @Test
    void outcomesReadBackAsWrittenAndTheFileEmptiesOnlyWhenAllAreCommitted() throws Exception {
        Path file = dir.resolve("outcomes.journal");
        try (OutcomeJournal journal = OutcomeJournal.open(file)) {
            journal.append(SENT);
            journal.append(DEFERRED);
            assertEquals(List.of(SENT, DEFERRED), journal.pending());

            journal.committed(1);
            assertTrue(Files.size(file) > 0, "one outcome is not committed yet");
            journal.append(SENT);
            journal.committed(1);
            assertTrue(Files.size(file) > 0, "the one written meanwhile is not committed yet");
            journal.committed(1);
            assertEquals(0, Files.size(file));
            assertEquals(List.of(), journal.pending());
        }
    }

    @Test
    void aReopenedJournalAppendsAfterWhatTheLastRunLeft() throws Exception {
        Path file = dir.resolve("outcomes.journal");
        try (OutcomeJournal journal = OutcomeJournal.open(file)) {
            journal.append(SENT);
        }
        try (OutcomeJournal journal = OutcomeJournal.open(file)) {
            journal.append(DEFERRED);
            assertEquals(List.of(SENT, DEFERRED), journal.pending());
        }
    }
}
