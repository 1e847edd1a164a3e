package org.mailconsole.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ObjectName;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.Ports;
import org.mailconsole.testing.RealTomcat;
import org.mailconsole.testing.TokenEndpoint;
import org.mailconsole.testing.TomcatJmx;

/**
 * Issue 23 item 8: the standalone WAR redeployed in place five times in a real Tomcat 10.1 (the WAR
 * in webapps/ replaced, autoDeploy picks it up), with an OAuth 2.0 account used in between so the
 * token endpoint's HTTP client ran each time: Tomcat logs no leak (no JDBC driver left
 * registered, no thread left running, no ThreadLocal), the JVM's thread count does not grow, and
 * mail still flows after each redeploy. Standalone (the WAR's own core and drivers) and in shared
 * mode (the bundle in lib/, the console joining the container's mail/Session). The metrics' MBeans
 * (org.mailconsole) after each redeploy are the same ones, of the live core: standalone, a counter
 * starts again with each deployment (an old deployment's MBean would keep its count); shared, the
 * container's core keeps counting (issue 24).
 */
class RedeployTomcatIT {
    static final String ADMIN = "redeploy-admin";
    static final String ADMIN_PASSWORD = "redeploy-admin-pw";
    static final String TOKEN = "redeploy-access-token";
    static final String USER = "oauth@example.com";
    static final Path WORK = Path.of(System.getProperty("it.shared.work", "target/it-shared")).resolve("redeploy");
    static final String DEPLOYED = "Deployment of web application archive";

    @ParameterizedTest(name = "shared mode: {0}")
    @ValueSource(booleans = {false, true})
    void fiveRedeploysLeaveNothingBehind(boolean shared) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(Ports.of(30157), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser(USER, USER, TOKEN);
        // expires at once: every connection asks the endpoint again, so each round runs the HTTP client
        try (TokenEndpoint endpoint = TokenEndpoint.answering(200, "application/json",
                "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":1}");
             RealTomcat tomcat = RealTomcat.unpack(Path.of(System.getProperty("it.shared.tomcat.zip")),
                     WORK.resolve(shared ? "shared" : "standalone"), Ports.of(shared ? 30158 : 30156))) {
            // what catalina.sh adds on Java 9+, so Tomcat's leak detection (ThreadLocals included) is on
            for (String module : List.of("java.base/java.lang", "java.base/java.io", "java.base/java.util",
                    "java.base/java.util.concurrent", "java.rmi/sun.rmi.transport")) {
                tomcat.jvmOption("--add-opens=" + module + "=ALL-UNNAMED");
            }
            Path snippets = Path.of(System.getProperty("it.shared.conf", "conf/shared/tomcat"));
            // the Host checks webapps/ every second, not every 10 s: a redeploy starts at once, the same way
            tomcat.serverXml(shared ? Files.readString(snippets.resolve("server.xml-GlobalNamingResources.xml")) : "",
                    "", "autoDeploy=\"true\" backgroundProcessorDelay=\"1\"", "");
            tomcat.contextXml(shared ? Files.readString(snippets.resolve("context.xml-ResourceLink.xml")) : "");
            if (shared) {
                tomcat.addLibs(Path.of(System.getProperty("it.shared.bundle", "target/mail-console-shared/lib")));
            }
            tomcat.users(ADMIN, ADMIN_PASSWORD, "mail-admin");
            Path war = tomcat.base().resolve("webapps/mail-console.war");
            Files.copy(ConsoleServer.war(), war);
            tomcat.start(Duration.ofSeconds(90), "/mail-console/api/v1/health");
            ConsoleClient admin = new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
            long account = oauthAccount(admin, endpoint.url(), smtp.getSmtp().getPort());

            List<List<String>> threads = new ArrayList<>();
            List<java.util.Set<String>> mbeans = new ArrayList<>();
            for (int round = 0; round <= 5; round++) {
                if (round > 0) {
                    redeploy(tomcat, war, round);
                    admin = new ConsoleClient(tomcat.url("/mail-console"), ADMIN, ADMIN_PASSWORD);
                }
                int requestsBefore = endpoint.requests().size();
                HttpResponse<String> sent = admin.postJson("/api/v1/test-email",
                        "{\"to\": \"round" + round + "@example.com\", \"accountId\": " + account + "}");
                assertEquals(200, sent.statusCode(), sent.body());
                assertTrue(admin.json(sent).get("ok").asBoolean(), "round " + round + ": " + sent.body());
                assertTrue(endpoint.requests().size() > requestsBefore, "round " + round + ": the HTTP client ran");
                assertTrue(smtp.waitForIncomingEmail(10_000, round + 1), "round " + round + ": mail still flows");
                // one message through the Outbox (Skipped at once: Default SMTP has no server): its counter's MBean
                // is this deployment's core's (standalone: a new count each round) or the container's (shared)
                HttpResponse<String> queued = admin.postJson("/api/v1/test-email", "{\"to\": \"outbox" + round
                        + "@example.com\"}");
                assertTrue(queued.statusCode() < 500, queued.body());
                Map<String, Object> beans = mailConsoleMBeans(tomcat.base());
                long skipped = beans.entrySet().stream().filter(e -> e.getKey().contains("outcome.skipped")
                        && e.getKey().contains("webapp.console")).mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
                assertEquals(shared ? round + 1 : 1, skipped, "round " + round + ": the MBeans are the live core's: " + beans);
                mbeans.add(beans.keySet());
                if (round > 0) {
                    threads.add(threadsOf(tomcat.base()));
                }
            }
            // the first count is after a redeploy too (Tomcat's own threads have all started by then)
            List<String> first = threads.get(0);
            List<String> last = settledThreads(tomcat.base(), first.size());
            List<String> added = new ArrayList<>(last);
            first.forEach(added::remove);
            assertTrue(last.size() <= first.size(), "threads after each redeploy: "
                    + threads.stream().map(List::size).toList() + ", then " + last.size() + "; new: " + added);

            for (java.util.Set<String> names : mbeans) {
                assertEquals(mbeans.get(0), names, "the same MBeans after each redeploy: none left by an old deployment");
            }

            String logs = tomcat.logs();
            assertEquals(shared, logs.contains("shared mode"), "the console's mode");
            for (String leak : List.of("memory leak", "failed to unregister", "failed to stop it", "ThreadLocal",
                    "HttpClient-", "SEVERE")) {
                assertFalse(logs.contains(leak), "Tomcat logged '" + leak + "':\n" + logs);
            }
        } finally {
            smtp.stop();
        }
    }

    private static long oauthAccount(ConsoleClient admin, String tokenUrl, int smtpPort) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", "oauth relay");
        body.put("type", "smtp");
        body.put("authentication", "oauth2");
        body.put("server", "127.0.0.1");
        body.put("port", smtpPort);
        body.put("security", "none");
        body.put("userName", USER);
        body.put("active", false);
        ObjectNode oauth2 = body.putObject("oauth2");
        oauth2.put("tokenUrl", tokenUrl);
        oauth2.put("clientId", TokenEndpoint.CLIENT_ID);
        oauth2.put("clientSecret", TokenEndpoint.CLIENT_SECRET);
        HttpResponse<String> created = admin.postJson("/api/v1/accounts", body.toString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode json = admin.json(created);
        return json.get("id").asLong();
    }

    /** Replaces the WAR in webapps/ (whole, by a move) and waits until Tomcat has deployed it again. */
    private static void redeploy(RealTomcat tomcat, Path war, int round) throws Exception {
        int deployed = count(tomcat.logs(), DEPLOYED);
        Path fresh = war.resolveSibling("mail-console.war.next");
        Files.copy(ConsoleServer.war(), fresh, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().plusSeconds(round)));
        Files.move(fresh, war, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            Awaitility.await("redeployed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(tomcat.logs(), DEPLOYED) > deployed);
        } catch (ConditionTimeoutException e) {
            fail("Tomcat did not redeploy the WAR (round " + round + "):\n" + tomcat.logs());
        }
        tomcat.awaitServing(Duration.ofSeconds(90), "/mail-console/api/v1/health");
    }

    /** The threads once short-lived ones (a keep-alive timer, a finished check) are down to {@code limit}, waited for up to 20 s. */
    private static List<String> settledThreads(Path base, int limit) throws Exception {
        try {
            return Awaitility.await("threads settled").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> threadsOf(base), now -> now.size() <= limit);
        } catch (ConditionTimeoutException e) {
            return threadsOf(base); // the caller's assertion names them
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /**
     * The names of the live threads of the Tomcat whose catalina.base is {@code base}, over a local
     * JMX attach, without the threads of that attach itself (RMI, JMX, the attach listener).
     */
    private static List<String> threadsOf(Path base) throws Exception {
        return TomcatJmx.read(base, server -> {
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                    ThreadMXBean.class);
            return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                    .filter(Objects::nonNull).map(ThreadInfo::getThreadName)
                    .filter(name -> !name.startsWith("RMI ") && !name.startsWith("JMX ")
                            && !name.equals("Attach Listener"))
                    .sorted().toList();
        });
    }

    /** The Mail Console MBeans (domain org.mailconsole) of the Tomcat whose catalina.base is {@code base}, by name. */
    private static Map<String, Object> mailConsoleMBeans(Path base) throws Exception {
        return TomcatJmx.read(base, server -> {
            Map<String, Object> beans = new TreeMap<>();
            for (ObjectName name : server.queryNames(new ObjectName("org.mailconsole:*"), null)) {
                Object value = null;
                for (String attribute : List.of("Count", "Value")) {
                    try {
                        value = server.getAttribute(name, attribute);
                        break;
                    } catch (javax.management.AttributeNotFoundException e) {
                        // a gauge has Value, a counter Count
                    }
                }
                beans.put(name.getKeyProperty("name"), value);
            }
            return beans;
        });
    }
}
