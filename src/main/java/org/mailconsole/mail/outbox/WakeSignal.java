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

    synchronized void wake() {
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
