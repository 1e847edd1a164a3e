package org.mailconsole.web.pages;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.mailconsole.console.diagnostics.Diagnostics;
import org.mailconsole.console.diagnostics.OutboxFacts;
import org.mailconsole.mail.outbox.DeliveryStatus;

/** The template model of Email diagnostics: every fact as text ("" when there is none). */
final class DiagnosticsPage {
    static final String NOT_AVAILABLE = "not available";

    private DiagnosticsPage() {
    }

    static Map<String, Object> model(Diagnostics d) {
        Map<String, Object> m = new HashMap<>();
        Diagnostics.Outbound out = d.outbound();
        m.put("sending", out.sending());
        m.put("sendingReason", text(out.reason()));
        m.put("sendingSetting", text(out.setting()));
        m.put("outboundAccount", out.account() == null ? "" : connection(out.account()));
        m.put("testAddresses", String.join(", ", out.testAddresses()));
        m.put("outboundFilter", out.addressFilter() == null ? "" : out.addressFilter().name());
        m.put("outboundFilterId", out.addressFilter() == null ? "" : String.valueOf(out.addressFilter().id()));
        OutboxFacts.Sender sender = d.sender();
        m.put("sender", sender == null ? NOT_AVAILABLE : (sender.running() ? "running" : "stopped")
                + "; last delivery " + time(sender.lastSuccessAt()) + "; last failure " + time(sender.lastFailureAt())
                + (sender.lastFailureReason() == null ? "" : ": " + sender.lastFailureReason()));
        OutboxFacts.Outbox outbox = d.outbox();
        m.put("outbox", outbox == null ? NOT_AVAILABLE : outbox.size() + " message(s)"
                + (outbox.oldestAgeSeconds() == null ? "" : ", oldest waiting " + outbox.oldestAgeSeconds() + " s")
                + (outbox.paused() == null ? "" : "; paused: " + outbox.paused()));
        OutboxFacts.Counts counts = d.counts();
        m.put("counts", counts == null ? NOT_AVAILABLE : "last hour " + window(counts.lastHour()) + "; last day "
                + window(counts.lastDay()));
        m.put("delivery", d.delivery().stream().map(DiagnosticsPage::delivery).toList());
        m.put("sources", d.sources().stream().map(s -> Map.of("contextPath", s.contextPath(),
                "messages", String.valueOf(s.messages()), "lastSentAt", time(s.lastSentAt()))).toList());
        m.put("receiving", d.inbound().receiving());
        m.put("receivingReason", text(d.inbound().reason()));
        m.put("inbound", d.inbound().accounts().stream().map(a -> {
            Map<String, Object> row = new HashMap<>(connection(a.account()));
            row.put("lastConnection", a.lastConnection() == null ? "none through the shared session since start"
                    : (a.lastConnection().ok() ? "ok: " : "failed: ") + a.lastConnection().message() + " ("
                    + time(a.lastConnection().at()) + ")");
            row.put("lastCheck", a.lastCheck() == null ? "no check since the console started"
                    : (a.lastCheck().ok() ? "ok: " : "failed: ") + a.lastCheck().message() + " (" + time(a.lastCheck().at()) + ")");
            return row;
        }).toList());
        m.put("dbEngine", d.database().engine());
        m.put("dbUrl", d.database().url());
        m.put("dbSchema", d.database().schemaVersion());
        m.put("sharedMode", d.sharedMode());
        m.put("security", d.security());
        m.put("at", time(d.at()));
        return m;
    }

    private static Map<String, Object> delivery(Diagnostics.Delivery delivery) {
        DeliveryStatus r = delivery.now();
        Map<String, Object> row = new HashMap<>();
        row.put("accountId", String.valueOf(r.accountId()));
        row.put("name", r.accountName());
        row.put("connections", r.connectionsOpen() + " open, " + r.connectionsAllowed() + " allowed"
                + (r.connectionsAllowed() < r.maxConnections() ? " (Connections is " + r.maxConnections()
                + "; one more each minute)" : ""));
        Long drain = delivery.estimatedDrainSeconds();
        row.put("drain", drain == null ? "unknown: nothing left the Outbox in the last minute"
                : drain == 0 ? "the Outbox is empty" : "about " + duration(drain));
        row.put("refusal", r.refusedAt() == null ? "none" : r.refusal() + " (" + time(r.refusedAt()) + ")");
        row.put("budget", (r.lastMinute() == null ? "?" : String.format(java.util.Locale.ROOT, "%,d", r.lastMinute()))
                + (r.messagesPerMinute() == null ? " (no limit)" : " of " + String.format(java.util.Locale.ROOT, "%,d", r.messagesPerMinute()))
                + " messages in the last minute; " + (r.last24hRecipients() == null ? "?"
                : String.format(java.util.Locale.ROOT, "%,d", r.last24hRecipients())) + (r.recipientsPerDay() == null ? " (no limit)"
                : " of " + String.format(java.util.Locale.ROOT, "%,d", r.recipientsPerDay())) + " recipients in 24 h");
        row.put("throttled", r.throttledUntil() == null ? "no"
                : "throttled by the relay until " + time(r.throttledUntil()) + " (" + r.throttleReply() + ")");
        row.put("fallback", r.fallbackInUse() == null ? "no" : r.fallbackInUse().describe());
        return row;
    }

    /** Seconds as "45 s", "3 min 20 s", "2 h 5 min". */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }

    static Map<String, Object> check(Diagnostics.CheckResult r) {
        Map<String, Object> row = new HashMap<>();
        row.put("accountId", String.valueOf(r.accountId()));
        row.put("name", r.name());
        row.put("ok", r.ok());
        row.put("message", r.message());
        row.put("elapsedMs", String.valueOf(r.elapsedMs()));
        return row;
    }

    private static Map<String, Object> connection(Diagnostics.Connection c) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", String.valueOf(c.id()));
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("server", c.server() == null ? "(not set)" : c.server());
        m.put("port", c.port() == null ? "" : String.valueOf(c.port()));
        m.put("security", c.security() == null ? "(not set)" : SecurityNote.label(c.security()));
        m.put("authentication", c.authentication());
        m.put("userName", text(c.userName()));
        m.put("secretExpiresOn", text(c.secretExpiresOn()));
        m.put("expiryWarning", text(c.expiryWarning()));
        return m;
    }

    private static String window(OutboxFacts.Window w) {
        return w.sent() + " sent, " + w.failed() + " failed, " + w.skipped() + " skipped";
    }

    private static String time(Instant at) {
        if (at == null) {
            return "never";
        }
        long ago = Duration.between(at, Instant.now()).toSeconds();
        return PageBasics.time(at) + " UTC (" + Math.max(0, ago) + " s ago)";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

}
