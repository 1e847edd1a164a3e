package org.mailconsole.mail.outbox;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * How long a delivery's lease on a message lasts and how often an idle worker looks for due
 * messages it was not woken for (queued by another node, or freed by an expired lease of a dead
 * one). The live owner renews its leases every third of their length, so a delivery slower than
 * the lease (a read timeout of minutes) keeps its message, and a node that dies mid-delivery has
 * its message taken over within a lease and a sweep. An admin sets them as JVM system properties
 * ({@code -Dmailconsole.outbox.lease.seconds=30} in Tomcat's {@code setenv.sh}); a bad value stops
 * the core from starting with a message naming it.
 */
public record OutboxTiming(Duration lease, Duration sweep) {
    public static final String LEASE_SECONDS = "mailconsole.outbox.lease.seconds";
    public static final String SWEEP_SECONDS = "mailconsole.outbox.sweep.seconds";
    public static final OutboxTiming DEFAULT = new OutboxTiming(Duration.ofSeconds(30), Duration.ofSeconds(5));
    private static final long MAX_SECONDS = Duration.ofHours(1).toSeconds();

    public OutboxTiming {
        if (lease.compareTo(Duration.ofSeconds(3)) < 0 || sweep.isNegative() || sweep.isZero()) {
            throw new IllegalArgumentException("the lease must be at least 3 s and the sweep positive");
        }
    }

    /** How often a live owner renews its leases. */
    public Duration renewEvery() {
        return lease.dividedBy(3);
    }

    /** From the JVM's system properties; the defaults where one is not set. */
    public static OutboxTiming fromSystemProperties() {
        return from(System::getProperty);
    }

    static OutboxTiming from(UnaryOperator<String> properties) {
        return new OutboxTiming(seconds(properties, LEASE_SECONDS, DEFAULT.lease(), 3),
                seconds(properties, SWEEP_SECONDS, DEFAULT.sweep(), 1));
    }

    private static Duration seconds(UnaryOperator<String> properties, String name, Duration fallback, long min) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < min || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("Mail Console refuses to start: the system property " + name
                    + " must be a whole number of seconds from " + min + " to " + MAX_SECONDS + ", not \"" + value + "\"");
        }
        return Duration.ofSeconds(seconds);
    }
}
