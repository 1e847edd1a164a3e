package org.mailconsole.web.api;

import java.time.Instant;
import java.util.List;
import org.mailconsole.console.diagnostics.Diagnostics;
import org.mailconsole.console.diagnostics.OutboxFacts;
import org.mailconsole.mail.outbox.DeliveryStatus;
import org.mailconsole.store.DatabaseFacts;

/**
 * GET /api/v1/diagnostics: the facts of Email Diagnostics, times as ISO-8601 UTC strings.
 * {@code sender}, {@code outbox} and {@code counts} are null only when the {@code OutboxFacts} has none.
 */
public record DiagnosticsJson(String at, Diagnostics.Outbound outbound, SenderJson sender, OutboxFacts.Outbox outbox,
                              OutboxFacts.Counts counts, List<DeliveryJson> delivery, List<SourceJson> sources, InboundJson inbound,
                              DatabaseFacts.Facts database, boolean sharedMode, List<String> security) {

    public record SenderJson(boolean running, String lastSuccessAt, String lastFailureAt, String lastFailureReason) {
    }

    public record SourceJson(String contextPath, long messages, String lastSentAt) {
    }

    /** One outbound account's connections and the Outbox's estimated drain (api.md's {@code delivery} rows). */
    public record DeliveryJson(Long accountId, String name, int connectionsOpen, int connectionsAllowed,
                               int maxConnections, Long estimatedDrainSeconds, String connectionRefusedAt,
                               String connectionRefusal, String throttledUntil, String throttleReply,
                               Long lastMinute, Integer messagesPerMinute, Long last24hRecipients,
                               Integer recipientsPerDay, FallbackJson fallbackInUse) {
        static DeliveryJson of(Diagnostics.Delivery row) {
            DeliveryStatus d = row.now();
            return new DeliveryJson(d.accountId(), d.accountName(), d.connectionsOpen(), d.connectionsAllowed(),
                    d.maxConnections(), row.estimatedDrainSeconds(), time(d.refusedAt()), d.refusal(),
                    time(d.throttledUntil()), d.throttleReply(), d.lastMinute(), d.messagesPerMinute(),
                    d.last24hRecipients(), d.recipientsPerDay(), FallbackJson.of(d.fallbackInUse()));
        }
    }

    /**
     * The fallback account that takes the row's messages now (email-model.md section 7.3): its id and
     * name, since when, and the account's last failure; the row's {@code fallbackInUse} is null when none is.
     */
    public record FallbackJson(Long accountId, String name, String since, String lastFailureAt, String lastFailure) {
        static FallbackJson of(org.mailconsole.mail.outbox.FallbackUse use) {
            return use == null ? null : new FallbackJson(use.fallbackId(), use.fallbackName(), time(use.since()),
                    time(use.failedAt()), use.failure());
        }
    }

    public record InboundJson(boolean receiving, String reason, List<InboundAccountJson> accounts) {
    }

    /** A store connect through the shared session: its result and when. */
    public record ConnectionJson(boolean ok, String message, String at) {
    }

    public record InboundAccountJson(Diagnostics.Connection account, ConnectionJson lastConnection, CheckJson lastCheck) {
    }

    public record CheckJson(Long accountId, String name, boolean ok, String message, long elapsedMs, String at) {
        static CheckJson of(Diagnostics.CheckResult r) {
            return r == null ? null : new CheckJson(r.accountId(), r.name(), r.ok(), r.message(), r.elapsedMs(), time(r.at()));
        }
    }

    public record ChecksJson(List<CheckJson> results) {
    }

    static DiagnosticsJson of(Diagnostics d) {
        OutboxFacts.Sender s = d.sender();
        return new DiagnosticsJson(time(d.at()), d.outbound(),
                s == null ? null : new SenderJson(s.running(), time(s.lastSuccessAt()), time(s.lastFailureAt()),
                        s.lastFailureReason()),
                d.outbox(), d.counts(), d.delivery().stream().map(DeliveryJson::of).toList(),
                d.sources().stream().map(x -> new SourceJson(x.contextPath(), x.messages(), time(x.lastSentAt()))).toList(),
                new InboundJson(d.inbound().receiving(), d.inbound().reason(), d.inbound().accounts().stream()
                        .map(a -> new InboundAccountJson(a.account(), a.lastConnection() == null ? null
                                : new ConnectionJson(a.lastConnection().ok(), a.lastConnection().message(),
                                time(a.lastConnection().at())), CheckJson.of(a.lastCheck()))).toList()),
                d.database(), d.sharedMode(), d.security());
    }

    static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
