package org.mailconsole.mail.outbox;

import java.time.Duration;
import org.mailconsole.model.emaillog.AttemptResult;

/**
 * One attempt's result, and whether the account could not take the message at all (email-model.md
 * section 7.3): its connection, TLS or login failed, or it deferred the message before accepting
 * any recipient (Graph: the account's failure, a throttle, a 5xx or a connection failure). Such a
 * message may go through the account's fallback.
 *
 * @param result          what the attempt came to, not yet recorded
 * @param accountRefused  the account could not take it (not the message's fault)
 * @param throttledFor    Graph throttled the mailbox and asked for this wait (section 8); null otherwise
 * @param greetingRefusal the relay refused the connection in its greeting ({@link Delivery#greetingRefusal}); else null
 */
record Attempted(AttemptResult result, boolean accountRefused, Duration throttledFor, String greetingRefusal) {
    Attempted(AttemptResult result, boolean accountRefused) {
        this(result, accountRefused, null, null);
    }
}
