package org.mailconsole.mail.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.mailconsole.store.emaillog.EmailLogStore;

/**
 * Writes the email log's search terms behind the apps ({@link EmailLogStore#indexPending}): woken by
 * new entries, it gives way while apps hand over messages (their commits are what they wait for), at
 * most {@link #MAX_LAG}, then writes the pending terms a chunk per transaction. A search writes what
 * is still pending first, so a lag never hides an entry from it.
 */
final class TermIndexer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TermIndexer.class.getName());
    /** How long new entries wait at most for apps to stop handing over messages. */
    static final Duration MAX_LAG = Duration.ofSeconds(1);
    /** Entries a chunk indexes at most (a short transaction, so apps' commits get their turns). */
    static final int CHUNK = 128;
    private static final long GIVE_WAY_POLL_NANOS = 1_000_000;
    private static final long IDLE_CHECK_NANOS = Duration.ofSeconds(10).toNanos();

    private final EmailLogStore store;
    private final BooleanSupplier appsWriting;
    private final AtomicBoolean work = new AtomicBoolean(true); // entries of an earlier run may wait
    private volatile boolean running = true;
    private final Thread thread;

    TermIndexer(EmailLogStore store, BooleanSupplier appsWriting) {
        this.store = store;
        this.appsWriting = appsWriting;
        this.thread = new Thread(this::run, "mail-console-term-indexer");
        thread.setDaemon(true);
        thread.setContextClassLoader(TermIndexer.class.getClassLoader());
        thread.start();
    }

    /** New entries wait for their terms. */
    void wake() {
        if (!work.getAndSet(true)) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (running) {
            if (!work.getAndSet(false)) {
                LockSupport.parkNanos(this, IDLE_CHECK_NANOS); // the check catches entries another node wrote
                work.set(true);
                continue;
            }
            giveWayToApps();
            try {
                while (running && store.indexPending(CHUNK) == CHUNK) {
                    giveWayToApps();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Mail Console email log: search terms not written yet ("
                        + e.getMessage() + "); a search writes them, or the next turn");
                LockSupport.parkNanos(this, GIVE_WAY_POLL_NANOS * 1000);
            }
        }
    }

    private void giveWayToApps() {
        long deadline = System.nanoTime() + MAX_LAG.toNanos();
        while (running && appsWriting.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(this, GIVE_WAY_POLL_NANOS);
        }
    }

    /** Stops after the chunk in hand; what is left is written by a search or the next start. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
