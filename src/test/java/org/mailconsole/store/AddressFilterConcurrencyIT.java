package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.console.AddressFilterInput;
import org.mailconsole.console.AddressFilterRuleException;
import org.mailconsole.console.AddressFiltersService;
import org.mailconsole.console.MailConsole;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.FilterDirection;
import org.mailconsole.testing.PostgresServer;

/**
 * At most one default per direction and unique names hold when writers race each other, on the
 * embedded HSQLDB and on a real PostgreSQL (two consoles on one server, like two nodes).
 */
class AddressFilterConcurrencyIT {
    static final int WRITERS = 8;
    static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void hsqldb() throws Exception {
        StorageSettings settings = new StorageSettings(StorageSettings.embeddedUrl(dir.resolve("db/mc")), "SA", "",
                dir.resolve("key"));
        try (MailConsole console = MailConsole.start(settings, false, Set.of())) {
            race(List.of(console.addressFilters()));
        }
    }

    @Test
    void postgresTwoNodes() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            StorageSettings settings = new StorageSettings(postgres.jdbcUrl(), "postgres", "", dir.resolve("key"));
            try (MailConsole one = MailConsole.start(settings, false, Set.of())) {
                // a second handle on the same server: a second node (SharedEngine keys by URL, so vary it)
                StorageSettings other = new StorageSettings(postgres.jdbcUrl() + "?ApplicationName=node2", "postgres", "",
                        dir.resolve("key"));
                try (MailConsole two = MailConsole.start(other, false, Set.of())) {
                    race(List.of(one.addressFilters(), two.addressFilters()));
                }
            }
        }
    }

    private static void race(List<AddressFiltersService> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                List<Boolean> defaults = runAll(pool, i -> nodes.get(i % nodes.size())
                        .create(input("Default " + r + "-" + i, true), "writer" + i));
                assertEquals(1, defaults.stream().filter(ok -> ok).count(), "exactly one default won in round " + r);
                List<AddressFilter> all = nodes.get(0).list();
                assertEquals(1, all.stream().filter(f -> f.isDefault() && f.direction() == FilterDirection.OUTBOUND).count());
                AddressFilter winner = all.stream().filter(AddressFilter::isDefault).findFirst().orElseThrow();
                nodes.get(0).update(winner.id(), winner.version(), input(winner.name(), false), "tidy");

                List<Boolean> names = runAll(pool, i -> nodes.get(i % nodes.size())
                        .create(input("Same name " + r, false), "writer" + i));
                assertEquals(1, names.stream().filter(ok -> ok).count(), "exactly one of the same name in round " + r);

                // racing PUTs that each make a different existing filter the default
                List<AddressFilter> candidates = new ArrayList<>();
                for (int i = 0; i < WRITERS; i++) {
                    candidates.add(nodes.get(0).create(input("Candidate " + r + "-" + i, false), "setup"));
                }
                List<Boolean> promoted = runAll(pool, i -> nodes.get(i % nodes.size()).update(candidates.get(i).id(),
                        candidates.get(i).version(), input(candidates.get(i).name(), true), "writer" + i));
                assertEquals(1, promoted.stream().filter(ok -> ok).count(), "exactly one promotion in round " + r);
                AddressFilter promotedOne = nodes.get(0).list().stream().filter(AddressFilter::isDefault).findFirst()
                        .orElseThrow();
                nodes.get(0).update(promotedOne.id(), promotedOne.version(), input(promotedOne.name(), false), "tidy");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface Write {
        void run(int writer) throws Exception;
    }

    /** Runs one write per writer, all released at once; true where it succeeded, false on a rule's 409. */
    private static List<Boolean> runAll(ExecutorService pool, Write write) throws Exception {
        CyclicBarrier start = new CyclicBarrier(WRITERS);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            int writer = i;
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    write.run(writer);
                    return true;
                } catch (AddressFilterRuleException e) {
                    return false;
                }
            }));
        }
        List<Boolean> results = new ArrayList<>();
        for (Future<Boolean> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    private static AddressFilterInput input(String name, boolean isDefault) {
        return new AddressFilterInput(name, "outbound", true, isDefault,
                List.of(new AddressFilterInput.ListInput("deny", List.of("*.blocked.example"), List.of())));
    }
}
