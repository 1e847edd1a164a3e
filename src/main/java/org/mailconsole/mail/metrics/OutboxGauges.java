package org.mailconsole.mail.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.mailconsole.mail.outbox.OutboxHold;

/**
 * The gauges of email-model.md section 10: they read the shared Outbox (so every node of a cluster
 * reports the same Outbox) and this node's sender. The per-account gauges follow the outbound account
 * in effect: {@link #refresh()} (before each scrape) names its rows anew, so an account no longer in
 * effect leaves no stale series behind.
 */
public final class OutboxGauges {
    private final Supplier<GaugeFacts> facts;
    private final MultiGauge fallback;
    private final MultiGauge usage;

    public OutboxGauges(MeterRegistry registry, Supplier<GaugeFacts> facts) {
        this.facts = facts;
        for (OutboxHold hold : OutboxHold.values()) {
            gauge(registry, "mailconsole.outbox.messages", "Messages in the shared Outbox by why they wait",
                    f -> f.waiting(hold)).tag("state", hold.label()).register(registry);
        }
        gauge(registry, "mailconsole.outbox.oldest.age", "How long the oldest due Outbox message has waited",
                GaugeFacts::oldestDueAge).baseUnit("seconds").register(registry);
        gauge(registry, "mailconsole.sender.up", "1 while this node's sender runs and can reach its relay",
                f -> f.senderUp() ? 1 : 0).register(registry);
        this.fallback = MultiGauge.builder("mailconsole.fallback.in.use")
                .description("1 while the account's fallback takes its messages").register(registry);
        this.usage = MultiGauge.builder("mailconsole.rate.limit.usage.ratio")
                .description("The account's rate budget used, over its limit").register(registry);
        refresh();
    }

    private Gauge.Builder<Supplier<GaugeFacts>> gauge(MeterRegistry registry, String name, String description,
                                                      ToDoubleFunction<GaugeFacts> value) {
        return Gauge.builder(name, facts, f -> value.applyAsDouble(f.get())).description(description)
                .strongReference(true);
    }

    /** Names the per-account rows after the account in effect now (its values are read at each look). */
    public synchronized void refresh() {
        GaugeFacts now = facts.get();
        List<MultiGauge.Row<?>> fallbackRows = new ArrayList<>();
        List<MultiGauge.Row<?>> usageRows = new ArrayList<>();
        if (now.account() != null) {
            String account = now.account();
            fallbackRows.add(MultiGauge.Row.of(Tags.of("account", account),
                    () -> forAccount(account, f -> f.fallbackInUse() ? 1.0 : 0.0)));
            if (now.minuteUsage() != null) {
                usageRows.add(MultiGauge.Row.of(Tags.of("account", account, "limit", "minute"),
                        () -> forAccount(account, GaugeFacts::minuteUsage)));
            }
            if (now.dayUsage() != null) {
                usageRows.add(MultiGauge.Row.of(Tags.of("account", account, "limit", "day"),
                        () -> forAccount(account, GaugeFacts::dayUsage)));
            }
        }
        fallback.register(fallbackRows, true);
        usage.register(usageRows, true);
    }

    /** The value for this account while it is in effect; NaN (no value) once another is, until the next refresh. */
    private Number forAccount(String account, java.util.function.Function<GaugeFacts, Double> value) {
        GaugeFacts now = facts.get();
        Double number = account.equals(now.account()) ? value.apply(now) : null;
        return number == null ? Double.NaN : number;
    }
}
