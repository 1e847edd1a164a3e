package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.PostgresServer;

/**
 * The account rules under concurrent writers, through the real WAR on HSQLDB and on PostgreSQL:
 * 8 threads released together by a barrier, 12 rounds each of concurrent creates of active SMTP
 * accounts, concurrent activations (PUT) of different SMTP accounts, and concurrent creates of
 * one name in different letter case. Exactly one writer may win each round.
 */
class AccountConcurrencyIT {
    private static final int THREADS = 8;
    private static final int ROUNDS = 12;

    @Test
    void rulesHoldOnHsqldb() throws Exception {
        Path dir = Files.createTempDirectory("mail-console-race-");
        try (ConsoleServer server = new ConsoleServer(dir).start()) {
            race(server);
        } finally {
            delete(dir);
        }
    }

    @Test
    void rulesHoldOnPostgres() throws Exception {
        Path dir = Files.createTempDirectory("mail-console-race-pg-");
        try (PostgresServer postgres = PostgresServer.start();
             ConsoleServer server = new ConsoleServer(dir, Map.of("mailconsole.db.url", postgres.jdbcUrl(),
                     "mailconsole.db.user", "postgres", "mailconsole.db.password", "trust-auth")).start()) {
            race(server);
        } finally {
            delete(dir);
        }
    }

    private static void race(ConsoleServer server) throws Exception {
        List<ConsoleClient> clients = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            clients.add(server.admin());
        }
        ConsoleClient admin = clients.get(0);
        JsonNode defaultSmtp = byName(admin, "Default SMTP");
        put(admin, defaultSmtp, false);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<JsonNode> inactive = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                HttpResponse<String> created = admin.postJson("/api/v1/accounts", smtp("Standby " + i, false).toString());
                assertEquals(201, created.statusCode(), created.body());
                inactive.add(admin.json(created));
            }
            for (int round = 0; round < ROUNDS; round++) {
                // concurrent creates of active SMTP accounts: one 201, the rest 409, one active
                int r = round;
                List<Integer> statuses = all(pool, i -> clients.get(i)
                        .postJson("/api/v1/accounts", smtp("Active " + r + "-" + i, true).toString()).statusCode());
                assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "round " + round + ": " + statuses);
                assertEquals(THREADS - 1, statuses.stream().filter(s -> s == 409).count(), "round " + round + ": " + statuses);
                deactivateAll(admin);

                // concurrent activations of different inactive SMTP accounts: one 200, one active
                List<JsonNode> current = new ArrayList<>();
                for (JsonNode account : inactive) {
                    current.add(admin.json(admin.get("/api/v1/accounts/" + account.get("id").asText())));
                }
                statuses = all(pool, i -> {
                    ObjectNode body = (ObjectNode) current.get(i).deepCopy();
                    body.put("active", true);
                    return clients.get(i).putJson("/api/v1/accounts/" + body.get("id").asText(), body.toString())
                            .statusCode();
                });
                assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "round " + round + ": " + statuses);
                assertEquals(1, activeSmtp(admin), "round " + round);
                deactivateAll(admin);

                // concurrent creates of one name in different letter case: one 201
                statuses = all(pool, i -> clients.get(i).postJson("/api/v1/accounts",
                        smtp(letterCase("Shared Name " + r, i), false).toString()).statusCode());
                assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "round " + round + ": " + statuses);
                long sameName = accounts(admin).stream()
                        .filter(a -> a.get("name").asText().equalsIgnoreCase("Shared Name " + r)).count();
                assertEquals(1, sameName, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Call {
        int run(int thread) throws Exception;
    }

    /** Runs the call on every thread at once (a barrier releases them together); the statuses in thread order. */
    private static List<Integer> all(ExecutorService pool, Call call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int thread = i;
            Callable<Integer> task = () -> {
                start.await();
                return call.run(thread);
            };
            futures.add(pool.submit(task));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> future : futures) {
            statuses.add(future.get());
        }
        return statuses;
    }

    private static String letterCase(String name, int variant) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < name.length(); c++) {
            String ch = String.valueOf(name.charAt(c));
            out.append(((variant >> (c % 3)) & 1) == 1 ? ch.toUpperCase(Locale.ROOT) : ch.toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    static ObjectNode smtp(String name, boolean active) {
        ObjectNode body = ConsoleClient.JSON.createObjectNode();
        body.put("name", name);
        body.put("type", "smtp");
        body.put("authentication", "none");
        body.put("server", "smtp.example.com");
        body.put("security", "none");
        body.put("active", active);
        return body;
    }

    private static List<JsonNode> accounts(ConsoleClient admin) {
        List<JsonNode> list = new ArrayList<>();
        admin.json(admin.get("/api/v1/accounts")).get("accounts").forEach(list::add);
        return list;
    }

    private static long activeSmtp(ConsoleClient admin) {
        return accounts(admin).stream()
                .filter(a -> a.get("type").asText().equals("smtp") && a.get("active").asBoolean()).count();
    }

    private static void deactivateAll(ConsoleClient admin) {
        for (JsonNode account : accounts(admin)) {
            if (account.get("type").asText().equals("smtp") && account.get("active").asBoolean()) {
                put(admin, account, false);
            }
        }
        assertEquals(0, activeSmtp(admin));
    }

    private static void put(ConsoleClient admin, JsonNode account, boolean active) {
        ObjectNode body = (ObjectNode) account.deepCopy();
        body.put("active", active);
        HttpResponse<String> response = admin.putJson("/api/v1/accounts/" + account.get("id").asText(), body.toString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static JsonNode byName(ConsoleClient admin, String name) {
        return accounts(admin).stream().filter(a -> a.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
