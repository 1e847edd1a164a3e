package org.mailconsole.mail.outbox;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.mailconsole.model.emaillog.AttemptOutcome;
import org.mailconsole.store.emaillog.EmailLogStore;

/**
 * Records the sender's outcomes on a thread of its own, so that recording one message's outcome
 * does not hold up the next message. Two ways, by database:
 * <ul>
 * <li>with an {@link OutcomeJournal} (the embedded database): {@link #submit} writes the outcome to
 * the journal before it returns, so it is safe from a kill before the next message goes out, and the
 * recorder commits the outcomes queued meanwhile, a chunk per transaction. While apps are handing
 * over messages it gives way to them (their commits are what the apps wait for), at most
 * {@link #MAX_LAG} or until {@link #MAX_BEHIND} outcomes wait;</li>
 * <li>without (a database server): each outcome is committed on its own, and the next message's
 * final dot waits for that commit ({@link #awaitLast}, the sender's {@link DotGate}).</li>
 * </ul>
 * Either way at most one message the server has taken is unsafe at any moment. Used by the one
 * sender thread only.
 */
final class OutcomeRecorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutcomeRecorder.class.getName());

    /** How long an outcome waits, while apps are handing over messages, to ride along with their commit. */
    static final Duration ALONG = Duration.ofMillis(2);
    /** With a journal, how long an outcome waits at most for apps to stop handing over messages. */
    static final Duration MAX_LAG = Duration.ofMillis(500);
    /** With a journal, how many outcomes wait at most for apps to stop handing over messages. */
    static final int MAX_BEHIND = 1_000;
    /** With a journal, the outcomes one transaction records at most, so apps' commits get their turns. */
    static final int CHUNK = 128;
    private static final long GIVE_WAY_POLL_NANOS = 500_000;

    private record Pending(AttemptOutcome outcome, Runnable release, long queuedAt) {
    }

    private final EmailLogStore store;
    private final OutcomeJournal journal;
    private final Duration patience;
    private final BooleanSupplier appsWriting;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "mail-console-outbox-recorder");
        t.setDaemon(true);
        t.setContextClassLoader(OutcomeRecorder.class.getClassLoader());
        return t;
    });
    /** Without a journal: the commit of the outcome submitted last. */
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    /** With a journal: outcomes written to it and not yet taken by the recorder (guarded by itself). */
    private final List<Pending> queued = new ArrayList<>();
    private int unrecorded;
    private boolean recording;
    /** The sender waits for every outcome to be recorded ({@link #drain}): recording gives way to no one. */
    private volatile boolean draining;

    /**
     * @param journal     where outcomes go first (the embedded database); null to commit each before the next dot
     * @param patience    without a journal, how long a message's dot waits for the outcome before it (the
     *                    connection is then dropped)
     * @param appsWriting whether apps are handing over messages now: then, without a journal, the
     *                    outcome rides along with their next commit (up to {@link #ALONG}) instead of
     *                    syncing on its own and holding up theirs; with one, recording gives way to them
     */
    OutcomeRecorder(EmailLogStore store, OutcomeJournal journal, Duration patience, BooleanSupplier appsWriting) {
        this.store = store;
        this.journal = journal;
        this.patience = patience;
        this.appsWriting = appsWriting;
    }

    /** Records the outcome in the background; {@code release} runs once it is committed or has failed. */
    void submit(AttemptOutcome outcome, Runnable release) {
        if (journal == null) {
            last = CompletableFuture.runAsync(() -> {
                try {
                    if (appsWriting.getAsBoolean()) {
                        store.recordAlong(outcome.entryId(), outcome.result(), ALONG);
                    } else {
                        store.record(outcome.entryId(), outcome.result());
                    }
                } finally {
                    release.run();
                }
            }, thread);
            return;
        }
        try {
            journal.append(outcome);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: cannot write " + journal.file()
                    + " (" + e.getMessage() + "); the outcome is committed at once instead");
            try {
                store.recordAll(List.of(outcome));
            } finally {
                release.run();
            }
            return;
        }
        synchronized (queued) {
            queued.add(new Pending(outcome, release, System.nanoTime()));
            unrecorded++;
            if (!recording) {
                recording = true;
                thread.execute(this::recordQueued);
            }
        }
    }

    /**
     * Returns once the outcome submitted last is safe from a kill: with a journal at once (it was
     * written before {@link #submit} returned), otherwise once it is committed; throws if that failed
     * or takes too long.
     */
    void awaitLast() throws OutcomeNotRecordedException {
        if (journal != null) {
            return;
        }
        try {
            last.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new OutcomeNotRecordedException("the outcome of the message before could not be recorded: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new OutcomeNotRecordedException("the outcome of the message before was not recorded within "
                    + patience.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeNotRecordedException("interrupted while the outcome of the message before was recorded", e);
        }
    }

    /** Waits until every outcome submitted is committed (a failure is logged: that message goes again later). */
    void drain() {
        if (journal != null) {
            draining = true;
            try {
                synchronized (queued) {
                    while (unrecorded > 0) {
                        try {
                            queued.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            } finally {
                draining = false;
            }
            return;
        }
        try {
            last.join();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: an outcome could not be recorded; the message "
                    + "stays in the Outbox and is sent again: " + e.getMessage());
            last = CompletableFuture.completedFuture(null); // logged once; the next message need not wait on it
        }
    }

    /** The recorder's loop (with a journal): commits what is queued, a chunk per transaction, until nothing is. */
    private void recordQueued() {
        while (true) {
            giveWayToApps();
            List<Pending> batch;
            synchronized (queued) {
                if (queued.isEmpty()) {
                    recording = false;
                    return;
                }
                List<Pending> chunk = queued.subList(0, Math.min(CHUNK, queued.size()));
                batch = new ArrayList<>(chunk);
                chunk.clear();
            }
            try {
                record(batch.stream().map(Pending::outcome).toList());
            } finally {
                batch.forEach(p -> p.release().run());
                try {
                    journal.committed(batch.size());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: cannot empty " + journal.file()
                            + ": " + e.getMessage());
                }
                synchronized (queued) {
                    unrecorded -= batch.size();
                    queued.notifyAll();
                }
            }
        }
    }

    /**
     * Waits while apps hand over messages, until the oldest outcome waited {@link #MAX_LAG} or
     * {@link #MAX_BEHIND} wait, or the sender needs every outcome recorded.
     */
    private void giveWayToApps() {
        while (!draining && appsWriting.getAsBoolean()) {
            synchronized (queued) {
                if (queued.isEmpty() || queued.size() >= MAX_BEHIND
                        || System.nanoTime() - queued.get(0).queuedAt() >= MAX_LAG.toNanos()) {
                    return;
                }
            }
            LockSupport.parkNanos(GIVE_WAY_POLL_NANOS);
        }
    }

    private void record(List<AttemptOutcome> outcomes) {
        try {
            store.recordAll(outcomes);
        } catch (RuntimeException batchFailure) {
            // one outcome that cannot be written must not cost the others theirs
            for (AttemptOutcome outcome : outcomes) {
                try {
                    store.recordAll(List.of(outcome));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: the outcome of message "
                            + outcome.entryId() + " could not be recorded; it stays in the Outbox and is sent again: "
                            + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        drain();
        thread.shutdown();
    }
}
