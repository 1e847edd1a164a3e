package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.Protocol;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.live.AccountConnection;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.InboundConfig;
import org.mailconsole.mail.live.LiveConfigSource;
import org.mailconsole.mail.live.OutboundConfig;
import java.io.ByteArrayOutputStream;

/**
 * The seam for accounts: any {@link LiveConfigSource} drives the Outbox's deliveries, and its
 * {@code forConnect} supplies the secret of each new connection (where a fresh OAuth 2.0 token goes);
 * a connection is kept for max_send messages.
 */
class SmtpDeliverySeamTest {

    @Test
    void theSourceSuppliesTheSecretOfEachNewConnection() throws Exception {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        try {
            server.setUser("app@example.com", "app@example.com", "current-secret");
            AtomicInteger connects = new AtomicInteger();
            ConnectionSettings stored = ConnectionSettings.builder().protocol(Protocol.SMTP).host("127.0.0.1")
                    .port(server.getSmtp().getPort()).security(ConnectionSecurity.NONE)
                    .authentication(Authentication.PASSWORD).user("app@example.com").secret("stale-secret")
                    .connectTimeoutMs(5000).readTimeoutMs(5000).build();
            LiveConfigSource source = new LiveConfigSource() {
                @Override
                public long version() {
                    return 1;
                }

                @Override
                public OutboundConfig outbound() {
                    return OutboundConfig.builder().accountName("Custom SMTP").account(new AccountConnection(null, false, stored, null))
                            .fromAddress("app@example.com").displayName("App").maxRecipients(100).maxSend(2).build();
                }

                @Override
                public InboundConfig inbound() {
                    return InboundConfig.refused("no inbound here");
                }

                @Override
                public ConnectionSettings forConnect(AccountConnection connection) {
                    connects.incrementAndGet();
                    return connection.settings().withSecret("current-secret");
                }
            };
            ConfigSnapshot snapshot = new ConfigSnapshot(source.version(), source.outbound(), source.inbound(),
                    source.deliveryRules());
            try (SmtpDelivery delivery = new SmtpDelivery(source, new AtomicInteger())) {
                for (int i = 0; i < 3; i++) {
                    MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
                    message.setRecipient(Message.RecipientType.TO, new InternetAddress("to@example.com"));
                    message.setSubject("seam " + i);
                    message.setText("x");
                    message.saveChanges();
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    message.writeTo(bytes);
                    Delivery done = delivery.deliver(snapshot, bytes.toByteArray(), List.of("to@example.com"));
                    assertEquals(250, done.replyCode(), done.reply());
                }
            }
            assertEquals(3, server.getReceivedMessages().length);
            assertEquals(2, connects.get(), "max_send 2: three messages take two connections");
        } finally {
            server.stop();
        }
    }
}
