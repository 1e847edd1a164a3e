package org.mailconsole.mail.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * OAuth 2.0 access tokens for XOAUTH2: the refresh-token grant when a refresh token is set, else
 * the client-credentials grant. Tokens are cached until shortly before they expire; a rotated
 * refresh token comes back in the {@link Token} for the caller to store.
 */
public final class OAuth2Tokens {
    /** A token is renewed this long before it expires. */
    static final Duration MARGIN = Duration.ofSeconds(60);
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;

    private final HttpClient http;
    private final Clock clock;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();

    public OAuth2Tokens(Clock clock) {
        this.clock = clock;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What to ask for. {@code key} identifies the account; the cache also keys on every other value. */
    public record Request(String key, String tokenUrl, String clientId, String clientSecret, String scope,
                          String refreshToken, Duration timeout) {
        String cacheKey() {
            return key + "|" + Objects.hash(tokenUrl, clientId, clientSecret, scope, refreshToken);
        }

        @Override
        public String toString() {
            return "OAuth2Tokens.Request[" + key + " " + tokenUrl + " client=" + clientId + "]";
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

    /** A cached token if still fresh, else a new one from the endpoint. */
    public Token token(Request request) throws OAuth2Exception {
        Token cached = cache.get(request.cacheKey());
        if (cached != null && fresh(cached.expires())) {
            return new Token(cached.accessToken(), cached.expires(), null);
        }
        Token token = fetch(request);
        cache.entrySet().removeIf(e -> e.getKey().startsWith(request.key() + "|"));
        if (token.rotatedRefreshToken() == null) {
            cache.put(request.cacheKey(), token);
        } else {
            Request next = new Request(request.key(), request.tokenUrl(), request.clientId(),
                    request.clientSecret(), request.scope(), token.rotatedRefreshToken(), request.timeout());
            cache.put(next.cacheKey(), token);
        }
        return token;
    }

    private Token fetch(Request request) throws OAuth2Exception {
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
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(request.tokenUrl()))
                    .timeout(request.timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OAuth2Exception("OAuth 2.0 token endpoint " + request.tokenUrl() + " could not be reached: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuth2Exception("interrupted while asking for an OAuth 2.0 token", e);
        } catch (IllegalArgumentException e) {
            throw new OAuth2Exception("OAuth 2.0 token endpoint URL is not usable: " + e.getMessage(), e);
        }
        Map<String, String> json;
        try {
            json = FlatJson.parse(response.body());
        } catch (RuntimeException e) {
            throw new OAuth2Exception("OAuth 2.0 token endpoint answered " + response.statusCode()
                    + " without a JSON token response");
        }
        if (response.statusCode() != 200 || json.get("access_token") == null) {
            String error = json.getOrDefault("error", "no access_token");
            String description = json.get("error_description");
            throw new OAuth2Exception("OAuth 2.0 token request (" + form.get("grant_type") + ") refused with "
                    + response.statusCode() + ": " + error + (description == null ? "" : " - " + description));
        }
        long lifetime = DEFAULT_LIFETIME_SECONDS;
        try {
            if (json.get("expires_in") != null) {
                lifetime = Long.parseLong(json.get("expires_in").trim());
            }
        } catch (NumberFormatException ignored) {
            // keep the default lifetime
        }
        String rotated = json.get("refresh_token");
        if (rotated != null && rotated.equals(request.refreshToken())) {
            rotated = null;
        }
        return new Token(json.get("access_token"), clock.instant().plusSeconds(lifetime), rotated);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
