package org.mailconsole.mail.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.mailconsole.mail.live.CachedConfig;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.MaxConnections;
import org.mailconsole.model.RateLimits;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.emaillog.OutboxQueue;

/**
 * The engine's connections to the relay of the outbound account in effect (email-model.md section
 * 7): as many workers as {@link ConcurrencyFeedback} allows under the account's Connections
 * setting, followed live as the setting or the account changes; the connections open now; and the
 * pace at which messages leave the Outbox.
 */
final class RelayConnections {
    private static final System.Logger LOG = System.getLogger(RelayConnections.class.getName());

    private final CachedConfig config;
    private final ConcurrencyFeedback feedback;
    private final ThrottleState throttle;
    private final BudgetHold budget;
    private final FallbackState fallbacks;
    private final DeliveryPace pace;
    private final AtomicInteger open = new AtomicInteger();
    private final WorkerPool pool;
    private final Runnable wake;
    private final DeliveryMeters meters;

    /**
     * @param workers a worker for a number, reporting to the given feedback, with connections from {@link #newConnection}
     * @param threads a thread, not yet started, that runs the worker of that number
     * @param wake    wakes the idle workers (a stopped one then ends at once)
     */
    RelayConnections(CachedConfig config, Clock clock, IntFunction<DeliveryWorker> workers,
                     BiFunction<DeliveryWorker, Integer, Thread> threads, Runnable wake, DeliveryMeters meters) {
        this.meters = meters;
        this.config = config;
        this.feedback = new ConcurrencyFeedback(clock);
        this.throttle = new ThrottleState(clock);
        this.budget = new BudgetHold(clock);
        this.fallbacks = new FallbackState(clock);
        this.pace = new DeliveryPace(clock);
        this.pool = new WorkerPool(workers, threads);
        this.wake = wake;
    }

    /** A connection counted among those open (each worker's, and an attempt made now). */
    SmtpDelivery newConnection() {
        return new SmtpDelivery(config.source(), open);
    }

    /**
     * Grows or shrinks the pool to the connections allowed now; a database that cannot be read
     * keeps the pool as it is (one worker at the start, so queued mail still goes).
     */
    void fit() {
        int target;
        try {
            OutboundConfig outbound = inUse(config.current().outbound());
            target = feedback.allowed(outbound.accountId(), outbound.maxConnections());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: the Connections setting could not be read: "
                    + e.getMessage());
            target = Math.max(MaxConnections.MIN, pool.size());
        }
        int before = pool.size();
        pool.resize(target);
        if (target < before) {
            wake.run(); // idle workers that were stopped close their connections now
        }
    }

    /** The account whose messages go out now: the one in effect, or its fallback while that is in use. */
    OutboundConfig inUse(OutboundConfig outbound) {
        return outbound.fallback() != null && fallbacks.inUse(outbound.accountId()).isPresent()
                ? outbound.fallback() : outbound;
    }

    /** Which account a worker's next message goes through (section 7.3). */
    Route route(ConfigSnapshot snapshot) {
        OutboundConfig primary = snapshot.outbound();
        if (primary.fallback() == null) {
            fallbacks.primaryTook(primary.accountId()); // none named any more: the primary's own failures stand
            return Route.primary(snapshot, false);
        }
        boolean held = throttle.pause(primary.accountId()).isPresent()
                || budget.leaseWait(primary.accountId(), primary.rateLimits()).isPresent();
        return switch (fallbacks.choose(primary.accountId(), held)) {
            case PRIMARY -> Route.primary(snapshot, false);
            case RETRY -> Route.primary(snapshot, true);
            case FALLBACK -> Route.fallback(snapshot);
        };
    }

    /** A route that retried the primary made no attempt (no message, or the primary's own pause or budget held it). */
    void retryUnused(Route route) {
        if (route.retry()) {
            fallbacks.retryUnused(route.primary().accountId());
        }
    }

    /** The account in effect could not take a message (section 7.3): its fallback takes its messages now. */
    void primaryFailed(OutboundConfig primary, String failure) {
        boolean first = fallbacks.inUse(primary.accountId()).isEmpty();
        fallbacks.primaryFailed(primary, failure);
        if (first) {
            LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: \"{0}\" cannot take messages ({1}); they go "
                    + "through its fallback account \"{2}\", and \"{0}\" is tried again each minute",
                    primary.accountName(), failure, primary.fallback().accountName());
            fit();
        }
    }

    /** The account in effect took a message: if its fallback was in use, no longer. */
    void primaryTook(OutboundConfig primary) {
        if (fallbacks.primaryTook(primary.accountId())) {
            LOG.log(System.Logger.Level.INFO, "Mail Console Outbox: \"{0}\" takes messages again; its fallback "
                    + "account is no longer used", primary.accountName());
            fit();
        }
    }

    /** The fallback in use for this account on this node, if one is (section 7.3). */
    Optional<FallbackUse> fallbackInUse(Long accountId) {
        return fallbacks.inUse(accountId);
    }

    /**
     * The relay refused {@code worker}'s connection in its greeting and the message went back
     * unattempted; how long the worker waits before it connects again if it is not stopped.
     */
    Duration greetingRefused(DeliveryWorker worker, OutboundConfig outbound, String greeting) {
        Duration pause = feedback.refused(outbound.accountId(), outbound.maxConnections(), greeting);
        int allowed = feedback.allowed(outbound.accountId(), outbound.maxConnections());
        boolean stopped = pool.shrinkBy(worker, allowed);
        fit();
        LOG.log(System.Logger.Level.INFO, "Mail Console Outbox: the relay of \"{0}\" refused a connection ({1}); "
                + "{2} connection(s) allowed now, one more each minute up to {3}; the message stays in the Outbox",
                outbound.accountName(), greeting, allowed, outbound.maxConnections());
        return stopped ? Duration.ZERO : pause;
    }

    /**
     * The relay of {@code throttled} answered with a throttle signal (section 7.1), {@code replyCode}
     * (null: none), and the message went back unattempted: the reply is counted, the account pauses
     * (as long as the relay asked, if it said) and its connections halve. {@code worker} null: an
     * attempt made now, outside the pool.
     */
    void throttled(DeliveryWorker worker, OutboundConfig throttled, Integer replyCode,
                          DeliveryOutcomes.Throttle signal) {
        meters.throttled(throttled.accountName(), replyCode);
        Long account = throttled.accountId();
        String reply = signal.reply();
        OutboundConfig outbound = inUse(config.current().outbound()); // the fallback's own pause counts too
        ThrottleState.Pause pause = throttle.signal(account, reply, signal.asked());
        if (!pause.started() || !Objects.equals(account, outbound.accountId())) {
            return;
        }
        feedback.throttled(account, outbound.maxConnections());
        meters.pauseBegan(outbound.accountName());
        int allowed = feedback.allowed(account, outbound.maxConnections());
        if (worker != null) {
            pool.shrinkBy(worker, allowed);
        }
        fit();
        LOG.log(System.Logger.Level.INFO, "Mail Console Outbox: the relay of \"{0}\" throttles ({1}); the account "
                + "waits until {2}, then {3} connection(s), one more each minute up to {4}; the message stays in the "
                + "Outbox with its retry steps", outbound.accountName(), reply, pause.until(), allowed,
                outbound.maxConnections());
    }

    /** The account's throttle pause if it is paused now: its workers lease nothing until then. */
    Optional<ThrottleState.Pause> throttlePause(Long account) {
        return throttle.pause(account);
    }

    /** The account's rate budget holds its next due message back (email-model.md section 7). */
    void budgetHeld(Long account, RateLimits limits, OutboxQueue.BudgetWait wait) {
        budget.hold(account, limits, wait);
    }

    /** The budget's wait the account's workers keep to without leasing; empty when they may lease. */
    Optional<OutboxQueue.BudgetWait> budgetWait(Long account, RateLimits limits) {
        return budget.leaseWait(account, limits);
    }

    /** The rate budget's wait in force for this account and limits on this node (what the Outbox says). */
    Optional<OutboxQueue.BudgetWait> budgetHold(Long account, RateLimits limits) {
        return budget.wait(account, limits);
    }

    /** An outcome was recorded under a worker's lease. */
    void recorded(EmailEntry entry, AttemptResult result) {
        meters.recorded(entry, result);
        if (result.state() != EmailState.SEND_READY) {
            pace.left();
        }
    }

    /** What Diagnostics shows of {@code outbound}, the account in effect, with its budget spent (null: unknown). */
    DeliveryStatus status(OutboundConfig outbound, OutboxQueue.BudgetUsed used) {
        DeliveryStatus.Builder status = DeliveryStatus.builder()
                .account(outbound.accountId(), outbound.accountName())
                .connectionsOpen(Math.max(0, open.get()))
                .connectionsAllowed(feedback.allowed(outbound.accountId(), outbound.maxConnections()))
                .maxConnections(outbound.maxConnections())
                .workers(pool.size())
                .perSecond(pace.perSecond())
                .limits(outbound.rateLimits());
        ConcurrencyFeedback.Refusal refusal = feedback.lastRefusal();
        if (refusal != null) {
            status.refusal(refusal.at(), refusal.reply());
        }
        throttle.pause(outbound.accountId()).ifPresent(pause -> status.throttle(pause.until(), pause.reply()));
        if (used != null) {
            status.used(used);
        }
        return status.fallbackInUse(fallbacks.inUse(outbound.accountId()).orElse(null)).build();
    }

    boolean running() {
        return pool.running();
    }

    /** Asks every worker to stop; the threads to wait for. */
    List<Thread> stopAll() {
        return pool.stopAll();
    }
}
