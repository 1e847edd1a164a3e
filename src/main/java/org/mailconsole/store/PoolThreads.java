package org.mailconsole.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes HikariCP's threads (connection adder and closer, housekeeper) and waits for them to end
 * after the pool closes. HikariCP's close shuts its executors down without waiting for all of
 * them, so a webapp stopped right after could still own a running pool thread, which Tomcat
 * reports as a leak on every redeploy that loses the race.
 */
final class PoolThreads implements ThreadFactory {
    private static final System.Logger LOG = System.getLogger(PoolThreads.class.getName());
    private final List<Thread> started = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public synchronized Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "mail-console-pool-" + count.incrementAndGet());
        thread.setDaemon(true);
        started.removeIf(t -> t.getState() == Thread.State.TERMINATED);
        started.add(thread);
        return thread;
    }

    /** After the pool's close: waits up to {@code millis} in all for its threads to end. */
    void awaitEnd(long millis) {
        List<Thread> threads;
        synchronized (this) {
            threads = List.copyOf(started);
        }
        long deadline = System.currentTimeMillis() + millis;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "Mail Console: the database pool's thread " + thread.getName()
                        + " did not end within " + millis + " ms of the pool's close");
            }
        }
    }
}
