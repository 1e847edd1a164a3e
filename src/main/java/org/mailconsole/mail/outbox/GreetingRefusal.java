package org.mailconsole.mail.outbox;

import jakarta.mail.MessagingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a failed connect was the relay refusing in its greeting with a temporary code (421
 * before EHLO: "too many connections", "try again later"), which speaks of the relay's load and
 * not of the message.
 */
final class GreetingRefusal {
    /** Angus's words for a greeting other than 220 (SMTPTransport.openServer), with the reply after them. */
    private static final Pattern BAD_GREETING = Pattern.compile("Got bad greeting from SMTP host: .*?response: (4\\d\\d.*)",
            Pattern.DOTALL);

    private GreetingRefusal() {
    }

    /** The relay's greeting when it refused with a 4xx code; null for any other failure. */
    static String of(MessagingException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                Matcher matcher = BAD_GREETING.matcher(message);
                if (matcher.find()) {
                    return matcher.group(1).trim().replaceAll("\\s*[\\r\\n]+\\s*", " ");
                }
            }
        }
        return null;
    }
}
