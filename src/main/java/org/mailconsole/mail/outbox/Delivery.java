package org.mailconsole.mail.outbox;

import java.util.List;
import org.mailconsole.model.emaillog.RecipientNote;

/**
 * What the SMTP server made of one message, before the rules decide what follows; built by the
 * factory that names the case.
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

    /** The server took the message, for all but the {@code refused} recipients. */
    static Delivery accepted(Integer replyCode, String reply, List<RecipientNote> refused) {
        return new Delivery(true, replyCode, reply, refused, null, null, false);
    }

    /** The server did not take the message ({@code refused}: the recipients it refused on the way). */
    static Delivery notAccepted(Integer replyCode, String reply, List<RecipientNote> refused) {
        return new Delivery(false, replyCode, reply, refused, null, null, false);
    }

    /** The message did not go: {@code replyCode} null for a failure that is not the server's reply. */
    static Delivery failed(Integer replyCode, String reply) {
        return notAccepted(replyCode, reply, List.of());
    }

    /** No connection: the relay's 4xx greeting refused it ({@code greetingRefusal}), or the account failed. */
    static Delivery connectFailed(String failure, String greetingRefusal) {
        return new Delivery(false, null, failure, List.of(), null, greetingRefusal, greetingRefusal == null);
    }

    /**
     * This answer to the message's last batch of recipients as the whole message's: once accepted,
     * with the recipients every batch refused; with its transcript. A greeting refusal and the
     * account's own failure count only {@code beforeAny} part of the message went.
     */
    Delivery ofMessage(List<RecipientNote> refusedInAll, Long transcript, boolean beforeAny) {
        boolean deferred = replyCode != null && replyCode >= 400 && replyCode < 500;
        boolean account = accountRefused || deferred || refused.stream().anyMatch(note -> note.note().startsWith("4"));
        return new Delivery(accepted, replyCode, reply, accepted ? refusedInAll : refused, transcript,
                beforeAny ? greetingRefusal : null, beforeAny && account);
    }
}
