package org.mailconsole.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mailconsole.store.Database;

/** The checks behind GET /api/v1/health. */
public final class HealthService {
    public enum Status { UP, DOWN }

    /** Overall status and one entry per check. */
    public record Health(Status status, Map<String, Status> checks) {
    }

    private final Database database;

    public HealthService(Database database) {
        this.database = database;
    }

    public Health check() {
        Map<String, Status> checks = new LinkedHashMap<>();
        checks.put("database", database.isReachable() ? Status.UP : Status.DOWN);
        Status overall = checks.containsValue(Status.DOWN) ? Status.DOWN : Status.UP;
        return new Health(overall, checks);
    }
}
