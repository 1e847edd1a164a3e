package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.SettableClock;

/** Postfix's concurrency feedback on a clock the test moves: one fewer per greeting refusal, one more a minute. */
class ConcurrencyFeedbackTest {
    final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
    final ConcurrencyFeedback feedback = new ConcurrencyFeedback(clock);

    @Test
    void theSettingIsAllowedUntilTheRelayRefuses() {
        assertEquals(4, feedback.allowed(7L, 4));
        assertEquals(20, feedback.allowed(7L, 20));
        assertNull(feedback.lastRefusal());
    }

    @Test
    void eachRefusalTakesOneAwayAndEachMinuteWithoutOneGivesOneBack() {
        assertEquals(Duration.ZERO, feedback.refused(7L, 4, "421 too many connections"));
        assertEquals(3, feedback.allowed(7L, 4));
        clock.advance(Duration.ofSeconds(10));
        feedback.refused(7L, 4, "421 too many connections");
        assertEquals(2, feedback.allowed(7L, 4));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(2, feedback.allowed(7L, 4), "a minute counts from the last refusal");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, feedback.allowed(7L, 4));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(4, feedback.allowed(7L, 4));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(4, feedback.allowed(7L, 4), "never above the setting");
        assertEquals(6, feedback.allowed(7L, 6), "a raised setting is not held back by the old refusals");
        assertEquals("421 too many connections", feedback.lastRefusal().reply());
        assertEquals(Instant.parse("2025-03-01T10:00:10Z"), feedback.lastRefusal().at());
    }

    @Test
    void neverBelowOneAndTheWorkerLeftWaitsLongerEachTimeUpToAMinute() {
        feedback.refused(7L, 2, "421 busy");
        assertEquals(1, feedback.allowed(7L, 2));
        assertEquals(Duration.ofSeconds(1), feedback.refused(7L, 2, "421 busy"));
        assertEquals(Duration.ofSeconds(2), feedback.refused(7L, 2, "421 busy"));
        assertEquals(Duration.ofSeconds(4), feedback.refused(7L, 2, "421 busy"));
        for (int i = 0; i < 10; i++) {
            feedback.refused(7L, 2, "421 busy");
        }
        assertEquals(ConcurrencyFeedback.GROWTH, feedback.refused(7L, 2, "421 busy"));
        assertEquals(1, feedback.allowed(7L, 2));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(2, feedback.allowed(7L, 2));
        feedback.refused(7L, 2, "421 busy");
        assertEquals(Duration.ofSeconds(1), feedback.refused(7L, 2, "421 busy"), "the pause starts over after growth");
    }

    @Test
    void anotherAccountInEffectStartsAfresh() {
        feedback.refused(7L, 4, "421 busy");
        feedback.refused(7L, 4, "421 busy");
        assertEquals(2, feedback.allowed(7L, 4));
        assertEquals(4, feedback.allowed(8L, 4));
        assertNull(feedback.lastRefusal());
        assertEquals(4, feedback.allowed(7L, 4), "back to the first account: its refusals were forgotten");
    }

    @Test
    void aThrottleSignalHalvesTheConnectionsThatGrowBackOneAMinute() {
        feedback.throttled(7L, 8);
        assertEquals(4, feedback.allowed(7L, 8));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(4, feedback.allowed(7L, 8));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(5, feedback.allowed(7L, 8));
        feedback.throttled(7L, 8);
        assertEquals(2, feedback.allowed(7L, 8), "halved again from the number allowed then");
        feedback.throttled(7L, 8);
        feedback.throttled(7L, 8);
        assertEquals(1, feedback.allowed(7L, 8), "never below one");
        clock.advance(Duration.ofMinutes(3));
        assertEquals(4, feedback.allowed(7L, 8));
    }
}
