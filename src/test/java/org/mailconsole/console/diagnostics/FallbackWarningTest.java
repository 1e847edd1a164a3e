package org.mailconsole.console.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailconsole.mail.outbox.FallbackUse;

/** The banner names a fallback in use with the primary's last failure (email-model.md section 7.3). */
class FallbackWarningTest {
    static final Diagnostics.Outbound SENDING = new Diagnostics.Outbound(true, null, null, null, List.of(), null);
    /** Sending, no test address and no account whose secret expires: the banner has nothing else to say. */
    static final Warnings NOTHING_ELSE = Warnings.of(SENDING, List.of(), null);

    @Test
    void noFallbackInUseNoWord() {
        assertEquals(List.of(), NOTHING_ELSE.withFallback(null).items());
    }

    @Test
    void aFallbackInUseIsSaidWithThePrimarysLastFailureAndLinksThePrimary() {
        FallbackUse use = new FallbackUse(3L, "Relay", 9L, "Backup", Instant.parse("2025-03-01T10:00:00Z"),
                Instant.parse("2025-03-01T10:02:00Z"), "Connection refused by relay.example:587");
        Warnings.Warning warning = NOTHING_ELSE.withFallback(use).items().get(0);
        assertEquals("Outbound email goes through the fallback account \"Backup\" in use since 10:00:00 UTC: "
                + "\"Relay\" could not take messages (Connection refused by relay.example:587, at 10:02:00 UTC).",
                warning.text());
        assertEquals("fallbackAccountId", warning.setting());
        assertEquals("/accounts/3", warning.path());
    }
}
