package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RunningConsole;
import org.mailconsole.testing.TestTls;

/** /api/v1/accounts on the real WAR: provisioned accounts, rules, validation, secrets. */
class AccountsApiIT {
    static final String CANARY = "acct-canary-pw-3390";

    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleServer server;
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        server = console.server();
        admin = server.admin();
    }

    static ObjectNode account(String name, String type) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", name);
        body.put("type", type);
        body.put("authentication", "password");
        body.put("server", "mail.example.com");
        body.put("security", "ssl");
        body.put("userName", "helpdesk@example.com");
        body.put("password", CANARY);
        body.put("active", false);
        return body;
    }

    static JsonNode create(ObjectNode body) {
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").contains("/api/v1/accounts/"));
        return admin.json(created);
    }

    static JsonNode byName(String name) {
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals(name)) {
                return account;
            }
        }
        throw new AssertionError("no account " + name);
    }

    @Test
    void theTwoProvisionedAccountsExistFromTheFirstStart() {
        JsonNode smtp = byName("Default SMTP");
        assertTrue(smtp.get("provisioned").asBoolean());
        assertTrue(smtp.get("active").asBoolean());
        assertEquals("smtp", smtp.get("type").asText());
        assertEquals(25, smtp.get("port").asInt());
        JsonNode pop3 = byName("Default POP3");
        assertTrue(pop3.get("provisioned").asBoolean());
        assertEquals("pop3", pop3.get("type").asText());
        assertEquals(110, pop3.get("port").asInt());
    }

    @Test
    void provisionedAccountsShowThePropertiesAndOnlyActiveChanges() {
        long version = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties", "{\"version\": " + version
                + ", \"values\": {\"glide.email.server\": \"smtp.props.example\", \"glide.smtp.port\": \"2525\"}}").statusCode());
        JsonNode smtp = byName("Default SMTP");
        assertEquals("smtp.props.example", smtp.get("server").asText());
        assertEquals(2525, smtp.get("port").asInt());
        long id = smtp.get("id").asLong();

        HttpResponse<String> delete = admin.delete("/api/v1/accounts/" + id);
        assertEquals(409, delete.statusCode(), delete.body());
        assertTrue(delete.body().contains("cannot be deleted"));

        ObjectNode edit = ((ObjectNode) smtp.deepCopy()).put("server", "other.example.com");
        HttpResponse<String> refused = admin.putJson("/api/v1/accounts/" + id, edit.toString());
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("only Active, Connections and Enable debug logging can be changed"), refused.body());
        assertEquals("smtp.props.example", byName("Default SMTP").get("server").asText());

        ObjectNode deactivate = ((ObjectNode) smtp.deepCopy()).put("active", false);
        HttpResponse<String> changed = admin.putJson("/api/v1/accounts/" + id, deactivate.toString());
        assertEquals(200, changed.statusCode(), changed.body());
        assertFalse(admin.json(changed).get("active").asBoolean());
        ObjectNode activate = ((ObjectNode) admin.json(changed).deepCopy()).put("active", true);
        assertEquals(200, admin.putJson("/api/v1/accounts/" + id, activate.toString()).statusCode());
        assertEquals(409, admin.putJson("/api/v1/accounts/" + id, activate.toString()).statusCode(), "stale version");

        long now = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties", "{\"version\": " + now
                + ", \"values\": {\"glide.email.server\": null, \"glide.smtp.port\": null}}").statusCode());
    }

    @Test
    void aSecondActiveSmtpAccountIsRefusedNamingTheActiveOne() {
        String before = admin.get("/api/v1/accounts").body();
        ObjectNode second = account("Second SMTP", "smtp").put("active", true);
        HttpResponse<String> refused = admin.postJson("/api/v1/accounts", second.toString());
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\\\"Default SMTP\\\" is active"), refused.body());
        assertEquals(before, admin.get("/api/v1/accounts").body());

        JsonNode inactive = create(account("Second SMTP", "smtp"));
        ObjectNode activate = ((ObjectNode) inactive.deepCopy()).put("active", true);
        HttpResponse<String> put = admin.putJson("/api/v1/accounts/" + inactive.get("id").asLong(), activate.toString());
        assertEquals(409, put.statusCode(), put.body());
        assertTrue(put.body().contains("Default SMTP"));
        // any number of inbound accounts may be active
        create(account("Inbound A", "imap").put("active", true));
        create(account("Inbound B", "pop3").put("active", true));
    }

    @Test
    void accountsRoundTripWithoutShowingSecrets() throws Exception {
        ObjectNode body = account("Round trip", "smtp");
        body.put("port", 2465);
        body.put("fromAddress", "noreply@example.com");
        body.put("displayName", "No Reply");
        body.put("debugLogging", true);
        body.put("trustedCertificates", TestTls.certificatePem());
        JsonNode created = create(body);
        assertTrue(created.get("passwordSet").asBoolean());
        assertFalse(created.has("password"));
        assertEquals(2465, created.get("port").asInt());
        assertEquals("noreply@example.com", created.get("fromAddress").asText());
        long id = created.get("id").asLong();

        // a PUT without password keeps it; the GET document can be sent back as is
        ObjectNode edit = ((ObjectNode) created.deepCopy()).put("displayName", "Changed");
        HttpResponse<String> put = admin.putJson("/api/v1/accounts/" + id, edit.toString());
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(admin.json(put).get("passwordSet").asBoolean());
        assertEquals("Changed", admin.json(put).get("displayName").asText());
        assertEquals(created.get("version").asLong() + 1, admin.json(put).get("version").asLong());

        ObjectNode newPassword = ((ObjectNode) admin.json(put).deepCopy()).put("password", CANARY + "-2");
        assertEquals(200, admin.putJson("/api/v1/accounts/" + id, newPassword.toString()).statusCode());
        String audit = admin.get("/properties/email").body();
        assertTrue(audit.contains("<code class=\"audit-field\">displayName</code>: <span class=\"audit-old\">No Reply</span> &rarr; <span class=\"audit-new\">Changed</span>"), audit);
        assertTrue(audit.contains("<code class=\"audit-field\">password</code>: <span class=\"audit-old\">(none)</span> &rarr; <span class=\"audit-new\">changed</span>"), audit);
        assertTrue(audit.contains("<code class=\"audit-field\">account</code>: <span class=\"audit-old\">(none)</span> &rarr; <span class=\"audit-new\">created</span>"), audit);
        assertFalse(audit.contains(CANARY));

        String all = admin.get("/api/v1/accounts").body() + admin.get("/api/v1/accounts/" + id).body()
                + admin.get("/accounts").body() + admin.get("/accounts/" + id).body();
        assertFalse(all.contains(CANARY), "a secret was shown");

        HttpResponse<String> stale = admin.delete("/api/v1/accounts/" + id + "?version=1");
        assertEquals(409, stale.statusCode(), stale.body());
        assertEquals(204, admin.delete("/api/v1/accounts/" + id + "?version=3").statusCode());
        assertEquals(404, admin.get("/api/v1/accounts/" + id).statusCode());
        assertEquals(404, admin.get("/api/v1/accounts/abc").statusCode());
    }

    @Test
    void oauth2SettingsRoundTripWithSecretsAsFlags() {
        ObjectNode body = account("OAuth account", "imap");
        body.put("authentication", "oauth2");
        body.remove("password");
        ObjectNode oauth2 = body.putObject("oauth2");
        oauth2.put("tokenUrl", "https://login.example.com/token");
        oauth2.put("clientId", "client-1");
        oauth2.put("clientSecret", CANARY + "-client");
        oauth2.put("scope", "https://outlook.office.com/IMAP.AccessAsUser.All");
        oauth2.put("refreshToken", CANARY + "-refresh");
        JsonNode created = create(body);
        assertEquals("oauth2", created.get("authentication").asText());
        assertEquals("client-1", created.get("oauth2").get("clientId").asText());
        assertTrue(created.get("oauth2").get("clientSecretSet").asBoolean());
        assertTrue(created.get("oauth2").get("refreshTokenSet").asBoolean());
        assertFalse(created.toString().contains(CANARY));
        assertEquals("INBOX", created.get("folder").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            name missing          | name            | null
            name too long         | name            | "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
            name as number        | name            | 5
            type missing          | type            | null
            type unknown          | type            | "exchange"
            authentication bad    | authentication  | "kerberos"
            server missing        | server          | null
            server with spaces    | server          | "smtp example com"
            server bad ip         | server          | "300.1.1.1"
            port zero             | port            | 0
            port too big          | port            | 70000
            port text             | port            | "abc"
            port boolean          | port            | true
            security unknown      | security        | "tls13"
            user missing          | userName        | null
            user with newline     | userName        | "a\\nb"
            password cleared      | password        | null
            from not an address   | fromAddress     | "not-an-address"
            from with name        | fromAddress     | "Help <help@example.com>"
            display name control  | displayName     | "a\\u0007b"
            folder on smtp        | folder          | "Archive"
            filter id negative    | addressFilterId | -3
            filter id text        | addressFilterId | "x"
            active not boolean    | active          | "yes"
            debug not boolean     | debugLogging    | 1
            certificate garbage   | trustedCertificates | "not a pem"
            unknown field         | colour          | "blue"
            oauth2 not an object  | oauth2          | "x"
            """)
    void badInputIsRefusedWithAFieldMessageAndNothingSaved(String caseName, String field, String json) {
        String before = admin.get("/api/v1/accounts").body();
        ObjectNode body = account("Bad " + caseName, "smtp");
        try {
            body.set(field, ConsoleClient.JSON.readTree(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        HttpResponse<String> response = admin.postJson("/api/v1/accounts", body.toString());
        assertRefused(response, field);
        assertEquals(before, admin.get("/api/v1/accounts").body(), "nothing may be saved");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            oauth2 without token url | {"clientId": "c", "clientSecret": "s"}                         | oauth2.tokenUrl
            oauth2 with ftp url      | {"tokenUrl": "ftp://x", "clientId": "c", "clientSecret": "s"}  | oauth2.tokenUrl
            oauth2 without client id | {"tokenUrl": "https://x.example/t", "clientSecret": "s"}       | oauth2.clientId
            oauth2 without secret    | {"tokenUrl": "https://x.example/t", "clientId": "c"}           | oauth2.clientSecret
            oauth2 unknown member    | {"tokenUrl": "https://x.example/t", "clientId": "c", "clientSecret": "s", "x": 1} | oauth2.x
            """)
    void badOAuth2SettingsAreRefused(String caseName, String oauth2, String field) throws Exception {
        String before = admin.get("/api/v1/accounts").body();
        ObjectNode body = account("Bad " + caseName, "smtp").put("authentication", "oauth2");
        body.set("oauth2", ConsoleClient.JSON.readTree(oauth2));
        assertRefused(admin.postJson("/api/v1/accounts", body.toString()), field);
        assertEquals(before, admin.get("/api/v1/accounts").body());
    }

    @Test
    void duplicateNamesAndBadShapesAreRefused() {
        create(account("Unique", "pop3"));
        HttpResponse<String> duplicate = admin.postJson("/api/v1/accounts", account("unique", "pop3").toString());
        assertEquals(409, duplicate.statusCode(), duplicate.body());
        assertTrue(duplicate.body().contains("name"));
        assertRefused(admin.postJson("/api/v1/accounts", "[]"), "body");
        HttpResponse<String> malformed = admin.postJson("/api/v1/accounts", "{\"name\": ");
        assertEquals(400, malformed.statusCode(), malformed.body());
        JsonNode existing = byName("Unique");
        ObjectNode noVersion = ((ObjectNode) existing.deepCopy());
        noVersion.remove("version");
        assertRefused(admin.putJson("/api/v1/accounts/" + existing.get("id").asLong(), noVersion.toString()), "version");
    }

    @Test
    void viewersAndCrossSiteCallsCannotChangeAccounts() {
        assertEquals(403, server.viewer().postJson("/api/v1/accounts", account("V", "smtp").toString()).statusCode());
        assertEquals(403, admin.sendJson("POST", "/api/v1/accounts", account("X", "smtp").toString(), false).statusCode());
        assertEquals(200, server.viewer().get("/api/v1/accounts").statusCode());
    }

    @Test
    void secretsAreEncryptedAtRest() throws Exception {
        create(account("At rest", "pop3"));
        server.stop();
        try (Stream<Path> files = Files.walk(server.dataDir().resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(CANARY), "clear secret in " + file);
            }
        } finally {
            server.start();
            admin = server.admin();
        }
    }

    static void assertRefused(HttpResponse<String> response, String field) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode errors = ConsoleClient.JSON.valueToTree(parse(response.body()).get("errors"));
        boolean found = false;
        for (JsonNode error : errors) {
            found |= error.get("field").asText().equals(field);
        }
        assertTrue(found, "no error for " + field + " in " + response.body());
    }

    private static JsonNode parse(String body) {
        try {
            return ConsoleClient.JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
