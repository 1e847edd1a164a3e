package org.mailconsole.mail.outbox;

import java.util.Locale;

/**
 * Why the Outbox's messages wait now, as the {@code state} label of {@code mailconsole_outbox_messages}
 * says it: {@link #DUE} the sender works on them (each at its time, a message between retries too),
 * {@link #PAUSED} sending is not possible (sending off, no account, a blank server, the relay's
 * throttle), {@link #LIMITED} the account's rate limit holds them back.
 */
public enum OutboxHold {
    DUE, PAUSED, LIMITED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
