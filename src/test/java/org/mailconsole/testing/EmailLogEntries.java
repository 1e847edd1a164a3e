package org.mailconsole.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.mailconsole.model.PropertyCatalog;

/**
 * Puts entries into every mailbox of a running console's email log through its live session (the
 * console's test email) and a {@link ScriptedSmtp} that answers as told: Sent (250), Sent with a
 * refused recipient (two test addresses in place of its recipient), Failed (550), Outbox (451 with a
 * back-off of an hour) and Skipped (another 451 one, cancelled through the API: the test email is
 * not logged while sending is off).
 */
public final class EmailLogEntries {
    public static final String SENDER = "log-sender@example.com";
    public static final String SENT = "sent-one@example.com";
    public static final String PARTIAL = "partial-ok@example.com";
    public static final String REFUSED = "partial-refused@example.com";
    /** The partial one's original recipient: the test address sends it to PARTIAL and REFUSED instead. */
    public static final String REDIRECTED = "redirected-one@example.com";
    public static final String FAILED = "failed-one@example.com";
    public static final String OUTBOX = "waiting-one@example.com";
    public static final String SKIPPED = "skipped-one@example.com";

    private final ConsoleClient admin;
    private final ScriptedSmtp smtp;

    public EmailLogEntries(ConsoleClient admin, ScriptedSmtp smtp) {
        this.admin = admin;
        this.smtp = smtp;
    }

    /** One entry per case above, oldest first in the order listed; the server answers 250 afterwards. */
    public void fillEveryMailbox() {
        Map<String, String> settings = new HashMap<>();
        // every property at its default first: a container shared with other tests may have any set
        PropertyCatalog.all().forEach(p -> settings.put(p.name(), null));
        settings.put("glide.email.server", "127.0.0.1");
        settings.put("glide.smtp.port", String.valueOf(smtp.port()));
        settings.put("glide.smtp.auth", "false");
        settings.put("glide.email.user", SENDER);
        settings.put("glide.smtp.retry_backoff", "3600");
        patch(settings);

        smtp.dataReply = "250 2.0.0 accepted for delivery";
        testEmail(SENT);
        smtp.rcptReply = address -> address.equals(REFUSED) ? "550 5.1.1 <" + REFUSED + ">: no such user" : "250 2.1.5 OK";
        patch(Map.of("glide.email.test.user", PARTIAL + "," + REFUSED));
        testEmail(REDIRECTED);
        Map<String, String> noTestAddress = new HashMap<>();
        noTestAddress.put("glide.email.test.user", null);
        patch(noTestAddress);
        smtp.rcptReply = address -> "250 2.1.5 OK";
        smtp.dataReply = "550 5.7.1 rejected by policy";
        testEmail(FAILED);
        smtp.dataReply = "451 4.3.0 try again later";
        testEmail(OUTBOX);
        testEmail(SKIPPED);
        HttpResponse<String> cancelled = admin.postJson("/api/v1/emails/" + id(SKIPPED) + "/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        smtp.dataReply = "250 2.0.0 accepted for delivery";
    }

    public void patch(Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }

    public JsonNode testEmail(String to) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode().put("to", to);
        HttpResponse<String> response = admin.postJson("/api/v1/test-email", body.toString());
        assertEquals(200, response.statusCode(), response.body());
        return admin.json(response);
    }

    /** The one entry whose recipients include {@code address}, through the API. */
    public JsonNode entry(String address) {
        HttpResponse<String> response = admin.get("/api/v1/emails?q=" + URLEncoder.encode(address, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode page = admin.json(response);
        assertEquals(1, page.get("total").asInt(), response.body());
        return page.get("emails").get(0);
    }

    public long id(String address) {
        return entry(address).get("id").asLong();
    }

    /** The entry as the API shows it now (with its history). */
    public JsonNode current(long id) {
        HttpResponse<String> response = admin.get("/api/v1/emails/" + id);
        assertEquals(200, response.statusCode(), response.body());
        return admin.json(response);
    }
}
