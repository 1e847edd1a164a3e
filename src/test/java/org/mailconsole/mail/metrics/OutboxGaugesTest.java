package org.mailconsole.mail.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mailconsole.mail.outbox.OutboxHold;
import org.mailconsole.testing.PrometheusText;

/** The gauges as Prometheus renders them: pinned names and labels, one state at a time, rows per account in effect. */
class OutboxGaugesTest {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicReference<GaugeFacts> facts = new AtomicReference<>(relay().hold(OutboxHold.DUE).build());
    final OutboxGauges gauges = new OutboxGauges(registry, facts::get);

    /** Five messages in the Outbox of "relay", the oldest 42 s old, half its per-minute limit used. */
    static GaugeFacts.Builder relay() {
        return GaugeFacts.builder().outboxSize(5).oldestAge(42).senderUp(true).account("relay").minuteUsage(0.5);
    }

    PrometheusText scrape() {
        gauges.refresh();
        return PrometheusText.parse(registry.scrape());
    }

    @Test
    void theOutboxIsCountedUnderOneStateAtATime() {
        PrometheusText text = scrape();
        assertEquals(5, text.value("mailconsole_outbox_messages", Map.of("state", "due")));
        assertEquals(0, text.value("mailconsole_outbox_messages", Map.of("state", "paused")));
        assertEquals(0, text.value("mailconsole_outbox_messages", Map.of("state", "limited")));
        assertEquals(42, text.value("mailconsole_outbox_oldest_age_seconds", Map.of()));
        assertEquals(1, text.value("mailconsole_sender_up", Map.of()));

        facts.set(relay().hold(OutboxHold.LIMITED).minuteUsage(1.0).build());
        text = scrape();
        assertEquals(0, text.value("mailconsole_outbox_messages", Map.of("state", "due")));
        assertEquals(5, text.value("mailconsole_outbox_messages", Map.of("state", "limited")));
        assertEquals(0, text.value("mailconsole_outbox_oldest_age_seconds", Map.of()), "only due messages age");
    }

    @Test
    void perAccountRowsFollowTheAccountInEffect() {
        PrometheusText text = scrape();
        assertEquals(0.5, text.value("mailconsole_rate_limit_usage_ratio", Map.of("account", "relay", "limit", "minute")));
        assertFalse(text.has("mailconsole_rate_limit_usage_ratio", Map.of("limit", "day")), "no day limit, no ratio");
        assertEquals(0, text.value("mailconsole_fallback_in_use", Map.of("account", "relay")));

        facts.set(GaugeFacts.builder().hold(OutboxHold.DUE).senderUp(true).account("other").fallbackInUse(true)
                .dayUsage(0.25).build());
        text = scrape();
        assertFalse(text.has("mailconsole_fallback_in_use", Map.of("account", "relay")), "no stale series");
        assertEquals(1, text.value("mailconsole_fallback_in_use", Map.of("account", "other")));
        assertEquals(0.25, text.value("mailconsole_rate_limit_usage_ratio", Map.of("account", "other", "limit", "day")));
        assertFalse(text.has("mailconsole_rate_limit_usage_ratio", Map.of("account", "relay")));

        facts.set(GaugeFacts.UNKNOWN);
        text = scrape();
        assertFalse(text.names().contains("mailconsole_fallback_in_use"), "no account in effect, no row");
        assertEquals(0, text.value("mailconsole_sender_up", Map.of()));
        assertTrue(text.names().contains("mailconsole_outbox_messages"));
    }
}
