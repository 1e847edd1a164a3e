package org.mailconsole.mail.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the cached configuration asks its source again. */
class CachedConfigLiveTest {
    final AtomicLong version = new AtomicLong(1);
    final AtomicInteger versionReads = new AtomicInteger();
    final AtomicInteger configReads = new AtomicInteger();
    final AtomicLong nanos = new AtomicLong();
    final AtomicLong localCommits = new AtomicLong();

    final LiveConfigSource source = new LiveConfigSource() {
        @Override
        public long version() {
            versionReads.incrementAndGet();
            return version.get();
        }

        @Override
        public OutboundConfig outbound() {
            configReads.incrementAndGet();
            return OutboundConfig.skipped("version " + version.get(), "Default SMTP");
        }

        @Override
        public InboundConfig inbound() {
            return InboundConfig.refused("off");
        }
    };
    final CachedConfig cache = new CachedConfig(source, localCommits::get, 250, nanos::get);

    @Test
    void readsTheVersionAtMostOncePerIntervalAndTheConfigOnlyWhenItMoved() {
        ConfigSnapshot first = cache.current();
        nanos.addAndGet(100_000_000);
        assertSame(first, cache.current());
        assertEquals(1, versionReads.get());

        nanos.addAndGet(200_000_000); // past 250 ms: version read again, unchanged
        assertSame(first, cache.current());
        assertEquals(2, versionReads.get());
        assertEquals(1, configReads.get());

        version.set(2); // another node changed it: seen after the interval at worst
        assertSame(first, cache.current());
        nanos.addAndGet(300_000_000);
        assertEquals("version 2", cache.current().outbound().skipReason());
        assertEquals(2, configReads.get());
    }

    @Test
    void aLocalCommitIsSeenAtOnce() {
        cache.current();
        version.set(7);
        localCommits.incrementAndGet();
        assertEquals(7, cache.current().version());
    }
}
