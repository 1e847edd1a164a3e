package org.mailconsole.mail.live;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outbound policy applied to every message of the shared session (email-model.md section 1,
 * Outbound email configuration): From and display name for a message without From,
 * "Precedence: bulk", test recipients instead of the real ones, and the recipient limit (the Outbox
 * applies it when a message is queued; its sender splits by the limit).
 */
public final class SendPolicy {
    private SendPolicy() {
    }

    /** Adds the headers the policy asks for; the app's own From is kept. */
    public static void prepare(MimeMessage message, OutboundConfig config) throws MessagingException {
        if (message.getHeader("From") == null && !config.fromAddress().isBlank()) {
            try {
                String name = config.displayName().isBlank() ? null : config.displayName();
                message.setFrom(new InternetAddress(config.fromAddress(), name, StandardCharsets.UTF_8.name()));
            } catch (UnsupportedEncodingException e) {
                throw new MessagingException("cannot encode the display name", e);
            }
        }
        if (config.precedenceBulk()) {
            message.setHeader("Precedence", "bulk");
        }
    }

    /** The envelope recipients the message goes to: the test address(es) when set, else its own. */
    public static List<String> actualRecipients(List<String> recipients, OutboundConfig config) {
        return config.testRecipients().isEmpty() ? List.copyOf(recipients) : config.testRecipients();
    }

    /** The recipients in batches of at most {@code maxRecipients} (one SMTP transaction each). */
    public static List<Address[]> batches(List<String> recipients, int maxRecipients) throws AddressException {
        Address[] all = new Address[recipients.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = new InternetAddress(recipients.get(i), true);
        }
        List<Address[]> batches = new ArrayList<>();
        for (int from = 0; from < all.length; from += maxRecipients) {
            batches.add(Arrays.copyOfRange(all, from, Math.min(all.length, from + maxRecipients)));
        }
        return batches;
    }

    /** Names a message in a log line: its Message-ID and subject. */
    public static String describe(MimeMessage message) {
        try {
            String id = message.getMessageID();
            String subject = message.getSubject();
            return (id == null ? "(no Message-ID)" : id) + " subject '" + (subject == null ? "" : subject) + "'";
        } catch (MessagingException e) {
            return "(unreadable message: " + e.getMessage() + ")";
        }
    }
}
