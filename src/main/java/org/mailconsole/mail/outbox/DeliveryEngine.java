package org.mailconsole.mail.outbox;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mailconsole.mail.graph.GraphTransport;
import org.mailconsole.mail.live.CachedConfig;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.store.StoreException;
import org.mailconsole.store.emaillog.EmailLogReader;
import org.mailconsole.store.emaillog.EmailLogRetention;
import org.mailconsole.store.emaillog.EmailNotFoundException;
import org.mailconsole.store.emaillog.Lease;
import org.mailconsole.store.emaillog.OutboxQueue;

/**
 * Delivers the Outbox: a pool of {@link DeliveryWorker}s for the outbound account in effect, each
 * with its own kept connection, fed from the one {@link OutboxQueue}, as many as its Connections
 * setting and the relay allow ({@link RelayConnections}); the renewal of their leases;
 * the log's retention; and an attempt made now in the caller's thread (Retry now, the test email).
 */
public final class DeliveryEngine {
    private static final System.Logger LOG = System.getLogger(DeliveryEngine.class.getName());
    /** How often the pool is fitted to the Connections setting and the relay's feedback. */
    static final Duration FIT_EVERY = Duration.ofSeconds(1);
    static final Duration HOUSEKEEPING = Duration.ofMinutes(10);
    static final int RETENTION_BATCH = 500;
    /** Batches deleted per housekeeping turn; the rest waits for the next turn. */
    static final int RETENTION_BATCHES_PER_TURN = 20;
    /** How long a stop waits for the message in flight and its outcome. */
    static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

    private final OutboxQueue queue;
    private final EmailLogReader log;
    private final EmailLogRetention retention;
    private final CachedConfig config;
    private final Clock clock;
    private final OutboxTiming timing;
    private final MessageAttempt attempts;
    private final LeaseRenewal renewal;
    private final WakeSignal signal = new WakeSignal();
    /** Who holds this engine's leases: the process and this start. */
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong attemptsNow = new AtomicLong();
    private final RelayConnections connections;
    private final DeliveryMeters meters;
    private boolean started;
    private ScheduledExecutorService chores;

    /**
     * @param graph  sends for a Microsoft Graph account (email-model.md section 8); null: none can send
     * @param meters counts this node's work for /metrics and JMX (email-model.md section 10)
     */
    public DeliveryEngine(OutboxQueue queue, EmailLogReader log, EmailLogRetention retention, CachedConfig config,
                          Clock clock, OutboxTiming timing, GraphTransport graph, DeliveryMeters meters) {
        this.meters = meters;
        this.queue = queue;
        this.log = log;
        this.retention = retention;
        this.config = config;
        this.clock = clock;
        this.timing = timing;
        this.attempts = new MessageAttempt(clock, graph == null ? null : new GraphDelivery(graph));
        this.renewal = new LeaseRenewal(queue);
        this.connections = new RelayConnections(config, clock, this::newWorker,
                (worker, n) -> coreThread(worker, "mail-console-outbox-worker-" + n), signal::wakeAll, meters);
    }

    /** Starts the workers (messages left from the last run go as soon as due) and the chores. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        chores = Executors.newScheduledThreadPool(3, task -> coreThread(task, "mail-console-outbox-chores"));
        long renewMillis = timing.renewEvery().toMillis();
        chores.scheduleWithFixedDelay(renewal, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        chores.scheduleWithFixedDelay(this::housekeeping, 1, HOUSEKEEPING.toMinutes(), TimeUnit.MINUTES);
        connections.fit();
        chores.scheduleWithFixedDelay(connections::fit, FIT_EVERY.toMillis(), FIT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the workers: a message in flight finishes (bounded) and its outcome is recorded; then the chores. */
    public synchronized void stop() {
        if (chores != null) {
            chores.shutdownNow(); // no more fitting: the pool stays stopped
            chores = null;
        }
        List<Thread> threads = connections.stopAll();
        signal.wakeAll();
        long deadline = System.nanoTime() + STOP_PATIENCE.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: a worker did not stop within {0} s; its "
                        + "message is attempted again once its lease runs out", STOP_PATIENCE.toSeconds());
                thread.interrupt();
            }
        }
        started = false;
    }

    /** Whether the workers are running. */
    public synchronized boolean running() {
        return started && connections.running();
    }

    /** The connections to the relay in effect and the pace, for Diagnostics (this node's). */
    public DeliveryStatus status() {
        OutboundConfig outbound = config.current().outbound();
        OutboxQueue.BudgetUsed used = null;
        if (outbound.accountId() != null) {
            try {
                used = log.budgetUsed(outbound.accountId(), clock.instant());
            } catch (StoreException e) {
                // shown as unknown
            }
        }
        return connections.status(outbound, used);
    }

    /**
     * "throttled by the relay until HH:MM:SS UTC (reply)" while the relay throttles the outbound
     * account in use (email-model.md section 7.1; the fallback while it is in use); empty otherwise.
     */
    public Optional<String> throttled() {
        return connections.throttlePause(inUse().accountId()).map(ThrottleState.Pause::describe);
    }

    /**
     * "messages per minute (30) reached until HH:MM:SS UTC" (or recipients per day) while the rate
     * budget of the outbound account in use holds its next message back on this node; empty otherwise.
     */
    public Optional<String> held() {
        OutboundConfig outbound = inUse();
        return connections.budgetHold(outbound.accountId(), outbound.rateLimits()).map(OutboxQueue.BudgetWait::describe);
    }

    /** The account whose messages go out now: the one in effect, or its fallback while that is in use (section 7.3). */
    private OutboundConfig inUse() {
        return connections.inUse(config.current().outbound());
    }

    /**
     * The fallback account that takes this account's messages now on this node (email-model.md
     * section 7.3), with the account's last failure; empty while the account takes them itself.
     */
    public Optional<FallbackUse> fallbackInUse(long accountId) {
        return connections.fallbackInUse(accountId);
    }

    /** The counters of this engine's work (the Outbox counts its hand-overs there too). */
    DeliveryMeters meters() {
        return meters;
    }

    /** A message was queued or made due: idle workers look for it now. */
    void wake() {
        signal.wake();
    }

    /**
     * Attempts an Outbox message now in the caller's thread, on a connection of its own (Retry now,
     * the test email); if a worker or another node is delivering it, waits for that attempt instead
     * (bounded by its lease). While the Outbox is paused it attempts nothing. The entry afterwards.
     */
    EmailEntry attemptNow(long id) {
        ConfigSnapshot snapshot = config.current();
        Optional<Lease> leased = snapshot.outbound().sending()
                ? queue.lease(owner + "/now-" + attemptsNow.incrementAndGet(), id) : Optional.empty();
        if (leased.isPresent()) {
            Lease lease = leased.get();
            renewal.hold(lease);
            try (SmtpDelivery connection = newConnection()) {
                // through the account a worker would use now: the fallback while it is in use (section 7.3)
                Route route = connections.route(snapshot);
                Attempted attempted = attempts.attempt(lease, route.snapshot(), connection, Set.of());
                AttemptResult result = attempted.result();
                boolean throttled = throttled(attempted, route);
                if (route.mayFallBack() && (attempted.accountRefused() || throttled)) {
                    connections.primaryFailed(route.primary(), DeliveryOutcomes.accountFailure(result));
                    result = throughFallback(lease, Route.fallback(snapshot), result);
                } else if (throttled) {
                    result = null;
                } else if (!route.fallback() && attempted.greetingRefusal() == null) {
                    connections.primaryTook(route.primary());
                }
                if (result == null) {
                    // a throttle signal is about the pace, not the message: back unattempted (section 7.1)
                    queue.release(lease);
                } else {
                    queue.complete(lease, result); // the attempt the admin asked for, recorded whatever it was
                    meters.recorded(lease.entry(), result);
                }
            } finally {
                renewal.drop(lease);
            }
        } else {
            waitWhileLeased(id);
        }
        return log.find(id).orElseThrow(() -> new EmailNotFoundException(id));
    }

    /**
     * Whether the relay of {@code route} answered the attempt with a throttle signal (section 7.1):
     * then the account's pause begins, counted and logged as a worker's would be.
     */
    private boolean throttled(Attempted attempted, Route route) {
        Optional<DeliveryOutcomes.Throttle> throttle = DeliveryOutcomes.throttleSignal(attempted, route.outbound(),
                route.snapshot().rules());
        throttle.ifPresent(signal -> connections.throttled(null, route.outbound(), attempted.result().replyCode(), signal));
        return throttle.isPresent();
    }

    /**
     * An attempt made now that the account in effect could not take, through its fallback on a
     * connection of its own (as a worker does, without the recipients the primary refused for good);
     * null when the fallback throttles it (the message then goes back unattempted).
     */
    private AttemptResult throughFallback(Lease lease, Route route, AttemptResult primary) {
        try (SmtpDelivery connection = newConnection()) {
            Attempted attempted = attempts.throughFallback(lease, route.snapshot(), connection, primary);
            return throttled(attempted, route) ? null : attempted.result();
        }
    }

    private void waitWhileLeased(long id) {
        long deadline = System.nanoTime() + timing.lease().multipliedBy(2).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<EmailEntry> entry = log.find(id);
            if (entry.isEmpty() || entry.get().state() != EmailState.SEND_READY || !entry.get().claimedAt(clock.instant())) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private SmtpDelivery newConnection() {
        return connections.newConnection();
    }

    private DeliveryWorker newWorker(int number) {
        return new DeliveryWorker(owner + "/w" + number, queue, config, attempts, renewal, signal, clock, timing,
                connections);
    }

    /** Retention in small batches, then the per-minute counts older than two days. */
    private void housekeeping() {
        try {
            Instant before = clock.instant().minus(Duration.ofDays(config.current().rules().retentionDays()));
            int deleted = 0;
            for (int turn = 0; turn < RETENTION_BATCHES_PER_TURN; turn++) {
                int batch = retention.deleteOlderThan(before, RETENTION_BATCH);
                deleted += batch;
                if (batch < RETENTION_BATCH) {
                    break;
                }
            }
            if (deleted > 0) {
                LOG.log(System.Logger.Level.INFO, "Mail Console email log: {0} entries older than {1} deleted",
                        deleted, before);
            }
            retention.pruneMinuteCounts();
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "Mail Console email log: retention did not run: " + e.getMessage());
        }
    }

    /** A daemon thread of the core, with the core's class loader (no webapp's loader kept alive by it). */
    private static Thread coreThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.setContextClassLoader(DeliveryEngine.class.getClassLoader());
        return thread;
    }
}
