package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.RunningConsole;
import org.mailconsole.testing.ScriptedSmtp;

/**
 * /api/v1/emails in the console (embedded Jetty) against a scripted SMTP server: the console's test
 * email is logged, Retry now and Cancel follow the state (409 otherwise), a viewer reads and cannot
 * act (403), and bad queries are 400 problems, never 500.
 */
class EmailsApiIT {
    @RegisterExtension
    static final RunningConsole console = new RunningConsole();
    static ConsoleServer server;
    static ConsoleClient admin;
    static ScriptedSmtp smtp;

    @BeforeAll
    static void start() throws Exception {
        server = console.server();
        admin = server.admin();
        smtp = ScriptedSmtp.start();
        patch(Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", String.valueOf(smtp.port()),
                "glide.smtp.retry_backoff", "3600"));
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
    }

    static void patch(Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }

    static JsonNode testEmail(String to) {
        HttpResponse<String> response = admin.postJson("/api/v1/test-email", "{\"to\": \"" + to + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return admin.json(response);
    }

    /** The newest entry whose recipients include {@code to}, found by the API's search. */
    static JsonNode entryFor(String to) {
        HttpResponse<String> response = admin.get("/api/v1/emails?q=" + to);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode page = admin.json(response);
        assertEquals(1, page.get("total").asInt(), response.body());
        return page.get("emails").get(0);
    }

    @Test
    void theTestEmailIsLoggedAsSentFromTheConsoleWithItsHistory() {
        smtp.dataReply = "250 2.0.0 logged ok";
        assertTrue(testEmail("logged@example.com").get("ok").asBoolean());
        JsonNode entry = entryFor("logged@example.com");
        assertEquals("sent", entry.get("state").asText());
        assertEquals("sent", entry.get("mailbox").asText());
        assertEquals("console", entry.get("source").asText());
        assertEquals(250, entry.get("replyCode").asInt());
        assertTrue(entry.get("reply").asText().contains("logged ok"));
        assertTrue(entry.get("createdAt").asText().endsWith("Z"), entry.toString());
        HttpResponse<String> one = admin.get("/api/v1/emails/" + entry.get("id").asLong());
        assertEquals(200, one.statusCode());
        JsonNode history = admin.json(one).get("history");
        assertEquals(1, history.size());
        assertEquals("sent", history.get(0).get("outcome").asText());

        HttpResponse<String> sentBox = admin.get("/api/v1/emails?mailbox=sent&size=1");
        assertEquals(200, sentBox.statusCode());
        assertEquals(1, admin.json(sentBox).get("size").asInt());
        assertTrue(admin.json(sentBox).get("total").asInt() >= 1);
    }

    @Test
    void aTestEmailWhileSendingIsOffIsLoggedAsSkippedWithTheReason() {
        patch(Map.of("glide.email.smtp.active", "false"));
        try {
            int before = smtp.received().size();
            JsonNode result = testEmail("while-off@example.com");
            assertFalse(result.get("ok").asBoolean(), result.toString());
            JsonNode entry = entryFor("while-off@example.com");
            assertEquals("send-ignored", entry.get("state").asText(), entry.toString());
            assertEquals("skipped", entry.get("mailbox").asText());
            assertEquals("console", entry.get("source").asText());
            assertTrue(entry.get("reason").asText().contains("glide.email.smtp.active"), entry.toString());
            assertTrue(result.get("message").asText().contains(entry.get("reason").asText()), result.toString());
            assertEquals(0, entry.get("attempts").asInt());
            assertEquals(before, smtp.received().size(), "nothing reached the server");
        } finally {
            patch(Map.of("glide.email.smtp.active", "true"));
        }
    }

    @Test
    void retryNowAndCancelFollowTheStateAndAViewerCannotAct() {
        smtp.dataReply = "550 5.7.1 no thanks";
        testEmail("failing@example.com");
        JsonNode failed = entryFor("failing@example.com");
        assertEquals("send-failed", failed.get("state").asText());
        long failedId = failed.get("id").asLong();
        ConsoleClient viewer = server.viewer();
        assertEquals(200, viewer.get("/api/v1/emails/" + failedId).statusCode(), "a viewer reads");
        assertEquals(200, viewer.get("/api/v1/emails?mailbox=failed").statusCode());
        assertEquals(403, viewer.sendJson("POST", "/api/v1/emails/" + failedId + "/retry", "", true).statusCode());
        assertEquals(409, admin.postJson("/api/v1/emails/" + failedId + "/cancel", "").statusCode(),
                "a Failed message cannot be cancelled");

        smtp.dataReply = "250 2.0.0 second time lucky";
        HttpResponse<String> retried = admin.postJson("/api/v1/emails/" + failedId + "/retry", "");
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals("sent", admin.json(retried).get("state").asText());
        assertEquals(2, admin.json(retried).get("history").size());
        HttpResponse<String> again = admin.postJson("/api/v1/emails/" + failedId + "/retry", "");
        assertEquals(409, again.statusCode(), "a Sent message is not retried");
        assertTrue(again.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        smtp.dataReply = "451 4.3.0 later please";
        testEmail("waiting@example.com");
        JsonNode waiting = entryFor("waiting@example.com");
        assertEquals("send-ready", waiting.get("state").asText());
        assertTrue(waiting.hasNonNull("nextAttemptAt"));
        long waitingId = waiting.get("id").asLong();
        assertEquals(403, viewer.sendJson("POST", "/api/v1/emails/" + waitingId + "/cancel", "", true).statusCode());
        assertEquals("send-ready", admin.json(admin.get("/api/v1/emails/" + waitingId)).get("state").asText());
        HttpResponse<String> cancelled = admin.postJson("/api/v1/emails/" + waitingId + "/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("send-ignored", admin.json(cancelled).get("state").asText());
        assertEquals("cancelled by " + ConsoleServer.ADMIN, admin.json(cancelled).get("reason").asText());
        assertEquals(409, admin.postJson("/api/v1/emails/" + waitingId + "/cancel", "").statusCode());
        smtp.dataReply = "250 2.0.0 queued";
    }

    @ParameterizedTest
    @ValueSource(strings = {"mailbox=bogus", "mailbox=Sent", "page=-1", "page=abc", "size=0", "size=10000",
        "size=201", "size=1.5", "page=99999999999", "page=501&size=200", "page=2001"})
    void badQueriesAre400Problems(String query) {
        HttpResponse<String> response = server.viewer().get("/api/v1/emails?" + query);
        assertEquals(400, response.statusCode(), query + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        String field = query.substring(0, query.indexOf('='));
        assertEquals(field, admin.json(response).get("errors").get(0).get("field").asText(), response.body());
    }

    @Test
    void aPageDeeperThanAHundredThousandIsRefusedNamingPage() {
        assertEquals(200, admin.get("/api/v1/emails?page=500&size=200").statusCode(), "page * size = 100,000");
        HttpResponse<String> deep = admin.get("/api/v1/emails?page=500&size=201");
        assertEquals(400, deep.statusCode(), deep.body());
    }

    @Test
    void cancelAllSkipsTheWaitingMessagesAndOnlyAnAdminMayOnTheOutboxOnly() {
        smtp.dataReply = "451 4.3.0 later please";
        testEmail("all-one@example.com");
        testEmail("all-two@example.com");
        smtp.dataReply = "250 2.0.0 queued";
        long one = entryFor("all-one@example.com").get("id").asLong();
        long two = entryFor("all-two@example.com").get("id").asLong();
        assertEquals(403, server.viewer().sendJson("POST", "/api/v1/emails/cancel-all?mailbox=outbox", "", true)
                .statusCode(), "a viewer cannot");
        HttpResponse<String> wrong = admin.postJson("/api/v1/emails/cancel-all?mailbox=sent", "");
        assertEquals(400, wrong.statusCode(), wrong.body());
        assertEquals("mailbox", admin.json(wrong).get("errors").get(0).get("field").asText());
        assertEquals("send-ready", admin.json(admin.get("/api/v1/emails/" + one)).get("state").asText(),
                "a refused request changed nothing");
        HttpResponse<String> done = admin.postJson("/api/v1/emails/cancel-all?mailbox=outbox", "");
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(admin.json(done).get("cancelled").asInt() >= 2, done.body());
        for (long id : new long[] {one, two}) {
            JsonNode entry = admin.json(admin.get("/api/v1/emails/" + id));
            assertEquals("send-ignored", entry.get("state").asText());
            assertEquals("cancelled by " + ConsoleServer.ADMIN, entry.get("reason").asText());
        }
        assertEquals(0, admin.json(admin.get("/api/v1/emails?mailbox=outbox")).get("total").asInt());
    }

    @Test
    void anOutboxEntrySaysWhyTheOutboxIsPaused() {
        smtp.dataReply = "451 4.3.0 later please";
        testEmail("paused@example.com");
        smtp.dataReply = "250 2.0.0 queued";
        long id = entryFor("paused@example.com").get("id").asLong();
        patch(Map.of("glide.email.smtp.active", "false"));
        try {
            JsonNode entry = admin.json(admin.get("/api/v1/emails/" + id));
            assertEquals("send-ready", entry.get("state").asText());
            assertTrue(entry.get("paused").asText().contains("disabled"), entry.toString());
            HttpResponse<String> retry = admin.postJson("/api/v1/emails/" + id + "/retry", "");
            assertEquals(409, retry.statusCode(), "Retry now while paused: " + retry.body());
            assertTrue(retry.body().contains("paused"), retry.body());
        } finally {
            patch(Map.of("glide.email.smtp.active", "true"));
        }
        assertFalse(admin.json(admin.get("/api/v1/emails/" + id)).has("paused"), "not paused any more");
        assertEquals(200, admin.postJson("/api/v1/emails/" + id + "/cancel", "").statusCode());
    }

    @Test
    void unknownEntriesAre404() {
        assertEquals(404, admin.get("/api/v1/emails/987654").statusCode());
        assertEquals(404, admin.get("/api/v1/emails/not-a-number").statusCode());
        assertEquals(404, admin.postJson("/api/v1/emails/987654/retry", "").statusCode());
        HttpResponse<String> all = admin.get("/api/v1/emails?mailbox=&page=0&size=200&q=");
        assertEquals(200, all.statusCode(), "blank values are the defaults");
    }
}
