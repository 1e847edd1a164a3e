package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.emaillog.AttemptOutcome;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailAttempt;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.RecipientNote;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.EmailLogStore;
import org.mailconsole.store.emaillog.EmailStateConflictException;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * The Outbox through real parts: the shared engine on a real HSQLDB file, the live session as an
 * app uses it, and a scripted SMTP server giving exact replies (451, 550, partial refusal, slow).
 */
class OutboxTest {
    @TempDir
    Path dir;
    ScriptedSmtp smtp;
    SharedEngine core;
    EmailLogStore log;

    @BeforeEach
    void start() throws Exception {
        smtp = ScriptedSmtp.start();
        open();
        point(smtp);
    }

    @AfterEach
    void stop() throws Exception {
        core.release();
        smtp.close();
    }

    StorageSettings settings() {
        return new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "", dir.resolve("key"));
    }

    void open() {
        core = SharedEngine.acquire(settings());
        log = new EmailLogStore(core.database());
    }

    void set(Map<String, String> values) {
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()), Clock.systemUTC());
        properties.update(properties.document().version(), new HashMap<>(values), "test");
    }

    void point(ScriptedSmtp server) {
        set(Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", String.valueOf(server.port()),
                "glide.smtp.connection_timeout", "2000", "glide.smtp.timeout", "10000"));
    }

    long send(String subject, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@example.com");
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText("hello");
        Transport transport = core.session().getTransport("smtp");
        transport.connect();
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
        transport.close();
        return ((org.mailconsole.mail.live.LiveTransport) transport).lastEntryId();
    }

    EmailEntry await(long id, Predicate<EmailEntry> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        EmailEntry entry = null;
        while (System.nanoTime() < deadline) {
            entry = log.find(id).orElseThrow();
            if (condition.test(entry)) {
                return entry;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("not within 20 s: " + what + "; entry: " + entry);
    }

    @Test
    void aSentMessageIsLoggedWithTheServersReplyAndItsRawMessageDropped() throws Exception {
        long id = send("hello log", "to@example.com");
        EmailEntry sent = await(id, e -> e.state() == EmailState.SENT, "sent");
        assertEquals(250, sent.replyCode());
        assertTrue(sent.reply().startsWith("250 2.0.0 queued"), sent.reply());
        assertEquals("hello log", sent.subject());
        assertEquals("app@example.com", sent.from());
        assertEquals(List.of("to@example.com"), sent.recipients());
        assertEquals(List.of("to@example.com"), sent.actualRecipients());
        assertEquals("Default SMTP", sent.accountName());
        assertEquals(1, sent.attempts());
        assertTrue(sent.size() > 0);
        assertTrue(sent.messageId() != null && sent.messageId().startsWith("<"), sent.messageId());
        assertEquals(List.of("sent"), log.attempts(id).stream().map(EmailAttempt::outcome).toList());
        assertTrue(log.mime(id).isEmpty(), "a sent message's raw MIME is dropped");
        assertEquals(1, smtp.received().size());
        assertTrue(smtp.received().get(0).data().contains("Subject: hello log"));
        assertEquals(1L, log.counts().get(EmailState.SENT));
        assertEquals(0L, log.counts().get(EmailState.SEND_READY));
    }

    @Test
    void sendingOffLogsTheMessageAsSkipped() throws Exception {
        set(Map.of("glide.email.smtp.active", "false"));
        long id = send("not today", "to@example.com");
        EmailEntry skipped = log.find(id).orElseThrow();
        assertEquals(EmailState.SEND_IGNORED, skipped.state());
        assertTrue(skipped.reason().contains("disabled") || skipped.reason().contains("off"), skipped.reason());
        assertTrue(log.mime(id).isEmpty());
        Thread.sleep(500);
        assertEquals(0, smtp.dataCommands());
    }

    @Test
    void theTestAddressIsTheActualRecipient() throws Exception {
        set(Map.of("glide.email.test.user", "qa@example.com"));
        long id = send("redirected", "real@example.com");
        EmailEntry sent = await(id, e -> e.state() == EmailState.SENT, "sent");
        assertEquals(List.of("real@example.com"), sent.recipients());
        assertEquals(List.of("qa@example.com"), sent.actualRecipients());
        assertEquals(List.of("qa@example.com"), smtp.received().get(0).recipients());
    }

    @Test
    void code550FailsAtOnceWithoutARetry() throws Exception {
        set(Map.of("glide.smtp.retry_backoff", "1"));
        smtp.dataReply = "550 5.7.1 rejected by policy";
        long id = send("rejected", "to@example.com");
        EmailEntry failed = await(id, e -> e.state() == EmailState.SEND_FAILED, "failed");
        assertEquals(550, failed.replyCode());
        assertTrue(failed.reason().contains("rejected by policy"), failed.reason());
        Thread.sleep(2500);
        assertEquals(1, log.find(id).orElseThrow().attempts(), "no retry after a fail code");
        assertEquals(1, smtp.dataCommands());
        assertTrue(log.mime(id).isPresent(), "a Failed message keeps its raw MIME (Retry now)");
    }

    @Test
    void code451IsRetriedOnTheBackOffAndFailsAfterTheLastStep() throws Exception {
        set(Map.of("glide.smtp.retry_backoff", "1,2"));
        smtp.dataReply = "451 4.3.0 try again later";
        long id = send("deferred", "to@example.com");
        EmailEntry waiting = await(id, e -> e.attempts() == 1, "first attempt");
        assertEquals(EmailState.SEND_READY, waiting.state());
        assertEquals(451, waiting.replyCode());
        assertTrue(waiting.nextAttemptAt().isAfter(waiting.updatedAt()), "the next attempt waits");
        EmailEntry failed = await(id, e -> e.state() == EmailState.SEND_FAILED, "failed after the last step");
        assertEquals(3, failed.attempts(), "n steps: n + 1 attempts");
        assertTrue(failed.reason().startsWith("gave up after 3 attempt(s)"), failed.reason());
        List<EmailAttempt> history = log.attempts(id);
        assertEquals(List.of("deferred", "deferred", "failed"), history.stream().map(EmailAttempt::outcome).toList());
        long firstGap = Duration.between(history.get(0).at(), history.get(1).at()).toMillis();
        long secondGap = Duration.between(history.get(1).at(), history.get(2).at()).toMillis();
        assertTrue(firstGap >= 1000 && firstGap < 4000, "first step 1 s: " + firstGap);
        assertTrue(secondGap >= 2000 && secondGap < 5000, "second step 2 s: " + secondGap);
        assertEquals(3, smtp.dataCommands());
    }

    @Test
    void aPartialRefusalIsSentToTheAcceptedAndKeepsTheRefusedWithTheirReplies() throws Exception {
        smtp.rcptReply = address -> address.startsWith("nobody") ? "550 5.1.1 no such user" : "250 2.1.5 OK";
        long id = send("partly", "good@example.com", "nobody@example.com");
        EmailEntry sent = await(id, e -> e.state() == EmailState.SENT, "sent");
        assertEquals(List.of(new RecipientNote("nobody@example.com", "550 5.1.1 no such user")),
                sent.refusedRecipients());
        assertEquals(List.of("good@example.com"), smtp.received().get(0).recipients());
        assertEquals("partial", log.attempts(id).get(0).outcome());
    }

    @Test
    void aServerThatIsDownKeepsTheMessageWaitingWithTheReasonUntilItIsBack() throws Exception {
        ScriptedSmtp later = ScriptedSmtp.down();
        point(later);
        set(Map.of("glide.smtp.retry_backoff", "1,1,1,1,1,1,1,1,1,1"));
        long id = send("patience", "to@example.com");
        EmailEntry waiting = await(id, e -> e.attempts() >= 1, "first attempt");
        assertEquals(EmailState.SEND_READY, waiting.state());
        assertNull(waiting.replyCode());
        assertTrue(waiting.reason().startsWith("Connection refused by 127.0.0.1:" + later.port()), waiting.reason());
        later.up();
        try {
            EmailEntry sent = await(id, e -> e.state() == EmailState.SENT, "delivered once the server is back");
            assertEquals(250, sent.replyCode());
            assertEquals(1, later.received().size());
        } finally {
            later.close();
        }
    }

    @Test
    void aSlowServerDoesNotSlowTheAppsSend() throws Exception {
        smtp.dataDelayMillis = 6000;
        long started = System.nanoTime();
        long first = send("slow 1", "to@example.com");
        long second = send("slow 2", "to@example.com");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < 2000, "two sends to a server that takes 6 s each returned after " + tookMillis + " ms");
        assertEquals(EmailState.SEND_READY, log.find(second).orElseThrow().state());
        await(first, e -> e.state() == EmailState.SENT, "the first, after 6 s");
        await(second, e -> e.state() == EmailState.SENT, "the second, after 6 more");
    }

    @Test
    void aMessageBeingSentCannotBeCancelledAndRetryNowWaitsForThatAttempt() throws Exception {
        // the embedded database: the sender's claim is held in memory only, and Cancel and Retry now respect it
        smtp.dataDelayMillis = 3000;
        long id = send("in flight", "to@example.com");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (smtp.dataCommands() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, smtp.dataCommands(), "the sender has transferred the message and waits for the reply");
        assertNull(log.find(id).orElseThrow().claimedBy(), "no stored claim on the embedded database");
        EmailStateConflictException refused = assertThrows(EmailStateConflictException.class,
                () -> core.outbox().cancel(id, "admin"));
        assertTrue(refused.getMessage().contains("being sent"), refused.getMessage());
        EmailEntry after = core.outbox().retryNow(id);
        assertEquals(EmailState.SENT, after.state(), "Retry now waited for the sender's attempt: " + after);
        assertEquals(1, after.attempts());
        assertEquals(1, smtp.received().size(), "sent once");
    }

    @Test
    void whileAnAppSendsWithoutAPauseMessagesAreDeliveredAndRecorded() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int sent = 0;
        while (System.nanoTime() < end) {
            send("steady " + sent++, "to@example.com");
        }
        long deliveredMeanwhile = log.counts().get(EmailState.SENT);
        assertTrue(deliveredMeanwhile > 0, "the sender delivered while an app sent without a pause (" + sent + " sent)");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (log.counts().get(EmailState.SENT) < sent && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertEquals(sent, log.counts().get(EmailState.SENT), "all delivered once the app stopped");
        assertEquals(sent, smtp.received().size(), "each once");
    }

    void awaitDataCommands(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (smtp.dataCommands() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, smtp.dataCommands(), "messages transferred, their replies awaited");
    }

    /**
     * Two messages to a server that takes {@code replyMillis} to answer each: the first in flight,
     * the second handed to the busy sender in memory; their ids.
     */
    long[] oneInFlightOneBehind(long replyMillis) throws Exception {
        smtp.dataDelayMillis = replyMillis;
        long first = send("in flight", "to@example.com");
        awaitDataCommands(1);
        return new long[] {first, send("waiting behind it", "to@example.com")};
    }

    @Test
    void aMessageWaitingInMemoryForTheSenderCanBeCancelledAndIsNotSent() throws Exception {
        long[] ids = oneInFlightOneBehind(2000);
        long first = ids[0];
        long second = ids[1];
        EmailEntry cancelled = core.outbox().cancel(second, "admin");
        assertEquals(EmailState.SEND_IGNORED, cancelled.state(), "taken back from the sender's hands: " + cancelled);
        await(first, e -> e.state() == EmailState.SENT, "the first");
        Thread.sleep(500);
        assertEquals(1, smtp.received().size(), "the cancelled one never went");
    }

    @Test
    void retryNowOfAMessageWaitingInMemoryAttemptsItAtOnceAndItGoesOnce() throws Exception {
        long[] ids = oneInFlightOneBehind(1500);
        long first = ids[0];
        long second = ids[1];
        long started = System.nanoTime();
        EmailEntry retried = core.outbox().retryNow(second);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(EmailState.SENT, retried.state(), "attempted by Retry now itself: " + retried);
        // on a connection of its own, beside the first: waiting for the sender would take the first's
        // remaining reply delay and then its own (about 3 s)
        assertTrue(tookMillis < 2700, "Retry now took " + tookMillis + " ms");
        assertEquals(1, retried.attempts());
        await(first, e -> e.state() == EmailState.SENT, "the first");
        Thread.sleep(500);
        assertEquals(2, smtp.received().size(), "each once");
    }

    @Test
    void messagesLeftInMemoryAtAStopAreSentOnceAfterTheNextStart() throws Exception {
        smtp.dataDelayMillis = 1000;
        long[] ids = new long[4];
        ids[0] = send("in flight", "to@example.com");
        awaitDataCommands(1);
        for (int i = 1; i < ids.length; i++) {
            ids[i] = send("waiting " + i, "to@example.com");
        }
        core.release(); // the one in flight finishes; the others stay in the Outbox
        smtp.dataDelayMillis = 0;
        open();
        for (long id : ids) {
            await(id, e -> e.state() == EmailState.SENT, "delivered by the next run");
        }
        Thread.sleep(500);
        assertEquals(ids.length, smtp.received().size(), "each once");
    }

    @Test
    void aKeptConnectionTheServerClosedIsReplacedAndTheMessageGoesAtOnce() throws Exception {
        long first = send("before the restart", "to@example.com");
        await(first, e -> e.state() == EmailState.SENT, "the first, on the connection the idle sender keeps");
        smtp.dropConnections(); // the server closes the kept connection under the idle sender
        long second = send("after the restart", "to@example.com");
        EmailEntry sent = await(second, e -> e.state() == EmailState.SENT, "the second, on a new connection");
        assertEquals(1, sent.attempts(), "not deferred for the dead connection: " + sent);
        assertEquals(2, smtp.received().size());
    }

    @Test
    void theSearchTermsAreWrittenBehindTheAppsWithoutASearch() throws Exception {
        long id = send("Invoice 5519", "kim@customer.example");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long terms = 0;
        while (System.nanoTime() < deadline && (terms = core.database().read(connection -> {
            try (java.sql.ResultSet row = connection.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM email_term WHERE entry_id = " + id)) {
                row.next();
                return row.getLong(1);
            }
        })) == 0) {
            Thread.sleep(25);
        }
        assertTrue(terms > 0, "the term indexer wrote the entry's terms");
    }

    @Test
    void theOutboxSurvivesARestartAndIsDeliveredOnceEach() throws Exception {
        ScriptedSmtp later = ScriptedSmtp.down();
        point(later);
        set(Map.of("glide.smtp.retry_backoff", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"));
        long[] ids = new long[5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = send("kept " + i, "to" + i + "@example.com");
        }
        core.release();
        later.up();
        open();
        try {
            for (long id : ids) {
                await(id, e -> e.state() == EmailState.SENT, "delivered after the restart");
            }
            Thread.sleep(1500);
            assertEquals(5, later.received().size(), "each once");
        } finally {
            later.close();
        }
    }

    @Test
    void aMessageCancelledAfterTheSenderReadItIsLeftAloneAndTheOtherGoesOnce() throws Exception {
        Outbox outbox = core.outbox();
        outbox.stop(); // this test plays the sender
        long kept = send("kept", "to@example.com");
        long cancelled = send("cancelled", "to@example.com");
        List<Outbox.Candidate> due = outbox.due(java.time.Instant.now(), 20);
        assertEquals(List.of(kept, cancelled), due.stream().map(Outbox.Candidate::id).toList());
        assertTrue(due.get(1).read() != null, "read whole with the embedded database");
        outbox.cancel(cancelled, "admin");
        try (SmtpDelivery delivery = outbox.newDelivery();
             OutcomeJournal journal = OutcomeJournal.open(dir.resolve("test.journal"));
             OutcomeRecorder recorder = new OutcomeRecorder(log, journal, Duration.ofSeconds(30), () -> false)) {
            for (Outbox.Candidate candidate : due) {
                if (outbox.claim(candidate.id(), "test sender")) {
                    outbox.attemptClaimed(candidate, delivery, recorder);
                }
            }
        }
        assertEquals(EmailState.SENT, log.find(kept).orElseThrow().state());
        EmailEntry left = log.find(cancelled).orElseThrow();
        assertEquals(EmailState.SEND_IGNORED, left.state());
        assertEquals(0, left.attempts());
        assertEquals(1, smtp.received().size());
        assertTrue(smtp.received().get(0).data().contains("Subject: kept"), smtp.received().get(0).data());
    }

    @Test
    void anOutcomeThatCannotBeRecordedHoldsBackTheNextMessagesDot() throws Exception {
        Outbox outbox = core.outbox();
        outbox.stop();
        long first = send("first", "to@example.com");
        long second = send("second", "to@example.com");
        List<Outbox.Candidate> due = outbox.due(java.time.Instant.now(), 20);
        // without a journal (a database server): each outcome is committed before the next message's dot
        try (SmtpDelivery delivery = outbox.newDelivery();
             OutcomeRecorder recorder = new OutcomeRecorder(log, null, Duration.ofSeconds(30), () -> false)) {
            assertTrue(outbox.claim(first, "test sender"));
            outbox.attemptClaimed(due.get(0), delivery, recorder);
            recorder.drain();
            // an outcome whose recording throws (a null result cannot be written) stands for a database
            // that refused the commit
            recorder.submit(new AttemptOutcome(-1, 0, null), () -> { });
            assertTrue(outbox.claim(second, "test sender"));
            outbox.attemptClaimed(due.get(1), delivery, recorder);
            recorder.drain();
        }
        assertEquals(EmailState.SENT, log.find(first).orElseThrow().state());
        EmailEntry held = log.find(second).orElseThrow();
        assertEquals(EmailState.SEND_READY, held.state(), "waits for its next attempt");
        assertTrue(held.reason().contains("not handed over: the outcome of the message before could not be recorded"),
                held.reason());
        assertEquals(1, smtp.received().size(), "the second message's dot never went");
    }

    @Test
    void outcomesLeftInTheJournalAreRecordedAtTheNextStartEachOnce() throws Exception {
        core.outbox().stop(); // the sender of a run that was killed after writing these outcomes to its journal
        long sent = send("sent, journal only", "to@example.com");
        long deferred = send("deferred, journal only", "to@example.com");
        long deferredAndCommitted = send("deferred, committed too", "to@example.com");
        Instant now = Instant.now();
        AttemptResult delivered = new AttemptResult(now, EmailState.SENT, "sent", 250, "250 2.0.0 queued", null,
                List.of(), null, null, null, null);
        AttemptResult later = new AttemptResult(now, EmailState.SEND_READY, "deferred", 451, "451 4.3.0 try later",
                "451 4.3.0 try later", List.of(new RecipientNote("other@example.com", "550 no such user")),
                now.plusSeconds(3600), null, null, null);
        log.recordAll(List.of(new AttemptOutcome(deferredAndCommitted, 0, later)));
        Path file = SharedEngine.journalFile(settings());
        core.release();
        try (OutcomeJournal journal = OutcomeJournal.open(file)) {
            journal.append(new AttemptOutcome(sent, 0, delivered));
            journal.append(new AttemptOutcome(deferred, 0, later));
            journal.append(new AttemptOutcome(deferredAndCommitted, 0, later));
        }
        Files.writeString(file, "{\"id\": 12, \"cut short", java.nio.file.StandardOpenOption.APPEND);

        open();
        EmailEntry sentEntry = log.find(sent).orElseThrow();
        assertEquals(EmailState.SENT, sentEntry.state());
        assertEquals(250, sentEntry.replyCode());
        assertEquals(1, sentEntry.attempts());
        EmailEntry deferredEntry = log.find(deferred).orElseThrow();
        assertEquals(EmailState.SEND_READY, deferredEntry.state());
        assertEquals(1, deferredEntry.attempts());
        assertEquals(List.of(new RecipientNote("other@example.com", "550 no such user")),
                deferredEntry.refusedRecipients());
        assertEquals(1, log.find(deferredAndCommitted).orElseThrow().attempts(), "recorded once, not twice");
        assertEquals(1, log.attempts(deferredAndCommitted).size());
        assertEquals(0, Files.size(file), "emptied once recorded");
        assertEquals(0, smtp.received().size(), "none of them was sent again");
    }

    @Test
    void theEmbeddedDatabasesSenderKeepsAJournalThatIsEmptyOnceItsOutcomesAreRecorded() throws Exception {
        Path file = SharedEngine.journalFile(settings());
        long id = send("through the journal", "to@example.com");
        await(id, e -> e.state() == EmailState.SENT, "sent");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Files.size(file) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, Files.size(file));
        assertTrue(core.outbox().journal() != null, "the embedded database's sender journals its outcomes");
    }

    @Test
    void retryNowAndCancelFollowTheState() throws Exception {
        smtp.dataReply = "550 5.7.1 not now";
        long failedId = send("fails first", "to@example.com");
        await(failedId, e -> e.state() == EmailState.SEND_FAILED, "failed");
        smtp.dataReply = "250 2.0.0 fine now";
        EmailEntry retried = core.outbox().retryNow(failedId);
        assertEquals(EmailState.SENT, retried.state(), "Retry now attempts at once: " + retried);
        assertEquals(2, retried.attempts());
        assertThrows(EmailStateConflictException.class, () -> core.outbox().retryNow(failedId));
        assertThrows(EmailStateConflictException.class, () -> core.outbox().cancel(failedId, "admin"));

        ScriptedSmtp down = ScriptedSmtp.down();
        point(down);
        set(Map.of("glide.smtp.retry_backoff", "3600"));
        long waitingId = send("waits", "to@example.com");
        await(waitingId, e -> e.attempts() == 1, "first attempt");
        EmailEntry cancelled = core.outbox().cancel(waitingId, "admin");
        assertEquals(EmailState.SEND_IGNORED, cancelled.state());
        assertEquals("cancelled by admin", cancelled.reason());
        assertTrue(log.mime(waitingId).isEmpty());
        assertThrows(EmailStateConflictException.class, () -> core.outbox().cancel(waitingId, "admin"));
        assertEquals(0L, log.counts().get(EmailState.SEND_READY));
        assertEquals(1L, log.counts().get(EmailState.SEND_IGNORED));
        assertFalse(log.counts().get(EmailState.SENT) != 1L);
    }
}
