package org.mailconsole.mail.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.EffectiveProperties;

/** The reply-code and back-off rules of email-model.md section 5, from the properties. */
class DeliveryRulesTest {

    @Test
    void theDefaultsDeferFailAndRetryUnknownCodes() {
        DeliveryRules rules = DeliveryRules.DEFAULTS;
        assertTrue(rules.retries(451));
        assertTrue(rules.retries(421));
        assertFalse(rules.retries(550));
        assertFalse(rules.retries(554));
        assertTrue(rules.retries(499), "unknown codes are retried with default_retry on");
        assertEquals(Optional.of(Duration.ofSeconds(60)), rules.waitAfter(1));
        assertEquals(Optional.of(Duration.ofSeconds(7200)), rules.waitAfter(7));
        assertEquals(Optional.empty(), rules.waitAfter(8), "7 steps: at most 8 attempts");
        assertEquals(30, rules.retentionDays());
    }

    @Test
    void thePropertiesChangeThem() {
        DeliveryRules rules = DeliveryRules.of(EffectiveProperties.resolve(Map.of(
                "glide.smtp.default_retry", "false", "glide.smtp.retry_backoff", "2,2,2",
                "glide.smtp.defer_retry_ids", "451,550", "glide.email.log.retention_days", "7")));
        assertFalse(rules.retries(499), "unknown codes fail with default_retry off");
        assertTrue(rules.retries(550), "a code in both lists: the defer list wins");
        assertEquals(Optional.of(Duration.ofSeconds(2)), rules.waitAfter(3));
        assertEquals(Optional.empty(), rules.waitAfter(4), "with \"2,2,2\": attempts at 0, 2, 4 and 6 s");
        assertEquals(7, rules.retentionDays());
    }
}
