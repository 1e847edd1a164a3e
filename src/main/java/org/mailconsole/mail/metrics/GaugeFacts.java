package org.mailconsole.mail.metrics;

import org.mailconsole.mail.outbox.OutboxHold;

/**
 * What the gauges show, read together at one moment from the shared Outbox and this node's sender.
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
    public static final GaugeFacts UNKNOWN = new GaugeFacts(0, OutboxHold.DUE, 0, false, null, false, null, null);

    /** Messages in the Outbox waiting for this reason. */
    long waiting(OutboxHold reason) {
        return hold == reason ? outboxSize : 0;
    }

    /** The oldest due message's age; 0 while the Outbox is paused or limited (health counts only due messages too). */
    double oldestDueAge() {
        return hold == OutboxHold.DUE ? oldestAge : 0;
    }
}
