package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailconsole.mail.live.CachedConfig;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.store.StoreException;
import org.mailconsole.store.emaillog.Lease;
import org.mailconsole.store.emaillog.OutboxQueue;

/**
 * One worker of the delivery engine, with its own kept connection: leases the earliest due
 * message, delivers it, records the outcome under its lease, and again. While sending is not
 * possible (sending off, no active outbound account, a blank server) the Outbox is paused: the
 * worker leases nothing and looks again every {@link #PAUSED_LOOK}. When nothing is due it
 * keeps its connection for {@link #LINGER} (a burst's next message uses it), then closes it and
 * waits for a wake-up, the next due retry or the sweep. A throttle signal (email-model.md section
 * 7.1) gives the message back unattempted and pauses the account's workers like a paused Outbox;
 * so does the account's rate budget while it holds the next message back (section 7). Each message
 * goes through the account its {@link Route} names: the one in effect or, while that one cannot take
 * messages, its fallback (section 7.3); a message the account in effect cannot take goes through
 * the fallback at once, on the worker's second connection, kept and closed like the first. When the
 * database refuses a write it keeps its lease and tries again after a {@link StoreBackoff} wait,
 * so no message goes twice for it.
 */
final class DeliveryWorker implements Runnable {
    private static final System.Logger LOG = System.getLogger(DeliveryWorker.class.getName());
    /** How long an idle worker keeps its connection (as Postfix's smtp_connection_cache_time_limit). */
    static final Duration LINGER = Duration.ofSeconds(1);
    /** How often a paused worker looks whether sending is possible again (the configuration is cached). */
    static final Duration PAUSED_LOOK = Duration.ofSeconds(1);

    private final String owner;
    private final OutboxQueue queue;
    private final CachedConfig config;
    private final MessageAttempt attempts;
    private final LeaseRenewal renewal;
    private final WakeSignal signal;
    private final Clock clock;
    private final OutboxTiming timing;
    private final RelayConnections feedback;
    private final StoreBackoff backoff = new StoreBackoff();
    private volatile boolean running = true;
    /** The budget (account and its limits) the message leased next was leased under. */
    private OutboxQueue.Budget nextBudget;

    /** @param feedback the engine's connections: this worker's new connections, and what it reports of them */
    DeliveryWorker(String owner, OutboxQueue queue, CachedConfig config, MessageAttempt attempts, LeaseRenewal renewal,
                   WakeSignal signal, Clock clock, OutboxTiming timing, RelayConnections feedback) {
        this.owner = owner;
        this.queue = queue;
        this.config = config;
        this.attempts = attempts;
        this.renewal = renewal;
        this.signal = signal;
        this.clock = clock;
        this.timing = timing;
        this.feedback = feedback;
    }

    /** Asks the worker to stop after the message in flight (whose outcome it still records). */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        Lease next = null; // leased with the last outcome, in its transaction
        // each worker keeps a connection to the account in effect and, only once used, to its fallback
        try (SmtpDelivery connection = feedback.newConnection(); SmtpDelivery fallbackConnection = feedback.newConnection()) {
            while (running) {
                long mark = signal.mark();
                Route route;
                try {
                    ConfigSnapshot snapshot = config.current();
                    if (!snapshot.outbound().sending()) {
                        // paused: the messages wait, no attempt, no retry step used, no state change
                        next = release(next);
                        closeAll(connection, fallbackConnection);
                        signal.await(mark, PAUSED_LOOK, () -> !running);
                        continue;
                    }
                    route = feedback.route(snapshot);
                    OutboundConfig outbound = route.outbound();
                    Optional<ThrottleState.Pause> throttled = feedback.throttlePause(outbound.accountId());
                    if (throttled.isPresent()) {
                        // the relay throttles the account: its messages wait, no attempt, no retry step used
                        next = release(next);
                        waitHeld(route, throttled.get().until(), mark, connection, fallbackConnection);
                        continue;
                    }
                    if (next != null && !budget(outbound).equals(nextBudget)) {
                        next = release(next); // leased within another budget (account or limits) than the one it would go through
                    }
                    if (next == null) {
                        // a message already leased has its place in the budget (a hold may even count it): it goes
                        Optional<OutboxQueue.BudgetWait> held = feedback.budgetWait(outbound.accountId(),
                                outbound.rateLimits());
                        if (held.isPresent()) {
                            // a rate limit of the account is reached: its messages wait, no attempt, no retry step used
                            waitHeld(route, held.get().until(), mark, connection, fallbackConnection);
                            continue;
                        }
                        OutboxQueue.Leased leased = queue.lease(owner, 1, budget(outbound));
                        if (leased.held() != null) {
                            feedback.budgetHeld(outbound.accountId(), outbound.rateLimits(), leased.held());
                            feedback.retryUnused(route);
                            continue;
                        }
                        if (leased.leases().isEmpty()) {
                            feedback.retryUnused(route);
                            idle(connection, fallbackConnection, mark);
                            continue;
                        }
                        next = hold(leased.leases());
                        nextBudget = budget(outbound);
                    }
                } catch (StoreException e) {
                    closeAll(connection, fallbackConnection);
                    waitAfterRefusal("could not lease a message", e);
                    continue;
                }
                backoff.reset();
                next = deliver(next, route, route.fallback() ? fallbackConnection : connection, fallbackConnection);
            }
        } finally {
            release(next);
        }
    }

    /**
     * Delivers the leased message and records its outcome; the message leased next with it, or null.
     * A relay that refused the connection in its greeting gets the message back, unattempted. A
     * message the account in effect cannot take goes through its fallback at once (section 7.3).
     */
    private Lease deliver(Lease lease, Route route, SmtpDelivery connection, SmtpDelivery fallbackConnection) {
        Duration refusedPause = null;
        Lease next = null;
        try {
            Attempted attempted = attempts.attempt(lease, route.snapshot(), connection, Set.of());
            AttemptResult result = attempted.result();
            String refusal = attempted.greetingRefusal();
            Optional<DeliveryOutcomes.Throttle> throttle = refusal != null ? Optional.empty()
                    : DeliveryOutcomes.throttleSignal(attempted, route.outbound(), route.snapshot().rules());
            if (refusal != null) {
                release(lease);
                feedback.retryUnused(route);
                refusedPause = feedback.greetingRefused(this, route.outbound(), refusal);
            } else if (route.mayFallBack() && (attempted.accountRefused() || throttle.isPresent())) {
                throttle.ifPresent(signal -> feedback.throttled(this, route.outbound(), result.replyCode(), signal));
                feedback.primaryFailed(route.primary(), DeliveryOutcomes.accountFailure(result));
                next = throughFallback(lease, Route.fallback(route.snapshot()), result, fallbackConnection);
            } else if (throttle.isPresent()) {
                // the relay's word about the pace, not about the message: it keeps its retry steps
                release(lease);
                feedback.throttled(this, route.outbound(), result.replyCode(), throttle.get());
            } else {
                if (!route.fallback()) {
                    feedback.primaryTook(route.primary());
                }
                next = record(lease, result, route.outbound());
            }
        } finally {
            renewal.drop(lease);
        }
        if (refusedPause != null) {
            pause(refusedPause);
        }
        return next;
    }

    /**
     * The message the account in effect could not take, through its fallback now, within the
     * fallback's own budget; the recipients the primary refused for good are not tried again. A
     * fallback that holds it back or throttles gets it back into the Outbox unattempted: the next
     * lease goes to the fallback, which waits.
     */
    private Lease throughFallback(Lease lease, Route route, AttemptResult primary, SmtpDelivery connection) {
        OutboundConfig fallback = route.outbound();
        Optional<OutboxQueue.BudgetWait> held;
        try {
            held = queue.rebudget(lease, budget(fallback));
        } catch (StoreException e) {
            release(lease);
            return null;
        }
        if (held.isPresent()) {
            release(lease);
            feedback.budgetHeld(fallback.accountId(), fallback.rateLimits(), held.get());
            return null;
        }
        Attempted attempted = attempts.throughFallback(lease, route.snapshot(), connection, primary);
        Optional<DeliveryOutcomes.Throttle> throttle = DeliveryOutcomes.throttleSignal(attempted, fallback,
                route.snapshot().rules());
        if (throttle.isPresent()) {
            release(lease);
            feedback.throttled(this, fallback, attempted.result().replyCode(), throttle.get());
            return null;
        }
        LOG.log(System.Logger.Level.DEBUG, "Mail Console Outbox: message {0} went to the fallback account \"{1}\"",
                lease.id(), fallback.accountName());
        return record(lease, attempted.result(), fallback);
    }

    /**
     * The account's throttle pause or rate budget holds its messages back: without its connections,
     * the worker waits until {@code until}, looking again at least every {@link #PAUSED_LOOK}.
     */
    private void waitHeld(Route route, Instant until, long mark, SmtpDelivery connection, SmtpDelivery fallbackConnection) {
        feedback.retryUnused(route);
        closeAll(connection, fallbackConnection);
        Duration left = Duration.between(clock.instant(), until);
        signal.await(mark, left.isNegative() ? Duration.ZERO : left.compareTo(PAUSED_LOOK) > 0 ? PAUSED_LOOK : left,
                () -> !running);
    }

    /** Waits this long unless stopped meanwhile (a wake-up for new mail does not end it). */
    private void pause(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (running && System.nanoTime() < end) {
            signal.await(signal.mark(), Duration.ofNanos(end - System.nanoTime()), () -> !running);
        }
    }

    /**
     * Records the outcome under the lease and leases the next due message in the same transaction,
     * trying again while the database refuses (the lease is renewed meanwhile, so no one else sends
     * the message). Given up only at a stop: then the lease runs out and the message goes again
     * after the next start. The next lease, or null.
     */
    private Lease record(Lease lease, AttemptResult result, OutboundConfig outbound) {
        while (true) {
            try {
                OutboxQueue.Completion completion = queue.completeAndLease(lease, result, running ? 1 : 0,
                        budget(outbound));
                if (completion.held() != null) {
                    feedback.budgetHeld(outbound.accountId(), outbound.rateLimits(), completion.held());
                }
                if (completion.recorded()) {
                    feedback.recorded(lease.entry(), result);
                } else {
                    LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: the outcome of message {0} ({1}) was "
                            + "not recorded: its lease was lost (the entry changed or another node took it over)",
                            lease.id(), result.outcome().apiName());
                }
                backoff.reset();
                nextBudget = budget(outbound);
                return completion.next().isEmpty() ? null : hold(completion.next());
            } catch (StoreException e) {
                if (!running) {
                    LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: stopping without the outcome of message "
                            + "{0} ({1}) recorded; it is attempted again once its lease has run out: {2}",
                            lease.id(), result.outcome().apiName(), e.getMessage());
                    return null;
                }
                waitAfterRefusal("could not record the outcome of message " + lease.id(), e);
            }
        }
    }

    /** The account's rate limits that leases are held to (email-model.md section 7). */
    private static OutboxQueue.Budget budget(OutboundConfig outbound) {
        return new OutboxQueue.Budget(outbound.accountId(), outbound.rateLimits());
    }

    private static void closeAll(SmtpDelivery connection, SmtpDelivery fallbackConnection) {
        connection.close();
        fallbackConnection.close();
    }

    private Lease hold(List<Lease> leased) {
        Lease lease = leased.get(0);
        renewal.hold(lease);
        return lease;
    }

    /** Gives back a lease not attempted (a pause, a stop, a refused greeting, a throttle signal); null. */
    private Lease release(Lease lease) {
        if (lease != null) {
            renewal.drop(lease);
            try {
                queue.release(lease);
            } catch (StoreException e) {
                LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: message {0} not given back ({1}); it is "
                        + "attempted once its lease has run out", lease.id(), e.getMessage());
            }
        }
        return null;
    }

    private void waitAfterRefusal(String what, StoreException e) {
        Duration wait = backoff.next();
        LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: " + what + ", the database refused: "
                + e.getMessage() + "; trying again in " + wait.toSeconds() + " s");
        signal.await(signal.mark(), wait, () -> !running);
    }

    /**
     * Nothing due: keeps the connection for {@link #LINGER} in case more comes, then closes it and
     * waits until woken, the next retry is due, or the sweep.
     */
    private void idle(SmtpDelivery connection, SmtpDelivery fallbackConnection, long mark) {
        if ((connection.connected() || fallbackConnection.connected()) && signal.await(mark, LINGER, () -> !running)) {
            return;
        }
        closeAll(connection, fallbackConnection);
        Instant now = clock.instant();
        Duration wait = timing.sweep();
        Optional<Instant> next = queue.nextDue();
        if (next.isPresent() && next.get().isBefore(now.plus(wait))) {
            // a message due now is leased by another worker or node: look again after a moment
            wait = next.get().isAfter(now) ? Duration.between(now, next.get()) : Duration.ofMillis(50);
        }
        signal.await(mark, wait, () -> !running);
    }
}
