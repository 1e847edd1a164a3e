package org.mailconsole.mail.outbox;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.mailconsole.mail.live.CachedConfig;
import org.mailconsole.store.emaillog.EmailLogStore;

/**
 * The one sender thread of a core: delivers Outbox messages as soon as they are committed (each new
 * message wakes it), one claimed message at a time over one kept SMTP connection. Each outcome is
 * committed by the {@link OutcomeRecorder} while the next message goes over the wire; that message's
 * final dot waits for it. When nothing is due it closes the connection and sleeps until the next
 * retry is due, a new message arrives, or at most the sweep interval passes
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

    private final Outbox outbox;
    private final EmailLogStore store;
    private final CachedConfig config;
    private final Clock clock;
    private final OutboxTiming timing;
    private final String owner;
    private final Object signal = new Object();
    private boolean woken;
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

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        // closed in reverse: the last outcome is recorded before the connection closes
        try (SmtpDelivery delivery = outbox.newDelivery();
             OutcomeRecorder recorder = new OutcomeRecorder(store, outbox.journal(), OUTCOME_PATIENCE, outbox::appsWriting)) {
            while (running) {
                try {
                    if (!sendDue(delivery, recorder)) {
                        delivery.close();
                        housekeeping();
                        sleep();
                    }
                } catch (RuntimeException e) {
                    // a database hiccup must not end the sender: log, wait a little, go on
                    LOG.log(System.Logger.Level.WARNING, "Outbox sender: " + e.getMessage(), e);
                    delivery.close();
                    pause(1000);
                }
            }
        }
    }

    /** Claims and delivers due messages; false when none was due. */
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

    private void sleep() {
        long waitMillis = timing.sweep().toMillis();
        Optional<Instant> next = store.nextDue(clock.instant());
        if (next.isPresent()) {
            waitMillis = Math.min(waitMillis, Math.max(0, Duration.between(clock.instant(), next.get()).toMillis()));
        }
        synchronized (signal) {
            if (!woken && running && waitMillis > 0) {
                try {
                    signal.wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
        if (waitMillis == 0) {
            pause(50); // due but claimed elsewhere: do not spin
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
