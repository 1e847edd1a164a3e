package org.mailconsole.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/**
 * The sharing story, the same in every container: an admin changes the mail settings through the
 * console's API, and a second webapp that looked the session up once sends through each new setting
 * on its next message. Two GreenMail SMTP servers (A and B) on ephemeral loopback ports.
 */
public final class SharingScenario implements AutoCloseable {
    public static final String CANARY = "canary-Smtp-Pw-5d81c2";
    public static final String SMTP_USER = "helpdesk@example.com";

    public final GreenMail a = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    public final GreenMail b = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConsoleClient admin;
    private final String appSendUrl;
    private int sent;

    public SharingScenario(ConsoleClient admin, String appSendUrl) {
        this.admin = admin;
        this.appSendUrl = appSendUrl;
        a.start();
        b.start();
        a.setUser(SMTP_USER, SMTP_USER, CANARY);
    }

    /** PATCH /api/v1/properties with these values (null resets), as an admin would. */
    public void patch(Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }

    /** The app sends one message; its own send must return normally. */
    public String appSends(String to) throws IOException, InterruptedException {
        String subject = "app message " + (++sent);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(appSendUrl + "?to="
                        + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&subject="
                        + URLEncoder.encode(subject, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return subject;
    }

    public static int inbox(GreenMail server, String email) throws Exception {
        var user = server.getUserManager().getUserByEmail(email);
        return user == null ? 0 : server.getManagers().getImapHostManager().getInbox(user).getMessageCount();
    }

    static void eventually(Callable<Boolean> check, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(check);
    }

    /** The whole story; {@code containerLogs} must hold everything the container logged. */
    public void run(Callable<String> containerLogs) throws Exception {
        Map<String, String> toA = new LinkedHashMap<>();
        toA.put("glide.email.server", "127.0.0.1");
        toA.put("glide.smtp.port", String.valueOf(a.getSmtp().getPort()));
        toA.put("glide.smtp.auth", "true");
        toA.put("glide.email.user", SMTP_USER);
        toA.put("glide.email.user_password", CANARY);
        patch(toA);
        appSends("user1@example.com");
        eventually(() -> inbox(a, "user1@example.com") == 1, "the app's first mail at A");

        // B takes no login: the stored password is cleared with the move (it is only sent where it was saved for)
        patch(Map.of("glide.smtp.port", String.valueOf(b.getSmtp().getPort()), "glide.smtp.auth", "false",
                "glide.email.user_password", ""));
        appSends("user2@example.com");
        eventually(() -> inbox(b, "user2@example.com") == 1, "the app's next mail at B, no restart");
        assertEquals(0, inbox(a, "user2@example.com"));

        patch(Map.of("glide.email.smtp.active", "false"));
        String skipped = appSends("user3@example.com");
        Steady.holds("sending off: nothing arrives", Duration.ofMillis(1500),
                () -> assertEquals(0, inbox(a, "user3@example.com") + inbox(b, "user3@example.com")));
        eventually(() -> containerLogs.call().contains(skipped), "a log line naming the skipped message");

        patch(Map.of("glide.email.smtp.active", "true", "glide.email.test.user", "qa@example.com"));
        appSends("user4@example.com");
        eventually(() -> inbox(b, "qa@example.com") == 1, "the test address receives it");
        assertEquals(0, inbox(b, "user4@example.com") + inbox(a, "user4@example.com"), "only the test address");

        String logs = containerLogs.call();
        assertFalse(logs.contains(CANARY), "the SMTP password appears in the container's logs");
        assertTrue(logs.contains("Mail Console"), "the container's logs were not captured");
    }

    /**
     * Switching the active SMTP account from "Default SMTP" (the properties, pointing at A) to an
     * admin's account (pointing at B), and back, is followed by the app's next send each time.
     */
    public void switchAccounts() throws Exception {
        Map<String, String> toA = new LinkedHashMap<>();
        toA.put("glide.email.server", "127.0.0.1");
        toA.put("glide.smtp.port", String.valueOf(a.getSmtp().getPort()));
        toA.put("glide.smtp.auth", "false");
        toA.put("glide.email.smtp.active", "true");
        toA.put("glide.email.test.user", null);
        patch(toA);
        appSends("switch1@example.com");
        eventually(() -> inbox(a, "switch1@example.com") == 1, "Default SMTP (properties) sends to A");

        ObjectNode relay = ConsoleClient.JSON.createObjectNode();
        relay.put("name", "Relay B");
        relay.put("type", "smtp");
        relay.put("authentication", "none");
        relay.put("server", "127.0.0.1");
        relay.put("port", b.getSmtp().getPort());
        relay.put("security", "none");
        relay.put("fromAddress", "relay@example.com");
        relay.put("active", false);
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", relay.toString());
        assertEquals(201, created.statusCode(), created.body());
        setActive("Default SMTP", false);
        setActive("Relay B", true);
        appSends("switch2@example.com");
        eventually(() -> inbox(b, "switch2@example.com") == 1, "the custom account sends to B");
        assertEquals(0, inbox(a, "switch2@example.com"));

        setActive("Relay B", false);
        setActive("Default SMTP", true);
        appSends("switch3@example.com");
        eventually(() -> inbox(a, "switch3@example.com") == 1, "back on Default SMTP, to A");
        assertEquals(0, inbox(b, "switch3@example.com"));
    }

    private void setActive(String name, boolean active) {
        for (var account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals(name)) {
                ObjectNode edit = ((ObjectNode) account.deepCopy()).put("active", active);
                HttpResponse<String> response = admin.putJson("/api/v1/accounts/" + account.get("id").asLong(),
                        edit.toString());
                assertEquals(200, response.statusCode(), response.body());
                return;
            }
        }
        throw new AssertionError("no account " + name);
    }

    @Override
    public void close() {
        a.stop();
        b.stop();
    }
}
