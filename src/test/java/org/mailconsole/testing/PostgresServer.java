package org.mailconsole.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster from Debian's binaries (/usr/lib/postgresql/N/bin), in a temporary
 * directory, on a free loopback port, run as the postgres user when the tests run as root
 * (PostgreSQL refuses root). Stopped and deleted on close.
 */
public final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    public static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("PostgreSQL server binaries are missing: apt-get install -y postgresql "
                    + "(.ci/run installs it)");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + root));
        }
    }

    /** Trusts every connection (any user, no password). */
    public static PostgresServer start() throws Exception {
        return start(false);
    }

    /**
     * Connections over TCP need their user's password (scram-sha-256), as on a real server; only the
     * superuser's local socket, which {@link #psql} uses, is trusted.
     */
    public static PostgresServer startRequiringPasswords() throws Exception {
        return start(true);
    }

    private static PostgresServer start(boolean passwords) throws Exception {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("mail-console-pg-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, dir, port);
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        server.asPostgres(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                "--auth-local=trust", "--auth-host=" + (passwords ? "scram-sha-256" : "trust"),
                "-U", "postgres", "--no-sync", "-E", "UTF8");
        server.asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
                "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        server.asPostgres(bin.resolve("createdb").toString(), "-h", dir.toString(), "-p", String.valueOf(port),
                "-U", "postgres", "mailconsole");
        return server;
    }

    public String jdbcUrl() {
        return jdbcUrl("mailconsole");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Runs SQL with psql as the superuser (local socket), connected to the database {@code postgres}. */
    public void psql(String sql) throws Exception {
        psql("postgres", sql);
    }

    /** Runs SQL with psql as the superuser (local socket), connected to {@code database}. */
    public void psql(String database, String sql) throws Exception {
        asPostgres(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "postgres",
                "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    @Override
    public void close() throws Exception {
        try {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void asPostgres(String... command) throws Exception {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
