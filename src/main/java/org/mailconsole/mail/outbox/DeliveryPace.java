package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.time.Duration;

/**
 * How fast messages leave the Outbox through this engine (Sent, Failed or Skipped; a deferred one
 * stays): counted per second over the last {@link #WINDOW}, so Diagnostics can estimate when the
 * Outbox is empty at the current pace.
 */
final class DeliveryPace {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int SECONDS = (int) WINDOW.toSeconds();

    private final Clock clock;
    private final long[] second = new long[SECONDS];
    private final long[] count = new long[SECONDS];

    DeliveryPace(Clock clock) {
        this.clock = clock;
        java.util.Arrays.fill(second, Long.MIN_VALUE);
    }

    /** One message left the Outbox now. */
    synchronized void left() {
        long now = clock.instant().getEpochSecond();
        int slot = (int) Math.floorMod(now, (long) SECONDS);
        if (second[slot] != now) {
            second[slot] = now;
            count[slot] = 0;
        }
        count[slot]++;
    }

    /**
     * Messages per second over the window, measured from the first second within it that had one
     * (a burst that began ten seconds ago is not spread over a minute); zero when none left.
     */
    synchronized double perSecond() {
        long now = clock.instant().getEpochSecond();
        long total = 0;
        long first = now;
        for (int i = 0; i < SECONDS; i++) {
            if (second[i] > now - SECONDS && second[i] <= now && count[i] > 0) {
                total += count[i];
                first = Math.min(first, second[i]);
            }
        }
        return total == 0 ? 0 : (double) total / (now - first + 1);
    }
}
