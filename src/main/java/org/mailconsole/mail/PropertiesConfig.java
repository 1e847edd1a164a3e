package org.mailconsole.mail;

import static org.mailconsole.model.PropertyCatalog.EMAIL_DISPLAY_NAME;
import static org.mailconsole.model.PropertyCatalog.EMAIL_PASSWORD;
import static org.mailconsole.model.PropertyCatalog.EMAIL_SERVER;
import static org.mailconsole.model.PropertyCatalog.EMAIL_USER;
import static org.mailconsole.model.PropertyCatalog.MAX_RECIPIENTS;
import static org.mailconsole.model.PropertyCatalog.MAX_SEND;
import static org.mailconsole.model.PropertyCatalog.POP3_PASSWORD;
import static org.mailconsole.model.PropertyCatalog.POP3_PORT;
import static org.mailconsole.model.PropertyCatalog.POP3_SECURE;
import static org.mailconsole.model.PropertyCatalog.POP3_SERVER;
import static org.mailconsole.model.PropertyCatalog.POP3_USER;
import static org.mailconsole.model.PropertyCatalog.PRECEDENCE_BULK;
import static org.mailconsole.model.PropertyCatalog.READING_ACTIVE;
import static org.mailconsole.model.PropertyCatalog.SENDING_ACTIVE;
import static org.mailconsole.model.PropertyCatalog.SMTP_AUTH;
import static org.mailconsole.model.PropertyCatalog.SMTP_CONNECT_TIMEOUT;
import static org.mailconsole.model.PropertyCatalog.SMTP_ENCRYPTION;
import static org.mailconsole.model.PropertyCatalog.SMTP_PORT;
import static org.mailconsole.model.PropertyCatalog.SMTP_READ_TIMEOUT;
import static org.mailconsole.model.PropertyCatalog.TEST_USER;

import java.util.List;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.Protocol;

/**
 * Pure functions from the effective properties to the outbound and inbound configuration of the
 * built-in accounts "Default SMTP" and "Default POP3" (email-model.md sections 1 and 4).
 */
public final class PropertiesConfig {
    public static final String DEFAULT_SMTP = "Default SMTP";
    public static final String DEFAULT_POP3 = "Default POP3";

    private PropertiesConfig() {
    }

    public static OutboundConfig outbound(EffectiveProperties p) {
        if (!p.flag(SENDING_ACTIVE)) {
            return OutboundConfig.skipped("email sending is disabled (" + SENDING_ACTIVE + " is false)", DEFAULT_SMTP);
        }
        if (p.text(EMAIL_SERVER).isBlank()) {
            return OutboundConfig.skipped("no outgoing mail server (" + EMAIL_SERVER + " is blank)", DEFAULT_SMTP);
        }
        boolean auth = p.flag(SMTP_AUTH);
        ConnectionSettings connection = new ConnectionSettings(Protocol.SMTP, p.text(EMAIL_SERVER),
                p.integer(SMTP_PORT), ConnectionSecurity.fromApiName(p.text(SMTP_ENCRYPTION)),
                auth ? Authentication.PASSWORD : Authentication.NONE,
                auth ? p.text(EMAIL_USER) : "", auth ? p.text(EMAIL_PASSWORD) : "",
                p.integer(SMTP_CONNECT_TIMEOUT), p.integer(SMTP_READ_TIMEOUT), List.of());
        return new OutboundConfig(null, DEFAULT_SMTP, connection, p.text(EMAIL_USER), p.text(EMAIL_DISPLAY_NAME),
                p.list(TEST_USER), p.integer(MAX_RECIPIENTS), p.integer(MAX_SEND), p.flag(PRECEDENCE_BULK));
    }

    public static InboundConfig inbound(EffectiveProperties p) {
        if (!p.flag(READING_ACTIVE)) {
            return InboundConfig.refused("email receiving is disabled (" + READING_ACTIVE + " is false)");
        }
        if (p.text(POP3_SERVER).isBlank()) {
            return new InboundConfig(null, List.of());
        }
        boolean ssl = p.flag(POP3_SECURE);
        ConnectionSettings pop3 = new ConnectionSettings(Protocol.POP3, p.text(POP3_SERVER), p.integer(POP3_PORT),
                ssl ? ConnectionSecurity.SSL : ConnectionSecurity.NONE, Authentication.PASSWORD,
                p.text(POP3_USER), p.text(POP3_PASSWORD),
                p.integer(SMTP_CONNECT_TIMEOUT), p.integer(SMTP_READ_TIMEOUT), List.of());
        return new InboundConfig(null, List.of(pop3));
    }
}
