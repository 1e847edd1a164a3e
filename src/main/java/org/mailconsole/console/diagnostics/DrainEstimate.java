package org.mailconsole.console.diagnostics;

/**
 * The estimated time to empty the Outbox at the current pace (email-model.md section 7.2): the
 * messages waiting divided by the messages that left it per second over the last minute.
 */
final class DrainEstimate {
    private DrainEstimate() {
    }

    /** Whole seconds, rounded up; 0 for an empty Outbox; null when nothing left it in the last minute. */
    static Long seconds(long waiting, double perSecond) {
        if (waiting <= 0) {
            return 0L;
        }
        if (perSecond <= 0) {
            return null;
        }
        return (long) Math.ceil(waiting / perSecond);
    }
}
