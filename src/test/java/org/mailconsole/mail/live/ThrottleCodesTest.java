package org.mailconsole.mail.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.EffectiveProperties;

/** Which replies are throttle signals (email-model.md section 7.1, glide.smtp.throttle_codes). */
class ThrottleCodesTest {
    final ThrottleCodes defaults = DeliveryRules.DEFAULTS.throttleCodes();

    @Test
    void theDefaultsKnowTheBigRelaysThrottlingReplies() {
        assertTrue(defaults.throttles(421, "421 4.7.0 Try again later, closing connection"), "Google");
        assertTrue(defaults.throttles(454, "454 Throttling failure: Maximum sending rate exceeded."), "Amazon SES");
        assertTrue(defaults.throttles(432, "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded"), "Microsoft");
        assertTrue(defaults.throttles(450, "450 4.7.1 rate limit"));
        assertTrue(defaults.throttles(452, "452-4.5.3 Too many recipients"), "a continued reply line");
        assertFalse(defaults.throttles(450, "450 4.2.1 mailbox busy"), "a defer about the mailbox");
        assertFalse(defaults.throttles(450, "450 mailbox unavailable, 4.7.1 later in the text"));
        assertFalse(defaults.throttles(550, "550 5.1.1 no such user"));
        assertFalse(defaults.throttles(null, "connection refused"), "a connection failure is not a signal");
    }

    @Test
    void thePropertyChangesThem() {
        ThrottleCodes codes = DeliveryRules.of(EffectiveProperties.resolve(Map.of("glide.smtp.throttle_codes",
                "451, 5.7.1"))).throttleCodes();
        assertTrue(codes.throttles(451, "451 local error"));
        assertTrue(codes.throttles(550, "550 5.7.1 sending rate exceeded"));
        assertFalse(codes.throttles(421, "421 4.7.0 later"));
    }
}
