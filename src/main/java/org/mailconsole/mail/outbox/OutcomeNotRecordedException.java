package org.mailconsole.mail.outbox;

import java.io.IOException;

/** The previous message's outcome did not reach the database: the next message must not be handed over. */
final class OutcomeNotRecordedException extends IOException {
    OutcomeNotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }
}
