package org.mailconsole.mail.outbox;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * How long a sender's claim on a message lasts and how often an idle sender sweeps the Outbox for
 * messages it was not woken for (queued by another node, or freed by an expired claim of a dead one).
 * An admin sets them as JVM system properties ({@code -Dmailconsole.outbox.claim.seconds=300} in
 * Tomcat's {@code setenv.sh}); a bad value stops the core from starting with a message naming it.
 *
 * @param claim longer than any one delivery with its bounded timeouts; a dead node's messages wait this long
 * @param sweep the longest an idle sender sleeps before it looks for due messages again
 */
public record OutboxTiming(Duration claim, Duration sweep) {
    public static final String CLAIM_SECONDS = "mailconsole.outbox.claim.seconds";
    public static final String SWEEP_SECONDS = "mailconsole.outbox.sweep.seconds";
    public static final OutboxTiming DEFAULT = new OutboxTiming(Duration.ofMinutes(5), Duration.ofSeconds(5));
    private static final long MAX_SECONDS = Duration.ofDays(1).toSeconds();

    public OutboxTiming {
        if (claim.isNegative() || claim.isZero() || sweep.isNegative() || sweep.isZero()) {
            throw new IllegalArgumentException("the claim and the sweep must be positive");
        }
    }

    /** From the JVM's system properties; the defaults where one is not set. */
    public static OutboxTiming fromSystemProperties() {
        return from(System::getProperty);
    }

    static OutboxTiming from(UnaryOperator<String> properties) {
        return new OutboxTiming(seconds(properties, CLAIM_SECONDS, DEFAULT.claim()),
                seconds(properties, SWEEP_SECONDS, DEFAULT.sweep()));
    }

    private static Duration seconds(UnaryOperator<String> properties, String name, Duration fallback) {
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
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("Mail Console refuses to start: the system property " + name
                    + " must be a whole number of seconds from 1 to " + MAX_SECONDS + ", not \"" + value + "\"");
        }
        return Duration.ofSeconds(seconds);
    }
}
