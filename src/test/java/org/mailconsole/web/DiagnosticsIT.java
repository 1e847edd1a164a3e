package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.RunningConsole;

/**
 * Email diagnostics, Check connections, health and the banner on the real WAR (embedded Jetty),
 * against a real SMTP server, a server that accepts connections and never answers, and a closed port.
 */
class DiagnosticsIT {
    static final String SMTP_CANARY = "diag-smtp-canary-7731";
    static final String POP_CANARY = "diag-pop-canary-1187";

    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleClient admin;
    static GreenMail smtp;
    static ServerSocket silent;
    static final List<Socket> held = new ArrayList<>();
    static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        admin = console.admin();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept()); // accepted, never answered
                } catch (Exception e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.stop();
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void mailFlows() {
        Map<String, String> normal = new LinkedHashMap<>();
        normal.put("glide.email.smtp.active", "true");
        normal.put("glide.email.test.user", null);
        patch(normal);
    }

    static void patch(Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }

    static void silentPop3(String name) {
        ObjectNode account = ConsoleClient.JSON.createObjectNode();
        account.put("name", name);
        account.put("type", "pop3");
        account.put("authentication", "password");
        account.put("server", "127.0.0.1");
        account.put("port", silent.getLocalPort());
        account.put("security", "none");
        account.put("userName", "reader");
        account.put("password", POP_CANARY);
        account.put("active", true);
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", account.toString());
        assertEquals(201, created.statusCode(), created.body());
    }

    @Test
    void diagnosticsShowTheOutboundInEffectAndNoSecret() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("glide.email.server", "127.0.0.1");
        values.put("glide.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        values.put("glide.smtp.encryption", "none");
        values.put("glide.email.user", "helpdesk@example.com");
        values.put("glide.email.user_password", SMTP_CANARY);
        values.put("glide.smtp.auth", "false");
        values.put("glide.pop3.port", String.valueOf(closedPort));
        patch(values);
        assertEquals(200, admin.postJson("/api/v1/test-email", "{\"to\": \"diag@example.com\"}").statusCode());

        HttpResponse<String> response = admin.get("/api/v1/diagnostics");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode d = admin.json(response);
        JsonNode out = d.get("outbound");
        assertTrue(out.get("sending").asBoolean(), response.body());
        assertEquals("Default SMTP", out.get("account").get("name").asText());
        assertEquals("127.0.0.1", out.get("account").get("server").asText());
        assertEquals(smtp.getSmtp().getPort(), out.get("account").get("port").asInt());
        assertEquals("none", out.get("account").get("security").asText());
        assertEquals("none", out.get("account").get("authentication").asText());
        assertTrue(out.get("testAddresses").isEmpty());
        JsonNode sender = d.get("sender");
        assertTrue(sender.get("running").asBoolean(), response.body());
        assertFalse(sender.get("lastSuccessAt").isNull(), "the test email was delivered: " + response.body());
        assertEquals(0, d.get("outbox").get("size").asLong(), response.body());
        assertTrue(d.get("outbox").get("oldestAgeSeconds").isNull(), "an empty Outbox has no oldest entry");
        assertTrue(d.get("counts").get("lastHour").get("sent").asLong() >= 1, response.body());
        assertTrue(d.get("counts").get("lastDay").get("sent").asLong()
                >= d.get("counts").get("lastHour").get("sent").asLong(), response.body());
        JsonNode delivery = d.get("delivery").get(0);
        assertEquals(1, d.get("delivery").size(), response.body());
        assertEquals("Default SMTP", delivery.get("name").asText());
        assertEquals(4, delivery.get("maxConnections").asInt(), "Connections' default");
        assertEquals(4, delivery.get("connectionsAllowed").asInt(), response.body());
        assertTrue(delivery.get("connectionsOpen").asInt() >= 0 && delivery.get("connectionsOpen").asInt() <= 4);
        assertEquals(0, delivery.get("estimatedDrainSeconds").asLong(), "an empty Outbox: " + response.body());
        assertTrue(delivery.get("connectionRefusal").isNull(), response.body());
        assertTrue(delivery.get("throttledUntil").isNull() && delivery.get("throttleReply").isNull(), response.body());
        assertTrue(delivery.get("messagesPerMinute").isNull() && delivery.get("recipientsPerDay").isNull(), response.body());
        assertTrue(delivery.get("lastMinute").asLong() >= 0 && delivery.get("last24hRecipients").asLong() >= 0,
                response.body());
        assertFalse(d.get("sharedMode").asBoolean(), "embedded Jetty runs the console alone");
        assertEquals("HSQLDB (embedded file)", d.get("database").get("engine").asText());
        assertEquals(String.valueOf(newestMigration()), d.get("database").get("schemaVersion").asText());
        assertTrue(d.get("database").get("url").asText().startsWith("jdbc:hsqldb:file:"));
        assertTrue(d.get("inbound").get("receiving").asBoolean());
        List<String> sources = d.get("sources").findValuesAsText("contextPath");
        assertTrue(sources.contains("console"), "the console's own test email went through the Outbox: "
                + response.body());
        assertFalse(response.body().contains(SMTP_CANARY), "a password in the diagnostics");

        String page = admin.get("/diagnostics").body();
        assertTrue(page.contains(String.valueOf(smtp.getSmtp().getPort())) && page.contains("127.0.0.1"), page);
        assertTrue(page.contains("running; last delivery 20") && page.contains("last failure never"), page);
        assertTrue(page.contains("0 message(s)") && page.contains("mailbox=outbox"), page);
        assertTrue(page.contains("last hour " + d.get("counts").get("lastHour").get("sent").asLong() + " sent, "), page);
        assertFalse(page.contains("not available"), "the Outbox facts are there");
        assertTrue(page.contains("4 allowed") && page.contains("the Outbox is empty"), page);
        assertFalse(page.contains(SMTP_CANARY));
    }

    @Test
    void checkConnectionsTestsEveryActiveAccountInParallelBoundedByTheTimeouts() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("glide.email.server", "127.0.0.1");
        values.put("glide.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        values.put("glide.smtp.auth", "false");
        values.put("glide.pop3.port", String.valueOf(closedPort));
        values.put("glide.smtp.connection_timeout", "1000");
        values.put("glide.smtp.timeout", "1500");
        patch(values);
        silentPop3("Silent one");
        silentPop3("Silent two");
        silentPop3("Silent three");

        long started = System.nanoTime();
        HttpResponse<String> response = admin.postJson("/api/v1/diagnostics/check-connections", "");
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, response.statusCode(), response.body());
        JsonNode results = admin.json(response).get("results");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        results.forEach(r -> byName.put(r.get("name").asText(), r));
        assertEquals(List.of("Default SMTP", "Default POP3", "Silent one", "Silent two", "Silent three"),
                new ArrayList<>(byName.keySet()), "every active account, nothing else: " + response.body());
        assertTrue(byName.get("Default SMTP").get("ok").asBoolean(), response.body());
        assertFalse(byName.get("Default POP3").get("ok").asBoolean(), "no POP3 password set: " + response.body());
        long sumMs = 0;
        for (String name : List.of("Silent one", "Silent two", "Silent three")) {
            JsonNode r = byName.get(name);
            assertFalse(r.get("ok").asBoolean());
            assertTrue(r.get("message").asText().toLowerCase().contains("timed out"), r.toString());
            sumMs += r.get("elapsedMs").asLong();
        }
        assertTrue(wallMs < sumMs, "the tests overlapped: " + wallMs + " ms in all, " + sumMs + " ms of silent tests");
        assertTrue(wallMs < 2 * (1000 + 1500) + 1000 + 2000, "bounded by the timeouts: " + wallMs + " ms");
        assertFalse(response.body().contains(POP_CANARY));

        JsonNode inbound = admin.json(admin.get("/api/v1/diagnostics")).get("inbound").get("accounts");
        JsonNode silentOne = null;
        for (JsonNode a : inbound) {
            if (a.get("account").get("name").asText().equals("Silent one")) {
                silentOne = a;
            }
        }
        assertNotNull(silentOne, inbound.toString());
        assertFalse(silentOne.get("lastCheck").get("ok").asBoolean(), "the last check is shown per inbound account");

        String csrf = ConsoleClient.csrfToken(admin.get("/diagnostics").body());
        String page = admin.postForm("/diagnostics/check-connections", List.of(Map.entry("_csrf", csrf))).body();
        assertTrue(page.contains("id=\"check-results\""), page);
        assertEquals(403, console.server().viewer().postJson("/api/v1/diagnostics/check-connections", "").statusCode());
    }

    @Test
    void healthReportsTheDatabaseTheSenderAndTheOutbox() {
        HttpResponse<String> response = admin.get("/api/v1/health");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode checks = admin.json(response).get("checks");
        assertEquals("UP", checks.get("database").asText());
        assertEquals("UP", checks.get("sender").asText(), response.body());
        assertEquals("UP", checks.get("outbox").asText(), response.body());
    }

    @Test
    void everyPageCarriesABannerWhileSendingIsOffOrATestAddressRedirectsMail() {
        patch(Map.of("glide.email.server", "127.0.0.1"));
        String normal = admin.get("/accounts").body();
        assertFalse(normal.contains("id=\"banner\""), "no banner while mail flows normally");

        patch(Map.of("glide.email.smtp.active", "false"));
        for (String path : List.of("/properties/email", "/accounts", "/address-filters", "/diagnostics", "/accounts/new")) {
            String html = admin.get(path).body();
            assertTrue(html.contains("id=\"banner\""), path + " has no banner");
            assertTrue(html.contains("href=\"/mail-console/properties/email#glide-email-smtp-active\">glide.email.smtp.active</a>"),
                    path + ": the banner names the setting and links to it\n" + html);
        }

        patch(Map.of("glide.email.smtp.active", "true", "glide.email.test.user", "qa@example.com"));
        String redirected = admin.get("/address-filters").body();
        assertTrue(redirected.contains("qa@example.com"), redirected);
        assertTrue(redirected.contains("href=\"/mail-console/properties/email#glide-email-test-user\">glide.email.test.user</a>"));
        assertFalse(redirected.contains("Email sending is off"));

        Map<String, String> reset = new LinkedHashMap<>();
        reset.put("glide.email.test.user", null);
        patch(reset);
        assertFalse(admin.get("/address-filters").body().contains("id=\"banner\""));
    }

    /** The highest V<n>__ of the project's migrations: the schema version a fresh database reaches. */
    private static int newestMigration() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(
                java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }
}
