package org.mailconsole.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small OAuth 2.0 token endpoint for the tests (the JDK's HTTP server on an ephemeral port):
 * client-credentials for {@link #CLIENT_ID}/{@link #CLIENT_SECRET}, and the refresh-token grant,
 * which rotates the refresh token on every use. Each access token is the GreenMail user's password,
 * so GreenMail's XOAUTH2 check accepts it. Records every request's form.
 */
public final class TokenEndpoint implements AutoCloseable {
    public static final String CLIENT_ID = "console-client";
    public static final String CLIENT_SECRET = "client-secret-canary-5531";

    private final HttpServer server;
    private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile String accessToken;
    private volatile String validRefreshToken;
    private int rotations;

    private TokenEndpoint(HttpServer server) {
        this.server = server;
    }

    public static TokenEndpoint start(String accessToken, String refreshToken) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TokenEndpoint endpoint = new TokenEndpoint(server);
        endpoint.accessToken = accessToken;
        endpoint.validRefreshToken = refreshToken;
        server.createContext("/token", exchange -> {
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            endpoint.requests.add(form);
            String body;
            int status = 200;
            boolean clientOk = CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
            if (!clientOk) {
                status = 401;
                body = "{\"error\":\"invalid_client\",\"error_description\":\"unknown client\"}";
            } else if ("client_credentials".equals(form.get("grant_type"))) {
                body = "{\"access_token\":\"" + endpoint.accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
            } else if ("refresh_token".equals(form.get("grant_type"))
                    && form.get("refresh_token") != null && form.get("refresh_token").equals(endpoint.validRefreshToken)) {
                synchronized (endpoint) {
                    endpoint.rotations++;
                    endpoint.validRefreshToken = "rotated-refresh-canary-" + endpoint.rotations;
                }
                body = "{\"access_token\":\"" + endpoint.accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                        + "\"refresh_token\":\"" + endpoint.validRefreshToken + "\"}";
            } else {
                status = 400;
                body = "{\"error\":\"invalid_grant\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return endpoint;
    }

    /** An endpoint that gives every request the same answer (for malformed or odd replies); records each request too. */
    public static TokenEndpoint answering(int status, String contentType, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TokenEndpoint endpoint = new TokenEndpoint(server);
        server.createContext("/token", exchange -> {
            endpoint.requests.add(parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return endpoint;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    public String validRefreshToken() {
        return validRefreshToken;
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
