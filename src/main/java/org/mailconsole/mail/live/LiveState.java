package org.mailconsole.mail.live;

import jakarta.mail.Session;
import java.time.Clock;

/**
 * What a live session's transports and stores share: the cached configuration, the queue (the
 * Outbox) the transports hand messages to, and what Email Diagnostics reads (the last store connect
 * of each inbound account; the sending webapps are the Outbox's). Attached to the live {@link Session}'s
 * properties under {@link #KEY}.
 */
final class LiveState {
    static final String KEY = "org.mailconsole.mail.live";

    private final CachedConfig config;
    private final MessageQueue queue;
    private final InboundResults inboundResults = new InboundResults(Clock.systemUTC());

    LiveState(CachedConfig config, MessageQueue queue) {
        this.config = config;
        this.queue = queue;
    }

    static LiveState of(Session session) {
        Object state = session.getProperties().get(KEY);
        if (state instanceof LiveState live) {
            return live;
        }
        throw new IllegalStateException("not a Mail Console live session (no " + KEY + "); "
                + "is a second copy of the Mail Console core on this class path?");
    }

    CachedConfig config() {
        return config;
    }

    MessageQueue queue() {
        return queue;
    }

    /** The last store connect of each inbound account through this session. */
    InboundResults inboundResults() {
        return inboundResults;
    }
}
