package org.mailconsole.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.EnvelopeRecorder;
import org.mailconsole.testing.Ports;
import org.mailconsole.testing.RealTomcat;
import org.mailconsole.testing.SharingApp;
import org.mailconsole.testing.Steady;

/**
 * The outbound effect of system address filters in a real Tomcat 10.1: the shared bundle in lib/,
 * the console, a second webapp that sends through the shared session, and a real SMTP server that
 * records the envelope recipients (RCPT TO) of every message.
 */
class AddressFiltersTomcatIT {
    static final String ADMIN = "tomcat-admin";
    static final String ADMIN_PASSWORD = "tomcat-admin-pw";
    static RealTomcat tomcat;
    static EnvelopeRecorder smtp;
    static ConsoleClient admin;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of(System.getProperty("it.shared.work", "target/it-shared"));
        tomcat = RealTomcat.unpack(Path.of(System.getProperty("it.shared.tomcat.zip")), work.resolve("tomcat-filters"),
                Integer.getInteger("it.shared.tomcat.port", 18280));
        Path snippets = Path.of(System.getProperty("it.shared.conf", "conf/shared/tomcat"));
        tomcat.serverXml(Files.readString(snippets.resolve("server.xml-GlobalNamingResources.xml")));
        tomcat.contextXml(Files.readString(snippets.resolve("context.xml-ResourceLink.xml")));
        tomcat.users(ADMIN, ADMIN_PASSWORD, "mail-admin");
        tomcat.addLibs(Path.of(System.getProperty("it.shared.bundle", "target/mail-console-shared/lib")));
        tomcat.deploy(ConsoleServer.war(), "mail-console");
        tomcat.deploy(SharingApp.war(work.resolve("sharing-app.war")), "sharing-app");
        smtp = new EnvelopeRecorder(Ports.of(32125));
        tomcat.start(Duration.ofSeconds(120), "/mail-console/api/v1/health");
        admin = new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
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

    @Test
    void filtersDropBlockedRecipientsFromTheEnvelopeOfEveryWebappsMail() throws Exception {
        Map<String, String> server = new LinkedHashMap<>();
        server.put("glide.email.server", "127.0.0.1");
        server.put("glide.smtp.port", String.valueOf(smtp.port()));
        patch(server);

        JsonNode blockedSubdomains = create(filter("No blocked subdomains", true,
                list("deny", List.of("*.blocked.example"), List.of("ceo@x.blocked.example"))));

        appSends("filter-1", "ceo@x.blocked.example, cfo@x.blocked.example, jane@fine.example");
        eventually(() -> smtp.recipients("filter-1").size() == 2, "the message at the server");
        assertEquals(List.of("ceo@x.blocked.example", "jane@fine.example"), smtp.recipients("filter-1"),
                "the exception and the other domain got through; cfo was dropped");
        eventually(() -> tomcat.logs().contains("cfo@x.blocked.example"), "the dropped recipient is logged");
        JsonNode first = logEntry("filter-1");
        eventually(() -> logEntry("filter-1").get("state").asText().equals("sent"), "the entry is Sent");
        assertEquals("/sharing-app", first.get("source").asText());
        assertEquals(List.of("ceo@x.blocked.example", "cfo@x.blocked.example", "jane@fine.example"),
                texts(first.get("recipients")), "the original recipients");
        assertEquals(List.of("ceo@x.blocked.example", "jane@fine.example"), texts(first.get("actualRecipients")));
        assertEquals(1, first.get("blockedRecipients").size(), first.toString());
        JsonNode blocked = first.get("blockedRecipients").get(0);
        assertEquals("cfo@x.blocked.example", blocked.get("address").asText());
        assertTrue(blocked.get("reason").asText().contains("\"No blocked subdomains\""), blocked.toString());

        appSends("filter-2", "cfo@x.blocked.example, cto@y.blocked.example");
        eventually(() -> tomcat.logs().contains("filter-2' not sent: every recipient was blocked by the system address "
                + "filter \"No blocked subdomains\""), "a message with no recipient left is not sent, naming the filter");
        Steady.holds("nothing reached the server", Duration.ofSeconds(1),
                () -> assertEquals(List.of(), smtp.recipients("filter-2")));
        JsonNode skipped = logEntry("filter-2");
        assertEquals("send-ignored", skipped.get("state").asText(), skipped.toString());
        assertEquals("skipped", skipped.get("mailbox").asText());
        assertEquals("every recipient was blocked by the system address filter \"No blocked subdomains\"",
                skipped.get("reason").asText());
        assertEquals(List.of("cfo@x.blocked.example", "cto@y.blocked.example"),
                texts(skipped.get("blockedRecipients").findValues("address")), skipped.toString());
        assertEquals(List.of(), texts(skipped.get("actualRecipients")));
        assertEquals(0, skipped.get("attempts").asInt());

        // an SMTP account that names its own filter: deny *, allow corp.example
        JsonNode corpOnly = create(filter("Corp only", false, list("deny", List.of("*"), List.of()),
                list("allow", List.of("corp.example"), List.of())));
        ObjectNode relay = ConsoleClient.JSON.createObjectNode();
        relay.put("name", "Relay with filter");
        relay.put("type", "smtp");
        relay.put("authentication", "none");
        relay.put("server", "127.0.0.1");
        relay.put("port", smtp.port());
        relay.put("security", "none");
        relay.put("fromAddress", "relay@example.com");
        relay.put("addressFilterId", corpOnly.get("id").asLong());
        relay.put("active", false);
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", relay.toString());
        assertEquals(201, created.statusCode(), created.body());
        setActive("Default SMTP", false);
        setActive("Relay with filter", true);

        appSends("filter-3", "a@corp.example, b@other.example, c@sub.corp.example, cfo@x.blocked.example");
        eventually(() -> smtp.recipients("filter-3").size() == 1, "the message at the server");
        Steady.holds("only corp.example: the account's filter, not the default one, is in effect", Duration.ofSeconds(1),
                () -> assertEquals(List.of("a@corp.example"), smtp.recipients("filter-3")));
        JsonNode corp = logEntry("filter-3");
        assertEquals(List.of("b@other.example", "c@sub.corp.example", "cfo@x.blocked.example"),
                texts(corp.get("blockedRecipients").findValues("address")), corp.toString());
        assertTrue(corp.get("blockedRecipients").findValuesAsText("reason").stream()
                .allMatch(r -> r.contains("\"Corp only\"")), corp.toString());

        // the test address wins: applied before the filter, never blocked by it
        patch(Map.of("glide.email.test.user", "qa@test.example"));
        appSends("filter-4", "someone@other.example");
        eventually(() -> smtp.recipients("filter-4").size() == 1, "the test address receives it");
        assertEquals(List.of("qa@test.example"), smtp.recipients("filter-4"));
        patch(singleNull("glide.email.test.user"));

        // an inactive filter no longer acts
        ObjectNode off = ((ObjectNode) admin.json(admin.get("/api/v1/address-filters/" + corpOnly.get("id").asLong()))
                .deepCopy()).put("active", false);
        assertEquals(200, admin.putJson("/api/v1/address-filters/" + corpOnly.get("id").asLong(), off.toString())
                .statusCode());
        appSends("filter-5", "b@other.example");
        eventually(() -> smtp.recipients("filter-5").size() == 1, "sent once the filter is off");

        String logs = tomcat.logs();
        assertFalse(logs.contains("SEVERE"), logs);
        assertTrue(blockedSubdomains.get("isDefault").asBoolean());
    }

    @Test
    void diagnosticsNameTheSendingWebappsAndSharedModeAndNoSecret() throws Exception {
        String canary = "tomcat-diag-canary-5521";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("glide.email.server", "127.0.0.1");
        values.put("glide.smtp.port", String.valueOf(smtp.port()));
        values.put("glide.email.user_password", canary);
        values.put("glide.email.smtp.active", "true");
        patch(values);
        appSends("diag-1", "someone@corp.example");

        HttpResponse<String> response = admin.get("/api/v1/diagnostics");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode d = admin.json(response);
        assertTrue(d.get("sharedMode").asBoolean(), "the console runs on the container's shared session: " + response.body());
        assertTrue(d.get("sources").findValuesAsText("contextPath").contains("/sharing-app"),
                "the second webapp is named: " + response.body());
        assertEquals("127.0.0.1", d.get("outbound").get("account").get("server").asText());
        assertFalse(response.body().contains(canary), "a password in the diagnostics");
        String page = admin.get("/diagnostics").body();
        assertTrue(page.contains("/sharing-app") && page.contains("yes: the console uses the database"), page);
        assertFalse(page.contains(canary));
        assertFalse(tomcat.logs().contains(canary), "a password in the container's logs");
    }

    /** The one email log entry whose subject matches, through GET /api/v1/emails. */
    static JsonNode logEntry(String subject) {
        HttpResponse<String> response = admin.get("/api/v1/emails?q=" + URLEncoder.encode(subject, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode page = admin.json(response);
        assertEquals(1, page.get("total").asInt(), response.body());
        return page.get("emails").get(0);
    }

    static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new java.util.ArrayList<>();
        nodes.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    static Map<String, String> singleNull(String name) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(name, null);
        return values;
    }

    static ObjectNode list(String type, List<String> domains, List<String> exceptions) {
        ObjectNode list = ConsoleClient.JSON.createObjectNode();
        list.put("type", type);
        ArrayNode d = list.putArray("domains");
        domains.forEach(d::add);
        ArrayNode e = list.putArray("exceptions");
        exceptions.forEach(e::add);
        return list;
    }

    static ObjectNode filter(String name, boolean isDefault, ObjectNode... lists) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", name);
        body.put("direction", "outbound");
        body.put("active", true);
        body.put("isDefault", isDefault);
        ArrayNode array = body.putArray("lists");
        for (ObjectNode list : lists) {
            array.add(list);
        }
        return body;
    }

    static JsonNode create(ObjectNode body) {
        HttpResponse<String> created = admin.postJson("/api/v1/address-filters", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        return admin.json(created);
    }

    static void patch(Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", admin.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = admin.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }

    static void setActive(String name, boolean active) {
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
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

    void appSends(String subject, String to) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tomcat.url("/sharing-app/send")
                        + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&subject="
                        + URLEncoder.encode(subject, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    static void eventually(Callable<Boolean> check, String what) throws Exception {
        try {
            Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(check);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + tomcat.logs(), e);
        }
    }
}
