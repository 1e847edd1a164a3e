package org.mailconsole.mail.live;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.connect.FailureCauses;

/**
 * The last connection result of each inbound account through the shared session (a webapp's
 * store connect), in memory, for Email Diagnostics. Keyed by protocol, host, port and user.
 */
public final class InboundResults {
    /** One store connect: whether it worked, the named cause when it did not, and when. */
    public record Result(boolean ok, String message, Instant at) {
    }

    private static final int MAX = 200;

    private final Map<String, Result> results = new ConcurrentHashMap<>();
    private final Clock clock;

    InboundResults(Clock clock) {
        this.clock = clock;
    }

    void succeeded(ConnectionSettings settings) {
        put(settings, new Result(true, "connected to " + settings.host() + ":" + settings.port(), clock.instant()));
    }

    void failed(ConnectionSettings settings, Exception failure) {
        put(settings, new Result(false, FailureCauses.describe(failure, settings, null), clock.instant()));
    }

    /** The last result for an account with these settings, if a store connected with them since start. */
    public Optional<Result> last(ConnectionSettings settings) {
        return Optional.ofNullable(results.get(key(settings)));
    }

    private void put(ConnectionSettings settings, Result result) {
        if (results.size() >= MAX && !results.containsKey(key(settings))) {
            return;
        }
        results.put(key(settings), result);
    }

    private static String key(ConnectionSettings s) {
        return s.protocol() + " " + s.host() + ":" + s.port() + " " + s.user();
    }
}
