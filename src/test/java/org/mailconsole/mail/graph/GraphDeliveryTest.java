package org.mailconsole.mail.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.testing.GraphStandIn;
import org.mailconsole.testing.LogCapture;
import org.mailconsole.testing.SentEntries;
import org.mailconsole.testing.TestTls;

/**
 * A webapp's messages through the shared session to an active Microsoft Graph account, delivered by
 * the engine to a Graph stand-in on loopback (email-model.md section 8). Bounds are generous upper limits.
 */
class GraphDeliveryTest {
    static final Duration PATIENCE = Duration.ofSeconds(40);

    @TempDir
    Path dir;
    GraphStandIn graph;
    SharedEngine core;
    PropertiesService properties;
    AccountsService accounts;

    @BeforeEach
    void start() throws Exception {
        graph = GraphStandIn.start();
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()), Clock.systemUTC());
        properties.update(properties.document().version(), new HashMap<>(Map.of("glide.smtp.retry_backoff", "3600")),
                "test");
        accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        core.release();
        graph.close();
    }

    /** A Graph account against the stand-in, made the active outbound account (Default SMTP steps down). */
    EmailAccount graphAccount(Map<AccountSecret, String> credential) {
        return graphAccount(credential, false);
    }

    EmailAccount graphAccount(Map<AccountSecret, String> credential, boolean debugLogging) {
        EmailAccount smtp = accounts.list().stream().filter(a -> a.active() && a.type().outbound()).findFirst()
                .orElseThrow();
        AccountInput.Builder input = AccountInput.builder().set(AccountField.NAME, "Exchange Online")
                .set(AccountField.TYPE, "graph").set(AccountField.GRAPH_TENANT_ID, GraphStandIn.TENANT)
                .set(AccountField.GRAPH_CLIENT_ID, GraphStandIn.CLIENT_ID)
                .set(AccountField.GRAPH_MAILBOX, GraphStandIn.MAILBOX)
                .set(AccountField.GRAPH_TOKEN_URL, graph.url()).set(AccountField.GRAPH_URL, graph.url())
                .set(AccountField.GRAPH_SECRET_EXPIRES_ON, "2027-06-30").set(AccountField.DEBUG_LOGGING, debugLogging);
        credential.forEach(input::secret);
        EmailAccount created = accounts.create(input.build(), "test");
        return accounts.makeActiveSmtp(created.id(), created.version(), smtp.id(), false, "test");
    }

    EmailAccount secretAccount() {
        return graphAccount(Map.of(AccountSecret.GRAPH_CLIENT_SECRET, GraphStandIn.CLIENT_SECRET));
    }

    /** Sends as a webapp does, through the shared session; the entry's id. */
    long send(MimeMessage message) throws Exception {
        Transport transport = core.session().getTransport("smtp");
        transport.connect();
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
        transport.close();
        return SentEntries.idOf(core.database(), message);
    }

    MimeMessage plain(String subject, String to) throws Exception {
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText("hello", "UTF-8");
        return message;
    }

    EmailEntry await(long id, Predicate<EmailEntry> done) {
        return Awaitility.await("entry " + id).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> core.log().find(id).orElseThrow(), done);
    }

    static MimeMessage parse(byte[] mime) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
    }

    static Set<String> recipients(MimeMessage message) throws Exception {
        Set<String> all = new TreeSet<>();
        for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC,
                Message.RecipientType.BCC)) {
            InternetAddress[] addresses = (InternetAddress[]) message.getRecipients(type);
            if (addresses != null) {
                Arrays.stream(addresses).forEach(a -> all.add(a.getAddress()));
            }
        }
        return all;
    }

    @Test
    void aWebappsMessageArrivesOnceWithItsMessageIdHeadersUtf8SubjectAndAttachmentIntact() throws Exception {
        secretAccount();
        MimeMessage message = new MimeMessage(core.session());
        message.setFrom("app@shop.example");
        message.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.example"));
        message.addRecipient(Message.RecipientType.CC, new InternetAddress("copy@customer.example"));
        message.addRecipient(Message.RecipientType.BCC, new InternetAddress("hidden@customer.example"));
        message.setSubject("Bestellung für Zoë ✓", "UTF-8");
        message.setHeader("X-Order", "A-1001");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Grüße", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent("invoice,42\n", "text/csv");
        attachment.setFileName("invoice.csv");
        attachment.setDisposition(Part.ATTACHMENT);
        MimeMultipart multipart = new MimeMultipart(text, attachment);
        message.setContent(multipart);

        long id = send(message);
        String messageId = message.getMessageID(); // as the app's send set it
        EmailEntry entry = await(id, e -> e.state() == EmailState.SENT);

        assertEquals(1, graph.sent().size(), "once");
        GraphStandIn.Sent sent = graph.sent().get(0);
        assertEquals(GraphStandIn.MAILBOX, sent.mailbox());
        MimeMessage arrived = parse(sent.mime());
        assertEquals(messageId, arrived.getMessageID());
        assertEquals("Bestellung für Zoë ✓", arrived.getSubject());
        assertEquals("A-1001", arrived.getHeader("X-Order", null));
        assertEquals(Set.of("buyer@customer.example", "copy@customer.example", "hidden@customer.example"),
                recipients(arrived));
        assertEquals("buyer@customer.example", ((InternetAddress) arrived.getRecipients(Message.RecipientType.TO)[0])
                .getAddress());
        Multipart parts = (Multipart) arrived.getContent();
        assertEquals("Grüße", parts.getBodyPart(0).getContent());
        assertEquals("invoice.csv", parts.getBodyPart(1).getFileName());
        assertEquals("invoice,42\n", new String(parts.getBodyPart(1).getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
        assertEquals(202, entry.replyCode());
        assertTrue(graph.problems().isEmpty(), graph.problems().toString());
        Map<String, String> token = graph.tokenRequests().get(0);
        assertEquals("client_credentials", token.get("grant_type"));
        assertEquals(graph.url() + "/.default", token.get("scope"));
        assertEquals(GraphStandIn.CLIENT_SECRET, token.get("client_secret"));
        // a second delivery would come within the engine's next look
        Awaitility.await("exactly once").during(Duration.ofMillis(1500)).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertEquals(1, graph.sendRequests(), "exactly once"));
    }

    @Test
    void aTestAddressRewritesTheToHeader() throws Exception {
        secretAccount();
        Map<String, String> change = new HashMap<>();
        change.put("glide.email.test.user", "tester@shop.example");
        properties.update(properties.document().version(), change, "test");
        long id = send(plain("redirected", "real-customer@customer.example"));
        await(id, e -> e.state() == EmailState.SENT);
        MimeMessage arrived = parse(graph.sent().get(0).mime());
        assertEquals(Set.of("tester@shop.example"), recipients(arrived));
        assertEquals("tester@shop.example", ((InternetAddress) arrived.getRecipients(Message.RecipientType.TO)[0])
                .getAddress());
    }

    @Test
    void a429WithRetryAfter3PausesTheAccountThreeSecondsThenTheMessageGoesWithItsRetryStepsKept() throws Exception {
        secretAccount();
        graph.script(GraphStandIn.Answer.throttled(429, 3));
        long id = send(plain("throttled", "buyer@customer.example"));
        String paused = Awaitility.await().atMost(PATIENCE).until(
                () -> core.outbox().pausedReason().filter(r -> r.contains("429")), Optional::isPresent).orElseThrow();
        assertTrue(paused.startsWith("throttled by the relay until") && paused.contains("ApplicationThrottled"), paused);
        EmailEntry sent = await(id, e -> e.state() != EmailState.SEND_READY);
        assertEquals(EmailState.SENT, sent.state());
        assertEquals(1, sent.attempts(), "the throttled try is Graph's word about the pace, not an attempt");
        assertEquals(2, graph.sendRequests());
        assertEquals(1, graph.sent().size());
    }

    @Test
    void a400FailsWithGraphsCodeAndMessage() throws Exception {
        secretAccount();
        graph.script(GraphStandIn.Answer.error(400, "ErrorInvalidRecipients",
                "At least one recipient is not valid., Recipient 'x@' is not resolved."));
        long id = send(plain("bad recipient", "buyer@customer.example"));
        EmailEntry failed = await(id, e -> e.state() != EmailState.SEND_READY);
        assertEquals(EmailState.SEND_FAILED, failed.state());
        assertEquals(400, failed.replyCode());
        assertTrue(failed.reason().contains("ErrorInvalidRecipients: At least one recipient is not valid"),
                failed.reason());
    }

    @Test
    void a403IsAnAccountFailureAndTheMessageWaits() throws Exception {
        secretAccount();
        graph.script(GraphStandIn.Answer.error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."));
        long id = send(plain("denied", "buyer@customer.example"));
        EmailEntry deferred = await(id, e -> e.attempts() >= 1);
        assertEquals(EmailState.SEND_READY, deferred.state());
        assertEquals(403, deferred.replyCode());
        assertTrue(deferred.reason().contains("cannot send through Graph") && deferred.reason().contains("ErrorAccessDenied"),
                deferred.reason());
    }

    @Test
    void a401FetchesOneNewTokenAndTheMessageGoes() throws Exception {
        secretAccount();
        await(send(plain("first", "buyer@customer.example")), e -> e.state() == EmailState.SENT);
        assertEquals(1, graph.tokenRequests().size(), "the token is cached");
        graph.revokeTokens();
        EmailEntry second = await(send(plain("second", "buyer@customer.example")), e -> e.state() != EmailState.SEND_READY);
        assertEquals(EmailState.SENT, second.state());
        assertEquals(2, graph.tokenRequests().size(), "one new token");
        assertEquals(2, graph.sent().size());
    }

    @Test
    void aMessageOver3MbFailsSayingSoAndGraphGetsNothing() throws Exception {
        secretAccount();
        MimeMessage big = new MimeMessage(core.session());
        big.setFrom("app@shop.example");
        big.addRecipient(Message.RecipientType.TO, new InternetAddress("buyer@customer.example"));
        big.setSubject("big");
        MimeBodyPart attachment = new MimeBodyPart();
        byte[] bytes = new byte[3 * 1024 * 1024];
        new java.util.Random(1).nextBytes(bytes);
        attachment.setContent(bytes, "application/octet-stream");
        attachment.setFileName("big.bin");
        big.setContent(new MimeMultipart(attachment));
        EmailEntry failed = await(send(big), e -> e.state() != EmailState.SEND_READY);
        assertEquals(EmailState.SEND_FAILED, failed.state());
        assertTrue(failed.reason().contains("over the 3 MB"), failed.reason());
        assertNull(failed.replyCode());
        assertEquals(0, graph.sendRequests());
    }

    @Test
    void aCertificateSignsAClientAssertionThatVerifiesWithItsPublicKey() throws Exception {
        String certificate = TestTls.certificatePem();
        String key = Files.readString(TestTls.dir().resolve("key.pem"));
        graph.trustCertificate(certificate);
        graphAccount(Map.of(AccountSecret.GRAPH_CERTIFICATE, certificate, AccountSecret.GRAPH_PRIVATE_KEY, key));
        EmailEntry sent = await(send(plain("by certificate", "buyer@customer.example")),
                e -> e.state() != EmailState.SEND_READY);
        assertEquals(EmailState.SENT, sent.state(), sent.reason());
        Map<String, String> token = graph.tokenRequests().get(0);
        assertEquals(org.mailconsole.mail.graph.ClientAssertion.TYPE, token.get("client_assertion_type"));
        assertNotNull(token.get("client_assertion"));
        assertFalse(token.containsKey("client_secret"));
        assertTrue(graph.problems().isEmpty(), graph.problems().toString());
    }

    @Test
    void noTokenOrSecretReachesTheServerLog() throws Exception {
        try (LogCapture log = new LogCapture()) {
            secretAccount();
            graph.script(GraphStandIn.Answer.error(400, "ErrorInvalidRecipients", "no"));
            await(send(plain("logged", "buyer@customer.example")), e -> e.state() != EmailState.SEND_READY);
            String text = log.text();
            assertTrue(text.contains("Graph: POST " + graph.url() + "/v1.0/users/" + GraphStandIn.MAILBOX + "/sendMail -> 400"), "the exchange is logged at DEBUG");
            assertFalse(text.contains(GraphStandIn.CLIENT_SECRET), "client secret in the log");
            assertFalse(text.contains(GraphStandIn.TOKEN_PREFIX), () -> "token in the log: " + text.lines()
                    .filter(l -> l.contains(GraphStandIn.TOKEN_PREFIX)).toList());
        }
    }

    @Test
    void debugLoggingKeepsTheExchangesWithoutTokenSecretOrBody() throws Exception {
        EmailAccount account = graphAccount(Map.of(AccountSecret.GRAPH_CLIENT_SECRET, GraphStandIn.CLIENT_SECRET), true);
        EmailEntry sent = await(send(plain("recorded body canary", "buyer@customer.example")),
                e -> e.state() == EmailState.SENT);
        List<org.mailconsole.model.TranscriptEntry> kept = new org.mailconsole.store.TranscriptStore(core.database())
                .list(account.id());
        assertEquals(1, kept.size());
        String text = kept.get(0).text();
        assertTrue(text.contains("POST " + graph.url() + "/" + GraphStandIn.TENANT + "/oauth2/v2.0/token -> 200"), text);
        assertTrue(text.contains("POST " + graph.url() + "/v1.0/users/" + GraphStandIn.MAILBOX + "/sendMail -> 202 "
                + "(request-id req-1)"), text);
        assertTrue(kept.get(0).outcome().startsWith("Sent to Graph: 202"), kept.get(0).outcome());
        assertFalse(text.contains(GraphStandIn.TOKEN_PREFIX) || text.contains(GraphStandIn.CLIENT_SECRET)
                || text.contains("recorded body canary") || text.contains("hello"), text);
        assertEquals(kept.get(0).id(), core.log().attempts(sent.id()).get(0).transcriptId());
    }
}
