package org.mailconsole.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mailconsole.mail.outbox.OutboxTiming;
import org.mailconsole.model.MaxConnections;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.Ports;
import org.mailconsole.testing.ScriptedSmtp;
import org.mailconsole.testing.SmtpSink;
import org.mailconsole.testing.Steady;
import org.mailconsole.testing.TomcatCluster;

/**
 * The Outbox of two real Tomcats (from the zip) on one private PostgreSQL: messages queued on both
 * nodes while the mail server is down are each delivered once when it comes back; node A killed with
 * -9 while it delivers: node B takes over A's leased messages once their leases (30 s, the default)
 * run out and delivers every message within 60 s, at most the ones in flight (one per connection)
 * twice; the two nodes together never start more messages in a minute than the account's Messages
 * per minute (the budget is in the database). The nodes' sweep is set as an admin would, with the
 * system property of docs/deploy.md, "Several nodes: how they share the Outbox".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresClusterOutboxIT {
    static final int EACH = 25;
    /** Beyond a steady period: how long a check may take to start holding. */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Short retries so a message tried while the server was down goes out soon after it is back. */
    static final String BACKOFF = String.join(",", java.util.Collections.nCopies(40, "1"));
    static TomcatCluster cluster;
    static TomcatCluster.Node a;
    static TomcatCluster.Node b;
    static final SmtpSink sink = new SmtpSink(Ports.of(30190));

    @BeforeAll
    static void start() throws Exception {
        cluster = TomcatCluster.create(Path.of(System.getProperty("it.shared.work", "target/it-shared"))
                .resolve("cluster-outbox"));
        a = cluster.node("node-a", 30180);
        b = cluster.node("node-b", 30181);
        for (TomcatCluster.Node node : List.of(a, b)) {
            node.tomcat().jvmOption("-D" + OutboxTiming.SWEEP_SECONDS + "=1");
        }
        cluster.startAll(a, b);
    }

    @AfterAll
    static void stop() throws Exception {
        sink.close();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void messagesQueuedOnBothNodesWhileTheServerIsDownAreEachDeliveredOnceWhenItIsBack() throws Exception {
        useServer(sink.port());
        sink.down();
        for (int i = 0; i < EACH; i++) {
            assertEquals(200, a.appSends("to@example.com", "down A " + i));
            assertEquals(200, b.appSends("to@example.com", "down B " + i));
        }
        // the senders try every message and fail while the server is down: each waits for its next attempt
        Awaitility.await("every message tried while the server is down").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> triedAndWaiting("down "), n -> n == 2 * EACH);
        assertEquals(List.of(), sink.subjects());
        sink.up();

        awaitDeliveries(() -> sink.subjects().size(), 2 * EACH, Duration.ofSeconds(90));
        holds("no late duplicate", Duration.ofSeconds(3), () -> sink.subjects().size() == 2 * EACH);
        Map<String, Long> bySubject = sink.subjects().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (int i = 0; i < EACH; i++) {
            assertEquals(1L, bySubject.getOrDefault("down A " + i, 0L), "down A " + i + ": " + bySubject);
            assertEquals(1L, bySubject.getOrDefault("down B " + i, 0L), "down B " + i + ": " + bySubject);
        }
        assertEquals(2 * EACH, sink.subjects().size(), "none twice: " + bySubject);
        assertEquals(2 * EACH, sentEntries("down "));
    }

    @Test
    @Order(2)
    void twoTomcatsTogetherNeverStartMoreThanOneMessagesPerMinuteBudget() throws Exception {
        try (ScriptedSmtp relay = ScriptedSmtp.start()) {
            useServer(relay.port());
            messagesPerMinute(20);
            for (int i = 0; i < EACH; i++) {
                assertEquals(200, a.appSends("to@example.com", "budget A " + i));
                assertEquals(200, b.appSends("to@example.com", "budget B " + i));
            }
            awaitDeliveries(() -> relay.received().size(), 20, Duration.ofSeconds(30));
            // both nodes keep trying meanwhile: the budget, in the database, holds them
            holds("the budget holds both nodes", Duration.ofSeconds(4),
                    () -> relay.received().size() == 20 && sentEntries("budget ") == 20);
            assertEquals(20, relay.received().size(), "the two Tomcats together started exactly the budget of 20");

            messagesPerMinute(null); // lifting the limit releases the rest within 5 s
            awaitDeliveries(() -> relay.received().size(), 2 * EACH, Duration.ofSeconds(20));
            holds("no late duplicate", Duration.ofSeconds(2), () -> relay.received().size() == 2 * EACH);
            assertEquals(2 * EACH, relay.received().size(), "none twice");
            assertEquals(2 * EACH, sentEntries("budget "));
        }
    }

    @Test
    @Order(3)
    void nodeAKilledWhileSendingNodeBTakesOverAfterTheClaimExpiresAndDeliversAll() throws Exception {
        try (ScriptedSmtp slow = ScriptedSmtp.down()) {
            slow.dataDelayMillis = 400; // each delivery holds its claim a while: the kill finds one in flight
            useServer(slow.port());
            for (int i = 0; i < EACH; i++) {
                assertEquals(200, a.appSends("to@example.com", "killed A " + i));
            }
            slow.up();
            // both nodes deliver A's messages (B finds them at its sweep): kill A while it holds a lease
            Awaitility.await("node A delivering, with a lease").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20)).until(() -> slow.dataCommands() >= 3 && claimsOf(a) > 0);
            a.kill();
            Instant killedAt = Instant.now();

            // a claim that does not move for 3 s (B's own deliveries take 0.4 s) is A's, left by the kill
            Map<Long, Timestamp> before = liveClaims();
            Awaitility.await("a claim stays as the kill left it").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(3).plus(PATIENCE)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        Map<Long, Timestamp> now = liveClaims();
                        assertFalse(unmoved(before, now).isEmpty(), "node A held no claim when it was killed: "
                                + before + " / " + now);
                    });
            Map<Long, Timestamp> after = liveClaims();
            Map<Long, Timestamp> stale = unmoved(before, after);
            assertFalse(stale.isEmpty(), "node A held no claim when it was killed: " + before + " / " + after);

            // the message A had handed over may have arrived already: wait for the log to say every one is Sent
            // A's lease (30 s, no longer renewed) runs out, and B takes the message over: within 60 s of the kill
            awaitDeliveries(() -> (int) sentEntries("killed A "), EACH,
                    Duration.ofSeconds(60).minus(Duration.between(killedAt, Instant.now())));
            long arrived = slow.received().stream().filter(r -> subject(r).startsWith("killed A ")).count();
            holds("no late duplicate", Duration.ofSeconds(3),
                    () -> slow.received().stream().filter(r -> subject(r).startsWith("killed A ")).count() == arrived);
            Map<String, Long> bySubject = slow.received().stream().map(PostgresClusterOutboxIT::subject)
                    .filter(s -> s.startsWith("killed A "))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(EACH, bySubject.size(), "every message arrived: " + bySubject);
            long twice = bySubject.values().stream().filter(n -> n > 1).count();
            // A's workers each had one message in flight (one per connection): those may arrive twice, no other
            assertTrue(bySubject.values().stream().allMatch(n -> n <= 2) && twice <= MaxConnections.DEFAULT,
                    "at most one message per connection twice: " + bySubject);
            assertEquals(EACH, sentEntries("killed A "));
            for (Map.Entry<Long, Timestamp> claim : stale.entrySet()) {
                Instant lastAttempt = lastAttempt(claim.getKey());
                assertTrue(!lastAttempt.isBefore(claim.getValue().toInstant()),
                        "message " + claim.getKey() + " was taken over at " + lastAttempt + ", before A's claim expired at "
                                + claim.getValue() + " (killed at " + killedAt + ")");
            }
        }
    }

    private static void useServer(int port) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("glide.email.server", "127.0.0.1");
        values.put("glide.smtp.port", String.valueOf(port));
        values.put("glide.email.smtp.active", "true");
        values.put("glide.smtp.retry_backoff", BACKOFF);
        ConsoleClient console = b.console();
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", console.properties().get("version").asLong());
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        HttpResponse<String> response = console.patchJson("/api/v1/properties", body.toString());
        assertEquals(200, response.statusCode(), response.body());
        // every node's engine follows within a second (it reads the settings again after 250 ms; what it
        // sends with is not shown outside): that second passes while each node's console shows the change
        holds("every node shows the change", Duration.ofSeconds(1), () -> List.of(a, b).stream().allMatch(node ->
                String.valueOf(port).equals(node.console().property("glide.smtp.port").get("effective").asText())));
    }

    /** Sets Messages per minute of the built-in Default SMTP account through node B's API (null: no limit). */
    private static void messagesPerMinute(Integer limit) throws Exception {
        ConsoleClient console = b.console();
        com.fasterxml.jackson.databind.JsonNode smtp = null;
        for (com.fasterxml.jackson.databind.JsonNode account : console.json(console.get("/api/v1/accounts")).get("accounts")) {
            if (account.get("name").asText().equals("Default SMTP")) {
                smtp = account;
            }
        }
        ObjectNode body = (ObjectNode) smtp.deepCopy();
        if (limit == null) {
            body.putNull("messagesPerMinute");
        } else {
            body.put("messagesPerMinute", limit);
        }
        HttpResponse<String> response = console.putJson("/api/v1/accounts/" + smtp.get("id").asLong(), body.toString());
        assertEquals(200, response.statusCode(), response.body());
        // each node follows the database within a second or so: wait until both say they have
        for (TomcatCluster.Node node : List.of(a, b)) {
            Awaitility.await(node + " follows Messages per minute").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        com.fasterxml.jackson.databind.JsonNode shown = node.console().json(node.console()
                                .get("/api/v1/diagnostics")).get("delivery").get(0).path("messagesPerMinute");
                        return shown.isNull() || shown.isMissingNode() ? "null" : shown.asText();
                    }, String.valueOf(limit)::equals);
        }
    }

    /** {@link Steady#holds}: a late message would break it. */
    private static void holds(String what, Duration period, java.util.function.BooleanSupplier steady) {
        Steady.holds(what, period, () -> assertTrue(steady.getAsBoolean(), what));
    }

    private static void awaitDeliveries(java.util.function.IntSupplier delivered, int expected, Duration timeout) {
        Awaitility.await(expected + " delivered").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(delivered::getAsInt, n -> n >= expected);
    }

    private static String subject(ScriptedSmtp.Received received) {
        return received.data().lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElse("?")
                .substring("Subject: ".length());
    }

    /** The claims of {@code before} whose expiry has not moved in {@code now}. */
    private static Map<Long, Timestamp> unmoved(Map<Long, Timestamp> before, Map<Long, Timestamp> now) {
        return before.entrySet().stream().filter(e -> e.getValue().equals(now.get(e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<Long, Timestamp> liveClaims() throws Exception {
        try (Connection db = cluster.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT id, claim_expires_at FROM email_entry WHERE state = 'send-ready' AND claim_expires_at > ?")) {
            query.setTimestamp(1, Timestamp.from(Instant.now()));
            Map<Long, Timestamp> claims = new java.util.HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    claims.put(rows.getLong(1), rows.getTimestamp(2));
                }
            }
            return claims;
        }
    }

    /** Live leases held by the node's delivery engine (its owner begins with the JVM's pid@host). */
    private static int claimsOf(TomcatCluster.Node node) throws Exception {
        try (Connection db = cluster.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT COUNT(*) FROM email_entry WHERE state = 'send-ready' AND claim_expires_at > ? AND claimed_by LIKE ?")) {
            query.setTimestamp(1, Timestamp.from(Instant.now()));
            query.setString(2, node.pid() + "@%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static long sentEntries(String subjectPrefix) {
        return entries("state = 'sent'", subjectPrefix);
    }

    /** Messages of this subject that were tried and wait in the Outbox for their next attempt. */
    private static long triedAndWaiting(String subjectPrefix) {
        return entries("state = 'send-ready' AND attempts > 0", subjectPrefix);
    }

    private static long entries(String condition, String subjectPrefix) {
        try (Connection db = cluster.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT COUNT(*) FROM email_entry WHERE " + condition + " AND subject LIKE ?")) {
            query.setString(1, subjectPrefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant lastAttempt(long id) throws Exception {
        try (Connection db = cluster.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT MAX(attempted_at) FROM email_attempt WHERE entry_id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }
}
