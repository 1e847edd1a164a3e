package org.mailconsole.mail.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailconsole.mail.live.DeliveryRules;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.Outcome;
import org.mailconsole.model.emaillog.RecipientNote;

/**
 * Turns what the server said into the entry's next state (email-model.md section 5): accepted is
 * Sent (refused recipients kept); a connection failure or a code worth retrying waits the next
 * back-off step, or fails once the steps are used up; any other code fails at once.
 */
final class DeliveryOutcomes {
    private DeliveryOutcomes() {
    }

    static AttemptResult decide(Delivery delivery, List<String> recipients, DeliveryRules rules, int attemptsMade,
                                Instant now, OutboundConfig config) {
        AttemptResult.Builder result = AttemptResult.builder().at(now).reply(delivery.replyCode(), delivery.reply())
                .recipients(recipients).refused(delivery.refused()).account(config.accountId(), config.accountName())
                .transcriptId(delivery.transcriptId());
        if (delivery.accepted()) {
            return delivery.refused().isEmpty() ? result.outcome(Outcome.SENT).build()
                    : result.outcome(Outcome.PARTIAL).reason(refusedReason(delivery.refused().size())).build();
        }
        boolean retry = delivery.replyCode() == null || rules.retries(delivery.replyCode());
        Optional<Duration> wait = retry ? rules.waitAfter(attemptsMade) : Optional.empty();
        if (wait.isPresent()) {
            return result.outcome(Outcome.DEFERRED).reason(delivery.reply()).nextAttemptAt(now.plus(wait.get())).build();
        }
        return result.outcome(Outcome.FAILED)
                .reason(retry ? "gave up after " + attemptsMade + " attempt(s): " + delivery.reply() : delivery.reply())
                .build();
    }

    private static String refusedReason(int refused) {
        return refused + " recipient(s) refused by the server";
    }

    /** A throttle signal: the relay's reply, and the wait it asked for (null: it said none). */
    record Throttle(String reply, Duration asked) {
    }

    /**
     * The throttle signal in the attempt's answer, if it is one (section 7.1): an SMTP relay's reply
     * to MAIL, RCPT or the end of DATA (a reply code, not a connection failure) with a code of
     * glide.smtp.throttle_codes; Graph's 429, or 503 with Retry-After (section 8).
     */
    static Optional<Throttle> throttleSignal(Attempted attempted, OutboundConfig outbound, DeliveryRules rules) {
        AttemptResult result = attempted.result();
        if (outbound.graph() != null) {
            return Optional.ofNullable(attempted.throttledFor()).map(asked -> new Throttle(result.reply(), asked));
        }
        boolean signal = (result.outcome() == Outcome.DEFERRED || result.outcome() == Outcome.FAILED)
                && rules.throttleCodes().throttles(result.replyCode(), result.reply());
        return signal ? Optional.of(new Throttle(result.reply(), null)) : Optional.empty();
    }

    /**
     * Why the account could not take the message (section 7.3), as Diagnostics shows it: the named
     * failure or the reply; when the deciding reply refused a recipient for good, the deferral instead.
     */
    static String accountFailure(AttemptResult result) {
        Integer code = result.replyCode();
        if (code != null && code >= 500) {
            for (RecipientNote note : result.refused()) {
                if (note.note().startsWith("4")) {
                    return note.note();
                }
            }
        }
        return result.reply();
    }

    /**
     * The fallback's attempt as the entry records it: every recipient of the delivery, those the
     * primary refused for good among the refused (a message the fallback took is then partly sent).
     */
    static AttemptResult afterFallback(AttemptResult fallback, List<String> recipients,
                                       List<RecipientNote> refusedByPrimary) {
        if (refusedByPrimary.isEmpty()) {
            return fallback;
        }
        List<RecipientNote> refused = new ArrayList<>(refusedByPrimary);
        refused.addAll(fallback.refused());
        boolean sent = fallback.outcome().delivered();
        List<String> tried = new ArrayList<>(fallback.recipients());
        recipients.stream().filter(r -> !tried.contains(r)).forEach(tried::add);
        AttemptResult.Builder result = fallback.toBuilder().recipients(tried).refused(refused);
        return sent ? result.outcome(Outcome.PARTIAL).reason(refusedReason(refused.size())).build() : result.build();
    }

    /** Failed at once without going to the relay: more recipients than the account's whole daily limit (section 7). */
    static AttemptResult beyondLimit(Instant now, String reason, List<String> recipients, OutboundConfig config) {
        return AttemptResult.builder().at(now).outcome(Outcome.FAILED).reply(null, reason).reason(reason)
                .recipients(recipients).account(config.accountId(), config.accountName()).build();
    }

    /** The message left the Outbox without an attempt (the policy at delivery left no recipient). */
    static AttemptResult skipped(Instant now, String reason, OutboundConfig config) {
        return AttemptResult.builder().at(now).outcome(Outcome.SKIPPED).reply(null, "").reason(reason)
                .account(config.accountId(), config.accountName()).build();
    }
}
