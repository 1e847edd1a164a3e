package org.mailconsole.mail.connect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the secrets of one transcript line: authentication commands lose their arguments, lone
 * base64 lines (SASL responses) are hidden, and every known secret (and its base64 forms) is replaced
 * wherever it appears. Secrets are single-line values (WireText), so a line is always enough.
 */
final class SecretLines {
    static final String REDACTED = "[redacted]";
    /** AUTH PLAIN x, A1 AUTHENTICATE XOAUTH2 x, A1 LOGIN u p, PASS p: keep the command, hide the rest. */
    private static final Pattern AUTH_COMMAND = Pattern.compile(
            "^(?!\\d{3}[ -])((?:\\S+ )?(?:(?i:AUTHENTICATE|AUTH)(?: +[A-Z0-9_-]{1,20}(?= |$))?|(?i:LOGIN|PASS|APOP)))(\\s.*)?$");
    private static final Pattern BASE64_LINE = Pattern.compile("^(\\+ |334 )?[A-Za-z0-9+/]{12,}={0,2}$");
    private static final int MIN_SECRET_LENGTH = 3;

    private final List<String> variants;

    SecretLines(Collection<String> secrets) {
        this.variants = variants(secrets.stream().filter(Objects::nonNull).toList());
    }

    /** One line (without its line break), redacted. */
    String redact(String line) {
        String text = line;
        for (String secret : variants) {
            text = text.replace(secret, REDACTED);
        }
        Matcher auth = AUTH_COMMAND.matcher(text);
        if (auth.matches() && auth.group(2) != null && !auth.group(2).isBlank()) {
            return auth.group(1) + ' ' + REDACTED;
        }
        Matcher base64 = BASE64_LINE.matcher(text.trim());
        if (base64.matches()) {
            return (base64.group(1) == null ? "" : base64.group(1)) + REDACTED;
        }
        return text;
    }

    /** Each secret as typed and base64-encoded at the three alignments it can take inside a SASL blob. */
    private static List<String> variants(Collection<String> secrets) {
        List<String> variants = new ArrayList<>();
        for (String secret : secrets) {
            if (secret.length() < MIN_SECRET_LENGTH) {
                continue;
            }
            variants.add(secret);
            // as the recorder's ISO-8859-1 output shows it (a character beyond it as "?")
            variants.add(new String(secret.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            for (int shift = 0; shift < 3; shift++) {
                byte[] padded = new byte[shift + bytes.length];
                System.arraycopy(bytes, 0, padded, shift, bytes.length);
                String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
                // drop the characters that also depend on the bytes around the secret
                int from = shift == 0 ? 0 : (shift * 4 + 2) / 3 + 1;
                int to = encoded.length() - 2;
                if (to - from >= 4) {
                    variants.add(encoded.substring(from, to));
                }
            }
        }
        variants.sort(Comparator.comparingInt(String::length).reversed());
        return variants;
    }
}
