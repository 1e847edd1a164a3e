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
 * store connect), in memory, for Email Diagnostics. Keyed by the account's id.
 */
public final class InboundResults {
    /** One store connect: whether it worked, the named cause when it did not, and when. */
    public record Result(boolean ok, String message, Instant at) {
    }

    private static final int MAX = 200;

    private final Map<Long, Result> results = new ConcurrentHashMap<>();
    private final Clock clock;

    InboundResults(Clock clock) {
        this.clock = clock;
    }

    void succeeded(AccountConnection account) {
        ConnectionSettings settings = account.settings();
        put(account, new Result(true, "connected to " + settings.host() + ":" + settings.port(), clock.instant()));
    }

    void failed(AccountConnection account, Exception failure) {
        put(account, new Result(false, FailureCauses.describe(failure, account.settings(), null), clock.instant()));
    }

    /** The last result for this account, if a store connected with it since start. */
    public Optional<Result> last(long accountId) {
        return Optional.ofNullable(results.get(accountId));
    }

    private void put(AccountConnection account, Result result) {
        Long id = account.accountId();
        if (id == null || (results.size() >= MAX && !results.containsKey(id))) {
            return;
        }
        results.put(id, result);
    }
}
