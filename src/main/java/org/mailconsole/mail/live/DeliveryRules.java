package org.mailconsole.mail.live;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyType;

/**
 * What the Outbox's sender does with an SMTP reply (email-model.md section 5): codes in
 * {@code deferCodes} (and unknown codes with {@code defaultRetry}) wait the next step of
 * {@code backoffSeconds} and then fail; codes in {@code failCodes} fail at once. Also how long
 * the log is kept, and which replies are throttle signals ({@link ThrottleCodes}, section 7.1).
 */
public record DeliveryRules(Set<Integer> deferCodes, Set<Integer> failCodes, boolean defaultRetry,
                            List<Integer> backoffSeconds, int retentionDays, ThrottleCodes throttleCodes) {

    public DeliveryRules {
        deferCodes = Set.copyOf(deferCodes);
        failCodes = Set.copyOf(failCodes);
        backoffSeconds = List.copyOf(backoffSeconds);
    }

    /** The rules of the properties' defaults. */
    public static final DeliveryRules DEFAULTS = of(EffectiveProperties.resolve(java.util.Map.of()));

    public static DeliveryRules of(EffectiveProperties p) {
        return new DeliveryRules(codes(p.text(PropertyCatalog.DEFER_RETRY_CODES)),
                codes(p.text(PropertyCatalog.FAIL_CODES)), p.flag(PropertyCatalog.DEFAULT_RETRY),
                p.list(PropertyCatalog.RETRY_BACKOFF).stream().map(Integer::valueOf).toList(),
                p.integer(PropertyCatalog.LOG_RETENTION_DAYS), ThrottleCodes.of(p.text(PropertyCatalog.THROTTLE_CODES)));
    }

    /** Whether a reply with this code is worth another attempt (a defer code, or an unknown one with default_retry). */
    public boolean retries(int code) {
        if (deferCodes.contains(code)) {
            return true;
        }
        if (failCodes.contains(code)) {
            return false;
        }
        return defaultRetry;
    }

    /**
     * How long to wait after the {@code attemptsMade}-th attempt failed in a way worth retrying;
     * empty once the steps are used up (the message fails).
     */
    public Optional<Duration> waitAfter(int attemptsMade) {
        int step = attemptsMade - 1;
        return step >= 0 && step < backoffSeconds.size()
                ? Optional.of(Duration.ofSeconds(backoffSeconds.get(step))) : Optional.empty();
    }

    private static Set<Integer> codes(String list) {
        return Set.copyOf(PropertyType.splitList(list).stream().map(Integer::valueOf).toList());
    }
}
