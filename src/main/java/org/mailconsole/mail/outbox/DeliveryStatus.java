package org.mailconsole.mail.outbox;

import java.time.Instant;

/**
 * The delivery engine's connections to the outbound account in effect, as this node sees them now
 * (email-model.md section 7.2).
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
}
