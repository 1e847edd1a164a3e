package org.mailconsole.mail.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.Protocol;
import org.mailconsole.mail.connect.ConnectionSettings;

/**
 * The seam for accounts: any {@link LiveConfigSource} drives the live session, and its
 * {@code forConnect} supplies the secret of each new connection (where a fresh OAuth 2.0 token goes).
 */
class ConfigSourceSeamLiveTest {

    @Test
    void theSourceSuppliesTheSecretOfEachNewConnection() throws Exception {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        try {
            server.setUser("app@example.com", "app@example.com", "current-secret");
            AtomicInteger connects = new AtomicInteger();
            ConnectionSettings stored = new ConnectionSettings(Protocol.SMTP, "127.0.0.1", server.getSmtp().getPort(),
                    ConnectionSecurity.NONE, Authentication.PASSWORD, "app@example.com", "stale-secret", 5000, 5000,
                    List.of());
            LiveConfigSource source = new LiveConfigSource() {
                @Override
                public long version() {
                    return 1;
                }

                @Override
                public OutboundConfig outbound() {
                    return new OutboundConfig(null, "Custom SMTP", AccountConnection.of(stored), "app@example.com", "App", List.of(),
                            100, 2, false);
                }

                @Override
                public InboundConfig inbound() {
                    return InboundConfig.refused("no inbound here");
                }

                @Override
                public ConnectionSettings forConnect(AccountConnection connection) {
                    ConnectionSettings settings = connection.settings();
                    connects.incrementAndGet();
                    return new ConnectionSettings(settings.protocol(), settings.host(), settings.port(),
                            settings.security(), settings.authentication(), settings.user(), "current-secret",
                            settings.connectTimeoutMs(), settings.readTimeoutMs(), settings.trustedCertificates());
                }
            };
            Session session = LiveSessionBuilder.create(new CachedConfig(source, () -> 0));
            Transport transport = session.getTransport("smtp");
            transport.connect();
            for (int i = 0; i < 3; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("to@example.com"));
                message.setSubject("seam " + i);
                message.setText("x");
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
            transport.close();
            assertEquals(3, server.getReceivedMessages().length);
            assertEquals(2, connects.get(), "max_send 2: three messages take two connections");
        } finally {
            server.stop();
        }
    }
}
