package org.mailconsole.mail.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.Outcome;

/**
 * The counters of this node's Outbox work since its start (email-model.md section 10): messages
 * handed over and what became of them per webapp and account, delivery attempts per result and reply
 * class, the time from hand-over to Sent, and throttle pauses. Labels are webapps, account names and
 * fixed words, never a recipient, so the number of series stays bounded.
 */
public final class DeliveryMeters {
    /** The label value when there is no account (sending off) or no reply (a connection failure). */
    static final String NONE = "none";
    /** Hand-over to Sent: buckets from a local relay's moment to a day of retries. */
    private static final Duration[] DELIVERY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1)};

    private final MeterRegistry registry;

    public DeliveryMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A message handed over: queued ("accepted") or Skipped at once (sending off, every recipient filtered). */
    void handedOver(String webapp, String account, boolean queued) {
        message(webapp, account, queued ? "accepted" : "skipped");
    }

    /** The outcome of an attempt, recorded under its lease. */
    void recorded(EmailEntry entry, AttemptResult result) {
        String account = label(result.accountName());
        Outcome outcome = result.outcome();
        if (outcome != Outcome.SKIPPED) {
            attempt(account, outcome.delivered() ? "sent" : outcome.apiName(), result.replyCode());
        }
        if (outcome.delivered() && entry.createdAt() != null && result.at() != null) {
            Duration waited = Duration.between(entry.createdAt(), result.at());
            delivery(account).record(waited.isNegative() ? Duration.ZERO : waited);
        }
        // the message's counter last: a scrape that sees it moved sees the attempt and the time too
        message(entry.source(), account, outcome.delivered() ? "sent" : outcome.apiName());
    }

    /** The relay answered with a throttle signal: an attempt, but the message went back unattempted. */
    void throttled(String account, Integer replyCode) {
        attempt(label(account), "throttled", replyCode);
    }

    /** A throttle signal began a pause of the account (not one more reply to a burst already paused). */
    void pauseBegan(String account) {
        Counter.builder("mailconsole.throttle.pauses").description("Throttle pauses the relay began, this node")
                .tag("account", label(account)).register(registry).increment();
    }

    private void message(String webapp, String account, String outcome) {
        Counter.builder("mailconsole.messages").description("Messages by what became of them, this node since its start")
                .tag("webapp", label(webapp)).tag("account", label(account)).tag("outcome", outcome)
                .register(registry).increment();
    }

    private void attempt(String account, String result, Integer replyCode) {
        Counter.builder("mailconsole.delivery.attempts").description("Delivery attempts, this node since its start")
                .tag("account", account).tag("result", result).tag("reply_class", replyClass(replyCode))
                .register(registry).increment();
    }

    private Timer delivery(String account) {
        return Timer.builder("mailconsole.delivery").description("From hand-over to Sent")
                .tag("account", account).serviceLevelObjectives(DELIVERY_BUCKETS).register(registry);
    }

    /** 2xx, 4xx, 5xx; none for a connection failure or a reply of another class. */
    static String replyClass(Integer code) {
        if (code == null) {
            return NONE;
        }
        return switch (code / 100) {
            case 2 -> "2xx";
            case 4 -> "4xx";
            case 5 -> "5xx";
            default -> NONE;
        };
    }

    private static String label(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
