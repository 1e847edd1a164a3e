package org.mailconsole.mail.outbox;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.mailconsole.model.emaillog.AttemptResult;
import org.mailconsole.store.emaillog.EmailLogStore;

/**
 * Records the sender's outcomes on a thread of its own, so the synced commit of one message's outcome
 * runs while the next message goes over the wire. The next message's final dot waits for it
 * ({@link #awaitLast}, the sender's {@link DotGate}): at any moment at most one message the server
 * has taken is not yet recorded, exactly as when the sender recorded each outcome itself. Used by the
 * one sender thread only.
 */
final class OutcomeRecorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutcomeRecorder.class.getName());

    /** How long an outcome waits, while apps are handing over messages, to ride along with their commit. */
    static final Duration ALONG = Duration.ofMillis(2);

    private final EmailLogStore store;
    private final Duration patience;
    private final BooleanSupplier appsWriting;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "mail-console-outbox-recorder");
        t.setDaemon(true);
        t.setContextClassLoader(OutcomeRecorder.class.getClassLoader());
        return t;
    });
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    /**
     * @param patience    how long a message's dot waits for the outcome before (the connection is dropped)
     * @param appsWriting whether apps are handing over messages now: then the outcome rides along with
     *                    their next commit (up to {@link #ALONG}) instead of syncing on its own and
     *                    holding up theirs
     */
    OutcomeRecorder(EmailLogStore store, Duration patience, BooleanSupplier appsWriting) {
        this.store = store;
        this.patience = patience;
        this.appsWriting = appsWriting;
    }

    /** Records the outcome in the background; {@code release} runs once it is committed or has failed. */
    void submit(long id, AttemptResult result, Runnable release) {
        last = CompletableFuture.runAsync(() -> {
            try {
                if (appsWriting.getAsBoolean()) {
                    store.recordAlong(id, result, ALONG);
                } else {
                    store.record(id, result);
                }
            } finally {
                release.run();
            }
        }, thread);
    }

    /** Returns once the outcome submitted last is committed; throws if it failed or takes too long. */
    void awaitLast() throws OutcomeNotRecordedException {
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

    /** Waits for the outcome submitted last (its failure is logged: that message goes again later). */
    void drain() {
        try {
            last.join();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Mail Console Outbox: an outcome could not be recorded; the message "
                    + "stays in the Outbox and is sent again: " + e.getMessage());
            last = CompletableFuture.completedFuture(null); // logged once; the next message need not wait on it
        }
    }

    @Override
    public void close() {
        drain();
        thread.shutdown();
    }
}
