package org.mailconsole.mail.graph;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The app's message as Graph's sendMail takes it. Graph has no envelope: it sends to the To, Cc and
 * Bcc headers. So they are rewritten to this delivery's actual recipients (after the test address,
 * filters and the rest): a header keeps those of its addresses that are still recipients; the
 * recipients in no header (envelope-only Bcc, a test address) are added to To when no To or Cc is
 * left (a test address replaces the To), else to Bcc. Everything else (Message-ID, headers, body,
 * attachments) goes as the app wrote it: only the header block changes.
 */
final class GraphMime {
    private static final Session PARSING = Session.getInstance(new Properties());

    private GraphMime() {
    }

    static byte[] withRecipients(byte[] mime, List<String> recipients) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(PARSING, new ByteArrayInputStream(mime));
        Set<String> left = new LinkedHashSet<>();
        for (String r : recipients) {
            left.add(r.toLowerCase(Locale.ROOT));
        }
        List<InternetAddress> to = keep(message, Message.RecipientType.TO, left);
        List<InternetAddress> cc = keep(message, Message.RecipientType.CC, left);
        List<InternetAddress> bcc = keep(message, Message.RecipientType.BCC, left);
        List<InternetAddress> rest = new ArrayList<>();
        for (String r : recipients) {
            if (left.remove(r.toLowerCase(Locale.ROOT))) {
                rest.add(new InternetAddress(r, false));
            }
        }
        if (to.isEmpty() && cc.isEmpty()) {
            to.addAll(rest);
        } else {
            bcc.addAll(rest);
        }
        set(message, Message.RecipientType.TO, to);
        set(message, Message.RecipientType.CC, cc);
        set(message, Message.RecipientType.BCC, bcc);
        ByteArrayOutputStream out = new ByteArrayOutputStream(mime.length + 256);
        message.writeTo(out); // parsed, not changed: no saveChanges, so Message-ID and body stay as they are
        return out.toByteArray();
    }

    /** The header's addresses that are still recipients (each once, in the header's order). */
    private static List<InternetAddress> keep(MimeMessage message, Message.RecipientType type, Set<String> left)
            throws MessagingException {
        List<InternetAddress> kept = new ArrayList<>();
        String header = message.getHeader(type == Message.RecipientType.TO ? "To"
                : type == Message.RecipientType.CC ? "Cc" : "Bcc", ",");
        if (header == null) {
            return kept;
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(header, false);
        } catch (AddressException e) {
            return kept; // an unreadable header is replaced by the recipients
        }
        for (InternetAddress address : parsed) {
            if (address.getAddress() != null && left.remove(address.getAddress().toLowerCase(Locale.ROOT))) {
                kept.add(address);
            }
        }
        return kept;
    }

    private static void set(MimeMessage message, Message.RecipientType type, List<InternetAddress> addresses)
            throws MessagingException {
        if (addresses.isEmpty()) {
            message.removeHeader(type == Message.RecipientType.TO ? "To" : type == Message.RecipientType.CC ? "Cc" : "Bcc");
        } else {
            message.setRecipients(type, addresses.toArray(new InternetAddress[0]));
        }
    }
}
