package org.mailconsole.mail.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.MaxConnections;
import org.mailconsole.model.RateLimits;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.FilterDirection;

/** The outbound configuration built by name: a copy keeps every field, and a fallback's own fallback is not followed. */
class OutboundConfigTest {
    static OutboundConfig config(long id, String name) {
        return OutboundConfig.builder().accountName(name).account(new AccountConnection(id, true, null, null))
                .fromAddress("app@x.example").displayName("App").testRecipients(List.of("test@x.example"))
                .maxRecipients(50).maxSend(20).precedenceBulk(true)
                .addressFilter(new AddressFilter(3L, "Outbound", FilterDirection.OUTBOUND, true, true, List.of(), 1))
                .maxConnections(2).rateLimits(new RateLimits(30, 1000)).build();
    }

    @Test
    void toBuilderKeepsEveryField() {
        OutboundConfig config = config(7, "Relay").withFallback(config(8, "Backup"));
        assertEquals(config, config.toBuilder().build());
    }

    @Test
    void aFallbacksOwnFallbackIsNotFollowed() {
        OutboundConfig backup = config(8, "Backup").withFallback(config(9, "Last resort"));
        OutboundConfig relay = config(7, "Relay").withFallback(backup);
        assertEquals(config(8, "Backup"), relay.fallback());
        assertNull(relay.fallback().fallback());
    }

    @Test
    void whatIsNotSetIsNoTestRecipientsNoFilterConnectionsDefaultNoLimitsAndNoFallback() {
        OutboundConfig config = OutboundConfig.builder().accountName("Relay").fromAddress("").displayName("").build();
        assertEquals(List.of(), config.testRecipients());
        assertNull(config.addressFilter());
        assertEquals(MaxConnections.DEFAULT, config.maxConnections());
        assertEquals(RateLimits.NONE, config.rateLimits());
        assertNull(config.fallback());
    }
}
