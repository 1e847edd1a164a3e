package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.HttpProbe;
import org.mailconsole.testing.RunningConsole;
import org.mailconsole.testing.TokenEndpoint;

/** The defects of issue 8 (a hostile sweep), each through the real WAR in embedded Jetty. */
class HardeningIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleServer server;
    static ConsoleClient admin;
    static HttpProbe probe;
    static final String ADMIN_AUTH = HttpProbe.basic(ConsoleServer.ADMIN, ConsoleServer.ADMIN_PASSWORD);

    @BeforeAll
    static void start() {
        server = console.server();
        admin = server.admin();
        probe = new HttpProbe(server.baseUrl());
    }

    // 2. long multi-byte secrets within the limit fit; over it, a 400 naming the field

    @Test
    void multiByteSecretsUpToTheLimitAreStoredAndReadBack() {
        String euro990 = "€".repeat(990);
        String euro2000 = "€".repeat(2000);
        ObjectNode body = AccountsApiIT.account("Euro 990", "smtp");
        body.put("password", euro990);
        assertEquals(201, admin.postJson("/api/v1/accounts", body.toString()).statusCode());
        body = AccountsApiIT.account("Euro 2000", "smtp");
        body.put("password", euro2000);
        assertEquals(201, admin.postJson("/api/v1/accounts", body.toString()).statusCode());
        ObjectNode oauth = oauthAccount("Euro OAuth");
        ((ObjectNode) oauth.get("oauth2")).put("clientSecret", euro2000).put("refreshToken", euro2000);
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", oauth.toString());
        assertEquals(201, created.statusCode(), created.body());

        body = AccountsApiIT.account("Euro 2001", "smtp");
        body.put("password", "€".repeat(2001));
        assertRefused(admin.postJson("/api/v1/accounts", body.toString()), "password");

        long version = admin.properties().get("version").asLong();
        HttpResponse<String> patched = admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                Map.of("glide.email.user_password", euro2000, "glide.pop3.password", euro2000)));
        assertEquals(200, patched.statusCode(), patched.body());
        assertTrue(admin.property("glide.pop3.password").get("set").asBoolean());
        version = admin.properties().get("version").asLong();
        assertRefused(admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                Map.of("glide.pop3.password", "€".repeat(2001)))), "glide.pop3.password");
    }

    @Test
    void theFormSavesALongMultiByteSecretWithoutATrace() {
        String page = admin.get("/accounts/new").body();
        List<Map.Entry<String, String>> form = new ArrayList<>(List.of(
                Map.entry("_csrf", ConsoleClient.csrfToken(page)), Map.entry("name", "Euro form"),
                Map.entry("type", "smtp"), Map.entry("authentication", "password"),
                Map.entry("server", "smtp.example.com"), Map.entry("security", "none"),
                Map.entry("userName", "euro@example.com"), Map.entry("password", "€".repeat(990))));
        HttpResponse<String> saved = admin.postForm("/accounts/new", form);
        assertEquals(303, saved.statusCode(), saved.body());
        form.set(1, Map.entry("name", "Euro form too long"));
        form.set(7, Map.entry("password", "€".repeat(2001)));
        HttpResponse<String> refused = admin.postForm("/accounts/new", form);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("at most 2000 characters"), refused.body());
    }

    // 3. control characters in secrets and on-the-wire values are refused, in every such field

    @ParameterizedTest
    @ValueSource(strings = {"password", "userName", "server", "fromAddress", "displayName", "name"})
    void controlCharactersInAnAccountFieldAreRefused(String field) {
        String before = admin.get("/api/v1/accounts").body();
        ObjectNode body = AccountsApiIT.account("Wire " + field, "smtp");
        body.put(field, "pw\r\nDELE 1");
        assertRefused(admin.postJson("/api/v1/accounts", body.toString()), field);
        body = AccountsApiIT.account("Wire tab " + field, "smtp");
        body.put(field, "x\u0000y");
        assertRefused(admin.postJson("/api/v1/accounts", body.toString()), field);
        assertEquals(before, admin.get("/api/v1/accounts").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokenUrl", "clientId", "scope", "clientSecret", "refreshToken"})
    void controlCharactersInAnOAuthFieldAreRefused(String field) {
        ObjectNode body = oauthAccount("Wire oauth " + field);
        ((ObjectNode) body.get("oauth2")).put(field, "x\r\nInjected: 1");
        assertRefused(admin.postJson("/api/v1/accounts", body.toString()), "oauth2." + field);
    }

    @Test
    void controlCharactersInAnImapFolderAreRefused() {
        ObjectNode body = AccountsApiIT.account("Wire folder", "imap");
        body.put("folder", "INBOX\r\nA1 LOGOUT");
        assertRefused(admin.postJson("/api/v1/accounts", body.toString()), "folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"glide.pop3.password", "glide.email.user_password", "glide.pop3.user",
            "glide.email.username", "glide.email.user", "glide.email.test.user"})
    void controlCharactersInAPropertyAreRefused(String name) {
        long version = admin.properties().get("version").asLong();
        assertRefused(admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                Map.of(name, "pw@example.com\r\nDELE 1"))), name);
        assertEquals(version, admin.properties().get("version").asLong());
    }

    @Test
    void theFormRefusesACrLfPassword() {
        String page = admin.get("/properties/email").body();
        HttpResponse<String> refused = admin.postForm("/properties/email", List.of(
                Map.entry("_csrf", ConsoleClient.csrfToken(page)), Map.entry("version", ConsoleClient.formVersion(page)),
                Map.entry("glide.pop3.password", "pw\r\nDELE 1")));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("control characters"), refused.body());
    }

    // 4. every error status has a page in the console's layout, problem+json under /api/, headers on it

    @Test
    void aMissingPageIsTheConsolesOwnPage() {
        HttpResponse<String> missing = admin.get("/no-such-page");
        assertEquals(404, missing.statusCode());
        assertConsolePage(missing.body(), missing.headers().firstValue("Content-Type").orElse(""));
        assertEquals("DENY", missing.headers().firstValue("X-Frame-Options").orElse(""));
        assertTrue(missing.headers().firstValue("Content-Security-Policy").isPresent());
        HttpResponse<String> jsp = admin.get("/index.jsp");
        assertEquals(404, jsp.statusCode(), "the console has no JSPs");
        assertConsolePage(jsp.body(), jsp.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> account = admin.get("/accounts/999999");
        assertEquals(404, account.statusCode());
        assertConsolePage(account.body(), account.headers().firstValue("Content-Type").orElse(""));
        assertTrue(account.body().contains("No such email account."));
    }

    @Test
    void apiErrorsAreProblemDocuments() {
        HttpResponse<String> missing = admin.get("/api/v1/no-such");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        HttpResponse<String> unsupported = admin.send("POST", "/api/v1/accounts", "text/plain", "{}", true);
        assertEquals(415, unsupported.statusCode());
        assertTrue(unsupported.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    /**
     * Jetty answers a missing login (401) and a malformed Basic header (500, Jetty 12.1.8 to 12.1.14)
     * in its authenticator, before the webapp: web.xml's error page is not used. The WAR's
     * jetty-ee10-web.xml turns off the stack trace and causes; the version line is the container's
     * own setting (jetty.httpConfig.sendServerVersion). HardeningTomcatIT shows the console's page.
     */
    @Test
    void errorsJettyAnswersBeforeTheWebappShowNoStackTrace() throws Exception {
        HttpResponse<String> anonymous = server.anonymous().get("/properties/email");
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        for (String path : List.of("/properties/email", "/api/v1/properties")) {
            HttpProbe.Answer answer = probe.send("GET", path, Map.of("Authorization", "Basic !!!"), null, false);
            assertFalse(answer.body().contains("\tat "), answer.body());
            assertFalse(answer.body().contains("BasicAuthenticator"), answer.body());
            assertTrue(answer.status() >= 400, path + ": " + answer.status());
        }
    }

    // 5. TRACE refused, 405 with Allow, no directory listing, CSRF token from the body only

    @ParameterizedTest
    @ValueSource(strings = {"/properties/email", "/accounts", "/accounts/1", "/static/console.css", "/api/v1/properties"})
    void traceIsRefused(String path) throws Exception {
        HttpProbe.Answer answer = probe.send("TRACE", path, Map.of("Authorization", ADMIN_AUTH,
                "Cookie", "JSESSIONID=trace-canary"), null, false);
        assertEquals(405, answer.status(), answer.body());
        assertFalse(answer.body().contains(ADMIN_AUTH.substring(6)), "echoes the Authorization header");
        assertFalse(answer.body().contains("trace-canary"), "echoes the cookie");
        assertFalse(answer.header("Allow").contains("TRACE"), answer.header("Allow"));
        assertFalse(answer.header("Allow").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PROPFIND", "PUT", "DELETE", "PATCH", "MKCOL", "FOO"})
    void aMethodAPageDoesNotServeGets405WithAllow(String method) throws Exception {
        HttpProbe.Answer answer = probe.send(method, "/properties/email", Map.of("Authorization", ADMIN_AUTH),
                new byte[0], false);
        assertEquals(405, answer.status(), answer.body());
        assertEquals("GET, HEAD, POST, OPTIONS", answer.header("Allow"));
        HttpProbe.Answer accounts = probe.send(method, "/accounts", Map.of("Authorization", ADMIN_AUTH), new byte[0], false);
        assertEquals(405, accounts.status());
        assertEquals("GET, HEAD, OPTIONS", accounts.header("Allow"));
    }

    @Test
    void aPageServletsOwn405CarriesAllow() {
        HttpResponse<String> get = admin.get("/test-email");
        assertEquals(405, get.statusCode());
        assertEquals("POST, OPTIONS", get.headers().firstValue("Allow").orElse(""));
        assertConsolePage(get.body(), get.headers().firstValue("Content-Type").orElse(""));
        String token = ConsoleClient.csrfToken(admin.get("/properties/email").body());
        HttpResponse<String> post = admin.postForm("/accounts", List.of(Map.entry("_csrf", token)));
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD, OPTIONS", post.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void anApiMethodNotServedGets405WithAllow() throws Exception {
        HttpProbe.Answer answer = probe.send("PROPFIND", "/api/v1/properties", Map.of("Authorization", ADMIN_AUTH,
                "X-Requested-With", "t"), new byte[0], false);
        assertEquals(405, answer.status(), answer.body());
        assertTrue(answer.header("Allow").contains("PATCH"), answer.header("Allow"));
    }

    @Test
    void staticFilesAreNotListed() {
        for (String path : List.of("/static/", "/static")) {
            HttpResponse<String> listing = admin.get(path);
            assertFalse(listing.body().contains("console.js\">console.js") || listing.body().contains("accounts.js"),
                    path + ": " + listing.body());
            assertTrue(listing.statusCode() == 404 || listing.statusCode() == 403 || listing.statusCode() == 302,
                    path + ": " + listing.statusCode());
        }
        assertEquals(200, admin.get("/static/console.css").statusCode());
    }

    @Test
    void theCsrfTokenCountsOnlyInTheBody() {
        String page = admin.get("/properties/email").body();
        String token = ConsoleClient.csrfToken(page);
        long version = admin.properties().get("version").asLong();
        HttpResponse<String> inQuery = admin.postForm("/properties/email?_csrf=" + token, List.of(
                Map.entry("version", String.valueOf(version)), Map.entry("glide.smtp.port", "2626")));
        assertEquals(403, inQuery.statusCode());
        HttpResponse<String> both = admin.postForm("/properties/email?_csrf=" + token, List.of(
                Map.entry("_csrf", token), Map.entry("version", String.valueOf(version)),
                Map.entry("glide.smtp.port", "2626")));
        assertEquals(403, both.statusCode());
        assertEquals(version, admin.properties().get("version").asLong());
        // a port change sends the stored password elsewhere: the form gives it again (StoredSecretRule)
        HttpResponse<String> inBody = admin.postForm("/properties/email", List.of(Map.entry("_csrf", token),
                Map.entry("version", String.valueOf(version)), Map.entry("glide.smtp.port", "2626"),
                Map.entry("glide.email.user_password", "given-again")));
        assertEquals(303, inBody.statusCode());
    }

    // 6. API bodies over 1 MB get 413 before they are read whole

    @Test
    void aHugeApiBodyIs413() throws Exception {
        byte[] big = ("[" + "1,".repeat(1_100_000) + "1]").getBytes(StandardCharsets.US_ASCII);
        Map<String, String> headers = Map.of("Authorization", ADMIN_AUTH, "X-Requested-With", "t",
                "Content-Type", "application/json");
        for (boolean chunked : List.of(false, true)) {
            HttpProbe.Answer answer = probe.send("POST", "/api/v1/accounts", headers, big, chunked);
            assertEquals(413, answer.status(), "chunked=" + chunked);
            assertTrue(answer.header("Content-Type").startsWith("application/problem+json"));
        }
        byte[] justUnder = ("{\"name\": \"" + "a".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        HttpProbe.Answer under = probe.send("POST", "/api/v1/accounts", headers, justUnder, true);
        assertEquals(400, under.status(), under.body());
    }

    // 7. bounded timeouts, no digits-only host names

    @Test
    void timeoutsAreBoundedAndDigitsOnlyHostsRefused() {
        long version = admin.properties().get("version").asLong();
        for (String timeout : List.of("2147483647", "300001", "0")) {
            assertRefused(admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                    Map.of("glide.smtp.connection_timeout", timeout))), "glide.smtp.connection_timeout");
            assertRefused(admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                    Map.of("glide.smtp.timeout", timeout))), "glide.smtp.timeout");
        }
        for (String host : List.of("65536", "10.1", "1.2.3.4.5")) {
            assertRefused(admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                    Map.of("glide.email.server", host))), "glide.email.server");
            ObjectNode body = AccountsApiIT.account("Digits " + host, "smtp");
            body.put("server", host);
            assertRefused(admin.postJson("/api/v1/accounts", body.toString()), "server");
        }
        assertEquals(version, admin.properties().get("version").asLong());
        HttpResponse<String> max = admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                Map.of("glide.smtp.connection_timeout", "300000", "glide.email.server", "192.0.2.10",
                        // the server is the incoming one's too: both stored passwords are given again
                        "glide.email.user_password", "given-again", "glide.pop3.password", "given-again")));
        assertEquals(200, max.statusCode(), max.body());
    }

    @Test
    void aHugeTokenFromTheTokenEndpointIsNotA500() throws Exception {
        try (TokenEndpoint endpoint = TokenEndpoint.start("t".repeat(40_000), null)) {
            ObjectNode body = oauthAccount("Huge token");
            body.put("server", "127.0.0.1");
            body.put("port", 9);
            body.put("security", "none");
            ObjectNode oauth = (ObjectNode) body.get("oauth2");
            oauth.put("tokenUrl", endpoint.url());
            oauth.put("clientId", TokenEndpoint.CLIENT_ID);
            oauth.put("clientSecret", TokenEndpoint.CLIENT_SECRET);
            oauth.remove("refreshToken");
            HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
            assertEquals(201, created.statusCode(), created.body());
            String id = admin.json(created).get("id").asText();
            HttpResponse<String> tested = admin.postJson("/api/v1/accounts/" + id + "/test", "");
            assertEquals(200, tested.statusCode(), tested.body());
            assertEquals(1, endpoint.requests().size());
        }
    }

    static ObjectNode oauthAccount(String name) {
        ObjectNode body = AccountsApiIT.account(name, "smtp");
        body.remove("password");
        body.put("authentication", "oauth2");
        ObjectNode oauth = body.putObject("oauth2");
        oauth.put("tokenUrl", "https://login.example.com/token");
        oauth.put("clientId", "client-1");
        oauth.put("clientSecret", "client-secret-1");
        oauth.put("scope", "https://mail.example.com/.default");
        oauth.put("refreshToken", "refresh-1");
        return body;
    }

    static void assertRefused(HttpResponse<String> response, String field) {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode problem = ConsoleClient.JSON.valueToTree(parse(response.body()));
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertTrue(fields.contains(field), field + " not named in " + response.body());
    }

    static void assertConsolePage(String body, String contentType) {
        assertTrue(contentType.startsWith("text/html"), contentType);
        assertTrue(body.contains("id=\"home-link\">Mail Console</a>"), body);
        assertTrue(body.contains("id=\"error-detail\""), body);
        for (String leak : List.of("Jetty", "jetty", "Tomcat", "Exception", "at org.", "Powered by")) {
            assertFalse(body.contains(leak), leak + " in " + body);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return ConsoleClient.JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
