package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailconsole.mail.live.AccountConnection;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.testing.SettableClock;

/** The fallback's use (email-model.md section 7.3) on a clock the test moves: in use, a retry a minute, back. */
class FallbackStateTest {
    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    final SettableClock clock = new SettableClock(START);
    final FallbackState state = new FallbackState(clock);

    static OutboundConfig account(long id, String name) {
        return OutboundConfig.builder().accountName(name).account(new AccountConnection(id, false, null, null)).fromAddress("")
                .displayName("").maxRecipients(1).maxSend(1).build();
    }

    final OutboundConfig primary = account(7, "Relay").withFallback(account(8, "Backup"));

    @Test
    void withoutAFailureTheMessagesGoThroughTheAccountItself() {
        assertEquals(FallbackState.Choice.PRIMARY, state.choose(7L, false));
        assertTrue(state.inUse(7L).isEmpty());
    }

    @Test
    void afterAFailureTheFallbackTakesTheMessagesUntilAMinuteHasPassed() {
        state.primaryFailed(primary, "connection refused");
        FallbackUse use = state.inUse(7L).orElseThrow();
        assertEquals(8L, use.fallbackId());
        assertEquals("Backup", use.fallbackName());
        assertEquals(START, use.since());
        assertEquals("connection refused", use.failure());
        assertEquals("fallback account \"Backup\" in use since 10:00:00 UTC: \"Relay\" could not take messages "
                + "(connection refused, at 10:00:00 UTC)", use.describe());
        assertEquals(FallbackState.Choice.FALLBACK, state.choose(7L, false));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(FallbackState.Choice.FALLBACK, state.choose(7L, false));
        assertTrue(state.inUse(8L).isEmpty(), "another account has no fallback in use");
    }

    @Test
    void everyMinuteOneMessageRetriesThePrimaryTheOthersStillGoToTheFallback() {
        state.primaryFailed(primary, "connection refused");
        clock.advance(FallbackState.RETRY_PRIMARY);
        assertEquals(FallbackState.Choice.RETRY, state.choose(7L, false));
        assertEquals(FallbackState.Choice.FALLBACK, state.choose(7L, false), "one retry, not every worker");
        clock.advance(Duration.ofSeconds(1));
        state.primaryFailed(primary, "connection timed out");
        FallbackUse use = state.inUse(7L).orElseThrow();
        assertEquals(START, use.since(), "in use since the first failure");
        assertEquals(START.plusSeconds(61), use.failedAt());
        assertEquals("connection timed out", use.failure());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(FallbackState.Choice.FALLBACK, state.choose(7L, false), "a minute from the last failure");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(FallbackState.Choice.RETRY, state.choose(7L, false));
    }

    @Test
    void thePrimaryTakingAMessageEndsTheFallback() {
        state.primaryFailed(primary, "connection refused");
        clock.advance(FallbackState.RETRY_PRIMARY);
        assertEquals(FallbackState.Choice.RETRY, state.choose(7L, false));
        assertTrue(state.primaryTook(7L));
        assertTrue(state.inUse(7L).isEmpty());
        assertEquals(FallbackState.Choice.PRIMARY, state.choose(7L, false));
        assertFalse(state.primaryTook(7L), "no fallback was in use any more");
    }

    @Test
    void aRetryWithoutAMessageMayBeTakenAgainAtOnce() {
        state.primaryFailed(primary, "connection refused");
        clock.advance(FallbackState.RETRY_PRIMARY);
        assertEquals(FallbackState.Choice.RETRY, state.choose(7L, false));
        state.retryUnused(7L);
        assertEquals(FallbackState.Choice.RETRY, state.choose(7L, false));
    }

    @Test
    void aPrimaryHeldBackOnItsOwnIsNotRetried() {
        state.primaryFailed(primary, "450 4.7.1 rate limit");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(FallbackState.Choice.FALLBACK, state.choose(7L, true), "paused or over its budget");
        assertEquals(FallbackState.Choice.RETRY, state.choose(7L, false));
    }
}
