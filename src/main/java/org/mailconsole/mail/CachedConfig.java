package org.mailconsole.mail;

import java.util.function.LongSupplier;

/**
 * Caches a {@link LiveConfigSource}'s configuration. The source's version is read at most once per
 * {@code checkIntervalMillis} (one cheap query), and the configuration again only when the version
 * moved: a change is seen by the first send after at most that interval.
 */
public final class CachedConfig {
    public static final long DEFAULT_CHECK_INTERVAL_MILLIS = 250;

    private final LiveConfigSource source;
    private final long checkIntervalNanos;
    private final LongSupplier clock;
    private volatile ConfigSnapshot snapshot;
    private volatile long checkedAt;

    public CachedConfig(LiveConfigSource source) {
        this(source, DEFAULT_CHECK_INTERVAL_MILLIS, System::nanoTime);
    }

    public CachedConfig(LiveConfigSource source, long checkIntervalMillis, LongSupplier nanoClock) {
        this.source = source;
        this.checkIntervalNanos = checkIntervalMillis * 1_000_000L;
        this.clock = nanoClock;
    }

    public ConfigSnapshot current() {
        ConfigSnapshot seen = snapshot;
        long now = clock.getAsLong();
        if (seen != null && now - checkedAt < checkIntervalNanos) {
            return seen;
        }
        synchronized (this) {
            seen = snapshot;
            now = clock.getAsLong();
            if (seen != null && now - checkedAt < checkIntervalNanos) {
                return seen;
            }
            long version = source.version();
            if (seen == null || seen.version() != version) {
                // read the configuration, then the version again: a change in between is caught next time
                seen = new ConfigSnapshot(version, source.outbound(), source.inbound());
                snapshot = seen;
            }
            checkedAt = now;
            return seen;
        }
    }

    /** Forgets the cache: the next {@link #current()} reads the source. */
    public void invalidate() {
        snapshot = null;
    }
}
