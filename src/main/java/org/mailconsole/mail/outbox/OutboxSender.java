package org.mailconsole.mail.outbox;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.mailconsole.mail.live.CachedConfig;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.store.emaillog.EmailLogStore;

/**
 * The one sender thread of a core: delivers Outbox messages as soon as they are committed (each new
 * message wakes it), one claimed message at a time over one kept SMTP connection. Messages apps hand
 * over come first, in memory ({@link FreshMessages}, embedded database); the database is read for
 * due messages at start, when a message did not fit in memory, when a retry or the sweep is due, and
 * (database server) at every wake. Each outcome is recorded by the {@link OutcomeRecorder} while the
 * next message goes over the wire; that message's final dot waits until it is safe. When nothing is
 * due it keeps the connection for {@link #LINGER} (a burst's next message uses it), then closes it and
 * sleeps until the next retry is due, a new message arrives, or at most the sweep interval passes
 * ({@link OutboxTiming#sweep()}; the sweep finds messages whose claim expired, e.g. of a dead node).
 * Housekeeping (log retention in small batches, then the per-minute counts older than two days) runs
 * when idle, at most once per {@link #HOUSEKEEPING}.
 */
final class OutboxSender {
    private static final System.Logger LOG = System.getLogger(OutboxSender.class.getName());
    static final Duration HOUSEKEEPING = Duration.ofMinutes(10);
    static final int RETENTION_BATCH = 500;
    /** Batches deleted per housekeeping turn; the rest waits for the next turn. */
    static final int RETENTION_BATCHES_PER_TURN = 20;
    private static final int DUE_BATCH = 20;
    /** How long a message's final dot waits for the previous outcome's commit before the attempt is given up. */
    static final Duration OUTCOME_PATIENCE = Duration.ofSeconds(60);
    /**
     * How long an idle sender keeps its connection (as Postfix's smtp_connection_cache_time_limit);
     * below {@link SmtpDelivery}'s idle check, past which a kept connection is checked before use.
     */
    static final Duration LINGER = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final EmailLogStore store;
    private final CachedConfig config;
    private final Clock clock;
    private final OutboxTiming timing;
    private final String owner;
    private final Object signal = new Object();
    private boolean woken;
    /** Whether the database may hold due messages not handed over in memory (see the class comment). */
    private volatile boolean readDatabase = true;
    /** When the database is read for due messages at the latest: the next retry, or the sweep. */
    private Instant nextRead = Instant.EPOCH;
    private volatile boolean running;
    private Thread thread;
    private Instant lastHousekeeping = Instant.EPOCH;

    OutboxSender(Outbox outbox, EmailLogStore store, CachedConfig config, Clock clock, OutboxTiming timing) {
        this.outbox = outbox;
        this.timing = timing;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Who holds a claim of this sender (process and start). */
    String owner() {
        return owner;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "mail-console-outbox-sender");
        thread.setDaemon(true);
        thread.setContextClassLoader(OutboxSender.class.getClassLoader());
        thread.start();
    }

    synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        wake();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "the Outbox sender did not stop within 30 s; its message is sent "
                    + "again after the next start");
            thread.interrupt();
        }
        thread = null;
    }

    synchronized boolean running() {
        return running && thread != null && thread.isAlive();
    }

    /** Wakes the sender for a message handed to it in memory. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Wakes the sender to read the database for due messages. */
    void wakeToRead() {
        readDatabase = true;
        wake();
    }

    private void run() {
        // closed in reverse: the last outcome is recorded before the connection closes
        try (SmtpDelivery delivery = outbox.newDelivery();
             OutcomeRecorder recorder = new OutcomeRecorder(store, outbox.journal(), OUTCOME_PATIENCE, outbox::appsWriting)) {
            while (running) {
                try {
                    if (sendFresh(delivery, recorder)) {
                        continue;
                    }
                    if (readDatabase || !clock.instant().isBefore(nextRead)) {
                        readDatabase = false;
                        if (sendDue(delivery, recorder)) {
                            readDatabase = true; // a batch may have been only the first
                            continue;
                        }
                        nextRead = nextRead();
                    }
                    idle(delivery);
                } catch (RuntimeException e) {
                    // a database hiccup must not end the sender: log, wait a little, go on
                    LOG.log(System.Logger.Level.WARNING, "Outbox sender: " + e.getMessage(), e);
                    delivery.close();
                    readDatabase = true;
                    pause(1000);
                }
            }
        }
    }

    /** Delivers the messages handed over in memory (held in hand for it already); false when there was none. */
    private boolean sendFresh(SmtpDelivery delivery, OutcomeRecorder recorder) {
        boolean any = false;
        Outbox.Candidate candidate;
        while (running && (candidate = outbox.nextFresh()) != null) {
            AttemptResult result = outbox.attemptClaimed(candidate, delivery, recorder);
            if (result != null && result.nextAttemptAt() != null && result.nextAttemptAt().isBefore(nextRead)) {
                nextRead = result.nextAttemptAt(); // deferred: its retry is read from the database
            }
            any = true;
        }
        return any;
    }

    /** Claims and delivers due messages read from the database; false when none was due. */
    private boolean sendDue(SmtpDelivery delivery, OutcomeRecorder recorder) {
        recorder.drain(); // the database is read again only once every outcome before is in it
        boolean any = false;
        for (Outbox.Candidate candidate : outbox.due(clock.instant(), DUE_BATCH)) {
            if (!running) {
                break;
            }
            outbox.yieldToApps();
            if (outbox.claim(candidate.id(), owner)) {
                outbox.attemptClaimed(candidate, delivery, recorder);
                any = true;
            }
        }
        return any;
    }

    /**
     * When the database is to be read next, after a read that found nothing to claim: the sweep's
     * interval from now, or the next retry if sooner. With the embedded database a message due now
     * that could not be claimed is in this process's hands (being sent, its outcome not yet recorded,
     * or held by Cancel or Retry now): its retry, if any, is noted when its outcome is
     * ({@link #sendFresh}), so it does not make the sender read again at once.
     */
    private Instant nextRead() {
        Instant now = clock.instant();
        Instant sweep = now.plus(timing.sweep());
        Optional<Instant> next = store.nextDue(now);
        if (next.isEmpty() || !next.get().isBefore(sweep) || (outbox.soleEngine() && !next.get().isAfter(now))) {
            return sweep;
        }
        return next.get();
    }

    /**
     * Nothing to send: keeps the connection for {@link #LINGER} in case more comes, then closes it,
     * does the housekeeping and sleeps until woken or the next read of the database is due.
     */
    private void idle(SmtpDelivery delivery) {
        long untilRead = millisUntil(nextRead);
        if (untilRead == 0) {
            pause(50); // due but claimed by another node: do not spin
            return;
        }
        if (delivery.connected() && (await(Math.min(LINGER.toMillis(), untilRead)) || untilRead <= LINGER.toMillis())) {
            return; // woken, or the database is to be read now: on the same connection
        }
        delivery.close();
        housekeeping();
        await(millisUntil(nextRead));
    }

    private long millisUntil(Instant instant) {
        return Math.max(0, Duration.between(clock.instant(), instant).toMillis());
    }

    /** Waits until woken or {@code millis} passed (0: not at all); whether it was woken. */
    private boolean await(long millis) {
        synchronized (signal) {
            if (!woken && running && millis > 0) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            boolean wasWoken = woken;
            woken = false;
            return wasWoken;
        }
    }

    private void housekeeping() {
        Instant now = clock.instant();
        if (Duration.between(lastHousekeeping, now).compareTo(HOUSEKEEPING) < 0) {
            return;
        }
        lastHousekeeping = now;
        Instant before = now.minus(Duration.ofDays(config.current().rules().retentionDays()));
        int deleted = 0;
        for (int turn = 0; turn < RETENTION_BATCHES_PER_TURN && running; turn++) {
            int batch = store.deleteOlderThan(before, RETENTION_BATCH);
            deleted += batch;
            if (batch < RETENTION_BATCH) {
                break;
            }
        }
        if (deleted > 0) {
            LOG.log(System.Logger.Level.INFO, "Mail Console email log: {0} entries older than {1} deleted", deleted, before);
        }
        store.pruneMinuteCounts(now);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
