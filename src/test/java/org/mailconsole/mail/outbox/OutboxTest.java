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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.emaillog.EmailAttempt;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.model.emaillog.RecipientNote;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.EmailStateConflictException;
import org.mailconsole.store.emaillog.TestLog;
import org.mailconsole.testing.ScriptedSmtp;
import org.mailconsole.testing.SentEntries;
import org.mailconsole.testing.Steady;

/**
 * The Outbox through real parts: the shared engine on a real HSQLDB file, the live session as an
 * app uses it, and a scripted SMTP server giving exact replies (451, 550, partial refusal, slow).
 */
class OutboxTest {
    @TempDir
    Path dir;
    ScriptedSmtp smtp;
    SharedEngine core;
    TestLog log;

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
        log = new TestLog(core.database());
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
        return SentEntries.idOf(core.database(), message);
    }

    EmailEntry await(long id, Predicate<EmailEntry> condition, String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25))
                .until(() -> log.find(id).orElseThrow(), condition);
    }

    /** A reply the relay holds back until {@code gate} opens (30 s at most), then {@code smtp.dataReply}. */
    String heldBack(CountDownLatch gate) {
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return smtp.dataReply;
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
        assertEquals(List.of(Outcome.SENT), log.attempts(id).stream().map(EmailAttempt::outcome).toList());
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
        Steady.holds("nothing goes to the relay", Duration.ofMillis(500), () -> assertEquals(0, smtp.dataCommands()));
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
        // the back-off's first step is 1 s: a retry would come well within this
        Steady.holds("no retry after a fail code", Duration.ofMillis(2500), () -> {
            assertEquals(1, log.find(id).orElseThrow().attempts(), "no retry after a fail code");
            assertEquals(1, smtp.dataCommands());
        });
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
        assertEquals(List.of(Outcome.DEFERRED, Outcome.DEFERRED, Outcome.FAILED),
                history.stream().map(EmailAttempt::outcome).toList());
        long firstGap = Duration.between(history.get(0).at(), history.get(1).at()).toMillis();
        long secondGap = Duration.between(history.get(1).at(), history.get(2).at()).toMillis();
        assertTrue(firstGap >= 1000, "not before the first step, 1 s: " + firstGap);
        assertTrue(secondGap >= 2000, "not before the second step, 2 s: " + secondGap);
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
        assertEquals(Outcome.PARTIAL, log.attempts(id).get(0).outcome());
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
        // the slowest server: it answers no DATA until the test lets it; the app's sends return meanwhile
        CountDownLatch answer = new CountDownLatch(1);
        smtp.dataReplies = () -> heldBack(answer);
        long first;
        long second;
        try {
            first = send("slow 1", "to@example.com");
            second = send("slow 2", "to@example.com");
            assertEquals(List.of(), smtp.received(), "the sends returned while the server had answered no DATA");
            for (long id : new long[] {first, second}) {
                EmailEntry waiting = log.find(id).orElseThrow();
                assertEquals(EmailState.SEND_READY, waiting.state(), "in the Outbox: " + waiting);
                assertEquals(0, waiting.attempts(), "no attempt finished while the app sent: " + waiting);
            }
        } finally {
            answer.countDown();
        }
        await(first, e -> e.state() == EmailState.SENT, "the first, once the server answers");
        await(second, e -> e.state() == EmailState.SENT, "the second, once the server answers");
    }

    @Test
    void aMessageBeingSentCannotBeCancelledAndRetryNowWaitsForThatAttempt() throws Exception {
        // the worker's lease is in the database, whichever database: Cancel and Retry now respect it
        smtp.dataDelayMillis = 3000;
        long id = send("in flight", "to@example.com");
        Awaitility.await("the sender has transferred the message and waits for the reply").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10)).until(() -> smtp.dataCommands() > 0);
        assertEquals(1, smtp.dataCommands(), "the sender has transferred the message and waits for the reply");
        assertTrue(log.find(id).orElseThrow().claimedAt(Instant.now()), "leased by the worker");
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
        long all = sent;
        Awaitility.await("all delivered once the app stopped").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(25)).until(() -> log.counts().get(EmailState.SENT) >= all);
        assertEquals(sent, log.counts().get(EmailState.SENT), "all delivered once the app stopped");
        assertEquals(sent, smtp.received().size(), "each once");
    }

    void awaitDataCommands(int n) {
        Awaitility.await("messages transferred, their replies awaited").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10)).until(() -> smtp.dataCommands() >= n);
        assertEquals(n, smtp.dataCommands(), "messages transferred, their replies awaited");
    }

    /** Default SMTP with Connections 1, as an admin saves it, once the engine runs one worker. */
    void oneConnection() {
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        AccountsService accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst()
                .orElseThrow();
        accounts.update(smtp.id(), smtp.version(), AccountInput.builder().set(AccountField.MAX_CONNECTIONS, "1").build(),
                "test");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> core.engine().status().workers() == 1);
    }

    /**
     * Two messages to a server that takes {@code replyMillis} to answer each, with one connection
     * (another would take the second at once): the first in flight, the second queued behind it;
     * their ids.
     */
    long[] oneInFlightOneBehind(long replyMillis) throws Exception {
        oneConnection();
        smtp.dataDelayMillis = replyMillis;
        long first = send("in flight", "to@example.com");
        awaitDataCommands(1);
        return new long[] {first, send("waiting behind it", "to@example.com")};
    }

    @Test
    void aMessageQueuedBehindTheOneInFlightCanBeCancelledAndIsNotSent() throws Exception {
        long[] ids = oneInFlightOneBehind(2000);
        long first = ids[0];
        long second = ids[1];
        EmailEntry cancelled = core.outbox().cancel(second, "admin");
        assertEquals(EmailState.SEND_IGNORED, cancelled.state(), "not leased yet: " + cancelled);
        await(first, e -> e.state() == EmailState.SENT, "the first");
        Steady.holds("the cancelled one never went", Duration.ofMillis(500),
                () -> assertEquals(1, smtp.received().size(), "the cancelled one never went"));
    }

    @Test
    void retryNowOfAMessageQueuedBehindAttemptsItAtOnceAndItGoesOnce() throws Exception {
        // the relay holds its reply to the first message (the one in flight) until the test lets it go;
        // any other message it answers at once
        CountDownLatch firstAnswer = new CountDownLatch(1);
        AtomicInteger replies = new AtomicInteger();
        smtp.dataReplies = () -> replies.incrementAndGet() == 1 ? heldBack(firstAnswer) : smtp.dataReply;
        long[] ids = oneInFlightOneBehind(0);
        long first = ids[0];
        long second = ids[1];
        try {
            EmailEntry retried = core.outbox().retryNow(second);
            assertEquals(EmailState.SENT, retried.state(), "attempted by Retry now itself: " + retried);
            assertEquals(1, retried.attempts());
            // on a connection of its own, beside the first: waiting for the sender would have meant waiting
            // for the first's reply, which the relay still holds back
            EmailEntry inFlight = log.find(first).orElseThrow();
            assertEquals(0, inFlight.attempts(), "the first still awaits its reply: " + inFlight);
            assertTrue(inFlight.claimedAt(Instant.now()), "the first still leased by the worker: " + inFlight);
            assertEquals(1, smtp.received().size(), "only the retried one answered so far");
        } finally {
            firstAnswer.countDown();
        }
        await(first, e -> e.state() == EmailState.SENT, "the first");
        Steady.holds("each once", Duration.ofMillis(500), () -> assertEquals(2, smtp.received().size(), "each once"));
    }

    @Test
    void messagesWaitingAtAStopAreSentOnceAfterTheNextStart() throws Exception {
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
        Steady.holds("each once", Duration.ofMillis(500), () -> assertEquals(ids.length, smtp.received().size(), "each once"));
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
    void aSentMessageIsFoundByASearchAsSoonAsTheAppsSendReturns() throws Exception {
        long id = send("Invoice 5519", "kim@customer.example");
        assertEquals(List.of(id), log.list(null, "5519", 0, 10).emails().stream().map(EmailEntry::id).toList(),
                "its search terms were written with the entry");
    }

    @Test
    void aDatabaseThatRefusesWritesMakesTheWorkerBackOffAndNoMessageGoesTwice() throws Exception {
        smtp.dataDelayMillis = 1500;
        long id = send("outcome refused for a while", "to@example.com");
        awaitDataCommands(1);
        // the database refuses every change of an entry (as a full disk would) while the relay answers 250
        execute("CREATE TRIGGER refuse_update BEFORE UPDATE ON email_entry FOR EACH ROW "
                + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no space left on device'");
        execute("CREATE TRIGGER refuse_insert BEFORE INSERT ON email_entry FOR EACH ROW "
                + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no space left on device'");
        MessagingException refused = assertThrows(MessagingException.class, () -> send("refused", "to@example.com"));
        assertTrue(refused.getMessage().contains("could not keep the message in its Outbox")
                && refused.getMessage().contains("no space left on device"), refused.getMessage());
        Awaitility.await("the relay took it").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> !smtp.received().isEmpty());
        assertEquals(1, smtp.received().size(), "the relay took it");
        // the worker tries to record the outcome, is refused, and waits
        Steady.holds("not recorded while refused", Duration.ofMillis(2500), () -> {
            assertEquals(EmailState.SEND_READY, log.find(id).orElseThrow().state(), "not recorded while refused");
            assertEquals(1, smtp.received().size(), "not sent again while refused");
        });
        execute("DROP TRIGGER refuse_update");
        execute("DROP TRIGGER refuse_insert");
        EmailEntry sent = await(id, e -> e.state() == EmailState.SENT, "recorded once the database takes writes");
        assertEquals(1, sent.attempts());
        Steady.holds("sent once", Duration.ofSeconds(1), () -> assertEquals(1, smtp.received().size(),
                "sent once: the worker kept its lease and its outcome"));
    }

    void execute(String sql) {
        core.database().inRecordTransaction(connection -> connection.createStatement().execute(sql));
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
            Steady.holds("each once", Duration.ofMillis(1500), () -> assertEquals(5, later.received().size(), "each once"));
        } finally {
            later.close();
        }
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

    /** Messages deferred while the relay is down: each has made its first attempt. */
    long[] deferredWhileTheRelayIsDown(ScriptedSmtp later, int n) throws Exception {
        point(later);
        set(Map.of("glide.smtp.retry_backoff", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"));
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = send("waits " + i, "to" + i + "@example.com");
        }
        for (long id : ids) {
            await(id, e -> e.attempts() >= 1, "first attempt while the relay is down");
        }
        return ids;
    }

    @Test
    void whileSendingIsOffQueuedMessagesWaitWithoutAttemptsAndGoOnceWhenItIsOnAgain() throws Exception {
        try (ScriptedSmtp later = ScriptedSmtp.down()) {
            long[] ids = deferredWhileTheRelayIsDown(later, 5);
            set(Map.of("glide.email.smtp.active", "false"));
            assertTrue(core.outbox().pausedReason().isPresent());
            // an attempt under way when sending went off finishes: no message leased for half a second
            Awaitility.await("the attempts under way finished").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25))
                    .until(() -> Arrays.stream(ids)
                            .noneMatch(id -> log.find(id).orElseThrow().claimedAt(Instant.now())));
            Map<Long, Integer> attemptsAtPause = new HashMap<>();
            for (long id : ids) {
                attemptsAtPause.put(id, log.find(id).orElseThrow().attempts());
            }
            // longer than several back-off steps of 1 s: each would have been due again several times
            Steady.holds("no attempt while paused", Duration.ofSeconds(4), () -> {
                for (long id : ids) {
                    EmailEntry waiting = log.find(id).orElseThrow();
                    assertEquals(EmailState.SEND_READY, waiting.state(), "not Skipped while paused: " + waiting);
                    assertEquals(attemptsAtPause.get(id), waiting.attempts(), "no attempt while paused: " + waiting);
                }
            });
            assertThrows(SendingPausedException.class, () -> core.outbox().retryNow(ids[0]));
            long skipped = send("handed over while off", "to@example.com");
            assertEquals(EmailState.SEND_IGNORED, log.find(skipped).orElseThrow().state(), "handed over while off");
            later.up();
            set(Map.of("glide.email.smtp.active", "true"));
            for (long id : ids) {
                EmailEntry sent = await(id, e -> e.state() == EmailState.SENT, "sent once sending is on again");
                assertEquals(attemptsAtPause.get(id) + 1, sent.attempts(), "the pause used no retry step: " + sent);
            }
            Steady.holds("each once", Duration.ofMillis(500), () -> assertEquals(ids.length, later.received().size(), "each once"));
        }
    }

    @Test
    void aBlankServerPausesTheOutboxToo() throws Exception {
        try (ScriptedSmtp later = ScriptedSmtp.down()) {
            long[] ids = deferredWhileTheRelayIsDown(later, 2);
            set(Map.of("glide.email.server", ""));
            // longer than several back-off steps of 1 s: the messages wait, not Failed nor Skipped
            Steady.holds("the messages wait while the server is blank", Duration.ofSeconds(3), () -> {
                for (long id : ids) {
                    assertEquals(EmailState.SEND_READY, log.find(id).orElseThrow().state());
                }
            });
            later.up();
            point(later);
            for (long id : ids) {
                await(id, e -> e.state() == EmailState.SENT, "sent once the server is set again");
            }
        }
    }

    @Test
    void aMessageQueuedBeforeTheTestAddressWasSetGoesOnlyToTheTestAddressAndEachAttemptRecordsItsRecipients()
            throws Exception {
        try (ScriptedSmtp later = ScriptedSmtp.down()) {
            long id = deferredWhileTheRelayIsDown(later, 1)[0];
            set(Map.of("glide.email.test.user", "qa@example.com"));
            later.up();
            EmailEntry sent = await(id, e -> e.state() == EmailState.SENT, "sent");
            assertEquals(List.of("qa@example.com"), later.received().get(0).recipients());
            List<EmailAttempt> history = log.attempts(id);
            assertEquals(List.of("to0@example.com"), history.get(0).recipients(), "the first attempt, before");
            assertEquals(List.of("qa@example.com"), history.get(history.size() - 1).recipients());
            assertEquals(List.of("to0@example.com"), sent.recipients(), "the entry keeps what the app gave");
        }
    }

    @Test
    void aMessageQueuedUnderATestAddressNeverReachesItsOriginalRecipients() throws Exception {
        try (ScriptedSmtp later = ScriptedSmtp.down()) {
            point(later);
            set(Map.of("glide.email.test.user", "qa@example.com", "glide.smtp.retry_backoff", "1,1,1,1,1,1,1,1,1,1"));
            long id = send("under the test address", "customer@example.com");
            await(id, e -> e.attempts() >= 1, "first attempt");
            set(Map.of("glide.email.test.user", ""));
            later.up();
            await(id, e -> e.state() == EmailState.SENT, "sent");
            assertEquals(List.of("qa@example.com"), later.received().get(0).recipients(), "only narrows");
        }
    }

    @Test
    void cancelAllSkipsEveryWaitingMessageAndNoneIsSentLater() throws Exception {
        try (ScriptedSmtp later = ScriptedSmtp.down()) {
            long[] ids = deferredWhileTheRelayIsDown(later, 4);
            int cancelled = core.outbox().cancelAll("admin", n -> List.of());
            assertEquals(4, cancelled);
            for (long id : ids) {
                EmailEntry entry = log.find(id).orElseThrow();
                assertEquals(EmailState.SEND_IGNORED, entry.state());
                assertEquals("cancelled by admin", entry.reason());
                assertTrue(log.mime(id).isEmpty());
            }
            later.up();
            // the back-off steps are 1 s: a message still in the Outbox would be due again within this
            Steady.holds("none sent later", Duration.ofMillis(2500), () -> {
                assertEquals(0, later.received().size(), "none sent later");
                assertEquals(0L, log.counts().get(EmailState.SEND_READY));
            });
        }
    }
}
