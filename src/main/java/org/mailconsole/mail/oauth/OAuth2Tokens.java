package org.mailconsole.mail.oauth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 token endpoint, for XOAUTH2: the refresh-token grant when a refresh token is set,
 * else the client-credentials grant. Keeps nothing: {@link AccountAccessTokens} is the one cache
 * (the account's stored token). A rotated refresh token comes back in the {@link Token}.
 *
 * <p>Asks with {@link HttpURLConnection}, one connection per request, not {@code java.net.http.HttpClient}:
 * on Java 17 an HttpClient cannot be closed, and its selector thread ({@code HttpClient-N-SelectorManager},
 * started with the webapp's class loader) outlives a redeploy until a garbage collection, which Tomcat
 * reports as a leak. A token is fetched about once an hour per account: a kept connection buys nothing.
 */
public final class OAuth2Tokens {
    /** A token is renewed this long before it expires. */
    static final Duration MARGIN = Duration.ofSeconds(60);
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public OAuth2Tokens(Clock clock) {
        this.clock = clock;
    }

    /** A status and a body, as the endpoint answered. */
    private record Answer(int status, String body) {
    }

    /** What to ask for. */
    public record Request(String tokenUrl, String clientId, String clientSecret, String scope,
                          String refreshToken, Duration timeout) {
        @Override
        public String toString() {
            return "OAuth2Tokens.Request[" + tokenUrl + " client=" + clientId + "]";
        }
    }

    /** An access token, when it expires, and a new refresh token when the endpoint rotated it (else null). */
    public record Token(String accessToken, Instant expires, String rotatedRefreshToken) {
        @Override
        public String toString() {
            return "Token[expires=" + expires + ", rotated=" + (rotatedRefreshToken != null) + "]";
        }
    }

    /** True when the token can still be used (not within the renewal margin of its expiry). */
    public boolean fresh(Instant expires) {
        return expires != null && clock.instant().plus(MARGIN).isBefore(expires);
    }

    /** A new token from the endpoint. */
    public Token token(Request request) throws OAuth2Exception {
        String urlProblem = request.tokenUrl() == null ? "is not set"
                : org.mailconsole.model.TokenEndpointUrl.check(request.tokenUrl());
        if (urlProblem != null) {
            throw new OAuth2Exception("OAuth 2.0 token endpoint URL " + urlProblem + " (nothing was sent)");
        }
        Map<String, String> form = new LinkedHashMap<>();
        boolean refresh = request.refreshToken() != null && !request.refreshToken().isBlank();
        form.put("grant_type", refresh ? "refresh_token" : "client_credentials");
        if (refresh) {
            form.put("refresh_token", request.refreshToken());
        }
        form.put("client_id", request.clientId());
        form.put("client_secret", request.clientSecret() == null ? "" : request.clientSecret());
        if (request.scope() != null && !request.scope().isBlank()) {
            form.put("scope", request.scope());
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Answer response;
        try {
            response = post(URI.create(request.tokenUrl()), body, request.timeout());
        } catch (IOException e) {
            URI endpoint = URI.create(request.tokenUrl());
            int port = endpoint.getPort() > 0 ? endpoint.getPort() : "http".equalsIgnoreCase(endpoint.getScheme()) ? 80 : 443;
            throw new OAuth2Exception("OAuth 2.0 token endpoint not reached: " + org.mailconsole.mail.connect.FailureCauses
                    .describeHttp(e, endpoint.getHost(), port, request.timeout().toMillis()), e);
        } catch (IllegalArgumentException e) {
            throw new OAuth2Exception("OAuth 2.0 token endpoint URL is not usable: " + e.getMessage(), e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JacksonException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new OAuth2Exception("OAuth 2.0 token endpoint answered " + response.status()
                    + " without a JSON token response");
        }
        String accessToken = text(json, "access_token");
        if (response.status() != 200 || accessToken == null) {
            String error = text(json, "error");
            String description = text(json, "error_description");
            throw new OAuth2Exception("OAuth 2.0 token request (" + form.get("grant_type") + ") refused with "
                    + response.status() + ": " + (error == null ? "no access_token" : error)
                    + (description == null ? "" : " - " + description));
        }
        String rotated = text(json, "refresh_token");
        if (rotated != null && rotated.equals(request.refreshToken())) {
            rotated = null;
        }
        return new Token(accessToken, clock.instant().plusSeconds(lifetime(json.get("expires_in"))), rotated);
    }

    /**
     * POSTs the form: no proxy and no redirect followed (the client secret goes to the URL the admin
     * typed, nowhere else), connect and read each bounded by {@code timeout}, and the connection
     * closed afterwards, so nothing of it stays in the JVM's keep-alive cache.
     */
    private static Answer post(URI endpoint, String form, Duration timeout) throws IOException {
        URLConnection opened = endpoint.toURL().openConnection(Proxy.NO_PROXY);
        if (!(opened instanceof HttpURLConnection http)) {
            throw new IllegalArgumentException("not an http(s) URL: " + endpoint.getScheme());
        }
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            http.setConnectTimeout(millis);
            http.setReadTimeout(millis);
            http.setInstanceFollowRedirects(false);
            http.setUseCaches(false);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            http.setRequestProperty("Accept", "application/json");
            byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
            // not in streaming mode: in it, a 401 throws away its body (the endpoint's error), which names the cause
            try (OutputStream out = http.getOutputStream()) {
                out.write(bytes);
            }
            int status = http.getResponseCode();
            InputStream answer = status >= 400 ? http.getErrorStream() : http.getInputStream();
            String text = "";
            if (answer != null) {
                try (InputStream in = answer) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Answer(status, text);
        } finally {
            http.disconnect();
        }
    }

    /** expires_in as a number or a numeric string (some endpoints send one); else the default. */
    private static long lifetime(JsonNode expiresIn) {
        if (expiresIn != null && expiresIn.canConvertToLong() && expiresIn.isIntegralNumber()) {
            return expiresIn.asLong();
        }
        if (expiresIn != null && expiresIn.isTextual()) {
            try {
                return Long.parseLong(expiresIn.textValue().trim());
            } catch (NumberFormatException ignored) {
                // the default below
            }
        }
        return DEFAULT_LIFETIME_SECONDS;
    }

    /** A member's scalar value as text; null when absent, null or not a scalar. */
    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
