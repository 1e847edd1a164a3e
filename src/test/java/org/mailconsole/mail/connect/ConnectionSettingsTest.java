package org.mailconsole.mail.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.Certificates;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.FieldLimits;
import org.mailconsole.model.Protocol;
import org.mailconsole.testing.TestTls;

/**
 * Test Connection, test email and the live session all connect with bounded timeouts, even from old
 * stored values; the settings, built or being built, never show their secret; and a copy keeps every field.
 */
class ConnectionSettingsTest {
    @Test
    void timeoutsStoredBeforeTheBoundAreCutToIt() {
        ConnectionSettings settings = ConnectionSettings.builder().protocol(Protocol.SMTP).host("smtp.example.com")
                .port(25).security(ConnectionSecurity.NONE).authentication(Authentication.NONE)
                .connectTimeoutMs(Integer.MAX_VALUE).readTimeoutMs(0).build();
        assertEquals(FieldLimits.MAX_TIMEOUT_MS, settings.connectTimeoutMs());
        assertEquals(1, settings.readTimeoutMs());
        assertEquals(FieldLimits.MAX_TIMEOUT_MS, settings.withSecret("x").connectTimeoutMs());
    }

    @Test
    void neitherTheSettingsNorTheirBuilderShowTheSecret() {
        ConnectionSettings.Builder builder = ConnectionSettings.builder().protocol(Protocol.SMTP).host("smtp.example.com")
                .port(587).security(ConnectionSecurity.STARTTLS).authentication(Authentication.PASSWORD).user("me")
                .secret("s3cret-pw");
        assertFalse(builder.toString().contains("s3cret"), builder.toString());
        assertFalse(builder.build().toString().contains("s3cret"), builder.build().toString());
        assertFalse(builder.build().withSecret("other-s3cret").toString().contains("s3cret"));
    }

    @Test
    void toBuilderKeepsEveryField() throws Exception {
        ConnectionSettings settings = ConnectionSettings.builder().protocol(Protocol.IMAP).host("imap.example.com")
                .port(993).security(ConnectionSecurity.SSL).authentication(Authentication.OAUTH2).user("me")
                .secret("token").connectTimeoutMs(4000).readTimeoutMs(6000)
                .trustedCertificates(Certificates.parsePem(TestTls.certificatePem())).build();
        assertEquals(settings, settings.toBuilder().build());
        assertEquals("fresh", settings.withSecret("fresh").secret());
        assertEquals(settings, settings.withSecret("fresh").withSecret("token"));
    }
}
