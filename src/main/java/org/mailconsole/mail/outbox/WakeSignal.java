package org.mailconsole.mail.outbox;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Wakes the engine's idle workers when a message is queued or made due, or when they are to stop.
 * A worker takes a {@link #mark()} before it looks for work, so a wake-up that comes while it looks
 * is not missed.
 */
final class WakeSignal {
    private long wakes;

    /**
     * One message was queued or made due: one idle worker looks (not all: with many connections,
     * every worker querying the Outbox for each message would queue them behind one another on
     * the database). A worker that finds work goes on until none is due.
     */
    synchronized void wake() {
        wakes++;
        notify();
    }

    /** Every idle worker looks now: a stop, or a pool that shrank (a stopped worker then ends). */
    synchronized void wakeAll() {
        wakes++;
        notifyAll();
    }

    synchronized long mark() {
        return wakes;
    }

    /**
     * Waits up to {@code most}, unless woken since {@code mark} (or {@code stop} holds, checked at
     * each wake-up); whether it was woken.
     */
    synchronized boolean await(long mark, Duration most, BooleanSupplier stop) {
        long deadline = System.nanoTime() + most.toNanos();
        while (wakes == mark && !stop.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return wakes != mark;
    }
}
