package org.mailconsole.mail.connect;

import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
 * Records the raw protocol exchange of one session (jakarta.mail debug output) and gives it back
 * redacted: authentication commands lose their arguments, lone base64 lines (SASL responses) are
 * hidden, and every known secret (and its base64 forms) is replaced wherever it appears.
 */
public final class TranscriptRecorder {
    static final String REDACTED = "[redacted]";
    /** AUTH PLAIN x, A1 AUTHENTICATE XOAUTH2 x, A1 LOGIN u p, PASS p: keep the command, hide the rest. */
    private static final Pattern AUTH_COMMAND = Pattern.compile(
            "^(?!\\d{3}[ -])((?:\\S+ )?(?:(?i:AUTHENTICATE|AUTH)(?: +[A-Z0-9_-]{1,20}(?= |$))?|(?i:LOGIN|PASS|APOP)))(\\s.*)?$");
    private static final Pattern BASE64_LINE = Pattern.compile("^(\\+ |334 )?[A-Za-z0-9+/]{12,}={0,2}$");
    private static final int MIN_SECRET_LENGTH = 3;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final List<String> secrets;

    private TranscriptRecorder(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).toList();
    }

    /** Turns on the session's debug output into a new recorder; secrets are what to redact. */
    public static TranscriptRecorder attach(Session session, Collection<String> secrets) {
        TranscriptRecorder recorder = new TranscriptRecorder(secrets);
        session.setDebugOut(new PrintStream(recorder.buffer, true, StandardCharsets.UTF_8));
        session.setDebug(true);
        return recorder;
    }

    /** What was exchanged so far, redacted. */
    public String transcript() {
        synchronized (buffer) {
            return redact(buffer.toString(StandardCharsets.UTF_8), secrets);
        }
    }

    /** Redacts authentication lines and the given secrets from a raw transcript. */
    public static String redact(String raw, Collection<String> secrets) {
        String text = raw;
        for (String secret : variants(secrets)) {
            text = text.replace(secret, REDACTED);
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\r?\n", -1)) {
            Matcher auth = AUTH_COMMAND.matcher(line);
            if (auth.matches() && auth.group(2) != null && !auth.group(2).isBlank()) {
                out.append(auth.group(1)).append(' ').append(REDACTED);
            } else if (BASE64_LINE.matcher(line.trim()).matches()) {
                Matcher base64 = BASE64_LINE.matcher(line.trim());
                base64.matches();
                out.append(base64.group(1) == null ? "" : base64.group(1)).append(REDACTED);
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.substring(0, Math.max(0, out.length() - 1));
    }

    /** Each secret as typed and base64-encoded at the three alignments it can take inside a SASL blob. */
    private static List<String> variants(Collection<String> secrets) {
        List<String> variants = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                continue;
            }
            variants.add(secret);
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
