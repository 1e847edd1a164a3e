package org.mailconsole.mail.live;

import jakarta.mail.Session;
import java.time.Clock;
import org.mailconsole.mail.connect.ConnectionSessions;
import org.mailconsole.mail.source.SendingSources;

/**
 * What a live session's transports and stores share: the cached configuration, and the Angus
 * session built for the current outbound configuration (rebuilt when its version changes).
 * Attached to the live {@link Session}'s properties under {@link #KEY}.
 */
final class LiveState {
    static final String KEY = "org.mailconsole.mail.live";

    private final CachedConfig config;
    private volatile Built outbound;
    private final SendingSources sources = new SendingSources(Clock.systemUTC());
    private final InboundResults inboundResults = new InboundResults(Clock.systemUTC());

    LiveState(CachedConfig config) {
        this.config = config;
    }

    static LiveState of(Session session) {
        Object state = session.getProperties().get(KEY);
        if (state instanceof LiveState live) {
            return live;
        }
        throw new IllegalStateException("not a Mail Console live session (no " + KEY + "); "
                + "is a second copy of the Mail Console core on this class path?");
    }

    /** The webapps that sent through this session. */
    SendingSources sources() {
        return sources;
    }

    /** The last store connect of each inbound account through this session. */
    InboundResults inboundResults() {
        return inboundResults;
    }

    CachedConfig config() {
        return config;
    }

    /** The Angus session for this snapshot's outbound connection, built once per version. */
    Session outboundSession(ConfigSnapshot snapshot) {
        Built built = outbound;
        if (built == null || built.version != snapshot.version()) {
            built = new Built(snapshot.version(), ConnectionSessions.session(snapshot.outbound().connection()));
            outbound = built;
        }
        return built.session;
    }

    private record Built(long version, Session session) {
    }
}
