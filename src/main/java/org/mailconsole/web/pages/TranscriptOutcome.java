package org.mailconsole.web.pages;

import java.util.regex.Pattern;

/**
 * The mark a debug-log transcript gets beside its one-line outcome (a sign and a word, not only a
 * colour). The outcome is kept as text; this reads the shapes its writers give it: Test Connection
 * ("Connected to ..." or the named cause), the test email ("Sent to ..." or why not), the Outbox's
 * sends (the server's reply, "connect failed: ...", "login refused: ...") and the rest ("connection
 * closed", "store closed") as neutral.
 */
enum TranscriptOutcome {
    SUCCEEDED("✓", "ok", "succeeded"),
    DEFERRED("⟳", "deferred", "deferred"),
    FAILED("✗", "failed", "failed"),
    OTHER("•", "other", "");

    private static final Pattern SUCCESS_REPLY = Pattern.compile("^2[0-9][0-9]([ -].*)?$", Pattern.DOTALL);
    private static final Pattern DEFER_REPLY = Pattern.compile("^4[0-9][0-9]([ -].*)?$", Pattern.DOTALL);
    private static final Pattern FAIL_REPLY = Pattern.compile("^5[0-9][0-9]([ -].*)?$", Pattern.DOTALL);

    private final String mark;
    private final String cssClass;
    private final String label;

    TranscriptOutcome(String mark, String cssClass, String label) {
        this.mark = mark;
        this.cssClass = cssClass;
        this.label = label;
    }

    static TranscriptOutcome of(String kind, String outcome) {
        String text = outcome == null ? "" : outcome.strip();
        if (text.startsWith("Connected to ") || text.startsWith("Sent to ") || SUCCESS_REPLY.matcher(text).matches()) {
            return SUCCEEDED;
        }
        if (DEFER_REPLY.matcher(text).matches()) {
            return DEFERRED;
        }
        if (FAIL_REPLY.matcher(text).matches() || text.startsWith("connect failed") || text.startsWith("login refused")) {
            return FAILED;
        }
        // Test Connection and the test email say "Connected to" / "Sent to" when they succeed, anything else is why not
        if ("test".equals(kind) || "test email".equals(kind)) {
            return FAILED;
        }
        return OTHER;
    }

    String mark() {
        return mark;
    }

    String cssClass() {
        return cssClass;
    }

    String label() {
        return label;
    }
}
