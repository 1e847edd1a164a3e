package org.mailconsole.mail.outbox;

/** Retry now while the Outbox is paused (sending off, no active outbound account, a blank server): the message waits. */
public final class SendingPausedException extends RuntimeException {
    public SendingPausedException(String message) {
        super(message);
    }
}
