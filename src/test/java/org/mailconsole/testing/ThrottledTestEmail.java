package org.mailconsole.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.mailconsole.console.LiveTestEmail;
import org.mailconsole.mail.engine.SharedEngine;
import org.mailconsole.model.emaillog.EmailEntry;
import org.mailconsole.model.emaillog.EmailState;

/**
 * The console's test email sent while the relay answers with a throttle signal, and what
 * email-model.md section 7.1 promises of it: not sent yet, saying why, back in the Outbox with no
 * attempt recorded and no retry step used.
 */
public final class ThrottledTestEmail {
    private ThrottledTestEmail() {
    }

    /** Sends the test email and checks that promise; its entry. */
    public static EmailEntry sendAndExpectItBack(SharedEngine core) {
        LiveTestEmail.Result result = new LiveTestEmail(core.session(), core.outbox()).send("admin@shop.example");
        assertFalse(result.ok());
        assertTrue(result.message().startsWith("not sent yet: throttled by the relay until "), result.message());
        EmailEntry entry = core.log().find(result.entryId()).orElseThrow();
        assertEquals(EmailState.SEND_READY, entry.state());
        assertEquals(0, entry.attempts(), "section 7.1: no attempt recorded, no retry step used");
        return entry;
    }
}
