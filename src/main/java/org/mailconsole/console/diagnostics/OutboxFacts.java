package org.mailconsole.console.diagnostics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seam through which the Outbox (email-model.md section 5) gives Email Diagnostics and the
 * health check its facts: {@link StoredOutboxFacts} reads them from the Outbox and the email log. Nothing here is ever made up.
 */
public interface OutboxFacts {

    /** The sender: running, last successful delivery, last failure and its reason. */
    record Sender(boolean running, Instant lastSuccessAt, Instant lastFailureAt, String lastFailureReason) {
    }

    /**
     * The Outbox: how many messages wait, how long the oldest has waited (null when empty), and why it
     * is paused (null while sending is possible).
     */
    record Outbox(long size, Long oldestAgeSeconds, String paused) {
    }

    /** Entries that became Sent, Failed or Skipped in a time window (by their last change). */
    record Window(long sent, long failed, long skipped) {
    }

    record Counts(Window lastHour, Window lastDay) {
    }

    /** One hour: entries that became Sent or Failed in it, and the deferred attempts made in it. */
    record Hour(Instant start, long sent, long deferred, long failed) {
    }

    /** The last 24 hours, one per hour up to the current one (so far), oldest first; empty if not known. */
    default List<Hour> lastDayByHour() {
        return List.of();
    }

    Optional<Sender> sender();

    Optional<Outbox> outbox();

    Optional<Counts> counts();

    /**
     * The Outbox's checks for GET /api/v1/health, by name: {@code sender} (DOWN when the last 3
     * delivery attempts all failed on connection or authentication) and {@code outbox} (DOWN when
     * a message that is due, not paused nor waiting for its back-off, was queued more than 15 minutes ago).
     */
    Map<String, HealthStatus> healthChecks();
}
