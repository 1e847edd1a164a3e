package org.mailconsole.store.emaillog;

import org.mailconsole.model.emaillog.EmailEntry;

/** An Outbox message read for delivery: its entry, and its raw MIME (null when it is missing). */
public record DueMessage(EmailEntry entry, byte[] mime) {
}
