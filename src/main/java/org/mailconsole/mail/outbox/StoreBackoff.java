package org.mailconsole.mail.outbox;

import java.time.Duration;

/**
 * How long a worker waits before it tries the database again after a refused write: one second,
 * doubling up to half a minute, so a database that is down or full is not hammered, and one that
 * comes back is used again soon. Not thread-safe: one per worker.
 */
final class StoreBackoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);

    private Duration next = FIRST;

    /** The wait before the next try; each call doubles the one after it, up to {@link #MAX}. */
    Duration next() {
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return wait;
    }

    /** The database answered: the next failure waits {@link #FIRST} again. */
    void reset() {
        next = FIRST;
    }
}
