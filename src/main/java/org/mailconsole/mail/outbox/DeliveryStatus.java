package org.mailconsole.mail.outbox;

import java.time.Instant;
import org.mailconsole.model.RateLimits;
import org.mailconsole.store.emaillog.OutboxQueue;

/**
 * The delivery engine's connections to the outbound account in effect, as this node sees them now
 * (email-model.md section 7.2); built by name ({@link #builder()}).
 *
 * @param accountId          the account in effect; null when none is
 * @param accountName        its name; null when none is
 * @param connectionsOpen    connections to its relay open now (the workers' and an attempt made now)
 * @param connectionsAllowed connections allowed now: its Connections setting, lowered by the relay's refusals
 * @param maxConnections     its Connections setting
 * @param workers            the engine's workers now (each keeps at most one connection)
 * @param perSecond          messages that left the Outbox per second over the last minute
 * @param refusedAt          when the relay last refused a connection in its greeting; null when it did not
 * @param refusal            that greeting; null when it did not
 * @param throttledUntil     until when the relay's throttle signal pauses the account (section 7.1); null when it does not
 * @param throttleReply      the reply that signalled it; null when not paused
 * @param messagesPerMinute  the account's limit; null when none
 * @param recipientsPerDay   the account's limit; null when none
 * @param lastMinute         messages started through it in the last 60 s (every node); null when unknown
 * @param last24hRecipients  recipients counted in the last 24 h (every node); null when unknown
 * @param fallbackInUse      its fallback account takes its messages now (section 7.3); null when not
 */
public record DeliveryStatus(Long accountId, String accountName, int connectionsOpen, int connectionsAllowed,
                             int maxConnections, int workers, double perSecond, Instant refusedAt, String refusal,
                             Instant throttledUntil, String throttleReply, Integer messagesPerMinute,
                             Integer recipientsPerDay, Long lastMinute, Long last24hRecipients,
                             FallbackUse fallbackInUse) {

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link DeliveryStatus} by name. The pairs that come from one small record are set
     * together: what is not set (no refusal, no throttle, no limits, budget spent unknown) is null.
     */
    public static final class Builder {
        private Long accountId;
        private String accountName;
        private int connectionsOpen;
        private int connectionsAllowed;
        private int maxConnections;
        private int workers;
        private double perSecond;
        private Instant refusedAt;
        private String refusal;
        private Instant throttledUntil;
        private String throttleReply;
        private Integer messagesPerMinute;
        private Integer recipientsPerDay;
        private Long lastMinute;
        private Long last24hRecipients;
        private FallbackUse fallbackInUse;

        private Builder() {
        }

        public Builder account(Long id, String name) { accountId = id; accountName = name; return this; }
        public Builder connectionsOpen(int value) { connectionsOpen = value; return this; }
        public Builder connectionsAllowed(int value) { connectionsAllowed = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder workers(int value) { workers = value; return this; }
        public Builder perSecond(double value) { perSecond = value; return this; }
        public Builder refusal(Instant at, String greeting) { refusedAt = at; refusal = greeting; return this; }
        public Builder throttle(Instant until, String reply) { throttledUntil = until; throttleReply = reply; return this; }
        public Builder limits(RateLimits value) { messagesPerMinute = value.messagesPerMinute(); recipientsPerDay = value.recipientsPerDay(); return this; }
        public Builder used(OutboxQueue.BudgetUsed value) { lastMinute = value.lastMinute(); last24hRecipients = value.last24hRecipients(); return this; }
        public Builder fallbackInUse(FallbackUse value) { fallbackInUse = value; return this; }

        public DeliveryStatus build() {
            return new DeliveryStatus(accountId, accountName, connectionsOpen, connectionsAllowed, maxConnections,
                    workers, perSecond, refusedAt, refusal, throttledUntil, throttleReply, messagesPerMinute,
                    recipientsPerDay, lastMinute, last24hRecipients, fallbackInUse);
        }
    }
}
