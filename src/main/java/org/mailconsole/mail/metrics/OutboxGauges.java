package org.mailconsole.mail.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.mailconsole.mail.outbox.OutboxHold;

/**
 * The gauges of email-model.md section 10: they read the shared Outbox (so every node of a cluster
 * reports the same Outbox) and this node's sender. The per-account gauges follow the outbound account
 * in effect: {@link #refresh()} (before each scrape) adds the rows of the account in effect now and
 * removes the others, so an account no longer in effect leaves no stale series behind. (Micrometer's
 * MultiGauge is not used: on a composite registry, registering a row again dropped it from the
 * Prometheus registry.)
 */
public final class OutboxGauges {
    private static final String FALLBACK = "mailconsole.fallback.in.use";
    private static final String USAGE = "mailconsole.rate.limit.usage.ratio";

    private final MeterRegistry registry;
    private final Supplier<GaugeFacts> facts;
    /** The per-account gauges registered now, by name and labels. */
    private final Map<String, Gauge> accountGauges = new HashMap<>();

    public OutboxGauges(MeterRegistry registry, Supplier<GaugeFacts> facts) {
        this.registry = registry;
        this.facts = facts;
        for (OutboxHold hold : OutboxHold.values()) {
            gauge("mailconsole.outbox.messages", "Messages in the shared Outbox by why they wait",
                    f -> f.waiting(hold)).tag("state", hold.label()).register(registry);
        }
        gauge("mailconsole.outbox.oldest.age", "How long the oldest due Outbox message has waited",
                GaugeFacts::oldestDueAge).baseUnit("seconds").register(registry);
        gauge("mailconsole.sender.up", "1 while this node's sender runs and can reach its relay",
                f -> f.senderUp() ? 1 : 0).register(registry);
        refresh();
    }

    private Gauge.Builder<Supplier<GaugeFacts>> gauge(String name, String description, ToDoubleFunction<GaugeFacts> value) {
        return Gauge.builder(name, facts, f -> value.applyAsDouble(f.get())).description(description)
                .strongReference(true);
    }

    /** Registers the per-account rows of the account in effect now and removes the rest (their values are read at each look). */
    public synchronized void refresh() {
        GaugeFacts now = facts.get();
        Set<String> wanted = new HashSet<>();
        String account = now.account();
        if (account != null) {
            wanted.add(row(FALLBACK, "1 while the account's fallback takes its messages", Tags.of("account", account),
                    f -> f.fallbackInUse() ? 1.0 : 0.0));
            if (now.minuteUsage() != null) {
                wanted.add(row(USAGE, "The account's rate budget used, over its limit",
                        Tags.of("account", account, "limit", "minute"), GaugeFacts::minuteUsage));
            }
            if (now.dayUsage() != null) {
                wanted.add(row(USAGE, "The account's rate budget used, over its limit",
                        Tags.of("account", account, "limit", "day"), GaugeFacts::dayUsage));
            }
        }
        for (Iterator<Map.Entry<String, Gauge>> rows = accountGauges.entrySet().iterator(); rows.hasNext(); ) {
            Map.Entry<String, Gauge> row = rows.next();
            if (!wanted.contains(row.getKey())) {
                registry.remove(row.getValue());
                rows.remove();
            }
        }
    }

    /** The key of the row, registered unless it already is; its value is read for its account only. */
    private String row(String name, String description, Tags tags, Function<GaugeFacts, Double> value) {
        String key = name + tags;
        String account = tags.stream().filter(t -> t.getKey().equals("account")).findFirst().orElseThrow().getValue();
        accountGauges.computeIfAbsent(key, k -> Gauge.builder(name, facts, f -> {
            GaugeFacts current = f.get();
            Double number = account.equals(current.account()) ? value.apply(current) : null;
            return number == null ? Double.NaN : number; // until the next refresh removes it
        }).description(description).tags(tags).strongReference(true).register(registry));
        return key;
    }
}
