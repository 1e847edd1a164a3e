package org.mailconsole.mail.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.FieldLimits;
import org.mailconsole.model.Protocol;

/** Test Connection, test email and the live session all connect with bounded timeouts, even from old stored values. */
class ConnectionSettingsTest {
    @Test
    void timeoutsStoredBeforeTheBoundAreCutToIt() {
        ConnectionSettings settings = new ConnectionSettings(Protocol.SMTP, "smtp.example.com", 25,
                ConnectionSecurity.NONE, Authentication.NONE, null, null, Integer.MAX_VALUE, 0, List.of());
        assertEquals(FieldLimits.MAX_TIMEOUT_MS, settings.connectTimeoutMs());
        assertEquals(1, settings.readTimeoutMs());
        assertEquals(FieldLimits.MAX_TIMEOUT_MS, settings.withSecret("x").connectTimeoutMs());
    }
}
