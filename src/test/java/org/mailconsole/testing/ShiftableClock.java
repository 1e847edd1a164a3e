package org.mailconsole.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved ahead by hand: it keeps ticking (a running engine's leases and waits go on
 * as usual), and a test skips a wait of minutes with {@link #skip}.
 */
public final class ShiftableClock extends Clock {
    private volatile Duration shift = Duration.ZERO;

    public void skip(Duration by) {
        shift = shift.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
