package org.mailconsole.mail.connect;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Where a session's debug output goes: redacted as it is written, one line at a time, and held
 * within a cap. A message's headers are kept and its body is counted, never held
 * ({@link MessageSpans} says where a message starts); a line longer than {@link #LINE_LIMIT} is
 * counted too. Once the redacted text reaches the cap the rest is counted and dropped. So a
 * connection that moves a 30 MB message holds no more than the cap in the shared heap.
 */
final class TranscriptStream extends OutputStream {
    /** Longer lines are no protocol line anyone reads (an XOAUTH2 command with a long token stays under it). */
    static final int LINE_LIMIT = 32 * 1024;
    private static final int ROOM_FOR_NOTE = 200;

    private enum Mode { LINES, HEADERS, BODY }

    private final SecretLines secrets;
    private final int cap;
    private final MessageSpans spans = new MessageSpans();
    private final StringBuilder kept = new StringBuilder();
    private long dropped;

    private byte[] line = new byte[256];
    private int lineLength;
    private long lineBytes;

    private Mode mode = Mode.LINES;
    /** Whether the message in progress ends with a lone dot (SMTP, POP3) rather than a literal's length (IMAP). */
    private boolean dotEnded;
    /** Bytes of the literal in progress still to come; -1 outside a literal. */
    private long literalLeft = -1;
    private boolean afterLiteral;
    private long bodyBytes;
    private byte previous;

    TranscriptStream(Collection<String> secrets, int cap) {
        this.secrets = new SecretLines(secrets);
        this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
        take((byte) b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            take(bytes[i]);
        }
    }

    /** What was written so far, redacted, one line per line; the line and the body in progress too. */
    synchronized String text() {
        StringBuilder text = new StringBuilder(kept);
        if (dropped == 0 && mode == Mode.BODY) {
            text.append(bodyNote(bodyBytes + lineBytes));
        } else if (dropped == 0 && lineBytes > 0) {
            text.append(redactedLine());
        }
        if (dropped > 0) {
            text.append(String.format(Locale.ROOT, "%n[transcript cut: %,d more characters not recorded]", dropped));
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }

    /** Characters held now (the kept text and the line in progress): never more than the cap, as a test checks. */
    synchronized int held() {
        return kept.length() + lineLength;
    }

    private void take(byte b) {
        // The debug output is not the wire: Angus logs each line it traced with println, so a CRLF
        // arrives as "\n", which stands for the two bytes a literal's length counts. Any other byte
        // stands for at least one (the output is ISO-8859-1, one byte per character Angus decoded), so
        // a literal is never thought to end before it does: a body is never shown as protocol lines.
        int wire = b == '\n' && previous != '\r' ? 2 : 1;
        previous = b;
        boolean inLiteral = literalLeft > 0;
        if (inLiteral) {
            literalLeft = Math.max(0, literalLeft - wire);
        }
        if (mode == Mode.BODY && !dotEnded) {
            bodyBytes += wire; // a literal's body: only its length matters
        } else {
            lineBytes += wire;
            if (b == '\n') {
                endLine();
            } else if (lineLength < (mode == Mode.BODY ? 2 : LINE_LIMIT)) {
                // of a body line, two bytes tell the lone dot that ends the message
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, Math.min(LINE_LIMIT, line.length * 2));
                }
                line[lineLength++] = b;
            }
        }
        if (inLiteral && literalLeft == 0) {
            endLiteral();
        }
    }

    private void endLine() {
        String text = lineText();
        switch (mode) {
            case BODY -> {
                if (lineBytes <= 3 && text.equals(".")) { // the lone dot that ends the message
                    keep(bodyNote(bodyBytes));
                    keep(".");
                    mode = Mode.LINES;
                } else {
                    bodyBytes += lineBytes;
                }
            }
            case HEADERS -> {
                keep(redactedLine());
                if (text.isEmpty()) {
                    mode = Mode.BODY;
                    bodyBytes = 0;
                } else if (dotEnded && text.equals(".")) {
                    mode = Mode.LINES; // a message without a body
                }
            }
            default -> {
                keep(redactedLine());
                if (literalLeft < 0) {
                    start(spans.after(text, afterLiteral));
                    afterLiteral = false;
                }
            }
        }
        lineLength = 0;
        lineBytes = 0;
    }

    private void start(MessageSpans.Next next) {
        switch (next.kind()) {
            case DOT_MESSAGE -> {
                mode = Mode.HEADERS;
                dotEnded = true;
            }
            case LITERAL_MESSAGE, LITERAL_BODY, LITERAL_TEXT -> {
                literalLeft = next.bytes();
                dotEnded = false;
                bodyBytes = 0;
                mode = next.kind() == MessageSpans.Kind.LITERAL_MESSAGE ? Mode.HEADERS
                        : next.kind() == MessageSpans.Kind.LITERAL_BODY ? Mode.BODY : Mode.LINES;
                if (literalLeft == 0) {
                    endLiteral(); // {0}
                }
            }
            default -> {
                // protocol lines go on
            }
        }
    }

    /** A literal ended: its body is noted, a header line it ended in is kept, and the answer's line goes on. */
    private void endLiteral() {
        literalLeft = -1;
        if (mode == Mode.BODY) {
            keep(bodyNote(bodyBytes));
        } else if (lineBytes > 0) {
            keep(redactedLine());
        }
        lineLength = 0;
        lineBytes = 0;
        mode = Mode.LINES;
        afterLiteral = true;
    }

    private String lineText() {
        int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        return new String(line, 0, end, StandardCharsets.ISO_8859_1);
    }

    private String redactedLine() {
        if (lineBytes > LINE_LIMIT) {
            return String.format(Locale.ROOT, "[line: %,d bytes, not recorded]", lineBytes);
        }
        return secrets.redact(lineText());
    }

    private static String bodyNote(long bytes) {
        return String.format(Locale.ROOT, "[body: %,d bytes, not recorded]", bytes);
    }

    private void keep(String text) {
        // room for the line in progress and the closing note, so what is held stays within the cap
        if (dropped == 0 && kept.length() + text.length() + 1 <= cap - LINE_LIMIT - ROOM_FOR_NOTE) {
            kept.append(text).append('\n');
        } else {
            dropped += text.length() + 1;
        }
    }
}
