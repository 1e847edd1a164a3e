package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.emaillog.EmailState;
import org.mailconsole.model.emaillog.NewEmail;
import org.mailconsole.store.emaillog.DueMessage;
import org.mailconsole.store.emaillog.EmailLogStore;

class FreshMessagesTest {
    static Outbox.Candidate candidate(long id, int size) {
        NewEmail email = new NewEmail(Instant.now(), EmailState.SEND_READY, "<" + id + "@x>", "app@shop.example", "s",
                size, List.of("to@example.com"), List.of("to@example.com"), List.of(), null, "Default SMTP", "/shop",
                null, new byte[size]);
        return new Outbox.Candidate(id, new DueMessage(EmailLogStore.asWritten(id, email), email.mime()), 0);
    }

    @Test
    void firstInFirstOut() {
        FreshMessages fresh = new FreshMessages();
        assertTrue(fresh.offer(candidate(1, 10)));
        assertTrue(fresh.offer(candidate(2, 10)));
        assertEquals(1, fresh.poll().id());
        assertEquals(2, fresh.poll().id());
        assertNull(fresh.poll());
    }

    @Test
    void boundedByCountAndByBytes() {
        FreshMessages byCount = new FreshMessages(2, 1_000);
        assertTrue(byCount.offer(candidate(1, 1)));
        assertTrue(byCount.offer(candidate(2, 1)));
        assertFalse(byCount.offer(candidate(3, 1)), "no room for a third");
        byCount.poll();
        assertTrue(byCount.offer(candidate(3, 1)), "room again once one was taken");

        FreshMessages byBytes = new FreshMessages(100, 1_000);
        assertTrue(byBytes.offer(candidate(1, 600)));
        assertFalse(byBytes.offer(candidate(2, 500)), "1,100 bytes would exceed 1,000");
        assertTrue(byBytes.offer(candidate(3, 400)));
        assertTrue(byBytes.remove(1));
        assertTrue(byBytes.offer(candidate(4, 600)), "the removed message's bytes are free again");
    }

    @Test
    void aMessageIsTakenOutOnceByRemoveOrPoll() {
        FreshMessages fresh = new FreshMessages();
        fresh.offer(candidate(1, 1));
        fresh.offer(candidate(2, 1));
        assertTrue(fresh.remove(2));
        assertFalse(fresh.remove(2), "taken already");
        assertEquals(1, fresh.poll().id());
        assertNull(fresh.poll());
        fresh.offer(candidate(5, 1));
        assertEquals(List.of(5L), fresh.clear().stream().map(Outbox.Candidate::id).toList());
        assertEquals(0, fresh.size());
    }
}
