package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RunningConsole;

/** Authentication, roles and CSRF on every URL, through the container's own BASIC realm. */
class AccessIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleServer server;

    @BeforeAll
    static void start() {
        server = console.server();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/properties/email", "/api/v1/properties", "/api/v1/health", "/metrics",
            "/static/console.css"})
    void everyUrlNeedsCredentials(String path) {
        HttpResponse<String> response = server.anonymous().get(path);
        assertEquals(401, response.statusCode(), path);
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        ConsoleClient wrong = new ConsoleClient(server.baseUrl(), ConsoleServer.ADMIN, "wrong-password");
        assertEquals(401, wrong.get(path).statusCode(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/properties/email", "/api/v1/properties", "/api/v1/health", "/metrics"})
    void aUserWithoutAConsoleRoleIsForbidden(String path) {
        assertEquals(403, new ConsoleClient(server.baseUrl(), "nobody", "nobody-pw").get(path).statusCode());
    }

    @Test
    void viewerMayReadButChangesNothing() {
        ConsoleClient viewer = server.viewer();
        assertEquals(200, viewer.get("/properties/email").statusCode());
        assertEquals(200, viewer.get("/api/v1/properties").statusCode());
        String before = viewer.get("/api/v1/properties").body();
        long version = viewer.properties().get("version").asLong();
        String patch = "{\"version\": " + version + ", \"values\": {\"glide.smtp.port\": \"2525\"}}";
        for (String method : List.of("PATCH", "POST", "PUT", "DELETE")) {
            assertEquals(403, viewer.sendJson(method, "/api/v1/properties", patch, true).statusCode(), method);
        }
        String page = viewer.get("/properties/email").body();
        HttpResponse<String> form = viewer.postForm("/properties/email", List.of(
                Map.entry("_csrf", ConsoleClient.csrfToken(page)),
                Map.entry("version", ConsoleClient.formVersion(page)),
                Map.entry("glide.smtp.port", "2525")));
        assertEquals(403, form.statusCode());
        assertEquals(before, viewer.get("/api/v1/properties").body());
    }

    @Test
    void apiChangesNeedXRequestedWith() {
        ConsoleClient admin = server.admin();
        long version = admin.properties().get("version").asLong();
        HttpResponse<String> response = admin.sendJson("PATCH", "/api/v1/properties",
                "{\"version\": " + version + ", \"values\": {\"glide.smtp.port\": \"2525\"}}", false);
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("X-Requested-With"));
        assertEquals("25", admin.property("glide.smtp.port").get("effective").asText());
    }

    @Test
    void aFormPostWithoutOrWithAWrongCsrfTokenIsRefused() {
        ConsoleClient admin = server.admin();
        String page = admin.get("/properties/email").body();
        String version = ConsoleClient.formVersion(page);
        HttpResponse<String> none = admin.postForm("/properties/email", List.of(
                Map.entry("version", version), Map.entry("glide.smtp.port", "2525")));
        assertEquals(403, none.statusCode());
        HttpResponse<String> wrong = admin.postForm("/properties/email", List.of(
                Map.entry("_csrf", "forged"), Map.entry("version", version), Map.entry("glide.smtp.port", "2525")));
        assertEquals(403, wrong.statusCode());
        // a token from another session is no good either
        String otherToken = ConsoleClient.csrfToken(server.admin().get("/properties/email").body());
        HttpResponse<String> foreign = admin.postForm("/properties/email", List.of(
                Map.entry("_csrf", otherToken), Map.entry("version", version), Map.entry("glide.smtp.port", "2525")));
        assertEquals(403, foreign.statusCode());
        assertEquals("25", admin.property("glide.smtp.port").get("effective").asText());
    }
}
