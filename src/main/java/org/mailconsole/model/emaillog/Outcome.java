package org.mailconsole.model.emaillog;

import java.util.Arrays;

/** What one delivery attempt came to; {@link #apiName()} is the word stored and shown. */
public enum Outcome {
    /** The server took the message for every recipient. */
    SENT("sent"),
    /** The server took the message, but refused some recipients. */
    PARTIAL("partial"),
    /** Not taken yet: the message waits for its next attempt. */
    DEFERRED("deferred"),
    /** Not taken, and not tried again. */
    FAILED("failed"),
    /** The message left the Outbox without an attempt. */
    SKIPPED("skipped");

    private final String apiName;

    Outcome(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Whether the server took the message. */
    public boolean delivered() {
        return this == SENT || this == PARTIAL;
    }

    public static Outcome ofApiName(String name) {
        return Arrays.stream(values()).filter(o -> o.apiName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome " + name));
    }
}
