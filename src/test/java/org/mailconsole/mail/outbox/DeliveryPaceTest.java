package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.SettableClock;

/** The pace at which messages leave the Outbox, on a clock the test moves. */
class DeliveryPaceTest {
    final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
    final DeliveryPace pace = new DeliveryPace(clock);

    @Test
    void nothingLeftIsZero() {
        assertEquals(0.0, pace.perSecond());
    }

    @Test
    void aBurstIsMeasuredFromItsFirstSecondNotOverTheWholeMinute() {
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 5; i++) {
                pace.left();
            }
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(-1));
        assertEquals(5.0, pace.perSecond(), 1e-9);
    }

    @Test
    void secondsOlderThanAMinuteNoLongerCount() {
        for (int i = 0; i < 120; i++) {
            pace.left();
        }
        clock.advance(Duration.ofSeconds(30));
        pace.left();
        assertEquals(121.0 / 31, pace.perSecond(), 1e-9);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1.0 / 31, pace.perSecond(), 1e-9, "the burst of a minute ago is gone");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(0.0, pace.perSecond());
    }
}
