package org.mailconsole.mail.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages apps have just handed over, passed to this process's sender in memory once committed, so
 * it delivers them without reading them back from the database (embedded database only: there only
 * this process changes an entry). The database stays the record: a message refused here (no room) or
 * left here at a stop is found there, by the sender's next read or the next start. Bounded by count
 * and by bytes, so an outage that piles up messages cannot fill the heap.
 */
final class FreshMessages {
    static final int MAX_MESSAGES = 1_000;
    static final long MAX_BYTES = 32L << 20;

    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<Outbox.Candidate> queue = new ArrayDeque<>();
    private long bytes;

    FreshMessages() {
        this(MAX_MESSAGES, MAX_BYTES);
    }

    FreshMessages(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Queues the message for the sender; false when there is no room for it. */
    synchronized boolean offer(Outbox.Candidate candidate) {
        long size = size(candidate);
        if (queue.size() >= maxMessages || bytes + size > maxBytes) {
            return false;
        }
        queue.add(candidate);
        bytes += size;
        return true;
    }

    /** The message handed over longest ago, or null. */
    synchronized Outbox.Candidate poll() {
        Outbox.Candidate candidate = queue.poll();
        if (candidate != null) {
            bytes -= size(candidate);
        }
        return candidate;
    }

    /** Takes the message with this id out of the queue; whether it was there. */
    synchronized boolean remove(long id) {
        for (var it = queue.iterator(); it.hasNext(); ) {
            Outbox.Candidate candidate = it.next();
            if (candidate.id() == id) {
                it.remove();
                bytes -= size(candidate);
                return true;
            }
        }
        return false;
    }

    /** Empties the queue; what it held. */
    synchronized List<Outbox.Candidate> clear() {
        List<Outbox.Candidate> left = new ArrayList<>(queue);
        queue.clear();
        bytes = 0;
        return left;
    }

    synchronized int size() {
        return queue.size();
    }

    private static long size(Outbox.Candidate candidate) {
        return candidate.read().mime() == null ? 0 : candidate.read().mime().length;
    }
}
