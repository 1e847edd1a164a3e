package org.mailconsole.mail.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.TokenEndpoint;

class OAuth2TokensTest {
    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static OAuth2Tokens.Request request(TokenEndpoint endpoint, String secret, String refreshToken) {
        return new OAuth2Tokens.Request(endpoint.url(), TokenEndpoint.CLIENT_ID, secret, "mail", refreshToken,
                Duration.ofSeconds(5));
    }

    @Test
    void clientCredentialsGiveATokenWithItsLifetime() throws Exception {
        MovingClock clock = new MovingClock();
        OAuth2Tokens tokens = new OAuth2Tokens(clock);
        try (TokenEndpoint endpoint = TokenEndpoint.start("tok", null)) {
            OAuth2Tokens.Token first = tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET, null));
            assertEquals("tok", first.accessToken());
            assertEquals(clock.now.plusSeconds(3600), first.expires());
            assertNull(first.rotatedRefreshToken());
            assertEquals("client_credentials", endpoint.requests().get(0).get("grant_type"));
            assertTrue(tokens.fresh(first.expires()));
            clock.now = clock.now.plusSeconds(3600 - 30);
            assertFalse(tokens.fresh(first.expires()), "within the margin before expiry it is renewed");
        }
    }

    @Test
    void aRotatedRefreshTokenIsReturned() throws Exception {
        OAuth2Tokens tokens = new OAuth2Tokens(new MovingClock());
        try (TokenEndpoint endpoint = TokenEndpoint.start("tok", "r0")) {
            OAuth2Tokens.Token first = tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET, "r0"));
            assertEquals("rotated-refresh-canary-1", first.rotatedRefreshToken());
            assertEquals("refresh_token", endpoint.requests().get(0).get("grant_type"));
            assertEquals("r0", endpoint.requests().get(0).get("refresh_token"));
        }
    }

    @Test
    void answersThatAreNotATokenAreRefusedWithTheirStatus() throws Exception {
        OAuth2Tokens tokens = new OAuth2Tokens(new MovingClock());
        try (TokenEndpoint endpoint = TokenEndpoint.answering(502, "text/html", "<html>bad gateway</html>")) {
            OAuth2Exception e = assertThrows(OAuth2Exception.class,
                    () -> tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET, null)));
            assertTrue(e.getMessage().contains("502 without a JSON token response"), e.getMessage());
        }
        try (TokenEndpoint endpoint = TokenEndpoint.answering(200, "application/json", "[\"tok\"]")) {
            assertThrows(OAuth2Exception.class, () -> tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET, null)));
        }
        try (TokenEndpoint endpoint = TokenEndpoint.answering(200, "application/json",
                "{\"access_token\": \"a\\\"b\\u0041\", \"expires_in\": \"120\", \"ext\": {\"x\": [1]}}")) {
            OAuth2Tokens.Token token = tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET, null));
            assertEquals("a\"bA", token.accessToken(), "escapes are read");
            assertEquals(new MovingClock().now.plusSeconds(120), token.expires(), "expires_in as a string");
        }
    }

    @Test
    void aRefusalNamesTheErrorButNotTheSecret() throws Exception {
        OAuth2Tokens tokens = new OAuth2Tokens(Clock.systemUTC());
        try (TokenEndpoint endpoint = TokenEndpoint.start("tok", null)) {
            OAuth2Exception e = assertThrows(OAuth2Exception.class,
                    () -> tokens.token(request(endpoint, "wrong-secret-canary", null)));
            assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
            assertTrue(!e.getMessage().contains("wrong-secret-canary"));
        }
        OAuth2Exception unreachable = assertThrows(OAuth2Exception.class, () -> tokens.token(
                new OAuth2Tokens.Request("http://127.0.0.1:1/token", "c", "s", null, null, Duration.ofSeconds(2))));
        assertTrue(unreachable.getMessage().contains("Connection refused by 127.0.0.1:1"), unreachable.getMessage());
        assertTrue(!unreachable.getMessage().contains("Exception"), "no Java class names: " + unreachable.getMessage());
        OAuth2Exception clear = assertThrows(OAuth2Exception.class, () -> tokens.token(
                new OAuth2Tokens.Request("http://login.example.com/token", "c", "s", null, null, Duration.ofSeconds(2))));
        assertTrue(clear.getMessage().contains("must be https://"), clear.getMessage());
    }
}
