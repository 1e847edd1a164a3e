package org.mailconsole.mail.outbox;

import java.util.List;
import org.mailconsole.model.emaillog.RecipientNote;

/**
 * What the SMTP server made of one message, before the rules decide what follows.
 *
 * @param accepted  the server took the message (for at least one recipient)
 * @param replyCode the deciding reply code (the final reply when accepted); null for a connection failure
 * @param reply     the server's reply line, or the named connection failure (as Test Connection names it)
 * @param refused   recipients refused while others were accepted, with the replies
 * @param greetingRefusal the relay's 4xx greeting that refused the connection before any part of the
 *                        message went (the engine lowers its connections, section 7.2); else null
 * @param accountRefused  the account could not take the message (section 7.3): its connection, TLS or
 *                        login failed (not a greeting refusal), or it deferred the message before
 *                        accepting any recipient
 */
record Delivery(boolean accepted, Integer replyCode, String reply, List<RecipientNote> refused, Long transcriptId,
                String greetingRefusal, boolean accountRefused) {
    Delivery {
        refused = List.copyOf(refused);
    }

    Delivery(boolean accepted, Integer replyCode, String reply, List<RecipientNote> refused, Long transcriptId) {
        this(accepted, replyCode, reply, refused, transcriptId, null, false);
    }
}
