package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.util.List;
import org.mailconsole.mail.live.CachedConfig;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.store.emaillog.Lease;

/** One attempt of a leased message with the configuration in effect now: its outcome, not yet recorded. */
final class MessageAttempt {
    private final CachedConfig config;
    private final Clock clock;

    MessageAttempt(CachedConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    AttemptResult attempt(Lease lease, SmtpDelivery delivery) {
        ConfigSnapshot snapshot = config.current();
        OutboundConfig outbound = snapshot.outbound();
        if (!outbound.sending()) {
            return DeliveryOutcomes.skipped(clock.instant(), "not sent: " + outbound.skipReason(), outbound);
        }
        EmailEntry entry = lease.entry();
        Delivery delivered = lease.mime() != null
                ? delivery.deliver(snapshot, lease.mime(), entry.actualRecipients())
                : new Delivery(false, 554, "the stored message is missing", List.of(), null);
        return DeliveryOutcomes.decide(delivered, snapshot.rules(), entry.attempts() + 1, clock.instant(), outbound);
    }
}
