package org.mailconsole.mail.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.Protocol;
import org.mailconsole.mail.connect.ConnectionSettings;

class ActiveConnectionsTest {
    static final EmailAccount DEFAULT_SMTP = provisioned(1, "Default SMTP", Protocol.SMTP, true,
            EmailAccount.Provisioned.DEFAULT_SMTP);
    static final EmailAccount DEFAULT_POP3 = provisioned(2, "Default POP3", Protocol.POP3, true,
            EmailAccount.Provisioned.DEFAULT_POP3);

    static EmailAccount provisioned(long id, String name, Protocol type, boolean active, EmailAccount.Provisioned p) {
        return EmailAccount.builder().id(id).name(name).type(type).authentication(Authentication.PASSWORD)
                .security(ConnectionSecurity.NONE).active(active).provisioned(p).version(1).build();
    }

    static EmailAccount own(long id, Protocol type, Authentication auth, boolean active) {
        return EmailAccount.builder().id(id).name("own " + id).type(type).authentication(auth)
                .server("mail.example.com").security(ConnectionSecurity.STARTTLS).userName("me@example.com")
                .active(active).tokenUrl("https://t.example/token").clientId("c").passwordSet(true)
                .clientSecretSet(true).version(1).build();
    }

    static final AccountSecrets SECRETS = new AccountSecrets("pw", "cs", null, "access", null);

    @Test
    void sendingOffSkipsEverything() {
        var properties = EffectiveProperties.resolve(Map.of("glide.email.smtp.active", "false",
                "glide.email.server", "smtp.example.com"));
        var outbound = ActiveConnections.outbound(properties, List.of(DEFAULT_SMTP), a -> SECRETS);
        assertFalse(outbound.usable());
        assertTrue(outbound.reason().contains("glide.email.smtp.active"));
    }

    @Test
    void theDefaultSmtpAccountTakesThePropertiesAndABlankServerMeansOff() {
        var blank = ActiveConnections.outbound(EffectiveProperties.resolve(Map.of()), List.of(DEFAULT_SMTP), a -> SECRETS);
        assertFalse(blank.usable());
        assertTrue(blank.reason().contains("System Properties"));

        var properties = EffectiveProperties.resolve(Map.of("glide.email.server", "smtp.example.com",
                "glide.smtp.port", "465", "glide.smtp.encryption", "ssl", "glide.smtp.auth", "true",
                "glide.email.user", "help@example.com", "glide.email.user_password", "prop-pw",
                "glide.smtp.connection_timeout", "1234", "glide.smtp.timeout", "5678"));
        var outbound = ActiveConnections.outbound(properties, List.of(DEFAULT_POP3, DEFAULT_SMTP), a -> SECRETS);
        ConnectionSettings settings = outbound.settings();
        assertEquals("smtp.example.com", settings.host());
        assertEquals(465, settings.port());
        assertEquals(ConnectionSecurity.SSL, settings.security());
        assertEquals(Authentication.PASSWORD, settings.authentication());
        assertEquals("help@example.com", settings.user());
        assertEquals("prop-pw", settings.secret());
        assertEquals(1234, settings.connectTimeoutMs());
        assertEquals(5678, settings.readTimeoutMs());
        assertEquals("smtps", settings.mailProtocol());
    }

    @Test
    void anAdminsActiveSmtpAccountIsUsedWithItsOwnSecret() {
        var properties = EffectiveProperties.resolve(Map.of("glide.email.server", "smtp.example.com"));
        EmailAccount mine = own(5, Protocol.SMTP, Authentication.PASSWORD, true);
        var outbound = ActiveConnections.outbound(properties,
                List.of(DEFAULT_SMTP.toBuilder().active(false).build(), mine), a -> SECRETS);
        assertEquals(5L, outbound.account().id());
        assertEquals("mail.example.com", outbound.settings().host());
        assertEquals(587, outbound.settings().port(), "the usual port for SMTP with STARTTLS");
        assertEquals("pw", outbound.settings().secret());

        var none = ActiveConnections.outbound(properties, List.of(DEFAULT_SMTP.toBuilder().active(false).build()), a -> SECRETS);
        assertFalse(none.usable());
        assertEquals("No SMTP account is active", none.reason());

        var oauth = ActiveConnections.effective(properties, own(6, Protocol.IMAP, Authentication.OAUTH2, true), a -> SECRETS);
        assertEquals("access", oauth.settings().secret(), "the stored access token; callers refresh it");
    }

    @Test
    void inboundIsEveryActivePop3OrImapAccountUnlessReadingIsOff() {
        var properties = EffectiveProperties.resolve(Map.of("glide.email.server", "mail.example.com",
                "glide.email.user", "desk@example.com", "glide.email.user_password", "pw2", "glide.pop3.secure", "true"));
        List<EmailAccount> accounts = List.of(DEFAULT_SMTP, DEFAULT_POP3, own(7, Protocol.IMAP, Authentication.PASSWORD, true),
                own(8, Protocol.POP3, Authentication.PASSWORD, false));
        var inbound = ActiveConnections.inbound(properties, accounts, a -> SECRETS);
        assertEquals(2, inbound.size());
        ConnectionSettings pop3 = inbound.get(0).settings();
        assertEquals("mail.example.com", pop3.host());
        assertEquals(995, pop3.port());
        assertEquals("desk", pop3.user());
        assertEquals("pw2", pop3.secret());
        assertEquals(ConnectionSecurity.SSL, pop3.security());

        var off = ActiveConnections.inbound(EffectiveProperties.resolve(Map.of("glide.email.read.active", "false")),
                accounts, a -> SECRETS);
        assertEquals(2, off.size());
        assertNull(off.get(0).settings());
        assertTrue(off.get(0).reason().contains("glide.email.read.active"));
    }
}
