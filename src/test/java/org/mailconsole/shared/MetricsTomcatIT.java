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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.PrometheusText;
import org.mailconsole.testing.RealTomcat;
import org.mailconsole.testing.ScriptedSmtp;
import org.mailconsole.testing.SharingApp;
import org.mailconsole.testing.Steady;
import org.mailconsole.testing.TomcatJmx;

/**
 * Issue 24 in a real Tomcat 10.1 with the shared bundle in lib/ (the meters live in the container's
 * core) and a second webapp that sends through the shared session: /metrics answers the Prometheus
 * text format line by line, for a viewer too; the webapp's sent counter moves by exactly its
 * messages; the Outbox gauges follow a relay that stops and comes back; the same figures are MBeans
 * read over a JMX connection (the JDK's local attach); and the shipped dashboard and rules name only
 * series /metrics serves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsTomcatIT {
    static final String ADMIN = "metrics-admin";
    static final String ADMIN_PASSWORD = "metrics-admin-pw";
    static final String VIEWER = "metrics-viewer";
    static final String VIEWER_PASSWORD = "metrics-viewer-pw";
    static final String WEBAPP = "/sharing-app";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static RealTomcat tomcat;
    static ScriptedSmtp smtp;
    static ConsoleClient admin;
    static ConsoleClient viewer;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of(System.getProperty("it.shared.work", "target/it-shared")).resolve("metrics");
        tomcat = RealTomcat.unpack(Path.of(System.getProperty("it.shared.tomcat.zip")), work.resolve("tomcat"),
                Integer.getInteger("it.shared.tomcat.port", 18280));
        Path snippets = Path.of(System.getProperty("it.shared.conf", "conf/shared/tomcat"));
        tomcat.serverXml(Files.readString(snippets.resolve("server.xml-GlobalNamingResources.xml")));
        tomcat.contextXml(Files.readString(snippets.resolve("context.xml-ResourceLink.xml")));
        Files.writeString(tomcat.base().resolve("conf/tomcat-users.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <role rolename="mail-admin"/>
                  <role rolename="mail-viewer"/>
                  <user username="%s" password="%s" roles="mail-admin"/>
                  <user username="%s" password="%s" roles="mail-viewer"/>
                </tomcat-users>
                """.formatted(ADMIN, ADMIN_PASSWORD, VIEWER, VIEWER_PASSWORD));
        tomcat.addLibs(Path.of(System.getProperty("it.shared.bundle", "target/mail-console-shared/lib")));
        tomcat.deploy(ConsoleServer.war(), "mail-console");
        tomcat.deploy(SharingApp.war(work.resolve("sharing-app.war")), "sharing-app");
        tomcat.start(Duration.ofSeconds(120), "/mail-console/api/v1/health");
        admin = new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
        viewer = new ConsoleClient(tomcat.url("/mail-console"), VIEWER, VIEWER_PASSWORD);
        smtp = ScriptedSmtp.start();
        patch(Map.of("glide.email.server", "127.0.0.1", "glide.smtp.port", String.valueOf(smtp.port()),
                "glide.smtp.connection_timeout", "2000", "glide.smtp.retry_backoff", OutboxTomcatIT.MANY_SHORT_STEPS));
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

    void appSends(String to, String subject) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tomcat.url("/sharing-app/send")
                        + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&subject="
                        + URLEncoder.encode(subject, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    /** GET /metrics as the viewer, checked line by line against the text format's grammar. */
    static PrometheusText metrics() {
        HttpResponse<String> response = viewer.get("/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return PrometheusText.parse(response.body());
    }

    static double sentByTheApp() {
        return metrics().value("mailconsole_messages_total", Map.of("webapp", WEBAPP, "outcome", "sent"));
    }

    static double outbox(String state) {
        return metrics().value("mailconsole_outbox_messages", Map.of("state", state));
    }

    static void await(String what, java.util.function.DoubleSupplier read, DoublePredicate done) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(read::getAsDouble, done::test);
    }

    @Test
    @Order(1)
    void metricsAnswerTheTextFormatToAViewerAndNothingToAStranger() throws Exception {
        appSends("first@example.com", "metrics first");
        await("the first message sent", MetricsTomcatIT::sentByTheApp, v -> v >= 1);
        HttpResponse<String> response = viewer.get("/metrics");
        assertEquals(200, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("text/plain") && type.contains("version=0.0.4"), type);
        PrometheusText text = PrometheusText.parse(response.body()); // every line, against the grammar
        assertTrue(text.names().containsAll(Set.of("mailconsole_messages_total", "mailconsole_delivery_attempts_total",
                "mailconsole_delivery_seconds_bucket", "mailconsole_outbox_messages",
                "mailconsole_outbox_oldest_age_seconds", "mailconsole_sender_up", "mailconsole_fallback_in_use")),
                text.names().toString());
        assertFalse(response.body().contains("first@example.com"), "never a recipient");
        HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create(tomcat.url("/mail-console/metrics")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, stranger.statusCode());
    }

    @Test
    @Order(2)
    void theWebappsSentCounterMovesByExactlyItsMessages() throws Exception {
        double before = sentByTheApp();
        for (int i = 0; i < 5; i++) {
            appSends("counted" + i + "@example.com", "metrics counted " + i);
        }
        await("five more sent", MetricsTomcatIT::sentByTheApp, v -> v >= before + 5);
        Steady.holds("nothing more arrives later", Duration.ofMillis(1500),
                () -> assertEquals(before + 5, sentByTheApp()));
        assertEquals(before + 5, metrics().value("mailconsole_messages_total",
                Map.of("webapp", WEBAPP, "outcome", "accepted")), "each handed over once");
    }

    @Test
    @Order(3)
    void theOutboxGaugesFollowARelayThatStopsAndComesBack() throws Exception {
        await("an empty Outbox", () -> outbox("due"), v -> v == 0);
        smtp.stopListening();
        for (int i = 0; i < 3; i++) {
            appSends("waits" + i + "@example.com", "metrics waits " + i);
        }
        await("three due while the relay is down", () -> outbox("due"), v -> v == 3);
        await("deferred attempts counted", () -> metrics().value("mailconsole_delivery_attempts_total",
                Map.of("result", "deferred", "reply_class", "none")), v -> v >= 3);
        smtp.up();
        await("the Outbox empties once the relay is back", () -> outbox("due"), v -> v == 0);
        assertEquals(0, metrics().value("mailconsole_outbox_oldest_age_seconds", Map.of()));
    }

    @Test
    @Order(4)
    void theSameFiguresAreMBeansReadOverJmx() throws Exception {
        double sent = sentByTheApp();
        long overJmx = TomcatJmx.read(tomcat.base(), server -> {
            Set<ObjectName> names = server.queryNames(new ObjectName("org.mailconsole:*"), null);
            ObjectName counter = names.stream().filter(n -> n.getKeyProperty("name").startsWith("mailconsoleMessages.")
                    && n.getKeyProperty("name").contains("outcome.sent") && n.getKeyProperty("name").contains("sharing-app"))
                    .findFirst().orElseThrow(() -> new AssertionError("no counter MBean for the webapp: " + names));
            assertTrue(names.stream().anyMatch(n -> n.getKeyProperty("name").equals("mailconsoleSenderUp")), names.toString());
            return ((Number) server.getAttribute(counter, "Count")).longValue();
        });
        assertEquals((long) sent, overJmx, "the MBean and /metrics count the same messages");
    }

    @Test
    @Order(5)
    void theShippedDashboardAndRulesNameOnlyServedSeries() throws Exception {
        // rate limits and a throttle pause make the last series exist
        for (JsonNode account : admin.json(admin.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals("Default SMTP")) {
                ObjectNode edit = ((ObjectNode) account.deepCopy()).put("messagesPerMinute", 1000)
                        .put("recipientsPerDay", 100000);
                HttpResponse<String> response = admin.putJson("/api/v1/accounts/" + account.get("id").asLong(),
                        edit.toString());
                assertEquals(200, response.statusCode(), response.body());
            }
        }
        smtp.dataReply = "450 4.7.1 slow down";
        appSends("throttled@example.com", "metrics throttled");
        await("a throttle pause", () -> metrics().value("mailconsole_throttle_pauses_total", Map.of()), v -> v >= 1);
        await("the rate limit rows", () -> metrics().has("mailconsole_rate_limit_usage_ratio", Map.of("limit", "day")) ? 1 : 0,
                v -> v == 1);
        Set<String> served = metrics().names();
        Path conf = Path.of(System.getProperty("it.conf", "conf"));
        Set<String> used = new TreeSet<>();
        for (Path file : new Path[] {conf.resolve("grafana/mail-console.json"), conf.resolve("prometheus/mail-console-rules.yml")}) {
            Matcher name = Pattern.compile("\\bmailconsole_[a-z_]+\\b").matcher(Files.readString(file));
            while (name.find()) {
                used.add(name.group());
            }
        }
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(served);
        assertEquals(Set.of(), missing, "used by the shipped files, not served; served: " + served);
    }
}
