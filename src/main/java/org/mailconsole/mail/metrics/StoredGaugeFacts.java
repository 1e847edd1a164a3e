package org.mailconsole.mail.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.mailconsole.mail.outbox.DeliveryEngine;
import org.mailconsole.mail.outbox.DeliveryStatus;
import org.mailconsole.mail.outbox.Outbox;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.emaillog.EmailLogFacts;
import org.mailconsole.store.emaillog.EmailLogReader;

/**
 * Reads the gauges' facts with the queries health and Diagnostics already use: the Outbox's size
 * from the per-state counts, its oldest entry from the first row of the {@code (state, id)} index,
 * the last attempts from the {@code email_attempt} index, and the rate budget the delivery engine
 * reports for Diagnostics. Each reads a few rows, whatever the log's size.
 */
public final class StoredGaugeFacts implements Supplier<GaugeFacts> {
    /** The sender counts as down after this many attempts in a row failed to connect (as the health check). */
    static final int FAILED_ATTEMPTS = 3;

    private final Outbox outbox;
    private final DeliveryEngine engine;
    private final EmailLogReader log;
    private final EmailLogFacts facts;
    private final LongPredicate fallbackInUse;
    private final Clock clock;

    /** @param fallbackInUse whether the fallback of the account with this id takes its messages now */
    public StoredGaugeFacts(Outbox outbox, DeliveryEngine engine, EmailLogReader log, EmailLogFacts facts,
                            LongPredicate fallbackInUse, Clock clock) {
        this.outbox = outbox;
        this.engine = engine;
        this.log = log;
        this.facts = facts;
        this.fallbackInUse = fallbackInUse;
        this.clock = clock;
    }

    @Override
    public GaugeFacts get() {
        long size = log.counts().getOrDefault(EmailState.SEND_READY, 0L);
        double oldestAge = facts.oldestInOutbox()
                .map(at -> (double) Math.max(0, Duration.between(at, clock.instant()).toSeconds()))
                .orElse(0.0);
        boolean senderUp = engine.running() && !facts.lastAttemptsFailedToConnect(FAILED_ATTEMPTS);
        DeliveryStatus status = engine.status();
        Long account = status.accountId();
        return GaugeFacts.builder()
                .outboxSize(size)
                .hold(outbox.hold())
                .oldestAge(oldestAge)
                .senderUp(senderUp)
                .account(status.accountName())
                .fallbackInUse(account != null && fallbackInUse.test(account))
                .minuteUsage(ratio(status.lastMinute(), status.messagesPerMinute()))
                .dayUsage(ratio(status.last24hRecipients(), status.recipientsPerDay()))
                .build();
    }

    private static Double ratio(Long used, Integer limit) {
        return used == null || limit == null || limit <= 0 ? null : used / (double) limit;
    }
}
