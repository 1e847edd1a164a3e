package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailconsole.testing.ConsoleServer;
import org.mailconsole.testing.LogCapture;
import org.mailconsole.testing.RunningConsole;

/**
 * The hostile sweep ({@link HostileSweep}) of 10,000 seeded requests through the real WAR in
 * embedded Jetty, then the secret canary in no log line and no database file.
 * -Dhostile.seed=N replays another sweep; -Dhostile.requests=N changes its length.
 */
class HostileInputIT {
    private static final long SEED = Long.getLong("hostile.seed", HostileSweep.DEFAULT_SEED);
    private static final int REQUESTS = Integer.getInteger("hostile.requests", 10_000);

    @RegisterExtension
    static final RunningConsole console = new RunningConsole();

    @Test
    void tenThousandHostileRequestsGetNo5xxAndRefusedOnesChangeNothing() throws Exception {
        ConsoleServer server = console.server();
        try (LogCapture logs = new LogCapture()) {
            new HostileSweep(server.baseUrl(), ConsoleServer.ADMIN, ConsoleServer.ADMIN_PASSWORD, SEED, REQUESTS).run();
            String leaks = logs.text().lines().filter(line -> line.contains(HostileSweep.CANARY))
                    .limit(5).collect(Collectors.joining("\n"));
            assertTrue(leaks.isEmpty(), "log lines show the secret canary:\n" + leaks);
        }
        try (Stream<Path> files = Files.walk(server.dataDir().resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(HostileSweep.CANARY),
                        file + " holds the secret canary in clear");
            }
        }
    }
}
