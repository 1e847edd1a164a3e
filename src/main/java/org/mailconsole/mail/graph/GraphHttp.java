package org.mailconsole.mail.graph;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP client of the Graph transport (token endpoint and Graph), with an executor of its own
 * so that {@link #close()} ends its threads: the console must not leave threads behind on undeploy.
 * The client is built on first use, so a console without Graph accounts starts no thread for it. On
 * Java 21+ the client itself is closed too (its selector thread); on 17, which cannot close it, that
 * thread ends once the client is unreachable (the reference is dropped here). Redirects are not
 * followed: a bearer token goes only where it was meant to.
 */
public final class GraphHttp implements AutoCloseable {
    /** How long a TCP and TLS connect may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** How long one request may take (an upload of up to 4 MB of base64 included). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private ExecutorService executor;
    private HttpClient client;
    private boolean closed;

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private synchronized HttpClient client() throws IOException {
        if (closed) {
            throw new IOException("the console is stopping");
        }
        if (client == null) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory threads = task -> {
                Thread thread = new Thread(task, "mail-console-graph-http-" + count.incrementAndGet());
                thread.setDaemon(true);
                thread.setContextClassLoader(GraphHttp.class.getClassLoader()); // no webapp's loader kept alive
                return thread;
            };
            executor = Executors.newCachedThreadPool(threads);
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(GraphHttp.class.getClassLoader()); // the selector thread inherits it
            try {
                client = HttpClient.newBuilder().executor(executor).connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER).build();
            } finally {
                current.setContextClassLoader(previous);
            }
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client == null) {
            return;
        }
        if (client instanceof AutoCloseable closeable) { // Java 21+
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger(GraphHttp.class.getName()).log(System.Logger.Level.DEBUG,
                        "closing the Graph HTTP client: " + e);
            }
        }
        executor.shutdownNow();
        client = null;
        executor = null;
    }
}
