package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.LiveTestEmail;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.RateLimits;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.JdbcOutboxQueue;
import org.mailconsole.store.emaillog.Lease;
import org.mailconsole.store.emaillog.OutboxQueue;
import org.mailconsole.testing.GraphStandIn;
import org.mailconsole.testing.ScriptedSmtp;
import org.mailconsole.testing.ShiftableClock;
import org.mailconsole.testing.ThrottledTestEmail;

/**
 * The fallback account end to end (email-model.md section 7.3): the shared engine on a real HSQLDB
 * file, the built-in Default SMTP on one scripted relay (the primary) naming an SMTP account on
 * another (the fallback). The minute before the primary is tried again is skipped on the engine's
 * clock; the rest of the choice is {@link FallbackStateTest}'s.
 */
class FallbackDeliveryTest {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    ScriptedSmtp primary;
    ScriptedSmtp fallback;
    final ShiftableClock clock = new ShiftableClock();
    SharedEngine core;
    AccountsService accounts;
    EmailAccount defaultSmtp;
    EmailAccount backup;

    @BeforeEach
    void start() throws Exception {
        primary = ScriptedSmtp.down();
        fallback = ScriptedSmtp.start();
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")), clock);
        PropertiesService properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()),
                Clock.systemUTC());
        properties.update(properties.document().version(), new HashMap<>(Map.of("glide.email.server", "127.0.0.1",
                "glide.smtp.port", String.valueOf(primary.port()), "glide.smtp.connection_timeout", "5000",
                "glide.smtp.timeout", "30000")), "test");
        accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        backup = accounts.create(AccountInput.builder().set(AccountField.NAME, "Backup relay")
                .set(AccountField.TYPE, "smtp").set(AccountField.AUTHENTICATION, "none")
                .set(AccountField.SERVER, "127.0.0.1").set(AccountField.PORT, String.valueOf(fallback.port()))
                .set(AccountField.SECURITY, "none").set(AccountField.ACTIVE, false).build(), "test");
        EmailAccount smtp = accounts.list().stream().filter(a -> "Default SMTP".equals(a.name())).findFirst().orElseThrow();
        defaultSmtp = accounts.update(smtp.id(), smtp.version(), AccountInput.builder()
                .set(AccountField.FALLBACK_ACCOUNT_ID, backup.id().toString()).build(), "test");
    }

    @AfterEach
    void stop() throws Exception {
        core.release();
        primary.close();
        fallback.close();
    }

    void send(String subject, String... to) throws Exception {
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        for (String recipient : to.length == 0 ? new String[] {"buyer@customer.example"} : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);
    }

    void await(String what, BooleanSupplier done) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(done::getAsBoolean);
    }

    long sent() {
        return core.log().counts().getOrDefault(EmailState.SENT, 0L);
    }

    List<EmailEntry> sentEntries() {
        return core.log().list(EmailState.SENT, null, 0, 50).emails();
    }

    @Test
    void aPrimaryRefusingConnectionsSendsEveryMessageThroughItsFallbackUntilItIsBack() throws Exception {
        for (int i = 1; i <= 6; i++) {
            send("down " + i);
        }
        await("six through the fallback", () -> fallback.received().size() == 6 && sent() == 6);
        for (EmailEntry entry : sentEntries()) {
            assertEquals("Backup relay", entry.accountName(), "each entry names the account that delivered: "
                    + entry.subject());
        }
        FallbackUse use = core.engine().fallbackInUse(defaultSmtp.id()).orElseThrow();
        assertEquals("Backup relay", use.fallbackName());
        assertTrue(use.failure().contains("refused"), use.failure());
        assertEquals("Backup relay", core.engine().status().fallbackInUse().fallbackName(), "Diagnostics' delivery row");
        await("the metric says so", () -> core.metrics().scrape()
                .contains("mailconsole_fallback_in_use{account=\"Default SMTP\"} 1.0"));

        send("still down");
        await("new messages go to the fallback directly", () -> fallback.received().size() == 7);

        primary.up();
        send("before the minute");
        await("within the minute still the fallback", () -> fallback.received().size() == 8);
        assertEquals(0, primary.connections(), "the primary is not tried again before its minute");

        clock.skip(FallbackState.RETRY_PRIMARY);
        send("back 1");
        await("the primary tried again and taking it", () -> primary.received().size() == 1);
        assertTrue(core.engine().fallbackInUse(defaultSmtp.id()).isEmpty(), "the fallback is no longer in use");
        await("the metric follows", () -> core.metrics().scrape()
                .contains("mailconsole_fallback_in_use{account=\"Default SMTP\"} 0.0"));
        send("back 2");
        send("back 3");
        await("the next messages go through the primary", () -> primary.received().size() == 3 && sent() == 11);
        assertEquals(8, fallback.received().size());
        for (EmailEntry entry : sentEntries()) {
            assertEquals(entry.subject().startsWith("back") ? "Default SMTP" : "Backup relay", entry.accountName(),
                    entry.subject());
        }
    }

    @Test
    void aRecipientThePrimaryRefusedForGoodIsNotTriedOnTheFallback() throws Exception {
        primary.up();
        primary.rcptReply = address -> address.contains("gone@") ? "550 5.1.1 no such user" : "451 4.3.0 try later";
        send("mixed", "gone@customer.example", "buyer@customer.example");
        await("sent through the fallback", () -> sent() == 1);
        assertEquals(List.of("buyer@customer.example"), fallback.received().get(0).recipients());
        EmailEntry entry = sentEntries().get(0);
        assertEquals("Backup relay", entry.accountName());
        assertEquals(1, entry.refusedRecipients().size());
        assertEquals("gone@customer.example", entry.refusedRecipients().get(0).address());
        assertTrue(entry.refusedRecipients().get(0).note().startsWith("550"), entry.refusedRecipients().get(0).note());
        assertEquals(Outcome.PARTIAL, core.log().attempts(entry.id()).get(0).outcome(), "one attempt recorded: the fallback's");
        assertEquals(1, core.log().attempts(entry.id()).size());
        assertEquals("451 4.3.0 try later", core.engine().fallbackInUse(defaultSmtp.id()).orElseThrow().failure(),
                "the deferral is the primary's failure, not the refusal");
    }

    @Test
    void aThrottleReplyOfThePrimarySendsTheMessageThroughTheFallback() throws Exception {
        primary.up();
        primary.dataReply = "450 4.7.1 rate limit";
        send("throttled");
        await("sent through the fallback", () -> fallback.received().size() == 1 && sent() == 1);
        assertEquals("Backup relay", sentEntries().get(0).accountName());
        assertTrue(core.engine().fallbackInUse(defaultSmtp.id()).orElseThrow().failure().contains("4.7.1"));
        assertTrue(core.engine().status().throttledUntil() != null, "the primary itself is paused");
        assertTrue(core.outbox().pausedReason().isEmpty(), "the Outbox is not paused: the fallback sends");
        primary.dataReply = "250 2.0.0 queued";
        send("next");
        await("the next one too, while the primary is paused", () -> fallback.received().size() == 2);
        assertEquals(1, primary.dataCommands(), "nothing more went to the paused primary");
    }

    @Test
    void aThrottleReplyOfTheFallbackInUsePausesItAndIsCountedAndTheMessageWaits() throws Exception {
        fallback.dataReply = "450 4.7.1 rate limit";
        send("both push back");
        await("the fallback's pause counted, as the primary's would be", () -> core.metrics().scrape()
                .contains("mailconsole_throttle_pauses_total{account=\"Backup relay\"} 1.0"));
        assertEquals(1L, core.log().counts().get(EmailState.SEND_READY), "the message waits in the Outbox");
        assertEquals(0L, core.log().counts().get(EmailState.SEND_FAILED));
    }

    @Test
    void aTestEmailThePrimaryThrottlesGoesThroughTheFallbackAtOnce() throws Exception {
        primary.up();
        primary.dataReply = "450 4.7.1 rate limit";
        LiveTestEmail.Result result = new LiveTestEmail(core.session(), core.outbox()).send("admin@shop.example");
        assertTrue(result.ok(), result.message());
        EmailEntry entry = core.log().find(result.entryId()).orElseThrow();
        assertEquals(EmailState.SENT, entry.state());
        assertEquals("Backup relay", entry.accountName());
        assertEquals(1, fallback.received().size());
        assertTrue(core.engine().status().throttledUntil() != null, "the primary itself is paused, as for a worker");
        assertTrue(core.metrics().scrape().contains("mailconsole_throttle_pauses_total{account=\"Default SMTP\"} 1.0"));
    }

    @Test
    void aTestEmailBothThrottleGoesBackUnattemptedAndBothPause() throws Exception {
        primary.up();
        primary.dataReply = "450 4.7.1 rate limit";
        fallback.dataReply = "450 4.7.1 rate limit";
        ThrottledTestEmail.sendAndExpectItBack(core);
        String scrape = core.metrics().scrape();
        assertTrue(scrape.contains("mailconsole_throttle_pauses_total{account=\"Default SMTP\"} 1.0"), "the primary paused");
        assertTrue(scrape.contains("mailconsole_throttle_pauses_total{account=\"Backup relay\"} 1.0"), "the fallback paused");
        assertEquals(1, primary.dataCommands());
        assertEquals(1, fallback.dataCommands());
        assertEquals(0, fallback.received().size());
    }

    @Test
    void aRetryOfThePrimaryThatItsBudgetHeldIsHandedOutAgainOnceTheBudgetFrees() throws Exception {
        defaultSmtp = accounts.update(defaultSmtp.id(), defaultSmtp.version(), AccountInput.builder()
                .set(AccountField.MESSAGES_PER_MINUTE, "1").build(), "test");
        send("down");
        await("through the fallback, which is now in use", () -> fallback.received().size() == 1
                && core.engine().fallbackInUse(defaultSmtp.id()).isPresent());
        primary.up();
        clock.skip(Duration.ofSeconds(50));
        anotherNodeSendsThroughThePrimary();
        clock.skip(Duration.ofSeconds(11)); // the retry of the primary is due; its budget holds until 60 s after the other node's send
        send("while its budget holds");
        await("through the fallback", () -> fallback.received().size() == 2);
        assertEquals(0, primary.connections(), "the primary's budget held its retry: no connection");

        clock.skip(Duration.ofSeconds(51)); // the budget is free again, less than a minute after that retry
        send("budget free");
        await("the primary takes it: the retry its budget held was handed out again",
                () -> primary.received().size() == 1 && sent() == 4); // the other node's message is among the Sent
        assertEquals(2, fallback.received().size());
        assertTrue(core.engine().fallbackInUse(defaultSmtp.id()).isEmpty());
    }

    /** A send of another node through the primary now, in the budget the nodes share (email-model.md section 7). */
    void anotherNodeSendsThroughThePrimary() {
        JdbcOutboxQueue otherNode = new JdbcOutboxQueue(core.database(), clock, Duration.ofSeconds(30));
        Instant later = clock.instant().plus(Duration.ofHours(1)); // not due: this node's workers leave it alone
        long id = otherNode.enqueue(NewEmail.builder().createdAt(later).messageId("<other@node>")
                .from("app@shop.example").subject("other node").size(3).recipients(List.of("buyer@customer.example"))
                .actualRecipients(List.of("buyer@customer.example")).account(defaultSmtp.id(), defaultSmtp.name())
                .source("/shop").mime(new byte[] {1, 2, 3}).build());
        Lease lease = otherNode.lease("node-b", id).orElseThrow();
        assertTrue(otherNode.rebudget(lease, new OutboxQueue.Budget(defaultSmtp.id(), new RateLimits(1, null))).isEmpty(),
                "the primary's budget had room for the other node's send");
        assertTrue(otherNode.complete(lease, AttemptResult.builder().at(clock.instant()).outcome(Outcome.SENT)
                .reply(250, "250 ok").recipients(List.of("buyer@customer.example"))
                .account(defaultSmtp.id(), defaultSmtp.name()).build()));
    }

    @Test
    void theFallbacksOwnLimitsApply() throws Exception {
        backup = accounts.update(backup.id(), backup.version(), AccountInput.builder()
                .set(AccountField.NAME, backup.name()).set(AccountField.TYPE, "smtp")
                .set(AccountField.AUTHENTICATION, "none").set(AccountField.SERVER, "127.0.0.1")
                .set(AccountField.PORT, String.valueOf(fallback.port())).set(AccountField.SECURITY, "none")
                .set(AccountField.ACTIVE, false).set(AccountField.MESSAGES_PER_MINUTE, "2").build(), "test");
        for (int i = 1; i <= 4; i++) {
            send("limited " + i);
        }
        await("two through the fallback, within its limit", () -> fallback.received().size() == 2 && sent() == 2);
        await("the rest held by the fallback's budget", () -> core.outbox().pausedReason().orElse("")
                .startsWith("messages per minute (2) reached until"));
        Awaitility.await("no more than its limit").during(Duration.ofSeconds(2)).atMost(PATIENCE)
                .until(() -> fallback.received().size() == 2);
        assertEquals(2L, core.log().counts().get(EmailState.SEND_READY), "the other two wait in the Outbox");
        for (EmailEntry entry : core.log().list(EmailState.SEND_READY, null, 0, 10).emails()) {
            assertEquals(0, entry.attempts(), "waiting costs no retry step: " + entry.subject());
        }
    }

    @Test
    void aGraphAccountThatCannotSendFallsBackToAnSmtpAccount() throws Exception {
        try (GraphStandIn graph = GraphStandIn.start()) {
            EmailAccount exchange = accounts.create(AccountInput.builder().set(AccountField.NAME, "Exchange Online")
                    .set(AccountField.TYPE, "graph").set(AccountField.GRAPH_TENANT_ID, GraphStandIn.TENANT)
                    .set(AccountField.GRAPH_CLIENT_ID, GraphStandIn.CLIENT_ID)
                    .set(AccountField.GRAPH_MAILBOX, GraphStandIn.MAILBOX)
                    .set(AccountField.GRAPH_TOKEN_URL, graph.url()).set(AccountField.GRAPH_URL, graph.url())
                    .set(AccountField.FALLBACK_ACCOUNT_ID, backup.id().toString())
                    .secret(AccountSecret.GRAPH_CLIENT_SECRET, GraphStandIn.CLIENT_SECRET).build(), "test");
            accounts.makeActiveSmtp(exchange.id(), exchange.version(), defaultSmtp.id(), false, "test");
            graph.script(GraphStandIn.Answer.error(403, "ErrorAccessDenied", "Access is denied."));
            send("graph refused");
            await("through the SMTP fallback", () -> fallback.received().size() == 1 && sent() == 1);
            assertEquals("Backup relay", sentEntries().get(0).accountName());
            assertTrue(core.engine().fallbackInUse(exchange.id()).orElseThrow().failure().contains("ErrorAccessDenied"));
        }
    }
}
