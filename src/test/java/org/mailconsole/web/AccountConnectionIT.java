package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.Dovecot;
import org.mailconsole.testing.LogCapture;
import org.mailconsole.testing.MailServers;
import org.mailconsole.testing.Ports;
import org.mailconsole.testing.TestTls;
import org.mailconsole.testing.TokenEndpoint;

/**
 * Test Connection, Send test email, debug transcripts and OAuth 2.0 against real servers:
 * GreenMail (plain and SSL), SubEthaSMTP (STARTTLS), dovecot (POP3/IMAP STARTTLS), a token endpoint.
 */
class AccountConnectionIT {
    @TempDir
    static Path dataDir;
    static ConsoleServer server;
    static ConsoleClient admin;
    static MailServers mail;
    static Dovecot dovecot;
    static final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        TestTls.dir();
        mail = MailServers.start();
        dovecot = Dovecot.start();
        server = new ConsoleServer(dataDir).start();
        admin = server.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    static ObjectNode account(String type, String host, int port, String security, String user, String password) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", type + " " + security + " " + names.incrementAndGet());
        body.put("type", type);
        body.put("authentication", password == null ? "none" : "password");
        body.put("server", host);
        body.put("port", port);
        body.put("security", security);
        if (user != null) {
            body.put("userName", user);
        }
        if (password != null) {
            body.put("password", password);
        }
        body.put("active", false);
        if (!security.equals("none")) {
            body.put("trustedCertificates", TestTls.certificatePem());
        }
        return body;
    }

    static long create(ObjectNode body) {
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        return admin.json(created).get("id").asLong();
    }

    static JsonNode test(long id) {
        HttpResponse<String> response = admin.postJson("/api/v1/accounts/" + id + "/test", "");
        assertEquals(200, response.statusCode(), response.body());
        return admin.json(response);
    }

    static JsonNode test(ObjectNode body) {
        return test(create(body));
    }

    @ParameterizedTest(name = "{0} {2} port {1}")
    @CsvSource({
            "smtp, 32025, none", "smtp, 32465, ssl",
            "pop3, 32110, none", "pop3, 32995, ssl",
            "imap, 32143, none", "imap, 32993, ssl"})
    void greenMailAcceptsGoodCredentialsAndTheWrongPasswordIsNamed(String type, int basePort, String security) {
        int port = Ports.of(basePort);
        // SSL by the name the certificate has (localhost), trusting the test certificate explicitly
        String host = security.equals("ssl") ? "localhost" : MailServers.HOST;
        JsonNode good = test(account(type, host, port, security, MailServers.USER, MailServers.PASSWORD));
        assertTrue(good.get("ok").asBoolean(), good.toString());
        assertTrue(good.get("message").asText().contains("logged in"), good.toString());

        JsonNode bad = test(account(type, host, port, security, MailServers.USER, "wrong-password"));
        assertFalse(bad.get("ok").asBoolean(), bad.toString());
        assertTrue(bad.get("message").asText().startsWith("Authentication rejected"), bad.toString());
    }

    @ParameterizedTest(name = "{0} STARTTLS port {1}")
    @CsvSource({"smtp, 32587, bob, bob-pw-canary-9923", "pop3, 31110, dove, dove-pw-canary-7781",
            "imap, 31143, dove, dove-pw-canary-7781"})
    void startTlsWorksAgainstServersThatOfferIt(String type, int basePort, String user, String password) {
        int port = Ports.of(basePort);
        JsonNode good = test(account(type, "localhost", port, "starttls", user, password));
        assertTrue(good.get("ok").asBoolean(), good.toString());
        JsonNode bad = test(account(type, "localhost", port, "starttls", user, "wrong-password"));
        assertFalse(bad.get("ok").asBoolean(), bad.toString());
        assertTrue(bad.get("message").asText().startsWith("Authentication rejected"), bad.toString());
    }

    @ParameterizedTest(name = "{0} port {1}")
    @CsvSource({"smtp, 32025", "pop3, 32110", "imap, 32143"})
    void aServerWithoutStartTlsFailsAStartTlsAccountInsteadOfFallingBack(String type, int basePort) {
        int port = Ports.of(basePort);
        JsonNode result = test(account(type, "localhost", port, "starttls", MailServers.USER, MailServers.PASSWORD));
        assertFalse(result.get("ok").asBoolean(), result.toString());
        assertTrue(result.get("message").asText().startsWith("STARTTLS not offered"), result.toString());
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonNode result = test(account("smtp", "127.0.0.1", port, "none", null, null));
        assertFalse(result.get("ok").asBoolean());
        assertTrue(result.get("message").asText().startsWith("Connection refused"), result.toString());
    }

    @Test
    void anUnknownHostIsNamed() {
        JsonNode result = test(account("imap", "no-such-host.invalid", 993, "ssl", "u", "p"));
        assertFalse(result.get("ok").asBoolean());
        assertTrue(result.get("message").asText().startsWith("Unknown host"), result.toString());
    }

    @Test
    void aSilentServerTimesOutWithinTheReadTimeout() throws Exception {
        long version = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties", "{\"version\": " + version
                + ", \"values\": {\"glide.smtp.connection_timeout\": \"1000\", \"glide.smtp.timeout\": \"1500\"}}").statusCode());
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception ignored) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (String type : List.of("smtp", "pop3", "imap")) {
                JsonNode result = test(account(type, "127.0.0.1", silent.getLocalPort(), "none", "u", "p"));
                assertFalse(result.get("ok").asBoolean());
                assertTrue(result.get("message").asText().startsWith("Timed out"), result.toString());
                assertTrue(result.get("message").asText().contains("1500 ms"), result.toString());
                assertTrue(result.get("elapsedMs").asLong() < 5000, result.toString());
            }
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
            long now = admin.properties().get("version").asLong();
            admin.patchJson("/api/v1/properties", "{\"version\": " + now
                    + ", \"values\": {\"glide.smtp.connection_timeout\": null, \"glide.smtp.timeout\": null}}");
        }
    }

    @Test
    void aCertificateForAnotherNameFailsTheTlsCheck() {
        // the certificate says localhost; the account connects by IP
        JsonNode mismatch = test(account("smtp", "127.0.0.1", MailServers.SMTPS, "ssl", MailServers.USER,
                MailServers.PASSWORD));
        assertFalse(mismatch.get("ok").asBoolean());
        assertTrue(mismatch.get("message").asText().startsWith("TLS certificate check failed"), mismatch.toString());
        assertTrue(mismatch.get("message").asText().contains("does not match"), mismatch.toString());

        // without the admin trusting it, the self-signed certificate is refused, naming its subject
        ObjectNode untrusted = account("imap", "localhost", MailServers.IMAPS, "ssl", MailServers.USER, MailServers.PASSWORD);
        untrusted.remove("trustedCertificates");
        JsonNode refused = test(untrusted);
        assertFalse(refused.get("ok").asBoolean());
        assertTrue(refused.get("message").asText().contains("not trusted"), refused.toString());
        assertTrue(refused.get("message").asText().contains("CN=localhost"), refused.toString());
    }

    @Test
    void debugLoggingKeepsARedactedTranscript() {
        try (LogCapture log = new LogCapture()) {
            debugLoggingKeepsARedactedTranscriptLogging();
            for (String secret : List.of("smtp-canary-pw-6612", Dovecot.PASSWORD)) {
                assertFalse(log.text().contains(secret), "a secret reached the log");
            }
        }
    }

    private void debugLoggingKeepsARedactedTranscriptLogging() {
        String canary = "smtp-canary-pw-6612";
        mail.greenMail.setUser("carol@example.com", "carol@example.com", canary);
        ObjectNode body = account("smtp", "127.0.0.1", MailServers.SMTP, "none", "carol@example.com", canary);
        body.put("debugLogging", true);
        long id = create(body);
        JsonNode result = test(id);
        assertTrue(result.get("ok").asBoolean(), result.toString());
        String transcript = result.get("transcript").asText();
        assertTrue(transcript.contains("EHLO"), transcript);
        assertTrue(transcript.contains("250"), transcript);
        assertFalse(transcript.contains(canary), transcript);
        assertFalse(transcript.contains(java.util.Base64.getEncoder().encodeToString(
                ("\0carol@example.com\0" + canary).getBytes())), transcript);
        assertNotNull(result.get("transcriptId"));

        JsonNode kept = admin.json(admin.get("/api/v1/accounts/" + id + "/transcripts"));
        assertEquals(1, kept.get("transcripts").size());
        String page = admin.get("/accounts/" + id + "/log").body();
        assertTrue(page.contains("EHLO"), page);
        assertFalse(page.contains(canary));

        ObjectNode imap = account("imap", "localhost", Dovecot.IMAP_PORT, "starttls", Dovecot.USER, Dovecot.PASSWORD);
        imap.put("debugLogging", true);
        JsonNode imapResult = test(imap);
        assertTrue(imapResult.get("ok").asBoolean(), imapResult.toString());
        String imapTranscript = imapResult.get("transcript").asText();
        assertTrue(imapTranscript.contains("CAPABILITY"), imapTranscript);
        assertTrue(imapTranscript.contains("STARTTLS"), imapTranscript);
        assertFalse(imapTranscript.contains(Dovecot.PASSWORD), imapTranscript);

        ObjectNode pop3 = account("pop3", "localhost", Dovecot.POP3_PORT, "starttls", Dovecot.USER, Dovecot.PASSWORD);
        pop3.put("debugLogging", true);
        JsonNode pop3Result = test(pop3);
        assertTrue(pop3Result.get("ok").asBoolean(), pop3Result.toString());
        assertTrue(pop3Result.get("transcript").asText().contains("CAPA"), pop3Result.toString());
        assertFalse(pop3Result.get("transcript").asText().contains(Dovecot.PASSWORD), pop3Result.toString());

        // without debug logging nothing is kept
        JsonNode quiet = test(account("smtp", "127.0.0.1", MailServers.SMTP, "none", null, null));
        assertTrue(quiet.get("transcript").isNull());
    }

    /** Transcripts hold what was exchanged with the server: mail-admin only, and never a message's body. */
    @Test
    void transcriptsAreForAdminsOnlyAndKeepNoBody() {
        mail.greenMail.setUser("dana@example.com", "dana@example.com", "dana-pw-canary-5108");
        ObjectNode body = account("smtp", "127.0.0.1", MailServers.SMTP, "none", "dana@example.com", "dana-pw-canary-5108");
        body.put("debugLogging", true);
        long id = create(body);
        HttpResponse<String> sent = admin.postJson("/api/v1/test-email",
                "{\"to\": \"someone@example.com\", \"accountId\": " + id + "}");
        assertEquals(200, sent.statusCode(), sent.body());
        assertTrue(admin.json(sent).get("ok").asBoolean(), sent.body());

        HttpResponse<String> kept = admin.get("/api/v1/accounts/" + id + "/transcripts");
        assertEquals(200, kept.statusCode(), kept.body());
        String transcript = admin.json(kept).get("transcripts").get(0).get("transcript").asText();
        assertTrue(transcript.contains("Subject: Mail Console test email"), transcript);
        assertTrue(transcript.matches("(?s).*\\[body: \\d+ bytes, not recorded]\n\\.\n250 .*"), transcript);
        assertFalse(transcript.contains("This is a test email"), transcript);
        String page = admin.get("/accounts/" + id + "/log").body();
        assertTrue(page.contains("Subject: Mail Console test email"), page);
        assertFalse(page.contains("This is a test email"), page);

        ConsoleClient viewer = server.viewer();
        HttpResponse<String> viewerPage = viewer.get("/accounts/" + id + "/log");
        assertEquals(403, viewerPage.statusCode());
        assertFalse(viewerPage.body().contains("EHLO"), viewerPage.body());
        HttpResponse<String> viewerApi = viewer.get("/api/v1/accounts/" + id + "/transcripts");
        assertEquals(403, viewerApi.statusCode());
        assertTrue(viewerApi.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertFalse(viewerApi.body().contains("EHLO"), viewerApi.body());
        assertFalse(viewer.get("/accounts/" + id).body().contains("id=\"log-link\""), "a viewer is not offered the log");
    }

    @Test
    void oauth2ClientCredentialsTokensAreFetchedCachedAndUsedWithXoauth2() throws Exception {
        String token = "access-token-canary-1187";
        mail.greenMail.setUser("oauth@example.com", "oauth@example.com", token);
        try (TokenEndpoint endpoint = TokenEndpoint.start(token, null)) {
            ObjectNode body = account("smtp", "127.0.0.1", MailServers.SMTP, "none", "oauth@example.com", null);
            body.put("authentication", "oauth2");
            body.put("debugLogging", true);
            ObjectNode oauth2 = body.putObject("oauth2");
            oauth2.put("tokenUrl", endpoint.url());
            oauth2.put("clientId", TokenEndpoint.CLIENT_ID);
            oauth2.put("clientSecret", TokenEndpoint.CLIENT_SECRET);
            oauth2.put("scope", "mail.send");
            long id = create(body);
            JsonNode first = test(id);
            assertTrue(first.get("ok").asBoolean(), first.toString());
            assertTrue(first.get("transcript").asText().contains("XOAUTH2"), first.toString());
            assertFalse(first.get("transcript").asText().contains(token), first.toString());
            assertFalse(first.get("transcript").asText().contains(TokenEndpoint.CLIENT_SECRET));
            JsonNode second = test(id);
            assertTrue(second.get("ok").asBoolean(), second.toString());
            assertEquals(1, endpoint.requests().size(), "the token is cached until shortly before it expires");
            assertEquals("client_credentials", endpoint.requests().get(0).get("grant_type"));
            assertEquals("mail.send", endpoint.requests().get(0).get("scope"));

            // IMAP with XOAUTH2 too, and a refused client is named
            ObjectNode wrongClient = body.deepCopy();
            wrongClient.put("name", "wrong client");
            ((ObjectNode) wrongClient.get("oauth2")).put("clientSecret", "not-the-secret");
            JsonNode refused = test(wrongClient);
            assertFalse(refused.get("ok").asBoolean());
            assertTrue(refused.get("message").asText().contains("invalid_client"), refused.toString());
        }
    }

    @Test
    void aRotatedRefreshTokenIsStored() throws Exception {
        String token = "access-token-canary-2291";
        mail.greenMail.setUser("rot@example.com", "rot@example.com", token);
        try (TokenEndpoint endpoint = TokenEndpoint.start(token, "first-refresh-canary")) {
            ObjectNode body = account("imap", "127.0.0.1", MailServers.IMAP, "none", "rot@example.com", null);
            body.put("authentication", "oauth2");
            ObjectNode oauth2 = body.putObject("oauth2");
            oauth2.put("tokenUrl", endpoint.url());
            oauth2.put("clientId", TokenEndpoint.CLIENT_ID);
            oauth2.put("clientSecret", TokenEndpoint.CLIENT_SECRET);
            oauth2.put("refreshToken", "first-refresh-canary");
            long id = create(body);
            JsonNode first = test(id);
            assertTrue(first.get("ok").asBoolean(), first.toString());
            assertEquals("refresh_token", endpoint.requests().get(0).get("grant_type"));

            // after a restart the in-memory cache is gone: the stored access token is still fresh, so no new request
            server.restart();
            admin = server.admin();
            assertTrue(test(id).get("ok").asBoolean());
            assertEquals(1, endpoint.requests().size());

            // a change of the settings drops the access token: the next test must use the rotated refresh token
            JsonNode current = admin.json(admin.get("/api/v1/accounts/" + id));
            ObjectNode edit = current.deepCopy();
            ((ObjectNode) edit.get("oauth2")).put("scope", "imap");
            assertEquals(200, admin.putJson("/api/v1/accounts/" + id, edit.toString()).statusCode());
            JsonNode again = test(id);
            assertTrue(again.get("ok").asBoolean(), again.toString());
            assertEquals(2, endpoint.requests().size());
            assertEquals("rotated-refresh-canary-1", endpoint.requests().get(1).get("refresh_token"));
        }
    }

    @Test
    void aTestEmailShowsTheServersFinalReply() throws Exception {
        ObjectNode body = account("smtp", "127.0.0.1", MailServers.SMTP, "none", MailServers.USER, MailServers.PASSWORD);
        body.put("fromAddress", "console@example.com");
        long id = create(body);
        HttpResponse<String> sent = admin.postJson("/api/v1/test-email",
                "{\"to\": \"someone@example.com\", \"accountId\": " + id + "}");
        assertEquals(200, sent.statusCode(), sent.body());
        JsonNode result = admin.json(sent);
        assertTrue(result.get("ok").asBoolean(), result.toString());
        assertTrue(result.get("reply").asText().startsWith("250"), result.toString());
        assertTrue(mail.greenMail.waitForIncomingEmail(5000, 1));

        JsonNode startTls = admin.json(admin.postJson("/api/v1/test-email", "{\"to\": \"x@example.com\", \"accountId\": "
                + create(account("smtp", "localhost", MailServers.SMTP_STARTTLS, "starttls", "bob@example.com",
                MailServers.STARTTLS_PASSWORD)) + "}"));
        assertFalse(startTls.get("ok").asBoolean(), "bob@example.com is not bob: " + startTls);

        HttpResponse<String> bad = admin.postJson("/api/v1/test-email", "{\"to\": \"not an address\", \"accountId\": " + id + "}");
        assertEquals(400, bad.statusCode(), bad.body());
        HttpResponse<String> unknown = admin.postJson("/api/v1/test-email", "{\"to\": \"a@example.com\", \"x\": 1}");
        assertEquals(400, unknown.statusCode(), unknown.body());

        // without an account: the outbound connection in force (Default SMTP, no server configured)
        JsonNode none = admin.json(admin.postJson("/api/v1/test-email", "{\"to\": \"a@example.com\"}"));
        assertFalse(none.get("ok").asBoolean());
        assertTrue(none.get("message").asText().contains("System Properties"), none.toString());
    }

    @Test
    void noSecretReachesTheDatabaseFilesInClear() throws Exception {
        ObjectNode body = account("pop3", "localhost", Dovecot.POP3_PORT, "starttls", Dovecot.USER, Dovecot.PASSWORD);
        body.put("debugLogging", true);
        test(body);
        server.stop();
        try (Stream<Path> files = Files.walk(dataDir.resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(content.contains("canary"), "a clear secret in " + file);
            }
        } finally {
            server.start();
            admin = server.admin();
        }
    }
}
