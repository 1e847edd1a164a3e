package org.mailconsole.mail.outbox;

import java.time.Duration;
import java.util.Optional;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.RateLimits;
import org.mailconsole.store.emaillog.OutboxQueue;
import org.mailconsole.model.emaillog.AttemptResult;

/** What a {@link DeliveryWorker} tells its engine about its deliveries. */
interface WorkerFeedback {
    /**
     * The relay refused this worker's connection in its greeting and the message went back to the
     * Outbox unattempted; how long the worker waits before it connects again if it is not stopped.
     */
    Duration greetingRefused(DeliveryWorker worker, OutboundConfig account, String greeting);

    /** Which account the worker's next message goes through (section 7.3). */
    Route route(ConfigSnapshot snapshot);

    /** A route that retried the primary made no attempt (no message, or the primary's own pause or budget held it). */
    void retryUnused(Route route);

    /** The account in effect could not take a message (section 7.3): its fallback takes its messages now. */
    void primaryFailed(OutboundConfig primary, String failure);

    /** The account in effect took a message: if its fallback was in use, no longer. */
    void primaryTook(OutboundConfig primary);

    /**
     * The relay of {@code account} answered this worker's message with a throttle signal (section
     * 7.1), {@code replyCode} (null: none) and the message went back to the Outbox unattempted: the
     * reply is counted, the account pauses and its connections halve. A relay that said how long to
     * wait ({@code signal.asked()}, Graph's Retry-After) is paused that long. {@code worker} null: an
     * attempt made now, outside the pool.
     */
    void throttled(DeliveryWorker worker, OutboundConfig account, Integer replyCode, DeliveryOutcomes.Throttle signal);

    /** The account's throttle pause if it is paused now: its workers lease nothing until then. */
    Optional<ThrottleState.Pause> throttlePause(Long account);

    /** The account's rate budget holds its next due message back (email-model.md section 7). */
    void budgetHeld(Long account, RateLimits limits, OutboxQueue.BudgetWait wait);

    /**
     * The rate budget's wait the account's workers keep to without leasing; empty when they may lease
     * (none in force, or it is time to ask the budget again: {@link BudgetHold#RECHECK}).
     */
    Optional<OutboxQueue.BudgetWait> budgetWait(Long account, RateLimits limits);

    /** An outcome was recorded under the worker's lease. */
    void recorded(AttemptResult result);
}
