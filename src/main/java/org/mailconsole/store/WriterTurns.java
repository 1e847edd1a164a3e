package org.mailconsole.store;

/**
 * The turns of an embedded HSQLDB's write transactions (see {@link Database}): one at a time, and a
 * webapp's hand-over goes before the sender's waiting transactions. The app's {@code Transport.send}
 * waits for its hand-over, the sender waits for its relay anyway: in a burst to a slow relay, the
 * outcomes of many sending connections queued before each hand-over made an app's send wait longer
 * than the relay takes (measured: docs/benchmarks.md, "Parallel delivery to a slow relay").
 * After {@link #HAND_OVERS_IN_A_ROW} hand-overs in a row a waiting sender transaction goes, so
 * delivery never stops while apps send. A thread that holds its turn may take it again (nested
 * transactions of one thread).
 */
final class WriterTurns {
    static final int HAND_OVERS_IN_A_ROW = 8;

    private Thread holder;
    private int holds;
    private int handOversWaiting;
    private int othersWaiting;
    private int handOversInARow;

    /** Waits for the turn of a write transaction; {@code handOver}: a webapp's message being queued. */
    synchronized void take(boolean handOver) {
        Thread me = Thread.currentThread();
        if (holder == me) {
            holds++;
            return;
        }
        boolean interrupted = false;
        if (handOver) {
            handOversWaiting++;
        } else {
            othersWaiting++;
        }
        try {
            while (holder != null || !next(handOver, handOversWaiting, othersWaiting, handOversInARow)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the transaction still needs its turn; the flag is kept for the caller
                }
            }
        } finally {
            if (handOver) {
                handOversWaiting--;
            } else {
                othersWaiting--;
            }
        }
        holder = me;
        holds = 1;
        handOversInARow = handOver ? handOversInARow + 1 : 0;
        if (interrupted) {
            me.interrupt();
        }
    }

    /** Ends the current thread's turn. */
    synchronized void give() {
        if (holder != Thread.currentThread()) {
            throw new IllegalStateException("not this thread's turn");
        }
        if (--holds == 0) {
            holder = null;
            notifyAll();
        }
    }

    /**
     * Whether a free turn goes to a transaction of this kind (exactly one kind is next whenever both
     * wait): hand-overs first, unless they had their turns in a row while others waited.
     */
    static boolean next(boolean handOver, int handOversWaiting, int othersWaiting, int handOversInARow) {
        boolean handOversFirst = othersWaiting == 0 || handOversInARow < HAND_OVERS_IN_A_ROW;
        return handOver ? handOversFirst : handOversWaiting == 0 || !handOversFirst;
    }
}
