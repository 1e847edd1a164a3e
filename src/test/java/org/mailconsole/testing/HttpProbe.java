package org.mailconsole.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raw HTTP/1.1 requests over a socket, for what java.net.http will not send (CONNECT, a broken
 * Authorization header, chunked bodies of a chosen size, any method or content type). One request
 * per connection; the answer is read until the server closes or its Content-Length is read.
 */
public final class HttpProbe {
    private final URI base;

    public HttpProbe(String baseUrl) {
        this.base = URI.create(baseUrl);
    }

    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends method target with the headers (Host and Connection: close added) and body; chunked when asked. */
    public Answer send(String method, String path, Map<String, String> headers, byte[] body, boolean chunked)
            throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(base.getRawPath()).append(path).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            head.append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            try {
                if (body != null && chunked) {
                    for (int at = 0; at < body.length; at += 65536) {
                        int n = Math.min(65536, body.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer (413) and close before the whole body is sent
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a server that refused the body may reset the connection after its answer
        }
        byte[] bytes = all.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("no HTTP answer: " + new String(bytes, StandardCharsets.UTF_8));
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = end + 4;
        if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            while (at < bytes.length) {
                int eol = indexOf(bytes, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
                if (eol < 0) {
                    break;
                }
                int size = Integer.parseInt(new String(bytes, at, eol - at, StandardCharsets.US_ASCII)
                        .split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                body.write(bytes, eol + 2, Math.min(size, bytes.length - eol - 2));
                at = eol + 2 + size + 2;
            }
        } else {
            body.write(bytes, at, bytes.length - at);
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] bytes, byte[] what, int from) {
        outer:
        for (int i = from; i <= bytes.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
