package org.mailconsole.store;

/** A write based on a version of a row that has moved on since. Nothing was written. */
public class VersionConflictException extends RuntimeException {
    private final long expectedVersion;
    private final long currentVersion;

    public VersionConflictException(long expected, long current) {
        super("version " + expected + " expected, the stored version is " + current);
        this.expectedVersion = expected;
        this.currentVersion = current;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
