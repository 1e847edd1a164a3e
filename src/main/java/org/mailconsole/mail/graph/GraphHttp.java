package org.mailconsole.mail.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP exchanges of the Graph transport (token endpoint and Graph) on one
 * {@code java.net.http.HttpClient}, kept so consecutive sends reuse their TLS connection. Not
 * {@code HttpURLConnection}: that logs every request header, the bearer token included, to
 * java.util.logging at FINE ({@code GraphDeliveryTest} caught it); HttpClient logs headers only when
 * the JVM is started with {@code -Djdk.httpclient.HttpClient.log}. Threads: the client is built on
 * first use (a console without Graph accounts starts none), with an executor of its own and the
 * core's class loader; {@link #close()} stops the executor and, on Java 21+, the client. Java 17
 * cannot close an HttpClient: its selector thread ends once the client, dropped here, is collected.
 * No redirect is followed: a token or secret goes only to the URL the admin typed.
 */
public final class GraphHttp implements AutoCloseable {
    /** How long a TCP and TLS connect may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** How long one exchange may take (an upload of up to 4 MB of base64 included). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private ExecutorService executor;
    private HttpClient client;
    private boolean closed;

    /** A status, the headers that matter here, and the body as text. */
    record Answer(int status, String requestId, String retryAfter, String body) {
    }

    Answer post(URI uri, Map<String, String> headers, byte[] body) throws IOException {
        return exchange(request(uri, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Answer get(URI uri, Map<String, String> headers) throws IOException {
        return exchange(request(uri, headers).GET().build());
    }

    private static HttpRequest.Builder request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        headers.forEach(request::header);
        return request;
    }

    private Answer exchange(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("request-id")
                    .or(() -> response.headers().firstValue("x-ms-request-id")).orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
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
