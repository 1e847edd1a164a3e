package org.mailconsole.mail.live;

import org.mailconsole.mail.engine.SharedEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AccountInput;
import org.mailconsole.console.AccountsService;
import org.mailconsole.console.PropertiesService;
import org.mailconsole.console.LiveTestEmail;
import org.mailconsole.model.AccountField;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.connect.ConnectionTester;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.Certificates;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.Protocol;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.TranscriptEntry;
import org.mailconsole.store.PropertyStore;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.emaillog.TestLog;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.testing.LogCapture;
import org.mailconsole.testing.MailServers;
import org.mailconsole.testing.TestTls;
import org.mailconsole.testing.TokenEndpoint;

/** The live session against real GreenMail servers, with the configuration in a real HSQLDB. */
class LiveSessionTest {
    static final String CANARY = "canary-Pw-7f3a91";

    @TempDir
    Path dir;
    GreenMail a;
    GreenMail b;
    SharedEngine core;
    PropertiesService properties;
    Session session;

    @BeforeEach
    void start() {
        a = new GreenMail(new com.icegreen.greenmail.util.ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.POP3.dynamicPort()});
        b = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        a.start();
        b.start();
        core = SharedEngine.acquire(new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key")));
        properties = new PropertiesService(new PropertyStore(core.database(), core.secrets()), Clock.systemUTC());
        session = core.session();
        set(Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", port(a)));
    }

    @AfterEach
    void stop() {
        core.release();
        a.stop();
        b.stop();
    }

    static String port(GreenMail server) {
        return String.valueOf(server.getSmtp().getPort());
    }

    void set(Map<String, String> values) {
        // no wait: a change committed in this JVM is seen by the very next send
        properties.update(properties.document().version(), new HashMap<>(values), "test");
    }

    /** How many messages the mailbox of {@code email} on {@code server} holds (envelope deliveries). */
    static int inbox(GreenMail server, String email) throws Exception {
        var user = server.getUserManager().getUserByEmail(email);
        return user == null ? 0 : server.getManagers().getImapHostManager().getInbox(user).getMessageCount();
    }

    /** Waits (bounded) until {@code server} has received {@code count} messages in all; exactly that many. */
    void received(GreenMail server, int count) {
        waiting(count + " received").atMost(Duration.ofSeconds(10))
                .until(() -> server.getReceivedMessages().length >= count);
        // and no more than that
        waiting("no more than " + count + " received").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(count, server.getReceivedMessages().length, () -> "the newest log entry: "
                        + new TestLog(core.database()).list(null, null, 0, 1).emails()));
    }

    /** The newest log entry, once the sender has attempted it. */
    EmailEntry attempted() {
        TestLog log = new TestLog(core.database());
        return waiting("attempted").atMost(Duration.ofSeconds(10))
                .until(() -> log.list(null, null, 0, 1).emails().get(0), newest -> newest.attempts() > 0);
    }

    /**
     * Awaitility, polling every 20 ms, that leaves other threads' exceptions alone: a GreenMail server
     * whose TLS handshake the sender refuses (an untrusted certificate, as meant) throws in its own thread.
     */
    static ConditionFactory waiting(String what) {
        return Awaitility.await(what).pollInterval(Duration.ofMillis(20)).dontCatchUncaughtExceptions();
    }

    MimeMessage message(String subject, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("app@example.com");
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText("hello");
        return message;
    }

    @Test
    void aSessionKeptByAnAppFollowsTheServerChange() throws Exception {
        Transport.send(message("one", "x@example.com"));
        received(a, 1);

        set(Map.of("glide.smtp.port", port(b)));
        Transport.send(message("two", "x@example.com"));
        received(b, 1);
        assertEquals(1, a.getReceivedMessages().length);
        assertEquals(1, b.getReceivedMessages().length);
        assertEquals("two", b.getReceivedMessages()[0].getSubject());
    }

    @Test
    void sendingOffSendsNothingAndReturnsNormally() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            set(Map.of("glide.email.smtp.active", "false"));
            MimeMessage message = message("skipped one", "x@example.com");
            Transport.send(message);
            assertEquals(0, a.getReceivedMessages().length);
            assertTrue(logs.text().contains("not sent") && logs.text().contains("skipped one"), logs.text());
        }
    }

    @Test
    void testAddressReplacesRecipients() throws Exception {
        set(Map.of("glide.email.test.user", "qa@example.com"));
        Transport.send(message("redirected", "real1@example.com", "real2@example.com"));
        received(a, 1);
        MimeMessage[] received = a.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals(1, inbox(a, "qa@example.com"));
        assertEquals(0, inbox(a, "real1@example.com"));
    }

    @Test
    void recipientsAreSplitAndHeadersAdded() throws Exception {
        set(Map.of("glide.email.smtp.max_recipients", "2", "glide.smtp.precedence_bulk", "true",
                "glide.email.user", "helpdesk@example.com", "glide.email.username", "Help Desk"));
        MimeMessage message = new MimeMessage(session);
        message.setRecipients(Message.RecipientType.TO, "r1@example.com, r2@example.com, r3@example.com");
        message.setRecipients(Message.RecipientType.CC, "r4@example.com, r5@example.com");
        message.setSubject("split");
        message.setText("hi");
        Transport.send(message);
        received(a, 5);
        MimeMessage[] received = a.getReceivedMessages();
        assertEquals(5, received.length);
        for (int i = 1; i <= 5; i++) {
            assertEquals(1, inbox(a, "r" + i + "@example.com"));
        }
        assertEquals("bulk", received[0].getHeader("Precedence")[0]);
        InternetAddress from = (InternetAddress) received[0].getFrom()[0];
        assertEquals("helpdesk@example.com", from.getAddress());
        assertEquals("Help Desk", from.getPersonal());
    }

    @Test
    void aConnectedTransportReusesItsConnectionAndFollowsChanges() throws Exception {
        set(Map.of("glide.email.smtp.max_send", "2"));
        Transport transport = session.getTransport("smtp");
        transport.connect();
        for (int i = 0; i < 5; i++) {
            MimeMessage m = message("reuse " + i, "x@example.com");
            m.saveChanges();
            transport.sendMessage(m, m.getAllRecipients());
        }
        received(a, 5);
        set(Map.of("glide.smtp.port", port(b)));
        MimeMessage m = message("after change", "x@example.com");
        m.saveChanges();
        transport.sendMessage(m, m.getAllRecipients());
        transport.close();
        received(b, 1);
    }

    @Test
    void starttlsIsRequiredNeverAPlainTextFallback() throws Exception {
        set(Map.of("glide.smtp.encryption", "starttls")); // GreenMail offers no STARTTLS
        Transport.send(message("must not leave in plain text", "x@example.com"));
        EmailEntry waiting = attempted();
        assertEquals(EmailState.SEND_READY, waiting.state(), "waits in the Outbox for the next attempt");
        assertTrue(waiting.reason().contains("STARTTLS"), waiting.reason());
        assertEquals(0, a.getReceivedMessages().length);
    }

    @Test
    void passwordLoginWorksAndNoSecretIsLogged() throws Exception {
        a.setUser("helpdesk@example.com", "helpdesk@example.com", CANARY);
        try (LogCapture logs = new LogCapture()) {
            set(Map.of("glide.smtp.auth", "true", "glide.email.user", "helpdesk@example.com",
                    "glide.email.user_password", CANARY));
            Transport.send(message("authenticated", "x@example.com"));
            received(a, 1);
            assertFalse(logs.text().contains(CANARY));
        }
    }

    @Test
    void storesConnectToTheInboundAccountOrRefuse() throws Exception {
        a.setUser("inbox@example.com", "inbox", "inbox-pw");
        GreenMailUtil.sendTextEmail("inbox@example.com", "someone@example.com", "incoming", "body",
                ServerSetupTest.SMTP.port(a.getSmtp().getPort()));
        set(Map.of("glide.pop3.server", "127.0.0.1", "glide.pop3.port", String.valueOf(a.getPop3().getPort()),
                "glide.pop3.user", "inbox", "glide.pop3.password", "inbox-pw"));
        for (Store store : Arrays.asList(session.getStore(), session.getStore("pop3"))) {
            store.connect();
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(1, inbox.getMessageCount());
            inbox.close(false);
            store.close();
        }
        MessagingException noImap = assertThrows(MessagingException.class, () -> session.getStore("imap").connect());
        assertEquals("Mail Console has no active IMAP account to connect a store to", noImap.getMessage());

        set(Map.of("glide.email.read.active", "false"));
        MessagingException refused = assertThrows(MessagingException.class, () -> session.getStore().connect());
        assertTrue(refused.getMessage().contains("receiving is disabled"), refused.getMessage());
    }

    @Test
    void theConsoleTestEmailTakesTheSamePath() throws Exception {
        LiveTestEmail.Result result = new LiveTestEmail(session, core.outbox()).send("admin@example.com");
        assertTrue(result.ok(), result.message());
        assertTrue(result.reply().startsWith("250"), result.reply());
        assertEquals(1, a.getReceivedMessages().length);
        EmailEntry logged = new TestLog(core.database()).find(result.entryId()).orElseThrow();
        assertEquals(EmailState.SENT, logged.state());
        assertEquals("console", logged.source());

        set(Map.of("glide.email.smtp.active", "false"));
        assertFalse(new LiveTestEmail(session, core.outbox()).send("admin@example.com").ok());
    }

    @Test
    void accountsWithDebugLoggingKeepTheTranscriptsOfLiveSendsAndReads() throws Exception {
        b.setUser("relay@example.com", "relay@example.com", CANARY);
        AccountsService accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        for (EmailAccount account : accounts.list()) {
            if (account.active()) { // the built-in accounts step aside
                accounts.update(account.id(), account.version(), asInput(account, false), "test");
            }
        }
        EmailAccount relay = accounts.create(AccountInput.builder().set(AccountField.NAME, "Relay B")
                .set(AccountField.TYPE, "smtp").set(AccountField.AUTHENTICATION, "password")
                .set(AccountField.SERVER, "127.0.0.1").set(AccountField.PORT, port(b))
                .set(AccountField.SECURITY, "none").set(AccountField.USER_NAME, "relay@example.com")
                .set(AccountField.ACTIVE, true).set(AccountField.DEBUG_LOGGING, true)
                .secret(AccountSecret.PASSWORD, CANARY).build(), "test");
        TranscriptStore transcripts = new TranscriptStore(core.database());
        try (LogCapture logs = new LogCapture()) {
            Transport.send(message("recorded send", "x@example.com"));
            received(b, 1);
            assertEquals(EmailState.SENT, attempted().state());
            assertEquals(0, a.getReceivedMessages().length);
            List<TranscriptEntry> kept = transcripts.list(relay.id());
            assertEquals(1, kept.size());
            assertEquals("send", kept.get(0).kind());
            String text = kept.get(0).text();
            assertTrue(text.contains("EHLO"), text);
            assertTrue(text.contains("recorded send"), text);
            assertFalse(text.contains(CANARY), text);
            assertFalse(text.contains(java.util.Base64.getEncoder().encodeToString(
                    ("\0relay@example.com\0" + CANARY).getBytes(java.nio.charset.StandardCharsets.UTF_8))), text);
            assertFalse(logs.text().contains(CANARY));
        }

        a.setUser("inbox@example.com", "inbox", "inbox-canary-pw");
        EmailAccount inbox = accounts.create(AccountInput.builder().set(AccountField.NAME, "Inbox A")
                .set(AccountField.TYPE, "pop3").set(AccountField.AUTHENTICATION, "password")
                .set(AccountField.SERVER, "127.0.0.1").set(AccountField.PORT, String.valueOf(a.getPop3().getPort()))
                .set(AccountField.SECURITY, "none").set(AccountField.USER_NAME, "inbox")
                .set(AccountField.ACTIVE, true).set(AccountField.DEBUG_LOGGING, true)
                .secret(AccountSecret.PASSWORD, "inbox-canary-pw").build(), "test");
        Store store = session.getStore("pop3");
        store.connect();
        store.close();
        List<TranscriptEntry> reads = transcripts.list(inbox.id());
        assertEquals(1, reads.size());
        assertEquals("read", reads.get(0).kind());
        assertTrue(reads.get(0).text().contains("CAPA"), reads.get(0).text());
        assertFalse(reads.get(0).text().contains("inbox-canary-pw"), reads.get(0).text());
    }

    @Test
    void anOAuth2AccountSendsWithXoauth2AndACachedToken() throws Exception {
        String token = "live-access-token-canary-4410";
        b.setUser("oauth@example.com", "oauth@example.com", token); // GreenMail checks XOAUTH2 against this
        AccountsService accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
        for (EmailAccount account : accounts.list()) {
            if (account.active()) {
                accounts.update(account.id(), account.version(), asInput(account, false), "test");
            }
        }
        try (TokenEndpoint endpoint = TokenEndpoint.start(token, null); LogCapture logs = new LogCapture()) {
            accounts.create(AccountInput.builder().set(AccountField.NAME, "OAuth relay")
                    .set(AccountField.TYPE, "smtp").set(AccountField.AUTHENTICATION, "oauth2")
                    .set(AccountField.SERVER, "127.0.0.1").set(AccountField.PORT, port(b))
                    .set(AccountField.SECURITY, "none").set(AccountField.USER_NAME, "oauth@example.com")
                    .set(AccountField.ACTIVE, true).set(AccountField.DEBUG_LOGGING, false)
                    .set(AccountField.TOKEN_URL, endpoint.url()).set(AccountField.CLIENT_ID, TokenEndpoint.CLIENT_ID)
                    .set(AccountField.SCOPE, "mail.send")
                    .secret(AccountSecret.CLIENT_SECRET, TokenEndpoint.CLIENT_SECRET).build(), "test");
            Transport.send(message("first through XOAUTH2", "x@example.com"));
            Transport.send(message("second, same token", "y@example.com"));
            received(b, 2);
            assertEquals(1, endpoint.requests().size(), "the token is fetched once and cached");
            assertFalse(logs.text().contains(token));
            assertFalse(logs.text().contains(TokenEndpoint.CLIENT_SECRET));
        }
    }

    @Test
    void anSslAccountVerifiesTheCertificateAndItsHostName() throws Exception {
        TestTls.dir();
        try (MailServers servers = MailServers.start()) {
            AccountsService accounts = new AccountsService(core.accounts(), properties, Clock.systemUTC());
            for (EmailAccount account : accounts.list()) {
                if (account.active()) {
                    accounts.update(account.id(), account.version(), asInput(account, false), "test");
                }
            }
            EmailAccount untrusted = accounts.create(smtps("Untrusted", "localhost", null), "test");
            Transport.send(message("must not go to an unverified server", "x@example.com"));
            EmailEntry refused = attempted();
            assertEquals(EmailState.SEND_READY, refused.state());
            assertTrue(refused.reason().contains("TLS"), refused.reason());
            core.outbox().cancel(refused.id(), "test");
            accounts.update(untrusted.id(), untrusted.version(), asInput(untrusted, false), "test");

            EmailAccount wrongName = accounts.create(smtps("Wrong name", "127.0.0.1", TestTls.certificatePem()), "test");
            Transport.send(message("must not go to a server of another name", "x@example.com"));
            EmailEntry wrong = attempted();
            assertEquals(EmailState.SEND_READY, wrong.state());
            assertTrue(wrong.reason().contains("TLS"), wrong.reason());
            core.outbox().cancel(wrong.id(), "test");
            // refused in the TLS handshake because of the name: the certificate is trusted (it works by
            // "localhost" below), and the same settings' Test Connection, which records the certificate,
            // names the host name
            ConnectionSettings sameSettings = ConnectionSettings.builder().protocol(Protocol.SMTP).host("127.0.0.1")
                    .port(MailServers.SMTPS).security(ConnectionSecurity.SSL).authentication(Authentication.PASSWORD)
                    .user(MailServers.USER).secret(MailServers.PASSWORD).connectTimeoutMs(5000).readTimeoutMs(5000)
                    .trustedCertificates(Certificates.parsePem(TestTls.certificatePem())).build();
            String named = ConnectionTester.test(sameSettings, null, false, List.of()).message();
            assertTrue(named.contains("does not match the host name 127.0.0.1"), named);
            accounts.update(wrongName.id(), wrongName.version(), asInput(wrongName, false), "test");
            assertEquals(0, servers.greenMail.getReceivedMessages().length);

            accounts.create(smtps("Trusted", "localhost", TestTls.certificatePem()), "test");
            Transport.send(message("over SSL/TLS to a trusted certificate", "x@example.com"));
            received(servers.greenMail, 1);
        }
    }

    private static String chain(Throwable thrown) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            out.append(" <- ").append(t);
        }
        return out.toString();
    }

    /** The first exception of this kind in the cause chain; null when there is none. */
    private static Throwable cause(Throwable thrown, Class<? extends Throwable> kind) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static AccountInput smtps(String name, String host, String pem) {
        return AccountInput.builder().set(AccountField.NAME, name).set(AccountField.TYPE, "smtp")
                .set(AccountField.AUTHENTICATION, "password").set(AccountField.SERVER, host)
                .set(AccountField.PORT, String.valueOf(MailServers.SMTPS)).set(AccountField.SECURITY, "ssl")
                .set(AccountField.USER_NAME, MailServers.USER).set(AccountField.ACTIVE, true)
                .set(AccountField.DEBUG_LOGGING, false).set(AccountField.TRUSTED_CERTIFICATES, pem)
                .secret(AccountSecret.PASSWORD, MailServers.PASSWORD).build();
    }

    private static AccountInput asInput(EmailAccount account, boolean active) {
        return AccountInput.builder().set(AccountField.NAME, account.name())
                .set(AccountField.TYPE, account.type().mailName())
                .set(AccountField.AUTHENTICATION, account.authentication().name().toLowerCase())
                .set(AccountField.SERVER, account.server())
                .set(AccountField.PORT, account.port() == null ? null : String.valueOf(account.port()))
                .set(AccountField.SECURITY, account.security() == null ? null : account.security().apiName())
                .set(AccountField.USER_NAME, account.userName()).set(AccountField.FROM_ADDRESS, account.fromAddress())
                .set(AccountField.DISPLAY_NAME, account.displayName()).set(AccountField.FOLDER, account.folder())
                .set(AccountField.ACTIVE, active).set(AccountField.DEBUG_LOGGING, account.debugLogging()).build();
    }
}
