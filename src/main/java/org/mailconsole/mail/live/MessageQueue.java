package org.mailconsole.mail.live;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Where the live session's transport hands every message: the Outbox
 * ({@code org.mailconsole.mail.outbox.Outbox}). It applies the policy of {@code snapshot} and commits
 * the message with its log entry before returning; delivery happens later, elsewhere.
 */
public interface MessageQueue {
    /**
     * @param source the sending webapp's context path, or null to find it from the calling thread
     * @return the id of the message's log entry
     * @throws MessagingException when the message cannot be read or stored (nothing was kept)
     */
    long accept(MimeMessage message, Address[] recipients, ConfigSnapshot snapshot, String source)
            throws MessagingException;
}
