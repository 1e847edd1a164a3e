package org.mailconsole.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ConsoleServer} for one test class, on a database of its own:
 * {@code @RegisterExtension static final RunningConsole console = new RunningConsole();}
 */
public final class RunningConsole implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private ConsoleServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("mail-console-it-");
        server = new ConsoleServer(dataDir).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public ConsoleServer server() {
        return server;
    }

    /** A new admin client (its own cookie jar) on the running console. */
    public ConsoleClient admin() {
        return server.admin();
    }
}
