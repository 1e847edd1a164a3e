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
 * "Precedence: bulk", test recipients instead of the real ones, and the recipient limit.
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

    /** The envelope recipients to send to, in batches of at most {@code maxRecipients}. */
    public static List<Address[]> batches(Address[] recipients, OutboundConfig config) throws AddressException {
        return split(actualRecipients(recipients, config), config);
    }

    /** The recipients after the test address: glide.email.test.user's addresses instead, when it is set. */
    public static Address[] actualRecipients(Address[] recipients, OutboundConfig config) throws AddressException {
        Address[] actual = recipients == null ? new Address[0] : recipients;
        if (!config.testRecipients().isEmpty()) {
            actual = new Address[config.testRecipients().size()];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = new InternetAddress(config.testRecipients().get(i), true);
            }
        }
        return actual;
    }

    /** Recipients in batches of at most {@code maxRecipients}. */
    public static List<Address[]> split(Address[] actual, OutboundConfig config) {
        List<Address[]> batches = new ArrayList<>();
        for (int from = 0; from < actual.length; from += config.maxRecipients()) {
            batches.add(Arrays.copyOfRange(actual, from, Math.min(actual.length, from + config.maxRecipients())));
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
