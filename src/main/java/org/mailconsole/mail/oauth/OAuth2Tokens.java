package org.mailconsole.mail.oauth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 token endpoint, for XOAUTH2: the refresh-token grant when a refresh token is set,
 * else the client-credentials grant. Keeps nothing: {@link AccountAccessTokens} is the one cache
 * (the account's stored token). A rotated refresh token comes back in the {@link Token}.
 */
public final class OAuth2Tokens {
    /** A token is renewed this long before it expires. */
    static final Duration MARGIN = Duration.ofSeconds(60);
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Clock clock;

    public OAuth2Tokens(Clock clock) {
        this.clock = clock;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
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
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(request.tokenUrl()))
                    .timeout(request.timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            URI endpoint = URI.create(request.tokenUrl());
            int port = endpoint.getPort() > 0 ? endpoint.getPort() : "http".equalsIgnoreCase(endpoint.getScheme()) ? 80 : 443;
            throw new OAuth2Exception("OAuth 2.0 token endpoint not reached: " + org.mailconsole.mail.connect.FailureCauses
                    .describeHttp(e, endpoint.getHost(), port, request.timeout().toMillis()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuth2Exception("interrupted while asking for an OAuth 2.0 token", e);
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
            throw new OAuth2Exception("OAuth 2.0 token endpoint answered " + response.statusCode()
                    + " without a JSON token response");
        }
        String accessToken = text(json, "access_token");
        if (response.statusCode() != 200 || accessToken == null) {
            String error = text(json, "error");
            String description = text(json, "error_description");
            throw new OAuth2Exception("OAuth 2.0 token request (" + form.get("grant_type") + ") refused with "
                    + response.statusCode() + ": " + (error == null ? "no access_token" : error)
                    + (description == null ? "" : " - " + description));
        }
        String rotated = text(json, "refresh_token");
        if (rotated != null && rotated.equals(request.refreshToken())) {
            rotated = null;
        }
        return new Token(accessToken, clock.instant().plusSeconds(lifetime(json.get("expires_in"))), rotated);
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
