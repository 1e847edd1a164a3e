package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.RateLimits;
import org.mailconsole.store.emaillog.OutboxQueue;
import org.mailconsole.testing.SettableClock;

/** The remembered budget wait, on a moved clock: what the Outbox says, and what the workers keep to. */
class BudgetHoldTest {
    static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    static final RateLimits PER_DAY = new RateLimits(null, 10_000);
    final SettableClock clock = new SettableClock(START);
    final BudgetHold hold = new BudgetHold(clock);
    final OutboxQueue.BudgetWait untilTomorrow = new OutboxQueue.BudgetWait(START.plus(Duration.ofHours(20)),
            "recipients per day", 10_000);

    @Test
    void theWorkersAskTheBudgetAgainAfterTheRecheckWhileTheOutboxStillSaysItWaits() {
        hold.hold(7L, PER_DAY, untilTomorrow);
        assertEquals(untilTomorrow, hold.leaseWait(7L, PER_DAY).orElseThrow());
        clock.advance(BudgetHold.RECHECK.minusMillis(1));
        assertTrue(hold.leaseWait(7L, PER_DAY).isPresent(), "trusted within the recheck");
        clock.advance(Duration.ofMillis(1));
        assertTrue(hold.leaseWait(7L, PER_DAY).isEmpty(), "room may have freed: a worker leases, the budget answers");
        assertEquals(untilTomorrow, hold.wait(7L, PER_DAY).orElseThrow(), "the Outbox still says why it waits");
        hold.hold(7L, PER_DAY, untilTomorrow); // the budget's answer again
        assertTrue(hold.leaseWait(7L, PER_DAY).isPresent());
    }

    @Test
    void itHoldsOnlyForTheSameAccountAndLimitsAndEndsAtItsTime() {
        hold.hold(7L, PER_DAY, untilTomorrow);
        assertTrue(hold.wait(8L, PER_DAY).isEmpty());
        assertTrue(hold.leaseWait(7L, new RateLimits(null, 20_000)).isEmpty(), "a raised limit releases at once");
        assertTrue(hold.wait(7L, RateLimits.NONE).isEmpty());
        clock.advance(Duration.ofHours(20));
        assertTrue(hold.wait(7L, PER_DAY).isEmpty());
    }
}
