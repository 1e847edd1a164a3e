package org.mailconsole.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The warning about a Graph account's expiring secret or certificate: from 30 days before, and after. */
class SecretExpiryTest {
    static EmailAccount graph(LocalDate expires, boolean certificate) {
        return EmailAccount.builder().id(3L).name("Exchange Online").type(Protocol.GRAPH)
                .graph(new GraphClient("t", "c", "a@b.example", null, null, expires))
                .graphCertificateSet(certificate).graphPrivateKeySet(certificate).build();
    }

    @Test
    void warnsFromThirtyDaysBeforeAndAfter() {
        LocalDate today = LocalDate.of(2026, 12, 6);
        assertEquals("", SecretExpiry.warning(graph(today.plusDays(31), false), today));
        assertEquals("", SecretExpiry.warning(graph(null, false), today));
        String soon = SecretExpiry.warning(graph(today.plusDays(30), false), today);
        assertTrue(soon.startsWith("The client secret of \"Exchange Online\" expires in 30 day(s), on 2027-01-05"), soon);
        assertTrue(SecretExpiry.warning(graph(today, true), today).contains("certificate of \"Exchange Online\" expires today"));
        assertTrue(SecretExpiry.warning(graph(today.minusDays(1), false), today).contains("expired on 2026-12-05"));
    }

    @Test
    void otherAccountsHaveNone() {
        EmailAccount smtp = EmailAccount.builder().id(1L).name("S").type(Protocol.SMTP).build();
        assertEquals("", SecretExpiry.warning(smtp, LocalDate.of(2026, 12, 6)));
    }
}
