package org.mailconsole.store.emaillog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.mailconsole.store.Database;
import org.mailconsole.store.Database.SqlWork;

/**
 * Group commit of the email log's writes: the work of every thread waiting at that moment goes into
 * one transaction, so concurrent writers share one synced commit instead of paying one each. App
 * threads handing over new entries share it, and the sender's outcome rides along with them. Same
 * durability: a caller returns only after the transaction holding its work has committed (HSQLDB
 * syncs its log at each commit), and it gets its own work's error if that fails.
 * <p>
 * No thread of its own (leader/follower): a caller queues its work and takes the commit lock; the
 * holder writes whatever is queued then, including the work of callers that queued while the
 * previous commit ran. A lone caller therefore commits at once.
 */
final class GroupCommit {
    /** The pieces of work one transaction takes at most (a bounded transaction, and a bounded wait for the first). */
    static final int MAX_BATCH = 256;
    private static final long ALONG_POLL_NANOS = 50_000;

    private static final class Pending<T> {
        final SqlWork<T> work;
        volatile boolean done;
        boolean written;
        T result;
        RuntimeException failure;

        Pending(SqlWork<T> work) {
            this.work = work;
        }

        void run(java.sql.Connection connection) throws java.sql.SQLException {
            result = work.run(connection);
        }
    }

    private final Database database;
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();

    GroupCommit(Database database) {
        this.database = database;
    }

    /** Runs the work in a transaction shared with the other callers waiting now; its result once committed. */
    <T> T commit(SqlWork<T> work) {
        return commit(work, 0);
    }

    /**
     * As {@link #commit(SqlWork)}, but first waits up to {@code alongNanos} for another caller's commit
     * to take the work along (no synced commit of its own), then commits it itself.
     */
    <T> T commit(SqlWork<T> work, long alongNanos) {
        Pending<T> mine = new Pending<>(work);
        queue.add(mine);
        for (long deadline = System.nanoTime() + alongNanos; !mine.done && System.nanoTime() < deadline; ) {
            LockSupport.parkNanos(ALONG_POLL_NANOS);
        }
        while (!mine.done) {
            lock.lock();
            try {
                if (!mine.done) {
                    commitQueued();
                }
            } finally {
                lock.unlock();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Work waiting for a commit (for tests). */
    int waiting() {
        return queue.size();
    }

    private void commitQueued() {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(batch);
        } finally {
            for (Pending<?> p : batch) {
                if (!p.written && p.failure == null) { // an Error went by: its caller must not wait forever
                    p.failure = new IllegalStateException("the log entry was not written");
                }
                p.done = true;
            }
        }
    }

    private void write(List<Pending<?>> batch) {
        try {
            database.inRecordTransaction(connection -> {
                for (Pending<?> p : batch) {
                    p.run(connection);
                }
                return null;
            });
            for (Pending<?> p : batch) {
                p.written = true;
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).failure = batchFailure;
            } else {
                // one bad piece of work must not fail the others: each alone, with its own error
                for (Pending<?> p : batch) {
                    try {
                        database.inRecordTransaction(connection -> {
                            p.run(connection);
                            return null;
                        });
                        p.written = true;
                    } catch (RuntimeException e) {
                        p.failure = e;
                    }
                }
            }
        }
    }
}
