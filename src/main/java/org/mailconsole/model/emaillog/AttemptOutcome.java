package org.mailconsole.model.emaillog;

/**
 * An attempt's outcome for the entry it belongs to, with the attempts the entry had before it, so
 * recording it is idempotent: it is recorded only while the entry is still in the Outbox with that
 * many attempts (an outcome replayed after a crash that was already recorded changes nothing).
 */
public record AttemptOutcome(long entryId, int attemptsBefore, AttemptResult result) {
}
