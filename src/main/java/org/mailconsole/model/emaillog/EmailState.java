package org.mailconsole.model.emaillog;

import java.util.Arrays;
import java.util.Optional;

/** The state of a log entry and the mailbox it shows in (email-model.md section 5). */
public enum EmailState {
    /** Accepted from the app; waiting to be sent, or to be retried. */
    SEND_READY("send-ready", "outbox"),
    /** Accepted by the server (its reply kept). */
    SENT("sent", "sent"),
    /** Permanent failure: a fail code, or retries exhausted. */
    SEND_FAILED("send-failed", "failed"),
    /** Sending off, no recipient left, no account, or cancelled by an admin. */
    SEND_IGNORED("send-ignored", "skipped");

    private final String apiName;
    private final String mailbox;

    EmailState(String apiName, String mailbox) {
        this.apiName = apiName;
        this.mailbox = mailbox;
    }

    /** The name in the API and in the database ("send-ready"). */
    public String apiName() {
        return apiName;
    }

    /** The mailbox this state shows in ("outbox"). */
    public String mailbox() {
        return mailbox;
    }

    public static EmailState ofApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown email state " + name));
    }

    public static Optional<EmailState> ofMailbox(String mailbox) {
        return Arrays.stream(values()).filter(s -> s.mailbox.equals(mailbox)).findFirst();
    }
}
