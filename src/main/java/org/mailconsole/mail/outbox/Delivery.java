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
 */
record Delivery(boolean accepted, Integer replyCode, String reply, List<RecipientNote> refused, Long transcriptId) {
    Delivery {
        refused = List.copyOf(refused);
    }
}
