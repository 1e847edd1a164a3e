package org.mailconsole.mail.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    /** The exchanges of this thread's current send, when its account records a debug transcript. */
    private final ThreadLocal<List<String>> trace = new ThreadLocal<>();

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

    /** Starts recording this thread's exchanges: method, URL, status and request-id (never a header or body). */
    void startTrace() {
        trace.set(new ArrayList<>());
    }

    /** The exchanges recorded since {@link #startTrace()}, and stops recording. */
    List<String> stopTrace() {
        List<String> lines = trace.get();
        trace.remove();
        return lines == null ? List.of() : lines;
    }

    private Answer exchange(HttpRequest request) throws IOException {
        String what = request.method() + " " + request.uri();
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            Answer answer = new Answer(response.statusCode(), response.headers().firstValue("request-id")
                    .or(() -> response.headers().firstValue("x-ms-request-id")).orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
            record(what + " -> " + answer.status() + " (request-id " + (answer.requestId() == null ? "-"
                    : answer.requestId()) + ")" + (answer.retryAfter() == null ? "" : " Retry-After " + answer.retryAfter()));
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(what + " -> interrupted");
            throw new InterruptedIOException("interrupted");
        } catch (IOException e) {
            record(what + " -> no answer: " + GraphTransport.describe(e));
            throw e;
        }
    }

    private void record(String line) {
        List<String> lines = trace.get();
        if (lines != null) {
            lines.add(line);
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
