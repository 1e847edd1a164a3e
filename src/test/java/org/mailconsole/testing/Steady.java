package org.mailconsole.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

/**
 * Checks that nothing more happens ("each arrived once", "no attempt while paused"): the check runs
 * all through the period, where a sleep and one look would see only its end. As Awaitility's
 * {@code during}, a failed look starts the period again and the check fails only once it has not
 * held for a whole period in time: so it guards what, once wrong, stays wrong (a count that only
 * grows, a state an entry does not leave).
 */
public final class Steady {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Steady() {
    }

    /** {@code check} passes on every look through a whole {@code period}, within 30 s more. */
    public static void holds(String what, Duration period, ThrowingRunnable check) {
        Awaitility.await(what).during(period).atMost(period.plus(PATIENCE)).pollInterval(POLL).untilAsserted(check);
    }

    /** The value once two reads half a second apart agree: work under way when it was asked has finished. */
    public static <T> T settled(String what, Callable<T> read) throws Exception {
        AtomicReference<T> last = new AtomicReference<>(read.call());
        Awaitility.await(what).atMost(PATIENCE.multipliedBy(2)).pollDelay(Duration.ofMillis(500))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    T now = read.call();
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }
}
