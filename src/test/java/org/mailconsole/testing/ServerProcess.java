package org.mailconsole.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A container running as its own JVM (a real Tomcat or Jetty from its distribution): started with
 * its output in a file, waited for until it serves a URL, stopped with SIGTERM (the container's
 * shutdown hooks run) or killed with SIGKILL (as {@code kill -9}: nothing runs).
 */
final class ServerProcess {
    private final Process process;
    private final Logs logs;

    private ServerProcess(Process process, Logs logs) {
        this.process = process;
        this.logs = logs;
    }

    /** The operating system's process id of the server's JVM. */
    long pid() {
        return process.pid();
    }

    static ServerProcess start(List<String> command, Path directory, Path output, Logs logs)
            throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new ServerProcess(process, logs);
    }

    /** Waits until {@code url} answers with neither 404 nor a 5xx; fails with the logs if the JVM exits. */
    void awaitServing(String url, Duration timeout, String what) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + ":\n" + logs.text());
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() != 404 && answer.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(what + " did not serve " + url + " in " + timeout + ":\n" + logs.text());
    }

    /** Waits until the logs contain {@code text}. */
    void awaitLog(String text, Duration timeout, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!logs.text().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException(what + " did not log '" + text + "' in " + timeout + ":\n" + logs.text());
            }
            Thread.sleep(200);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no clean database shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: the container's shutdown hooks stop the webapps cleanly. */
    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** Everything the container wrote so far. */
    @FunctionalInterface
    interface Logs {
        String text() throws IOException;
    }
}
