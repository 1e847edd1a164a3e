package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.SettableClock;

/** Throttle pauses (email-model.md section 7.1) on a clock the test moves: 1 minute, doubling to 30, back to 1. */
class ThrottleStateTest {
    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    final SettableClock clock = new SettableClock(START);
    final ThrottleState throttle = new ThrottleState(clock);

    /** A signal at the end of the current pause; the length of the pause it starts. */
    Duration signalWhenFree() {
        throttle.pause(7L).ifPresent(p -> clock.set(p.until()));
        Instant at = clock.instant();
        ThrottleState.Pause pause = throttle.signal(7L, "450 4.7.1 rate limit", null);
        assertTrue(pause.started());
        return Duration.between(at, pause.until());
    }

    @Test
    void noSignalNoPause() {
        assertTrue(throttle.pause(7L).isEmpty());
    }

    @Test
    void theFirstSignalPausesTheAccountOneMinute() {
        ThrottleState.Pause pause = throttle.signal(7L, "421 4.7.0 slow down", null);
        assertEquals(START.plus(Duration.ofMinutes(1)), pause.until());
        assertTrue(throttle.pause(7L).isPresent());
        assertTrue(throttle.pause(8L).isEmpty(), "another account is not paused");
        clock.advance(Duration.ofSeconds(59));
        assertEquals("throttled by the relay until 10:01:00 UTC (421 4.7.0 slow down)",
                throttle.pause(7L).orElseThrow().describe());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(throttle.pause(7L).isEmpty(), "free again after the minute");
    }

    @Test
    void eachFurtherSignalDoublesThePauseUpToThirtyMinutes() {
        assertEquals(Duration.ofMinutes(1), signalWhenFree());
        assertEquals(Duration.ofMinutes(2), signalWhenFree());
        assertEquals(Duration.ofMinutes(4), signalWhenFree());
        assertEquals(Duration.ofMinutes(8), signalWhenFree());
        assertEquals(Duration.ofMinutes(16), signalWhenFree());
        assertEquals(Duration.ofMinutes(30), signalWhenFree());
        assertEquals(Duration.ofMinutes(30), signalWhenFree());
    }

    @Test
    void tenMinutesWithoutASignalAfterThePauseStartsOverAtOneMinute() {
        signalWhenFree();
        signalWhenFree();
        assertEquals(Duration.ofMinutes(4), signalWhenFree());
        clock.set(throttle.pause(7L).orElseThrow().until().plus(Duration.ofMinutes(9)));
        assertEquals(Duration.ofMinutes(8), signalWhenFree(), "nine quiet minutes are not enough");
        clock.set(throttle.pause(7L).orElseThrow().until().plus(Duration.ofMinutes(10)));
        assertEquals(Duration.ofMinutes(1), signalWhenFree());
    }

    @Test
    void signalsDuringAPauseOnlyNoteTheirReply() {
        ThrottleState.Pause first = throttle.signal(7L, "421 4.7.0 slow down", null);
        clock.advance(Duration.ofSeconds(5));
        ThrottleState.Pause second = throttle.signal(7L, "454 Throttling failure", null);
        assertFalse(second.started(), "the other connections' replies to the same burst do not double it");
        assertEquals(first.until(), second.until());
        assertEquals("454 Throttling failure", throttle.pause(7L).orElseThrow().reply());
    }

    @Test
    void aRelayThatSaysHowLongIsPausedExactlyThatLongWithoutDoubling() {
        ThrottleState.Pause first = throttle.signal(7L, "429 ApplicationThrottled", Duration.ofSeconds(3));
        assertTrue(first.started());
        assertEquals(START.plusSeconds(3), first.until(), "Graph's Retry-After, not the first minute");
        clock.set(first.until());
        assertTrue(throttle.pause(7L).isEmpty());
        ThrottleState.Pause second = throttle.signal(7L, "429 ApplicationThrottled", Duration.ofSeconds(3));
        assertEquals(clock.instant().plusSeconds(3), second.until(), "no doubling");
        clock.advance(Duration.ofSeconds(1));
        ThrottleState.Pause longer = throttle.signal(7L, "503 ServiceUnavailable", Duration.ofSeconds(10));
        assertFalse(longer.started());
        assertEquals(clock.instant().plusSeconds(10), longer.until(), "a longer wait asked during a pause extends it");
    }
}
