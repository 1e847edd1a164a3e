package org.mailconsole.mail.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        return new OAuth2Tokens.Request("1", endpoint.url(), TokenEndpoint.CLIENT_ID, secret, "mail", refreshToken,
                Duration.ofSeconds(5));
    }

    @Test
    void clientCredentialsTokensAreCachedUntilShortlyBeforeExpiry() throws Exception {
        MovingClock clock = new MovingClock();
        OAuth2Tokens tokens = new OAuth2Tokens(clock);
        try (TokenEndpoint endpoint = TokenEndpoint.start("tok", null)) {
            OAuth2Tokens.Token first = tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET, null));
            assertEquals("tok", first.accessToken());
            assertEquals(clock.now.plusSeconds(3600), first.expires());
            tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET, null));
            assertEquals(1, endpoint.requests().size());
            clock.now = clock.now.plusSeconds(3600 - 30);
            tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET, null));
            assertEquals(2, endpoint.requests().size(), "renewed within the margin before expiry");
            assertEquals("client_credentials", endpoint.requests().get(1).get("grant_type"));
        }
    }

    @Test
    void aRotatedRefreshTokenIsReturnedAndUsedNext() throws Exception {
        MovingClock clock = new MovingClock();
        OAuth2Tokens tokens = new OAuth2Tokens(clock);
        try (TokenEndpoint endpoint = TokenEndpoint.start("tok", "r0")) {
            OAuth2Tokens.Token first = tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET, "r0"));
            assertEquals("rotated-refresh-canary-1", first.rotatedRefreshToken());
            OAuth2Tokens.Token cached = tokens.token(request(endpoint, TokenEndpoint.CLIENT_SECRET,
                    first.rotatedRefreshToken()));
            assertNull(cached.rotatedRefreshToken());
            assertEquals(1, endpoint.requests().size());
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
                new OAuth2Tokens.Request("2", "http://127.0.0.1:1/token", "c", "s", null, null, Duration.ofSeconds(2))));
        assertTrue(unreachable.getMessage().contains("could not be reached"), unreachable.getMessage());
    }
}
