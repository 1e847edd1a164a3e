package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxTimingTest {
    @Test
    void theDefaultsAreAThirtySecondLeaseRenewedEveryTenAndAFiveSecondSweep() {
        OutboxTiming timing = OutboxTiming.from(name -> null);
        assertEquals(Duration.ofSeconds(30), timing.lease());
        assertEquals(Duration.ofSeconds(10), timing.renewEvery());
        assertEquals(Duration.ofSeconds(5), timing.sweep());
    }

    @Test
    void anAdminsSecondsAreUsed() {
        Map<String, String> set = Map.of(OutboxTiming.LEASE_SECONDS, " 20 ", OutboxTiming.SWEEP_SECONDS, "1");
        OutboxTiming timing = OutboxTiming.from(set::get);
        assertEquals(Duration.ofSeconds(20), timing.lease());
        assertEquals(Duration.ofSeconds(1), timing.sweep());
    }

    @Test
    void aBadValueIsRefusedNamingTheProperty() {
        for (String bad : new String[] {"0", "2", "-3", "5m", "PT5M", "3601"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OutboxTiming.from(Map.of(OutboxTiming.LEASE_SECONDS, bad)::get));
            assertTrue(e.getMessage().contains(OutboxTiming.LEASE_SECONDS) && e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> OutboxTiming.from(Map.of(OutboxTiming.SWEEP_SECONDS, "x")::get));
    }
}
