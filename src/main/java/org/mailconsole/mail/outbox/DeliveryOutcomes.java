package org.mailconsole.mail.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailconsole.mail.live.DeliveryRules;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailState;
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
        Long accountId = config.accountId();
        String accountName = config.accountName();
        if (delivery.accepted()) {
            String reason = delivery.refused().isEmpty() ? null
                    : delivery.refused().size() + " recipient(s) refused by the server";
            return new AttemptResult(now, EmailState.SENT, delivery.refused().isEmpty() ? Outcome.SENT : Outcome.PARTIAL,
                    delivery.replyCode(), delivery.reply(), reason, recipients, delivery.refused(), null, accountId, accountName,
                    delivery.transcriptId());
        }
        boolean retry = delivery.replyCode() == null || rules.retries(delivery.replyCode());
        Optional<Duration> wait = retry ? rules.waitAfter(attemptsMade) : Optional.empty();
        if (wait.isPresent()) {
            Instant next = now.plus(wait.get());
            return new AttemptResult(now, EmailState.SEND_READY, Outcome.DEFERRED, delivery.replyCode(), delivery.reply(),
                    delivery.reply(), recipients, delivery.refused(), next, accountId, accountName, delivery.transcriptId());
        }
        String reason = retry
                ? "gave up after " + attemptsMade + " attempt(s): " + delivery.reply()
                : delivery.reply();
        return new AttemptResult(now, EmailState.SEND_FAILED, Outcome.FAILED, delivery.replyCode(), delivery.reply(), reason,
                recipients, delivery.refused(), null, accountId, accountName, delivery.transcriptId());
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
        return new AttemptResult(fallback.at(), fallback.state(), sent ? Outcome.PARTIAL : fallback.outcome(),
                fallback.replyCode(), fallback.reply(), sent ? refused.size() + " recipient(s) refused by the server"
                : fallback.reason(), tried, refused, fallback.nextAttemptAt(), fallback.accountId(),
                fallback.accountName(), fallback.transcriptId());
    }

    /** Failed at once without going to the relay: more recipients than the account's whole daily limit (section 7). */
    static AttemptResult beyondLimit(Instant now, String reason, List<String> recipients, OutboundConfig config) {
        return new AttemptResult(now, EmailState.SEND_FAILED, Outcome.FAILED, null, reason, reason, recipients, List.of(),
                null, config.accountId(), config.accountName(), null);
    }

    /** The message left the Outbox without an attempt (the policy at delivery left no recipient). */
    static AttemptResult skipped(Instant now, String reason, OutboundConfig config) {
        return new AttemptResult(now, EmailState.SEND_IGNORED, Outcome.SKIPPED, null, "", reason, List.of(), List.of(),
                null, config.accountId(), config.accountName(), null);
    }
}
