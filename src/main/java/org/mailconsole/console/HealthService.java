package org.mailconsole.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mailconsole.console.diagnostics.HealthStatus;
import org.mailconsole.console.diagnostics.OutboxFacts;
import org.mailconsole.store.Database;

/**
 * The checks behind GET /api/v1/health: {@code database}, and the Outbox's {@code sender} and
 * {@code outbox} from its {@link OutboxFacts} ({@code StoredOutboxFacts} defines those two rules).
 */
public final class HealthService {
    /** Overall status and one entry per check. */
    public record Health(HealthStatus status, Map<String, HealthStatus> checks) {
    }

    private final Database database;
    private final OutboxFacts outbox;

    public HealthService(Database database, OutboxFacts outbox) {
        this.database = database;
        this.outbox = outbox;
    }

    public Health check() {
        Map<String, HealthStatus> checks = new LinkedHashMap<>();
        checks.put("database", database.isReachable() ? HealthStatus.UP : HealthStatus.DOWN);
        checks.putAll(outbox.healthChecks());
        HealthStatus overall = checks.containsValue(HealthStatus.DOWN) ? HealthStatus.DOWN : HealthStatus.UP;
        return new Health(overall, checks);
    }
}
