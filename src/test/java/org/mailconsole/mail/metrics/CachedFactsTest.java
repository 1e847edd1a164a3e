package org.mailconsole.mail.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mailconsole.mail.outbox.OutboxHold;
import org.mailconsole.testing.SettableClock;

/** The gauges' facts are read once per max age (a scrape's gauges share one read), on a moved clock. */
class CachedFactsTest {
    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final AtomicInteger reads = new AtomicInteger();

    GaugeFacts facts(long size) {
        return GaugeFacts.builder().outboxSize(size).hold(OutboxHold.DUE).senderUp(true).build();
    }

    @Test
    void readsOncePerMaxAge() {
        CachedFacts cached = new CachedFacts(() -> facts(reads.incrementAndGet()), clock, Duration.ofSeconds(1));
        assertEquals(1, cached.get().outboxSize());
        clock.advance(Duration.ofMillis(999));
        assertEquals(1, cached.get().outboxSize(), "still fresh");
        clock.advance(Duration.ofMillis(1));
        assertEquals(2, cached.get().outboxSize(), "read again once the max age has passed");
        assertEquals(2, reads.get());
    }

    @Test
    void aFailedReadKeepsTheLastFacts() {
        GaugeFacts first = facts(7);
        CachedFacts cached = new CachedFacts(() -> {
            if (reads.incrementAndGet() > 1) {
                throw new IllegalStateException("database down");
            }
            return first;
        }, clock, Duration.ofSeconds(1));
        assertSame(first, cached.get());
        clock.advance(Duration.ofSeconds(5));
        assertSame(first, cached.get());
    }

    @Test
    void beforeAnyReadSucceedsNothingIsMadeUp() {
        CachedFacts cached = new CachedFacts(() -> {
            throw new IllegalStateException("database down");
        }, clock, Duration.ofSeconds(1));
        assertSame(GaugeFacts.UNKNOWN, cached.get());
    }
}
