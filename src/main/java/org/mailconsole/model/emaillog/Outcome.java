package org.mailconsole.model.emaillog;

import java.util.Arrays;

/**
 * What one delivery attempt came to; {@link #apiName()} is the word stored and shown, {@link #state()}
 * the state it leaves the entry in (email-model.md section 5).
 */
public enum Outcome {
    /** The server took the message for every recipient. */
    SENT("sent", EmailState.SENT),
    /** The server took the message, but refused some recipients. */
    PARTIAL("partial", EmailState.SENT),
    /** Not taken yet: the message waits for its next attempt. */
    DEFERRED("deferred", EmailState.SEND_READY),
    /** Not taken, and not tried again. */
    FAILED("failed", EmailState.SEND_FAILED),
    /** The message left the Outbox without an attempt. */
    SKIPPED("skipped", EmailState.SEND_IGNORED);

    private final String apiName;
    private final EmailState state;

    Outcome(String apiName, EmailState state) {
        this.apiName = apiName;
        this.state = state;
    }

    public String apiName() {
        return apiName;
    }

    /** The entry's state after an attempt that came to this. */
    public EmailState state() {
        return state;
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
