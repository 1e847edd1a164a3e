package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningConsole;

/**
 * Issue 11 item 4: one failure reads the same wherever the console shows it (Test Connection, the
 * properties page's test email, an OAuth 2.0 token endpoint), in the named causes, with no Java class name.
 */
class OneVoiceForFailuresIT {
    private static final String REFUSED = "Connection refused by 127.0.0.1:1 (nothing listens there, or a firewall refuses)";

    @RegisterExtension
    static final RunningConsole console = new RunningConsole();

    @Test
    void aRefusedServerReadsTheSameOnEveryPage() {
        ConsoleClient admin = console.admin();
        long version = admin.properties().get("version").asLong();
        HttpResponse<String> patched = admin.patchJson("/api/v1/properties", "{\"version\": " + version + ", \"values\": "
                + "{\"glide.email.server\": \"127.0.0.1\", \"glide.smtp.port\": \"1\", \"glide.smtp.encryption\": \"none\"}}");
        assertEquals(200, patched.statusCode(), patched.body());

        String csrf = ConsoleClient.csrfToken(admin.get("/properties/email").body());
        String email = admin.postForm("/test-email", List.of(Map.entry("_csrf", csrf), Map.entry("to", "bob@example.com")))
                .body();
        assertTrue(email.contains(REFUSED), email);
        assertNoClassNames(email);

        long defaultSmtp = id(admin, "Default SMTP");
        JsonNode tested = admin.json(admin.postJson("/api/v1/accounts/" + defaultSmtp + "/test", ""));
        assertEquals(REFUSED, tested.get("message").asText());

        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", "Unreachable OAuth");
        body.put("type", "smtp");
        body.put("authentication", "oauth2");
        body.put("server", "127.0.0.1");
        body.put("port", 1);
        body.put("security", "none");
        body.put("userName", "app@example.com");
        ObjectNode oauth = body.putObject("oauth2");
        oauth.put("tokenUrl", "https://127.0.0.1:1/token");
        oauth.put("clientId", "client");
        oauth.put("clientSecret", "client-secret");
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode oauthTest = admin.json(admin.postJson("/api/v1/accounts/" + admin.json(created).get("id").asLong()
                + "/test", ""));
        assertTrue(oauthTest.get("message").asText().contains(REFUSED), oauthTest.toString());
        assertNoClassNames(oauthTest.get("message").asText());
    }

    private static void assertNoClassNames(String text) {
        for (String name : List.of("Exception", "java.", "jakarta.", "Couldn't connect")) {
            assertFalse(text.contains(name), name + " in " + text);
        }
    }

    private static long id(ConsoleClient admin, String name) {
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals(name)) {
                return account.get("id").asLong();
            }
        }
        throw new AssertionError(name);
    }
}
