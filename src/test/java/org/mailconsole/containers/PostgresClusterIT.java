package org.mailconsole.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.SmtpSink;
import org.mailconsole.testing.Ports;
import org.mailconsole.testing.TomcatCluster;

/**
 * Two real Tomcats (from the zip) on one private PostgreSQL, set up as the README's "Run several
 * containers" says: a change saved on node A is followed by node B's webapp within a second, a stale
 * version from the other node is a 409, a node killed with -9 leaves the other working and comes back,
 * and a node with another key file refuses to start.
 */
class PostgresClusterIT {
    static TomcatCluster cluster;
    static TomcatCluster.Node a;
    static TomcatCluster.Node b;
    static final SmtpSink first = new SmtpSink(Ports.of(30170));
    static final SmtpSink second = new SmtpSink(Ports.of(30171));

    @BeforeAll
    static void start() throws Exception {
        cluster = TomcatCluster.create(Path.of(System.getProperty("it.shared.work", "target/it-shared")).resolve("cluster"));
        a = cluster.node("node-a", 30160);
        b = cluster.node("node-b", 30161);
        cluster.startAll(a, b);
        first.up();
        second.up();
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Checks that this subject reaches this server once: within 10 s (the Outbox sends after the app's
     * call returns), and no duplicate follows in the second after.
     */
    private static void deliveredOnce(SmtpSink sink, String subject, String otherwise) {
        Awaitility.await(subject + " delivered to port " + sink.port() + " (" + otherwise + ")")
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> sink.deliveries(subject) > 0);
        Awaitility.await(subject + " delivered once").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50)).until(() -> sink.deliveries(subject) == 1);
    }

    /**
     * Node B's webapp follows a change saved on the other node within a second (README; its engine reads
     * the settings again after 250 ms, and what it sends with is not shown outside): that second passes
     * while node B's console shows the change all through it, as node B's console must.
     */
    private static void aSecondWhileBShowsPort(int port) {
        Awaitility.await("node B shows port " + port + " all through the second it has to follow it")
                .during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> b.console().property("glide.smtp.port").get("effective").asText(),
                        String.valueOf(port)::equals);
    }

    private static void patch(ConsoleClient console, Map<String, String> values) {
        HttpResponse<String> response = console.patchJson("/api/v1/properties", body(
                console.properties().get("version").asLong(), values));
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String body(long version, Map<String, String> values) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("version", version);
        ObjectNode valueNode = body.putObject("values");
        values.forEach(valueNode::put);
        return body.toString();
    }

    @Test
    void aChangeSavedOnNodeAIsFollowedByNodeBsWebappWithinASecond() throws Exception {
        Map<String, String> toFirst = new LinkedHashMap<>();
        toFirst.put("glide.email.server", "127.0.0.1");
        toFirst.put("glide.smtp.port", String.valueOf(first.port()));
        toFirst.put("glide.email.smtp.active", "true");
        patch(a.console(), toFirst);
        aSecondWhileBShowsPort(first.port());
        assertEquals(200, b.appSends("one@example.com", "cluster 1"));
        deliveredOnce(first, "cluster 1", "node B's webapp did not follow node A's first change");

        patch(a.console(), Map.of("glide.smtp.port", String.valueOf(second.port())));
        long saved = System.nanoTime();
        aSecondWhileBShowsPort(second.port());
        // when the app's send begins (its own round trip not counted): the claim is the webapp's next send
        long sentAfterMs = (System.nanoTime() - saved) / 1_000_000;
        assertEquals(200, b.appSends("two@example.com", "cluster 2"));
        deliveredOnce(second, "cluster 2", "node B's webapp still used the old server");
        assertEquals(0, first.deliveries("cluster 2"));
        assertTrue(sentAfterMs < 2000, "the send began " + sentAfterMs + " ms after the change, not about 1 s");

        // and node B's console shows node A's change
        assertEquals(String.valueOf(second.port()), b.console().property("glide.smtp.port").get("effective").asText());
    }

    @Test
    void aNodeKilledWithMinus9LeavesTheOtherSendingAndComesBack() throws Exception {
        Map<String, String> toFirst = new LinkedHashMap<>();
        toFirst.put("glide.email.server", "127.0.0.1");
        toFirst.put("glide.smtp.port", String.valueOf(first.port()));
        toFirst.put("glide.email.smtp.active", "true");
        patch(a.console(), toFirst);
        a.kill();
        aSecondWhileBShowsPort(first.port()); // node B answers, and shows the change A saved before it died
        assertEquals(200, b.appSends("during@example.com", "while A is dead"));
        deliveredOnce(first, "while A is dead", "node B did not send while A was dead");

        a.start(); // the same node, same files, after kill -9
        patch(a.console(), Map.of("glide.smtp.port", String.valueOf(second.port())));
        aSecondWhileBShowsPort(second.port());
        assertEquals(200, b.appSends("after@example.com", "after A came back"));
        deliveredOnce(second, "after A came back", "node A's change after its restart was not followed");
    }

    @Test
    void aStaleVersionFromTheOtherNodeIsAConflict() {
        long version = a.console().properties().get("version").asLong();
        assertEquals(200, b.console().patchJson("/api/v1/properties",
                body(version, Map.of("glide.email.username", "Saved on B"))).statusCode());
        HttpResponse<String> late = a.console().patchJson("/api/v1/properties",
                body(version, Map.of("glide.email.username", "Late on A")));
        assertEquals(409, late.statusCode(), late.body());
        assertEquals("Saved on B", a.console().property("glide.email.username").get("effective").asText());
    }

    @Test
    void aNodeWithAnotherKeyFileRefusesToStartAndSaysWhy() throws Exception {
        Path otherKey = TomcatCluster.newKeyFile(cluster.keyFile().resolveSibling("other.key"));
        try (TomcatCluster.Node stranger = cluster.node("node-other-key", 30162, otherKey)) {
            stranger.tomcat().launch();
            stranger.tomcat().awaitLog("Server startup in", Duration.ofSeconds(120));

            assertEquals(404, stranger.console().get("/api/v1/health").statusCode(), "the console must not start");
            assertNotEquals(200, stranger.appSends("never@example.com", "wrong key"), "the resource must refuse");
            String logs = stranger.logs();
            assertTrue(logs.contains("Mail Console refuses to start: the key file"), logs);
            assertTrue(logs.contains("must use the same key file"), logs);
            assertFalse(logs.contains("starting with StorageSettings"), "the console fell back to another database:\n" + logs);
        }
        // the refusal changed nothing for the nodes with the right key
        assertEquals(200, a.console().get("/api/v1/health").statusCode());
        assertEquals(200, b.console().get("/api/v1/health").statusCode());
    }
}
