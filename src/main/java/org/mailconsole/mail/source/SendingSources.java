package org.mailconsole.mail.source;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webapps that sent mail through the shared session since this JVM started, in memory (for
 * Email Diagnostics): per context path, how many messages and when the last one came. At most
 * {@link #MAX_SOURCES} are kept.
 */
public final class SendingSources {
    public static final int MAX_SOURCES = 200;

    /** One sending webapp. */
    public record Source(String contextPath, long messages, Instant lastSentAt) {
    }

    private final Map<String, Counter> sources = new ConcurrentHashMap<>();
    private final Clock clock;

    public SendingSources(Clock clock) {
        this.clock = clock;
    }

    public void record(String contextPath) {
        Counter counter = sources.get(contextPath);
        if (counter == null) {
            if (sources.size() >= MAX_SOURCES) {
                return;
            }
            counter = sources.computeIfAbsent(contextPath, k -> new Counter());
        }
        counter.messages.incrementAndGet();
        counter.last = clock.instant();
    }

    /** Most recent first. */
    public List<Source> list() {
        return sources.entrySet().stream()
                .map(e -> new Source(e.getKey(), e.getValue().messages.get(), e.getValue().last))
                .sorted(Comparator.comparing(Source::lastSentAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    private static final class Counter {
        final AtomicLong messages = new AtomicLong();
        volatile Instant last;
    }
}
