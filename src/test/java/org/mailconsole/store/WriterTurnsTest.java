package org.mailconsole.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The HSQLDB writer's turns: a webapp's hand-over before the sender's transactions, but never for ever. */
class WriterTurnsTest {
    static final int N = WriterTurns.HAND_OVERS_IN_A_ROW;

    @Test
    void aFreeTurnGoesToAHandOverFirstUnlessHandOversHadTheirTurnsInARow() {
        assertTrue(WriterTurns.next(true, 1, 1, 0), "a hand-over before a waiting sender transaction");
        assertFalse(WriterTurns.next(false, 1, 1, 0));
        assertTrue(WriterTurns.next(true, 1, 1, N - 1));
        assertTrue(WriterTurns.next(false, 1, 1, N), "after its hand-overs in a row, the sender's turn");
        assertFalse(WriterTurns.next(true, 1, 1, N));
        assertTrue(WriterTurns.next(true, 1, 0, N), "with no one else waiting, a hand-over goes on");
        assertTrue(WriterTurns.next(false, 0, 1, 0), "with no hand-over waiting, the sender goes");
    }

    @Test
    void aWaitingHandOverTakesTheNextTurnBeforeASenderTransactionThatWaitedLonger() throws Exception {
        WriterTurns turns = new WriterTurns();
        List<String> order = new CopyOnWriteArrayList<>();
        turns.take(false); // the sender's transaction in progress
        Thread sender = turn(turns, false, "sender", order);
        awaitWaiting(sender);
        Thread app = turn(turns, true, "hand-over", order);
        awaitWaiting(app);
        turns.give();
        sender.join(30_000);
        app.join(30_000);
        assertEquals(List.of("hand-over", "sender"), order);
    }

    @Test
    void aThreadMayTakeItsTurnAgainAndOnlyTheHolderGivesItBack() throws Exception {
        WriterTurns turns = new WriterTurns();
        turns.take(false);
        turns.take(true);
        turns.give();
        Thread other = new Thread(() -> assertThrows(IllegalStateException.class, turns::give));
        other.start();
        other.join(30_000);
        turns.give();
        Thread after = turn(turns, true, "after", new CopyOnWriteArrayList<>());
        after.join(30_000);
        assertFalse(after.isAlive(), "the turn was free again");
    }

    /** The thread waits for its turn (nothing else makes it wait). */
    private static void awaitWaiting(Thread thread) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> thread.getState() == Thread.State.WAITING);
    }

    private static Thread turn(WriterTurns turns, boolean handOver, String name, List<String> order) {
        Thread thread = new Thread(() -> {
            turns.take(handOver);
            order.add(name);
            turns.give();
        }, name);
        thread.start();
        return thread;
    }
}
