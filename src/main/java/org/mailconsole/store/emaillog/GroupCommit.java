package org.mailconsole.store.emaillog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.store.Database;

/**
 * Group commit of new log entries: the entries of every thread waiting at that moment go into one
 * transaction, so concurrent app threads share one synced commit instead of paying one each. Same
 * durability: a caller returns only after the transaction holding its entry has committed (HSQLDB
 * syncs its log at each commit), and it gets that entry's own error if it fails.
 * <p>
 * No thread of its own (leader/follower): a caller queues its entry and takes the commit lock; the
 * holder writes whatever is queued then, including the entries of callers that queued while the
 * previous commit ran. A lone caller therefore commits at once, exactly as before.
 */
final class GroupCommit {
    /** The entries one transaction takes at most (a bounded transaction, and a bounded wait for the first). */
    static final int MAX_BATCH = 256;

    interface Writer {
        long insert(java.sql.Connection connection, NewEmail email) throws java.sql.SQLException;
    }

    private static final class Pending {
        final NewEmail email;
        volatile boolean done;
        boolean written;
        long id;
        RuntimeException failure;

        Pending(NewEmail email) {
            this.email = email;
        }
    }

    private final Database database;
    private final Writer writer;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();

    GroupCommit(Database database, Writer writer) {
        this.database = database;
        this.writer = writer;
    }

    /** Writes the entry and returns its id once its transaction is committed. */
    long add(NewEmail email) {
        Pending mine = new Pending(email);
        queue.add(mine);
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
        return mine.id;
    }

    /** Entries waiting for a commit (for tests). */
    int waiting() {
        return queue.size();
    }

    private void commitQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(batch);
        } finally {
            for (Pending p : batch) {
                if (!p.written && p.failure == null) { // an Error went by: its caller must not wait forever
                    p.failure = new IllegalStateException("the log entry was not written");
                }
                p.done = true;
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            long[] ids = database.inRecordTransaction(connection -> {
                long[] written = new long[batch.size()];
                for (int i = 0; i < written.length; i++) {
                    written[i] = writer.insert(connection, batch.get(i).email);
                }
                return written;
            });
            for (int i = 0; i < ids.length; i++) {
                batch.get(i).id = ids[i];
                batch.get(i).written = true;
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).failure = batchFailure;
            } else {
                // one bad entry must not fail the others: each alone, with its own error
                for (Pending p : batch) {
                    try {
                        p.id = database.inRecordTransaction(connection -> writer.insert(connection, p.email));
                        p.written = true;
                    } catch (RuntimeException e) {
                        p.failure = e;
                    }
                }
            }
        }
    }
}
