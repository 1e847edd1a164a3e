package org.mailconsole.mail.metrics;

import org.mailconsole.mail.outbox.OutboxHold;

/**
 * What the gauges show, read together at one moment from the shared Outbox and this node's sender;
 * built by name ({@link #builder()}).
 *
 * @param outboxSize    messages in the Outbox
 * @param hold          why they wait: due, paused or limited
 * @param oldestAge     seconds the oldest Outbox message has waited since its hand-over; 0 when empty
 * @param senderUp      the delivery engine runs and its last attempts did not all fail to connect
 * @param account       the outbound account in effect; null when none is
 * @param fallbackInUse whether that account's fallback takes its messages now
 * @param minuteUsage   messages of the last minute over its per-minute limit; null without that limit
 * @param dayUsage      recipients of the last day over its per-day limit; null without that limit
 */
public record GaugeFacts(long outboxSize, OutboxHold hold, double oldestAge, boolean senderUp, String account,
                         boolean fallbackInUse, Double minuteUsage, Double dayUsage) {

    /** Before anything could be read (the database refused): nothing waits, and the sender is not known to be up. */
    public static final GaugeFacts UNKNOWN = builder().hold(OutboxHold.DUE).build();

    /** Messages in the Outbox waiting for this reason. */
    long waiting(OutboxHold reason) {
        return hold == reason ? outboxSize : 0;
    }

    /** The oldest due message's age; 0 while the Outbox is paused or limited (health counts only due messages too). */
    double oldestDueAge() {
        return hold == OutboxHold.DUE ? oldestAge : 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link GaugeFacts} by name. */
    public static final class Builder {
        private long outboxSize;
        private OutboxHold hold;
        private double oldestAge;
        private boolean senderUp;
        private String account;
        private boolean fallbackInUse;
        private Double minuteUsage;
        private Double dayUsage;

        private Builder() {
        }

        public Builder outboxSize(long value) { outboxSize = value; return this; }
        public Builder hold(OutboxHold value) { hold = value; return this; }
        public Builder oldestAge(double value) { oldestAge = value; return this; }
        public Builder senderUp(boolean value) { senderUp = value; return this; }
        public Builder account(String value) { account = value; return this; }
        public Builder fallbackInUse(boolean value) { fallbackInUse = value; return this; }
        public Builder minuteUsage(Double value) { minuteUsage = value; return this; }
        public Builder dayUsage(Double value) { dayUsage = value; return this; }

        public GaugeFacts build() {
            return new GaugeFacts(outboxSize, hold, oldestAge, senderUp, account, fallbackInUse, minuteUsage, dayUsage);
        }
    }
}
