package org.mailconsole.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.TestMethodOrder;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RealTomcat;
import org.mailconsole.testing.ScriptedSmtp;
import org.mailconsole.testing.SharingApp;
import org.mailconsole.testing.Steady;

/**
 * The Outbox in a real Tomcat 10.1 (the Maven Central zip) with the shared bundle in lib/ and a
 * second webapp that sends, against a scripted SMTP server the test starts and stops: the app's
 * mail is logged with its context path and the server's reply; with the server down the send
 * returns at once and the message waits, across a clean restart and a kill -9, and is delivered
 * once by itself when the server is back; 550, 451 and a partial refusal as email-model section 5 says.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxTomcatIT {
    static final String ADMIN = "tomcat-admin";
    static final String ADMIN_PASSWORD = "tomcat-admin-pw";
    /** Two minutes of 1 s steps: enough to outlast a restart. */
    static final String MANY_SHORT_STEPS = String.join(",", java.util.Collections.nCopies(120, "1"));
    static RealTomcat tomcat;
    static ScriptedSmtp smtp;
    static ConsoleClient admin;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of(System.getProperty("it.shared.work", "target/it-shared")).resolve("outbox");
        tomcat = RealTomcat.unpack(Path.of(System.getProperty("it.shared.tomcat.zip")), work.resolve("tomcat"),
                Integer.getInteger("it.shared.tomcat.port", 18280));
        Path snippets = Path.of(System.getProperty("it.shared.conf", "conf/shared/tomcat"));
        tomcat.serverXml(Files.readString(snippets.resolve("server.xml-GlobalNamingResources.xml")));
        tomcat.contextXml(Files.readString(snippets.resolve("context.xml-ResourceLink.xml")));
        tomcat.users(ADMIN, ADMIN_PASSWORD, "mail-admin");
        tomcat.addLibs(Path.of(System.getProperty("it.shared.bundle", "target/mail-console-shared/lib")));
        tomcat.deploy(ConsoleServer.war(), "mail-console");
        tomcat.deploy(SharingApp.war(work.resolve("sharing-app.war")), "sharing-app");
        startTomcat();
        admin = new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
        smtp = ScriptedSmtp.start();
        patch(Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", String.valueOf(smtp.port()),
                "glide.smtp.connection_timeout", "2000", "glide.smtp.retry_backoff", MANY_SHORT_STEPS));
    }

    static void startTomcat() throws Exception {
        tomcat.start(Duration.ofSeconds(120), "/mail-console/api/v1/health");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    static void patch(Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }

    /** The second webapp sends one message; its answer time in ms. */
    long appSends(String to, String subject) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tomcat.url("/sharing-app/send")
                        + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&subject="
                        + URLEncoder.encode(subject, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** The one log entry whose subject (or recipient) matches {@code q}. */
    static JsonNode entry(String q) {
        HttpResponse<String> response = admin.get("/api/v1/emails?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode page = admin.json(response);
        assertEquals(1, page.get("total").asInt(), response.body());
        return page.get("emails").get(0);
    }

    static JsonNode eventually(Callable<JsonNode> read, java.util.function.Predicate<JsonNode> done, String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(read, done);
    }

    static long count(String mailbox) {
        return admin.json(admin.get("/api/v1/emails?size=1&mailbox=" + mailbox)).get("total").asLong();
    }

    @Test
    @Order(1)
    void theAppsMailIsLoggedAsSentWithTheReplyAndItsContextPath() throws Exception {
        appSends("first@example.com", "tomcat first");
        JsonNode sent = eventually(() -> entry("tomcat first"), e -> e.get("state").asText().equals("sent"), "sent");
        assertEquals(250, sent.get("replyCode").asInt());
        assertTrue(sent.get("reply").asText().startsWith("250"), sent.toString());
        assertEquals("/sharing-app", sent.get("source").asText());
        assertEquals("app@example.com", sent.get("from").asText());
        assertEquals(1, smtp.received().size());
    }

    /** The three ways an admin stops sending: each pauses the Outbox, none drops a queued message. */
    enum Pause { SENDING_OFF, ACCOUNT_DEACTIVATED, SERVER_BLANKED }

    @ParameterizedTest
    @EnumSource(Pause.class)
    @Order(6)
    void twentyQueuedWhileTheRelayIsDownWaitThroughAPauseAndArriveOnceAfterIt(Pause pause) throws Exception {
        smtp.stopListening();
        String tag = "paused " + pause + " ";
        for (int i = 0; i < 20; i++) {
            appSends("queued" + i + "@example.com", tag + i);
        }
        eventually(() -> admin.json(admin.get("/api/v1/emails?mailbox=outbox&size=50&q="
                + URLEncoder.encode(tag, StandardCharsets.UTF_8))),
                page -> page.get("total").asInt() == 20 && allAttempted(page), "each attempted while the relay is down");
        setPaused(pause, true);
        // an attempt under way when the pause began finishes: the attempts stop changing
        Map<String, Integer> attemptsAtPause = Steady.settled("attempts settled", () -> attemptsByEntry(tag));
        Steady.holds("no attempt while paused, none Skipped (several back-off steps of 1 s)", Duration.ofSeconds(5),
                () -> assertEquals(attemptsAtPause, attemptsByEntry(tag)));
        JsonNode one = admin.json(admin.get("/api/v1/emails/" + attemptsAtPause.keySet().iterator().next()));
        assertTrue(one.hasNonNull("paused"), "the entry says why it waits: " + one);
        if (pause == Pause.SENDING_OFF) {
            appSends("late@example.com", tag + "handed over while off");
            assertEquals("send-ignored", entry(tag + "handed over while off").get("state").asText());
        }
        smtp.up();
        setPaused(pause, false);
        eventually(() -> admin.json(admin.get("/api/v1/emails?mailbox=sent&size=50&q="
                + URLEncoder.encode(tag, StandardCharsets.UTF_8))),
                page -> page.get("total").asInt() == 20, "all 20 sent once sending is possible again");
        Map<String, Integer> attemptsAfter = attemptsByEntry(tag);
        for (Map.Entry<String, Integer> before : attemptsAtPause.entrySet()) {
            assertEquals(before.getValue() + 1, attemptsAfter.get(before.getKey()), "the pause used no retry step");
        }
        Steady.holds("each arrived once", Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 20; i++) {
                String subject = "Subject: " + tag + i;
                assertEquals(1, smtp.received().stream().filter(r -> r.data().lines().anyMatch(subject::equals)).count(),
                        subject + " arrived once");
            }
        });
    }

    static boolean allAttempted(JsonNode page) {
        for (JsonNode entry : page.get("emails")) {
            if (entry.get("attempts").asInt() < 1) {
                return false;
            }
        }
        return true;
    }

    /** Every entry of {@code tag} (any mailbox) by id, with its attempts; Skipped ones fail the test. */
    static Map<String, Integer> attemptsByEntry(String tag) {
        JsonNode page = admin.json(admin.get("/api/v1/emails?size=50&q=" + URLEncoder.encode(tag, StandardCharsets.UTF_8)));
        Map<String, Integer> attempts = new java.util.TreeMap<>();
        for (JsonNode entry : page.get("emails")) {
            if (entry.get("subject").asText().endsWith("handed over while off")) {
                continue;
            }
            assertTrue(!entry.get("state").asText().equals("send-ignored"), "Skipped: " + entry);
            attempts.put(entry.get("id").asText(), entry.get("attempts").asInt());
        }
        return attempts;
    }

    static void setPaused(Pause pause, boolean paused) {
        switch (pause) {
            case SENDING_OFF -> patch(Map.of("glide.email.smtp.active", String.valueOf(!paused)));
            // a server change asks for the stored password again (StoredSecretRule); it is given with it
            case SERVER_BLANKED -> patch(Map.of("glide.email.server", paused ? "" : "127.0.0.1",
                    "glide.email.user_password", "given-again"));
            case ACCOUNT_DEACTIVATED -> {
                for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
                    if (account.get("name").asText().equals("Default SMTP")) {
                        ObjectNode edit = ((ObjectNode) account.deepCopy()).put("active", !paused);
                        HttpResponse<String> response = admin.putJson("/api/v1/accounts/" + account.get("id").asLong(),
                                edit.toString());
                        assertEquals(200, response.statusCode(), response.body());
                    }
                }
            }
        }
    }

    @Test
    @Order(2)
    void withTheServerDownTheMessageWaitsAcrossARestartAndGoesWhenItIsBack() throws Exception {
        smtp.stopListening();
        long took = appSends("patient@example.com", "tomcat waits");
        assertTrue(took < 3000, "the app's send returned after " + took + " ms with the server down");
        JsonNode waiting = eventually(() -> entry("tomcat waits"), e -> e.get("attempts").asInt() >= 1, "attempted");
        assertEquals("send-ready", waiting.get("state").asText());
        assertTrue(waiting.get("reason").asText().startsWith("Connection refused"), waiting.toString());

        tomcat.stop();
        startTomcat();
        JsonNode kept = entry("tomcat waits");
        assertEquals("send-ready", kept.get("state").asText(), "still in the Outbox after the restart");

        smtp.up();
        eventually(() -> entry("tomcat waits"), e -> e.get("state").asText().equals("sent"), "delivered by itself");
        assertEquals(1, smtp.received().stream().filter(r -> r.data().contains("Subject: tomcat waits")).count());
    }

    @Test
    @Order(3)
    void kill9WithThirtyQueuedLosesNoneAndSendsNoneTwice() throws Exception {
        smtp.stopListening();
        long outboxBefore = count("outbox");
        for (int i = 0; i < 30; i++) {
            appSends("queued" + i + "@example.com", "killed batch " + i);
        }
        assertEquals(outboxBefore + 30, count("outbox"));
        tomcat.kill();
        smtp.up();
        startTomcat();
        eventually(() -> admin.json(admin.get("/api/v1/emails?size=1&mailbox=outbox")),
                page -> page.get("total").asInt() == 0, "the Outbox drained after kill -9");
        Steady.holds("each delivered exactly once", Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 30; i++) {
                String subject = "Subject: killed batch " + i + "\n";
                assertEquals(1, smtp.received().stream().filter(r -> r.data().contains(subject)).count(),
                        "message " + i + " delivered exactly once");
            }
        });
        for (int i = 0; i < 30; i++) {
            assertEquals("sent", entry("queued" + i + "@example.com").get("state").asText());
        }
    }

    @Test
    @Order(4)
    void fail550DeferAndFail451AndPartialRefusalThroughTheContainer() throws Exception {
        patch(Map.of("glide.smtp.retry_backoff", "1,1"));
        smtp.dataReply = "550 5.7.1 not accepted";
        appSends("x@example.com", "tomcat 550");
        JsonNode failed = eventually(() -> entry("tomcat 550"), e -> e.get("state").asText().equals("send-failed"),
                "550 failed");
        assertEquals(1, failed.get("attempts").asInt(),
                admin.get("/api/v1/emails/" + failed.get("id").asLong()).body());

        smtp.dataReply = "451 4.3.0 not now";
        appSends("y@example.com", "tomcat 451");
        JsonNode gaveUp = eventually(() -> entry("tomcat 451"), e -> e.get("state").asText().equals("send-failed"),
                "451 failed after the back-off");
        assertEquals(3, gaveUp.get("attempts").asInt());
        JsonNode history = admin.json(admin.get("/api/v1/emails/" + gaveUp.get("id").asLong())).get("history");
        assertEquals(List.of("deferred", "deferred", "failed"),
                List.of(history.get(0).get("outcome").asText(), history.get(1).get("outcome").asText(),
                        history.get(2).get("outcome").asText()));

        smtp.dataReply = "250 2.0.0 queued";
        smtp.rcptReply = address -> address.startsWith("gone") ? "550 5.1.1 gone away" : "250 2.1.5 OK";
        appSends("stays@example.com,gone@example.com", "tomcat partial");
        JsonNode partial = eventually(() -> entry("tomcat partial"), e -> e.get("state").asText().equals("sent"),
                "partial sent");
        assertEquals("gone@example.com", partial.get("refusedRecipients").get(0).get("address").asText());
        assertEquals("550 5.1.1 gone away", partial.get("refusedRecipients").get(0).get("reply").asText());
        smtp.rcptReply = address -> "250 2.1.5 OK";

        HttpResponse<String> retry = admin.postJson("/api/v1/emails/" + partial.get("id").asLong() + "/retry", "");
        assertEquals(409, retry.statusCode(), retry.body());
        String logs = tomcat.logs();
        assertFalse(logs.contains("SEVERE"), logs);
    }

    @Test
    @Order(5)
    void healthGoesDownWhileMailFailsOnTheConnectionAndUpWhenItFlowsWithDiagnosticsToMatch() throws Exception {
        String canary = "tomcat-health-canary-4471";
        patch(Map.of("glide.smtp.retry_backoff", MANY_SHORT_STEPS, "glide.email.user_password", canary));
        assertEquals(200, admin.get("/api/v1/health").statusCode(), admin.get("/api/v1/health").body());

        smtp.stopListening();
        appSends("h1@example.com", "tomcat health 1");
        appSends("h2@example.com", "tomcat health 2");
        JsonNode down = eventually(() -> admin.json(admin.get("/api/v1/health")),
                h -> h.get("status").asText().equals("DOWN"), "health DOWN after 3 connection failures");
        assertEquals("DOWN", down.get("checks").get("sender").asText(), down.toString());
        assertEquals("UP", down.get("checks").get("outbox").asText(), "nothing has waited 15 minutes: " + down);
        assertEquals("UP", down.get("checks").get("database").asText());
        HttpResponse<String> health = admin.get("/api/v1/health");
        assertEquals(503, health.statusCode(), health.body());

        HttpResponse<String> response = admin.get("/api/v1/diagnostics");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode d = admin.json(response);
        assertEquals("127.0.0.1", d.get("outbound").get("account").get("server").asText());
        assertEquals(smtp.port(), d.get("outbound").get("account").get("port").asInt());
        assertTrue(d.get("sender").get("running").asBoolean(), response.body());
        assertTrue(d.get("sender").get("lastFailureReason").asText().startsWith("Connection refused"), response.body());
        assertFalse(d.get("sender").get("lastFailureAt").isNull(), response.body());
        assertTrue(d.get("outbox").get("size").asLong() >= 2, response.body());
        assertTrue(d.get("outbox").get("oldestAgeSeconds").asLong() >= 0, response.body());
        assertTrue(d.get("counts").get("lastHour").get("sent").asLong() >= 1, "earlier tests sent mail: " + response.body());
        assertTrue(d.get("counts").get("lastHour").get("failed").asLong() >= 2, "550 and 451 failed: " + response.body());
        assertTrue(d.get("sources").findValuesAsText("contextPath").contains("/sharing-app"), response.body());
        assertTrue(d.get("sharedMode").asBoolean(), response.body());
        assertFalse(response.body().contains(canary), "a password in the diagnostics");
        String page = admin.get("/diagnostics").body();
        assertTrue(page.contains("Connection refused") && page.contains("/sharing-app"), page);
        assertFalse(page.contains(canary), "a password on the diagnostics page");

        smtp.up();
        eventually(() -> entry("tomcat health 2"), e -> e.get("state").asText().equals("sent"), "delivered when back");
        JsonNode up = eventually(() -> admin.json(admin.get("/api/v1/health")),
                h -> h.get("status").asText().equals("UP"), "health UP once mail flows");
        assertEquals("UP", up.get("checks").get("sender").asText());
        assertEquals(200, admin.get("/api/v1/health").statusCode());
        JsonNode after = admin.json(admin.get("/api/v1/diagnostics"));
        assertEquals(0, after.get("outbox").get("size").asLong(), after.toString());
        assertTrue(after.get("outbox").get("oldestAgeSeconds").isNull(), after.toString());
        assertFalse(after.get("sender").get("lastSuccessAt").isNull());
        assertFalse(tomcat.logs().contains(canary), "a password in the container's logs");
    }
}
