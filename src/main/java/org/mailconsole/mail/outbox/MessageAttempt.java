package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.RecipientNote;
import org.mailconsole.store.emaillog.Lease;

/**
 * One attempt of a leased message with the configuration of {@code snapshot} (one in which sending
 * is possible: a paused Outbox makes no attempt). The recipients are narrowed again by the policy
 * in effect ({@link RecipientPolicy}); the outcome is not yet recorded.
 */
final class MessageAttempt {
    private static final System.Logger LOG = System.getLogger(MessageAttempt.class.getName());

    private final Clock clock;
    /** Delivers for a Microsoft Graph account; null where the engine has no Graph transport. */
    private final GraphDelivery graph;

    MessageAttempt(Clock clock, GraphDelivery graph) {
        this.clock = clock;
        this.graph = graph;
    }

    /**
     * @param refusedBefore recipients left out: those another account refused for good in this
     *                      delivery (its fallback does not try them again, section 7.3)
     */
    Attempted attempt(Lease lease, ConfigSnapshot snapshot, SmtpDelivery delivery, Set<String> refusedBefore) {
        OutboundConfig outbound = snapshot.outbound();
        EmailEntry entry = lease.entry();
        List<String> wanted = entry.actualRecipients().stream().filter(r -> !refusedBefore.contains(r)).toList();
        RecipientPolicy.Applied recipients = RecipientPolicy.apply(wanted, outbound);
        if (!recipients.blocked().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Mail Console: message {0}: recipient(s) dropped at delivery by the "
                    + "system address filter: {1}", lease.id(), recipients.blocked());
        }
        String nothingLeft = recipients.nothingLeftReason();
        if (nothingLeft != null) {
            return new Attempted(DeliveryOutcomes.skipped(clock.instant(), "not sent: " + nothingLeft, outbound), false);
        }
        Integer perDay = outbound.rateLimits().recipientsPerDay();
        if (perDay != null && recipients.kept().size() > perDay) {
            return new Attempted(DeliveryOutcomes.beyondLimit(clock.instant(), recipients.kept().size() + " recipients: "
                    + "more than the account's whole recipients per day (" + perDay + "); not sent", recipients.kept(),
                    outbound), false);
        }
        if (outbound.graph() != null && graph != null) {
            return graph.attempt(lease.mime(), recipients.kept(), outbound, snapshot.rules(), entry.attempts() + 1,
                    clock.instant());
        }
        Delivery delivered = lease.mime() != null
                ? delivery.deliver(snapshot, lease.mime(), recipients.kept())
                : Delivery.failed(554, "the stored message is missing");
        return new Attempted(DeliveryOutcomes.decide(delivered, recipients.kept(), snapshot.rules(),
                entry.attempts() + 1, clock.instant(), outbound), delivered.accountRefused(), null,
                delivered.greetingRefusal());
    }

    /**
     * The message the account in effect could not take ({@code primary}'s attempt), through its
     * fallback, the account of {@code snapshot} (section 7.3): without the recipients the primary
     * refused for good (a fail code), which the result counts among the refused.
     */
    Attempted throughFallback(Lease lease, ConfigSnapshot snapshot, SmtpDelivery delivery, AttemptResult primary) {
        List<RecipientNote> refusedForGood = primary.refused().stream().filter(note -> note.note().startsWith("5"))
                .toList();
        Attempted attempted = attempt(lease, snapshot, delivery,
                refusedForGood.stream().map(RecipientNote::address).collect(Collectors.toSet()));
        return new Attempted(DeliveryOutcomes.afterFallback(attempted.result(), primary.recipients(), refusedForGood),
                attempted.accountRefused(), attempted.throttledFor(), attempted.greetingRefusal());
    }
}
