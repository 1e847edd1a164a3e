package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * A stored secret goes only where it was stored for: Test Connection of a form, a save through the
 * API and System Properties > Email that point somewhere else without the secret typed again are
 * refused, naming the secret, and nothing reaches the other server. The console runs in embedded
 * Jetty; the servers are {@link ScriptedSmtp}s that offer AUTH and keep what a client sends in it.
 */
class StoredSecretIT {
    static final String PASSWORD = "stored-pw-canary-6604";
    static final String CLIENT_SECRET = "stored-client-secret-canary-1187";
    static final String REFRESH_TOKEN = "stored-refresh-canary-5530";

    @TempDir
    Path dataDir;

    static ObjectNode smtpAccount(int port) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", "Relay " + port);
        body.put("type", "smtp");
        body.put("authentication", "password");
        body.put("server", "127.0.0.1");
        body.put("port", port);
        body.put("security", "none");
        body.put("userName", "relay@example.com");
        body.put("active", false);
        return body;
    }

    /** Whether the server got the secret in an AUTH exchange: as sent, or base64-encoded (PLAIN, LOGIN). */
    static boolean sawSecret(ScriptedSmtp server, String secret) {
        for (String line : server.authLines()) {
            for (String token : line.split(" ")) {
                String decoded;
                try {
                    decoded = new String(java.util.Base64.getDecoder().decode(token),
                            java.nio.charset.StandardCharsets.ISO_8859_1);
                } catch (IllegalArgumentException notBase64) {
                    decoded = "";
                }
                if (token.contains(secret) || decoded.contains(secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aChangedPortGetsNoStoredPasswordFromTestConnectionAndAPutWithoutItIs400() throws Exception {
        try (ScriptedSmtp relay = ScriptedSmtp.start(); ScriptedSmtp collector = ScriptedSmtp.start();
             ConsoleServer server = new ConsoleServer(dataDir).start()) {
            relay.offerAuth = true;
            collector.offerAuth = true;
            ConsoleClient admin = server.admin();
            ObjectNode created = smtpAccount(relay.port());
            created.put("password", PASSWORD);
            HttpResponse<String> made = admin.postJson("/api/v1/accounts", created.toString());
            assertEquals(201, made.statusCode(), made.body());
            JsonNode account = admin.json(made);
            long id = account.get("id").asLong();

            // the saved account's own server gets the password: the stand-in does record AUTH
            JsonNode saved = admin.json(admin.postJson("/api/v1/accounts/" + id + "/test", ""));
            assertTrue(saved.get("ok").asBoolean(), saved.toString());
            assertTrue(sawSecret(relay, PASSWORD), "the relay recorded the login: " + relay.authLines());

            // Test Connection of the form with the port changed and the password box blank: refused, nothing sent
            String formPage = admin.get("/accounts/" + id).body();
            HttpResponse<String> tested = admin.postForm("/accounts/" + id + "/test", AccountsPagesIT.form(
                    ConsoleClient.csrfToken(formPage), "name", "Relay " + relay.port(), "type", "smtp",
                    "authentication", "password", "server", "127.0.0.1", "port", String.valueOf(collector.port()),
                    "security", "none", "userName", "relay@example.com", "password", "",
                    "version", account.get("version").asText()));
            assertEquals(400, tested.statusCode(), tested.body());
            assertTrue(tested.body().contains("type the password again"), tested.body());
            assertFalse(tested.body().contains(PASSWORD));
            assertEquals(0, collector.connections(), "the other server was not even connected to");
            assertTrue(collector.authLines().isEmpty());

            // the API: a PUT that moves the account without the password is a 400 naming it, and changes nothing
            ObjectNode moved = smtpAccount(collector.port());
            moved.put("version", account.get("version").asLong());
            HttpResponse<String> refused = admin.putJson("/api/v1/accounts/" + id, moved.toString());
            assertEquals(400, refused.statusCode(), refused.body());
            JsonNode problem = admin.json(refused);
            assertEquals(1, problem.get("errors").size(), refused.body());
            assertEquals("password", problem.get("errors").get(0).get("field").asText());
            assertEquals(relay.port(), admin.json(admin.get("/api/v1/accounts/" + id)).get("port").asInt());
            for (String change : List.of("server", "security", "userName")) {
                ObjectNode other = smtpAccount(relay.port());
                other.put("version", account.get("version").asLong());
                switch (change) {
                    case "server" -> other.put("server", "localhost");
                    case "security" -> other.put("security", "ssl");
                    default -> other.put("userName", "someone-else@example.com");
                }
                HttpResponse<String> again = admin.putJson("/api/v1/accounts/" + id, other.toString());
                assertEquals(400, again.statusCode(), change + ": " + again.body());
                assertEquals("password", admin.json(again).get("errors").get(0).get("field").asText(), change);
            }
            assertEquals(0, collector.connections());

            // unchanged destination: absence keeps the password; typed again, the move is accepted
            ObjectNode same = smtpAccount(relay.port());
            same.put("displayName", "Relay");
            same.put("version", account.get("version").asLong());
            HttpResponse<String> kept = admin.putJson("/api/v1/accounts/" + id, same.toString());
            assertEquals(200, kept.statusCode(), kept.body());
            assertTrue(admin.json(kept).get("passwordSet").asBoolean());
            moved.put("version", admin.json(kept).get("version").asLong());
            moved.put("password", "typed-again-" + PASSWORD);
            assertEquals(200, admin.putJson("/api/v1/accounts/" + id, moved.toString()).statusCode());
            assertEquals(0, collector.connections());
        }
    }

    @Test
    void aChangedTokenEndpointNeedsTheClientSecretAndRefreshTokenAgain() throws Exception {
        try (ConsoleServer server = new ConsoleServer(dataDir).start()) {
            ConsoleClient admin = server.admin();
            ObjectNode body = smtpAccount(2525);
            body.put("authentication", "oauth2");
            ObjectNode oauth2 = body.putObject("oauth2");
            oauth2.put("tokenUrl", "http://127.0.0.1:8901/token");
            oauth2.put("clientId", "mail-console");
            oauth2.put("clientSecret", CLIENT_SECRET);
            oauth2.put("refreshToken", REFRESH_TOKEN);
            HttpResponse<String> made = admin.postJson("/api/v1/accounts", body.toString());
            assertEquals(201, made.statusCode(), made.body());
            JsonNode account = admin.json(made);
            long id = account.get("id").asLong();

            ObjectNode moved = smtpAccount(2525);
            moved.put("authentication", "oauth2");
            moved.put("version", account.get("version").asLong());
            ObjectNode elsewhere = moved.putObject("oauth2");
            elsewhere.put("tokenUrl", "http://127.0.0.1:8902/token");
            elsewhere.put("clientId", "mail-console");
            HttpResponse<String> refused = admin.putJson("/api/v1/accounts/" + id, moved.toString());
            assertEquals(400, refused.statusCode(), refused.body());
            List<String> fields = new java.util.ArrayList<>();
            admin.json(refused).get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertEquals(List.of("oauth2.clientSecret", "oauth2.refreshToken"), fields, refused.body());
            assertFalse(refused.body().contains(CLIENT_SECRET));

            // the server of an OAuth 2.0 account receives the token the client secret gets
            ObjectNode otherServer = smtpAccount(2526);
            otherServer.put("authentication", "oauth2");
            otherServer.put("version", account.get("version").asLong());
            otherServer.set("oauth2", body.get("oauth2").deepCopy());
            ((ObjectNode) otherServer.get("oauth2")).remove(List.of("clientSecret", "refreshToken"));
            HttpResponse<String> serverMoved = admin.putJson("/api/v1/accounts/" + id, otherServer.toString());
            assertEquals(400, serverMoved.statusCode(), serverMoved.body());
            assertEquals("oauth2.clientSecret", admin.json(serverMoved).get("errors").get(0).get("field").asText());

            elsewhere.put("clientSecret", CLIENT_SECRET);
            elsewhere.putNull("refreshToken");
            HttpResponse<String> accepted = admin.putJson("/api/v1/accounts/" + id, moved.toString());
            assertEquals(200, accepted.statusCode(), accepted.body());
        }
    }

    @Test
    void systemPropertiesAskForThePasswordWhenTheServerChanges() throws Exception {
        try (ConsoleServer server = new ConsoleServer(dataDir).start()) {
            ConsoleClient admin = server.admin();
            Map<String, String> setUp = new HashMap<>(Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", "2525",
                    "glide.smtp.auth", "true", "glide.email.user", "app@example.com",
                    "glide.email.user_password", PASSWORD));
            long version = admin.properties().get("version").asLong();
            assertEquals(200, admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version, setUp)).statusCode());
            version = admin.properties().get("version").asLong();

            for (Map.Entry<String, String> change : List.of(Map.entry("glide.smtp.port", "2526"),
                    Map.entry("glide.email.server", "localhost"), Map.entry("glide.smtp.encryption", "ssl"),
                    Map.entry("glide.email.user", "other@example.com"))) {
                HttpResponse<String> refused = admin.patchJson("/api/v1/properties",
                        PropertiesApiIT.patchBody(version, Map.of(change.getKey(), change.getValue())));
                assertEquals(400, refused.statusCode(), change + ": " + refused.body());
                assertEquals("glide.email.user_password",
                        admin.json(refused).get("errors").get(0).get("field").asText(), change.toString());
            }
            assertEquals(version, admin.properties().get("version").asLong(), "nothing was saved");

            // the POP3 connection falls back to the SMTP password, then uses its own once set
            HttpResponse<String> pop3 = admin.patchJson("/api/v1/properties",
                    PropertiesApiIT.patchBody(version, Map.of("glide.pop3.server", "pop.example.com")));
            assertEquals(400, pop3.statusCode(), pop3.body());
            assertEquals("glide.email.user_password", admin.json(pop3).get("errors").get(0).get("field").asText());
            assertEquals(200, admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                    Map.of("glide.pop3.server", "pop.example.com", "glide.pop3.password", "pop-" + PASSWORD)))
                    .statusCode());
            version = admin.properties().get("version").asLong();
            HttpResponse<String> pop3Port = admin.patchJson("/api/v1/properties",
                    PropertiesApiIT.patchBody(version, Map.of("glide.pop3.port", "1995")));
            assertEquals(400, pop3Port.statusCode(), pop3Port.body());
            assertEquals("glide.pop3.password", admin.json(pop3Port).get("errors").get(0).get("field").asText());

            // the page: the same question at the password field, nothing saved
            String page = admin.get("/properties/email").body();
            HttpResponse<String> form = admin.postForm("/properties/email",
                    PropertiesPageIT.form(page, Map.of("glide.smtp.port", "2526")));
            assertEquals(400, form.statusCode());
            assertTrue(form.body().contains("type the password again"), form.body());
            assertFalse(form.body().contains(PASSWORD));

            // typed again (or the destination unchanged) it is saved
            assertEquals(200, admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                    Map.of("glide.smtp.port", "2526", "glide.email.user_password", PASSWORD))).statusCode());
            version = admin.properties().get("version").asLong();
            assertEquals(200, admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                    Map.of("glide.smtp.timeout", "20000"))).statusCode());
        }
    }
}
