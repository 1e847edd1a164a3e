package org.mailconsole.mail.live;

import java.util.function.LongSupplier;

/**
 * Caches a {@link LiveConfigSource}'s configuration. The source's version is read at most once per
 * {@code checkIntervalMillis} (one cheap query), or at once when the local change hint moves (a
 * commit through this JVM's database handle), and the configuration again only when the version
 * moved: a change made in this JVM is seen by the next send; one made by another node (a shared
 * database server) after at most the interval.
 */
public final class CachedConfig {
    public static final long DEFAULT_CHECK_INTERVAL_MILLIS = 250;

    private final LiveConfigSource source;
    private final long checkIntervalNanos;
    private final LongSupplier clock;
    private final LongSupplier localChanges;
    private volatile ConfigSnapshot snapshot;
    private volatile long checkedAt;
    private volatile long checkedChanges;

    public CachedConfig(LiveConfigSource source, LongSupplier localChanges) {
        this(source, localChanges, DEFAULT_CHECK_INTERVAL_MILLIS, System::nanoTime);
    }

    public CachedConfig(LiveConfigSource source, LongSupplier localChanges, long checkIntervalMillis,
                        LongSupplier nanoClock) {
        this.source = source;
        this.localChanges = localChanges;
        this.checkIntervalNanos = checkIntervalMillis * 1_000_000L;
        this.clock = nanoClock;
    }

    private boolean fresh(ConfigSnapshot seen, long now, long changes) {
        return seen != null && now - checkedAt < checkIntervalNanos && changes == checkedChanges;
    }

    public ConfigSnapshot current() {
        ConfigSnapshot seen = snapshot;
        long now = clock.getAsLong();
        if (fresh(seen, now, localChanges.getAsLong())) {
            return seen;
        }
        synchronized (this) {
            seen = snapshot;
            now = clock.getAsLong();
            long changes = localChanges.getAsLong();
            if (fresh(seen, now, changes)) {
                return seen;
            }
            long version = source.version();
            if (seen == null || seen.version() != version) {
                // read the configuration, then the version again: a change in between is caught next time
                seen = new ConfigSnapshot(version, source.outbound(), source.inbound(), source.deliveryRules());
                snapshot = seen;
            }
            checkedAt = now;
            checkedChanges = changes;
            return seen;
        }
    }

    public LiveConfigSource source() {
        return source;
    }
}
