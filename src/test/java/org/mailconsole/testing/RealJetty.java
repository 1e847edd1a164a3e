package org.mailconsole.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Jetty 12 from its own distribution (the jetty-home zip of Maven Central, copied to target/
 * by the build): $JETTY_HOME unpacked once, a fresh $JETTY_BASE per instance, set up with start.jar
 * commands and copied files exactly as the README tells an admin, and run as its own JVM
 * ({@code java -jar $JETTY_HOME/start.jar}) on loopback. Its output is kept for {@link #logs()}.
 */
public final class RealJetty implements AutoCloseable {
    private final Path home;
    private final Path base;
    private final int port;
    private ServerProcess process;

    private RealJetty(Path home, Path base, int port) {
        this.home = home;
        this.base = base;
        this.port = port;
    }

    /** $JETTY_HOME from {@code zip} under {@code work/jetty-home} (unpacked once), a new empty base {@code work/name}. */
    public static RealJetty create(Path zip, Path work, String name, int port) throws IOException {
        Path home = work.resolve("jetty-home");
        if (!Files.isRegularFile(home.resolve("start.jar"))) {
            Zips.unpackStrippingTop(zip, home);
        }
        Path base = work.resolve(name);
        Zips.deleteTree(base);
        Files.createDirectories(base);
        return new RealJetty(home, base, port);
    }

    public Path base() {
        return base;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** {@code java -jar $JETTY_HOME/start.jar ARGS} in $JETTY_BASE, as the admin types it; fails with its output. */
    public void startJar(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", home.resolve("start.jar").toString()));
        command.addAll(List.of(arguments));
        Process setup = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true).start();
        String output = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!setup.waitFor(60, TimeUnit.SECONDS) || setup.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** Copies a file to {@code relative} under $JETTY_BASE (folders created). */
    public void copy(Path file, String relative) throws IOException {
        Path target = base.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
    }

    /** Copies every jar of {@code folder} into {@code relative} under $JETTY_BASE. */
    public void copyJars(Path folder, String relative) throws IOException {
        try (var jars = Files.list(folder)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                copy(jar, relative + "/" + jar.getFileName());
            }
        }
    }

    public void write(String relative, String text) throws IOException {
        Path target = base.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }

    /** Runs Jetty on 127.0.0.1 and this port and waits until {@code readyPath} is served. */
    public RealJetty start(Duration timeout, String readyPath) throws Exception {
        List<String> command = List.of(java(), "-Xmx256m",
                "-Djava.io.tmpdir=" + Files.createDirectories(base.resolve("work")),
                "-jar", home.resolve("start.jar").toString(),
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + port);
        Files.createDirectories(base.resolve("logs"));
        process = ServerProcess.start(command, base, base.resolve("logs/process-output.log"), this::logs);
        process.awaitServing(url(readyPath), timeout, "Jetty");
        return this;
    }

    /** Everything Jetty and the webapps wrote (Jetty's log and java.util.logging both go to its output). */
    public String logs() throws IOException {
        return Files.readString(base.resolve("logs/process-output.log"), StandardCharsets.ISO_8859_1);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.stop();
        }
    }
}
