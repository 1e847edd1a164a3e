package org.mailconsole.mail.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mailconsole.mail.graph.GraphResult;
import org.mailconsole.mail.graph.GraphTransport;
import org.mailconsole.mail.live.DeliveryRules;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.Outcome;

/**
 * The engine's side of a Microsoft Graph account (email-model.md section 8): the message goes through
 * {@link GraphTransport} instead of SMTP, and Graph's answer becomes the entry's next state. The
 * entry's reply code is the HTTP status, its reply Graph's error code and message. 202 is Sent; 429,
 * or 503 with Retry-After, waits what Graph says (no back-off step is used up, and it never fails for
 * it); 401 after a fresh token, 403, 5xx and connection failures wait the next back-off step (failed
 * once the steps are used up); any other 4xx and a message over 3 MB fail at once.
 */
final class GraphDelivery {
    /** The wait after a 429 that named none. */
    static final Duration THROTTLE_DEFAULT = Duration.ofSeconds(60);

    private final GraphTransport transport;

    GraphDelivery(GraphTransport transport) {
        this.transport = transport;
    }

    /** The attempt; the account refused it (section 7.3) on anything but Sent and a failure of the message. */
    Attempted attempt(byte[] mime, List<String> recipients, OutboundConfig config, DeliveryRules rules,
                      int attemptsMade, Instant now) {
        GraphResult result = mime == null
                ? new GraphResult(GraphResult.Kind.FAILED, null, "the stored message is missing", null)
                : transport.send(config.accountId(), config.graph(), mime, recipients, config.account().recorded());
        boolean accountRefused = result.kind() != GraphResult.Kind.SENT && result.kind() != GraphResult.Kind.FAILED;
        return new Attempted(decide(result, recipients, config, rules, attemptsMade, now), accountRefused,
                result.kind() == GraphResult.Kind.THROTTLED ? throttleWait(result) : null, null);
    }

    private static AttemptResult decide(GraphResult result, List<String> recipients, OutboundConfig config,
                                        DeliveryRules rules, int attemptsMade, Instant now) {
        AttemptResult.Builder attempt = AttemptResult.builder().at(now).reply(result.status(), result.reply())
                .recipients(recipients).account(config.accountId(), config.accountName())
                .transcriptId(result.transcriptId());
        return switch (result.kind()) {
            case SENT -> attempt.outcome(Outcome.SENT).build();
            case THROTTLED -> attempt.outcome(Outcome.DEFERRED).nextAttemptAt(now.plus(throttleWait(result)))
                    .reason("Graph is throttling the mailbox: " + result.reply()).build();
            case ACCOUNT_FAILURE, DEFERRED -> {
                Optional<Duration> wait = rules.waitAfter(attemptsMade);
                String reason = result.kind() == GraphResult.Kind.ACCOUNT_FAILURE
                        ? "the account cannot send through Graph: " + result.reply() : result.reply();
                yield wait.isPresent()
                        ? attempt.outcome(Outcome.DEFERRED).nextAttemptAt(now.plus(wait.get())).reason(reason).build()
                        : attempt.outcome(Outcome.FAILED).reason("gave up after " + attemptsMade + " attempt(s): "
                        + reason).build();
            }
            case FAILED -> attempt.outcome(Outcome.FAILED).reason(result.reply()).build();
        };
    }

    /** The wait a throttled send asked for (429, or 503 with Retry-After), else the default. */
    private static Duration throttleWait(GraphResult result) {
        return result.retryAfter() != null ? result.retryAfter() : THROTTLE_DEFAULT;
    }
}
