package org.mailconsole.model;

/**
 * An outbound account's rate limits (email-model.md section 7): at most {@code messagesPerMinute}
 * messages started in any rolling 60 seconds and {@code recipientsPerDay} recipients accepted in
 * any rolling 24 hours; null is no limit. The bounds and how a typed value is read.
 */
public record RateLimits(Integer messagesPerMinute, Integer recipientsPerDay) {
    public static final RateLimits NONE = new RateLimits(null, null);
    public static final int MAX_MESSAGES_PER_MINUTE = 100_000;
    public static final int MAX_RECIPIENTS_PER_DAY = 10_000_000;
    public static final String MESSAGES_RULE = "must be blank (no limit) or a whole number from 1 to "
            + MAX_MESSAGES_PER_MINUTE;
    public static final String RECIPIENTS_RULE = "must be blank (no limit) or a whole number from 1 to "
            + MAX_RECIPIENTS_PER_DAY;

    /** Whether any limit is set. */
    public boolean any() {
        return messagesPerMinute != null || recipientsPerDay != null;
    }

    /**
     * A typed limit: blank is no limit (null); a whole number from 1 to {@code max} is that limit;
     * anything else throws {@link IllegalArgumentException}.
     */
    public static Integer parse(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(text);
    }
}
