package org.mailconsole.mail.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The gauges' facts, read at most once per {@code maxAge}: a scrape asks every gauge in turn, and
 * JMX clients ask attribute by attribute, but the database is read once for them all. The last facts
 * read stay when a read fails (the failure is logged), so a database hiccup does not fail a scrape.
 */
public final class CachedFacts implements Supplier<GaugeFacts> {
    /** Long enough that one scrape reads the database once, short against any scrape interval. */
    public static final Duration MAX_AGE = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(CachedFacts.class.getName());

    private final Supplier<GaugeFacts> read;
    private final Clock clock;
    private final Duration maxAge;
    private GaugeFacts facts = GaugeFacts.UNKNOWN;
    private Instant readAt;

    public CachedFacts(Supplier<GaugeFacts> read, Clock clock, Duration maxAge) {
        this.read = read;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public synchronized GaugeFacts get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(maxAge))) {
            readAt = now;
            try {
                facts = read.get();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Mail Console metrics: the Outbox could not be read: "
                        + e.getMessage());
            }
        }
        return facts;
    }
}
